"""The desk: one rep's session at the cockpit screen, kept apart from the screen (no Textual here).

Keys are applied strictly in the order pressed. A key's target is fixed when it is pressed, and the
selection then moves as it would have once the keys before it had finished: the engine (pure and
cheap) predicts each pending key's result on the state the key before left, and the selection moves
over that predicted list. One writer thread runs the writes first in, first out, and hands each
acknowledgement back in the same order, so the last acknowledgement is always the last key's.

What the desk keeps: the book and its rules and clock, the agenda as last read plus what was written
since that read, the keys still being written, the undo stack (outcomes in key order), and the
book's fingerprint as of our last read or write (anything else is "changed elsewhere").

The cursor after a key goes to the next prospect who can be called now: those outside their calling
hours wait below (engine.queue orders them last) and are skipped. With nobody callable left below, the
key is the end of the list: the cursor stays, and the next outcome key is refused at press time until
the rep moves or undoes (`done`), so a burst on the last row logs once, as slow typing does.
"""

from __future__ import annotations

import itertools
import queue as fifo
import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

from . import actions
from .engine import outcomes as engine
from .engine import queue
from .engine.edits import edited
from .engine.outcomes import MissingDetail, OutcomeRefused
from .engine.rules import Rules
from .errors import StorageError
from .model import Prospect

REFUSALS = (OutcomeRefused, MissingDetail, actions.InputError)
LISTS = ("today", "overdue")
UNDOABLE = ("outcome", "edit")  # keys that go on the undo stack


@dataclass
class Entry:
    """One outcome on the undo stack: who, their state before it, and its activity once written."""
    key: int
    pid: str
    before: Prospect | None
    activity_id: str | None = None
    failed: bool = False


@dataclass(frozen=True)
class Key:
    """A key as pressed: what it does, to whom, at what time; `predicted` is the engine's result on
    the state the key before left (None when it cannot be told before writing)."""
    seq: int
    kind: str  # "outcome", "edit" (a record fixed: undone like an outcome) or "undo"
    pid: str | None
    outcome: str = ""
    details: dict = field(default_factory=dict)
    now: datetime | None = None
    predicted: Prospect | None = None
    undoes: Entry | None = None  # for an undo: the stack entry it takes back (None: the book's last)
    last: bool = False  # nobody callable below it: the end of today's list


@dataclass(frozen=True)
class Logged:
    key: Key
    result: engine.Result
    seq: int      # orders the write against reads (see `Desk.read_begins`)
    stale: bool   # another process had written before it: the screen reads the book again
    seen: tuple = ()  # the book's fingerprint (before the write, after it): what was read can follow


@dataclass(frozen=True)
class Undid:
    key: Key
    activity: object
    prospect: Prospect
    seq: int
    can_undo: bool
    stale: bool
    seen: tuple = ()  # as Logged's


@dataclass(frozen=True)
class Refused:
    key: Key | None
    text: str
    reread: bool = True  # False: the engine refused on the state shown, nothing changed, nothing to read


Ack = Logged | Undid | Refused


class Desk:
    """The session's bookkeeping and its one writer. Thread-safe: the screen's thread presses and
    acknowledges, the writer thread writes; `deliver` is called on the writer thread, in key order."""

    def __init__(self, book, rules: Rules, now: Callable[[], datetime], *,
                 deliver: Callable[[Ack], None] | None = None, limit: int | None = None) -> None:
        self.book, self.rules, self.now = book, rules, now
        self.deliver = deliver or self.acknowledge  # without a screen, acknowledged as soon as written
        self.limit = limit                 # rows a list shows: the cursor moves within them
        self.agenda: queue.Agenda | None = None  # as read, plus what was acknowledged since
        self.selected: str | None = None
        self.listing = "today"
        self.pending: list[Key] = []       # pressed, not yet acknowledged, in key order
        self.stack: list[Entry] = []       # outcomes that undo would take back, in key order
        self.book_undo = False             # can the book's own last activity be undone (below the stack)
        self.patches: dict[str, tuple[int, Prospect]] = {}  # prospect id -> (seq, state) written since the read
        self.applied_seq = -1
        self.seen: tuple | None = None     # the book's fingerprint as of our last read or write
        self.write_lock = threading.Lock()  # one write (or read's start) at a time
        self.state = threading.RLock()      # the bookkeeping above, between the two threads
        self._keys = itertools.count()
        self._seq = itertools.count()
        self._written: dict[int, str] = {}  # key seq -> activity id (writer thread only)
        self._failed: set[int] = set()      # key seqs whose write failed (writer thread only)
        self._fifo: fifo.Queue = fifo.Queue()
        self._writer: threading.Thread | None = None
        self.done: tuple[str, int, str] | None = None  # (prospect id, key seq, name) logged at the end of the list
        self.last_logged: tuple[str, str] | None = None  # (id, name) of the last outcome key: '.' notes it
        self._last_logged_key: int | None = None
        self.found: Prospect | None = None  # opened with / (maybe not on today's list), as last written
        self.left_at: str | None = None     # the row the rep was on before: where the cursor goes back

    # ---- what the screen shows and where the cursor is ----------------------------------------------

    def view(self) -> queue.Agenda | None:
        """The agenda as it will be once every pending key is written."""
        with self.state:
            agenda = self.agenda
            if agenda is None:
                return None
            for key in self.pending:
                if key.predicted is not None:
                    agenda = queue.placed(agenda, key.predicted, self.rules)
            return agenda

    def ids(self, agenda: queue.Agenda | None = None, listing: str | None = None) -> list[str]:
        agenda = agenda if agenda is not None else self.view()
        if agenda is None:
            return []
        if (listing or self.listing) == "overdue":  # as the overdue pane shows it: not in today's rows
            items = queue.overdue_apart(agenda, self.limit)
        else:
            items = agenda.today
        ids = [i.prospect.id for i in items]
        return ids if self.limit is None else ids[:self.limit]

    def prospect(self, pid: str | None, agenda: queue.Agenda | None = None) -> Prospect | None:
        agenda = agenda if agenda is not None else self.view()
        item = agenda.where.get(pid) if agenda is not None and pid else None
        if item is None and pid is not None and self.found is not None and self.found.id == pid:
            return self.found_view()
        return item.prospect if item is not None else None

    def open_found(self, prospect: Prospect) -> None:
        """The rep picked someone with /: the desk acts on them as on a row of today's list."""
        with self.state:
            if self.selected != prospect.id:
                self.left_at = self.selected
            self.found = prospect
            self.selected = prospect.id
            self.done = None  # a prospect picked by hand: keys apply to them, even after the list's end

    def found_view(self) -> Prospect | None:
        """The found prospect as it will be once its pending keys are written (predicted for bursts)."""
        with self.state:
            found = self.found
            if found is None:
                return None
            for key in self.pending:
                if key.pid == found.id and key.predicted is not None:
                    found = key.predicted
            return found

    def off_list(self, pid: str | None) -> bool:
        """A found prospect who is not on today's list as it will be."""
        return pid is not None and self.found is not None and pid == self.found.id and pid not in self.ids()

    def select(self, pid: str | None, listing: str | None = None) -> None:
        with self.state:
            self.selected = pid
            if listing in LISTS:
                self.listing = listing

    def move(self, step: int) -> str | None:
        """j/k: the cursor moves over the list as it will be, not as it was before the pending keys.
        A step as large as the list reaches its first or last row (Home/End)."""
        with self.state:
            self.done = None  # the rep moved: the next key is theirs to press
            ids = self.ids()
            if ids:
                at = ids.index(self.selected) if self.selected in ids else 0
                self.selected = ids[max(0, min(len(ids) - 1, at + step))]
            return self.selected

    def back_to_list(self) -> str | None:
        """Esc on someone found with / who is on no list: the cursor returns to the row the rep left."""
        with self.state:
            if not self.off_list(self.selected):
                return None
            self.done = None
            ids = self.ids()
            self.selected = self.left_at if self.left_at in ids else (ids[0] if ids else None)
            return self.selected

    def release(self) -> None:
        """The rep picked a row themselves (Enter, a click): keys apply to it again."""
        with self.state:
            self.done = None

    def refusal(self) -> str | None:
        """Why an outcome key on the selection is refused right now (None: it is not)."""
        with self.state:
            if self.done is None:
                return None
            return f"Already logged {self.done[2]}: move (↑) or undo (u) first"

    def refuse_at_end(self) -> Refused | None:
        """An outcome key after the end of the list, before any move: refused now, nothing queued to
        write; the refusal is acknowledged after the keys before it, as the last key's word."""
        with self.state:
            text = self.refusal()
            if text is None:
                return None
            refused = Refused(None, text, reread=False)
        self._send(lambda: refused)
        return refused

    def _next_callable(self, pid: str, before: list[str], after: queue.Agenda, callable_only: bool) -> str | None:
        """The first prospect below `pid` (as the list stood) still on the list and callable now."""
        shown = set(self.ids(after))
        at = before.index(pid) if pid in before else len(before)
        for other in before[at + 1:]:
            item = after.where.get(other)
            if other in shown and item is not None and (item.callable_now or not callable_only):
                return other
        return None

    def _settle_selection(self, before: list[str], agenda: queue.Agenda) -> None:
        """The selected row left the list: the cursor stays at its row number, as a table's does."""
        ids = self.ids(agenda)
        if self.found is not None and self.selected == self.found.id and self.selected not in ids:
            return  # someone found with / is on no list: the cursor stays on them until a key moves it
        if self.selected in ids or not ids:
            self.selected = self.selected if ids else None
            return
        at = before.index(self.selected) if self.selected in before else 0
        self.selected = ids[min(at, len(ids) - 1)]

    # ---- keys ----------------------------------------------------------------------------------------

    def press(self, outcome: str, details: dict | None = None, pid: str | None = None,
              move: bool = True) -> Key | Refused | None:
        """An outcome key on the selected prospect (or `pid`): queued for the writer, the cursor moves on.
        Refused (nothing queued) when the key before it was the end of the list and nobody moved since.

        `move=False` for a key pressed elsewhere (the break-up list): the cursor stays where it is."""
        with self.state:
            if move and self.done is not None:
                return self.refuse_at_end()  # never logged twice, burst or not
            pid = pid or self.selected
            if pid is None:
                return None
            view = self.view()
            target = self.prospect(pid, view)
            details = dict(details or {})
            now = self.now()
            predicted, refused = None, False
            if target is not None:
                engine_details = {k: v for k, v in details.items() if k not in ("wrap_seconds", "talk_seconds")}
                try:
                    predicted = engine.apply_outcome(target, outcome, now, self.rules, **engine_details).prospect
                except (*REFUSALS, ValueError):
                    refused = True  # the write will refuse it too, and say why
            last, following = False, pid
            if move and not refused and view is not None:
                item = view.where.get(pid)
                after = queue.placed(view, predicted, self.rules) if predicted is not None else view
                following = self._next_callable(pid, self.ids(view), after, item is None or item.callable_now)
                last = following is None
            key = Key(next(self._keys), "outcome", pid, outcome, details, now, predicted, last=last)
            if not refused and outcome not in engine.NOT_CALLS and target is not None:
                self.last_logged, self._last_logged_key = (pid, target.name), key.seq
            if not refused:
                # A key the engine refuses is never on the undo stack, pending or not: `u` right after
                # it takes back the outcome before it, in a burst exactly as when typed slowly.
                self.stack.append(Entry(key.seq, pid, target))
            self.pending.append(key)
            if move and not refused:  # nothing was logged: the cursor stays on the prospect it refused
                ids = self.ids(view)
                if pid not in ids and self.found is not None and pid == self.found.id:
                    # Someone found with /, not on the list: back to the row the rep left for them.
                    now_ids = self.ids()
                    self.selected = self.left_at if self.left_at in now_ids else (now_ids[0] if now_ids else pid)
                elif last:
                    # The end of the list: the cursor stays, and so does the prospect's name for the refusal.
                    self.selected, self.done = pid, (pid, key.seq, target.name if target else pid)
                else:
                    self.selected = following
                self._settle_selection(ids, self.view())
        self._send(key)
        return key

    def can_undo(self) -> bool:
        """Something this key would undo: an outcome on the stack, or the book's own last one (once no
        other undo of the book's history is still on its way)."""
        with self.state:
            if self.stack:
                return True
            return self.book_undo and not any(k.kind == "undo" and k.undoes is None for k in self.pending)

    def undo(self) -> Key | None:
        """Undo the last outcome in key order (pending or written); None when there is nothing."""
        with self.state:
            if not self.can_undo():
                return None
            entry = self.stack.pop() if self.stack else None
            self.done = None  # what was logged at the end is taken back: keys apply again
            if entry is None or entry.key == self._last_logged_key:
                self.last_logged = None  # that outcome taken back: '.' has nothing to note
            if entry is None:
                self.book_undo = False  # the book's history: the acknowledgement says whether there is more
            predicted = entry.before if entry is not None else None
            pid = entry.pid if entry is not None else None
            key = Key(next(self._keys), "undo", pid, now=self.now(), predicted=predicted, undoes=entry)
            self.pending.append(key)
            if pid is not None:
                self.selected = pid
        self._send(key)
        return key

    def run(self, job: Callable[[], object]) -> None:
        """Any other write (research, add, away, a block): through the same queue, after the keys before it."""
        self._send(job)

    # ---- the writer ----------------------------------------------------------------------------------

    def _send(self, item) -> None:
        with self.state:
            if self._writer is None or not self._writer.is_alive():
                self._writer = threading.Thread(target=self._drain, name="cockpit-desk-writer", daemon=True)
                self._writer.start()
        self._fifo.put(item)

    def _drain(self) -> None:
        while True:
            item = self._fifo.get()
            try:
                if item is None:
                    return
                try:
                    ack = self._write(item) if isinstance(item, Key) else item()
                except Exception as exc:  # noqa: BLE001 - the writer must outlive any one write
                    if isinstance(item, Key):
                        self._failed.add(item.seq)
                    ack = Refused(item if isinstance(item, Key) else None, f"Something went wrong: {exc}")
                if isinstance(item, Key) or isinstance(ack, Refused):
                    self.deliver(ack)
            finally:
                self._fifo.task_done()

    def wait(self) -> None:
        """Until every key pressed so far is written and acknowledged to `deliver`."""
        self._fifo.join()

    def close(self) -> None:
        """Finish every queued write, then stop the writer (before the book closes)."""
        if self._writer is not None and self._writer.is_alive():
            self._fifo.put(None)
            self._writer.join()

    def someone_else_wrote(self) -> bool:
        """Call under write_lock: has the book changed since our last read or write?"""
        return self.seen is not None and actions.book_state(self.book) != self.seen

    def _write(self, key: Key) -> Ack:
        with self.write_lock:
            try:
                stale = self.someone_else_wrote()
                if key.kind == "outcome":
                    result = actions.log(self.book, self.rules, key.pid, key.outcome, key.now, **key.details)
                elif key.kind == "edit":
                    result = self._write_edit(key)
                else:
                    # One transaction from the check to the undo: nobody logs elsewhere between them.
                    with self.book.transaction():
                        if key.undoes is not None:
                            wanted = self._written.get(key.undoes.key)
                            last = self.book.last_activity()
                            if key.undoes.key in self._failed or wanted is None:
                                return Refused(key, "Nothing undone: the outcome before it was not logged.")
                            if last is None or last.id != wanted:
                                return Refused(key, "Not undone: another outcome was logged since (elsewhere); "
                                                    "the list is read again.")
                        undone = actions.undo_last(self.book)
                        if undone is None:
                            return Refused(key, "Nothing to undo.")
                        last = self.book.last_activity()
            except REFUSALS as exc:
                self._failed.add(key.seq)
                return Refused(key, f"{'Not saved' if key.kind == 'edit' else 'Not logged'}: {exc}", reread=stale)
            except StorageError as exc:
                self._failed.add(key.seq)
                return Refused(key, f"{'Not undone' if key.kind == 'undo' else 'Not saved'} — {exc}")
            before, self.seen = self.seen, actions.book_state(self.book)
            if key.kind in UNDOABLE:
                self._written[key.seq] = result.activity.id
                return Logged(key, result, next(self._seq), stale, (before, self.seen))
            can = last is not None and bool(last.before)
            # An outcome logged elsewhere (another process, an earlier session): read it all again.
            return Undid(key, undone[0], undone[1], next(self._seq), can, stale or key.undoes is None,
                         (before, self.seen))

    # ---- acknowledgements (the screen's thread) -------------------------------------------------------

    def acknowledge(self, ack: Ack) -> None:
        """A write came back: the written state replaces the prediction; the undo stack follows."""
        with self.state:
            key = ack.key
            before = self.ids()
            if key is not None and key in self.pending:
                self.pending.remove(key)
            if isinstance(ack, Logged):
                for entry in self.stack:
                    if entry.key == key.seq:
                        entry.activity_id = ack.result.activity.id
                self._place(ack.seq, ack.result.prospect, before)
                if ack.stale:
                    self._forget_written()
            elif isinstance(ack, Undid):
                self._place(ack.seq, ack.prospect, before)
                if not self.stack and not self.pending:
                    self.book_undo = ack.can_undo
                if ack.stale:
                    self._forget_written()
            elif key is not None and key.kind in UNDOABLE:
                self.stack = [e for e in self.stack if e.key != key.seq]  # nothing written, nothing to undo
                if self.done is not None and self.done[1] == key.seq:
                    self.done = None  # the end-of-list key was not logged: nothing to protect

    def _forget_written(self) -> None:
        """Another process wrote in between: undo goes by the book's own last outcome from now on."""
        self.stack = [e for e in self.stack if e.activity_id is None]

    def _place(self, seq: int, prospect: Prospect, before: list[str]) -> None:
        self.patches[prospect.id] = (seq, prospect)
        if self.found is not None and self.found.id == prospect.id:
            self.found = prospect
        if self.agenda is not None:
            self.agenda = queue.placed(self.agenda, prospect, self.rules)
            self._settle_selection(before, self.view())

    # ---- reading -----------------------------------------------------------------------------------

    def read_begins(self) -> int:
        """Before a full read (in a worker): a write numbered after this may be missing from it."""
        with self.write_lock:
            seq = next(self._seq)
            self.seen = actions.book_state(self.book)
        return seq

    def read(self, seq: int, agenda: queue.Agenda, can_undo: bool | None, found: Prospect | None = None) -> bool:
        """A full read arrived; False when a newer one is shown already (reads can finish out of order).
        Writes that may have landed after the read began are placed again on top of it."""
        with self.state:
            if seq < self.applied_seq:
                return False
            self.applied_seq = seq
            self.patches = {pid: (s, p) for pid, (s, p) in self.patches.items() if s > seq}
            if found is not None and self.found is not None and found.id == self.found.id:
                # The found prospect as read, unless one of our writes landed after the read began.
                self.found = self.patches[found.id][1] if found.id in self.patches else found
            for _, p in sorted(self.patches.values(), key=lambda patch: patch[0]):
                agenda = queue.placed(agenda, p, self.rules)
            self.agenda = agenda
            if can_undo is not None and not self.stack and not self.pending:
                self.book_undo = can_undo
            return True

    def changed_elsewhere(self) -> bool:
        """Another process wrote since our last read or write (False while we are writing: look later)."""
        if self.book is None or not self.write_lock.acquire(blocking=False):
            return False
        try:
            return self.someone_else_wrote()
        finally:
            self.write_lock.release()

    def checkpoint(self) -> None:
        """The journal folded in between keys; our own change, nothing to read again."""
        with self.write_lock:
            if self.book.checkpoint_due():
                self.book.checkpoint()
                self.seen = actions.book_state(self.book)

    def note_book_undo(self, can_undo: bool) -> None:
        """Whether the book's own last activity can be undone (read once the history is loaded)."""
        with self.state:
            if not self.stack and not self.pending:
                self.book_undo = can_undo

    # ---- fixing a record (engine/edits.py): on the undo stack in key order, like an outcome ------------

    def press_edit(self, pid: str, changes: dict) -> Key:
        """The edit form saved: predicted on the state the keys before leave, written after them, and
        `u` right after takes it back. The cursor stays on the prospect being fixed."""
        with self.state:
            view = self.view()
            target = self.anywhere(pid)
            now = self.now()
            predicted, refused = None, False
            if target is not None:
                try:
                    predicted = edited(target, changes, now, self.rules).prospect
                except ValueError:
                    refused = True  # the write refuses it too, and says why
            key = Key(next(self._keys), "edit", pid, "edit", dict(changes), now, predicted)
            if not refused:
                self.stack.append(Entry(key.seq, pid, target))
            self.pending.append(key)
            # Edited off the list (a later step): the cursor moves as it will once the edit is written.
            self._settle_selection(self.ids(view), self.view())
        self._send(key)
        return key

    def anywhere(self, pid: str | None) -> Prospect | None:
        """The prospect as it will be once the pending keys are written: on today's list or overdue."""
        view = self.view()
        found = self.prospect(pid, view)
        if found is None and view is not None and pid:
            found = next((i.prospect for i in view.overdue if i.prospect.id == pid), None)
        return found

    def _write_edit(self, key: Key) -> engine.Result:
        return actions.edit(self.book, self.rules, key.pid, key.details, key.now)

    def idle(self) -> bool:
        with self.state:
            return not self.pending
