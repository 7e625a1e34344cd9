"""The cockpit: today's calls, overdue follow-ups, research, and the one-key outcome logger.

Keys go to the desk (cockpit.desk): it applies them strictly in the order pressed and writes them
through one first-in-first-out writer; the screen says "logged" only when the write has returned
(the `Saved` message, posted in key order). Threads never touch widgets.

A keypress costs what it changed: the logged prospect is placed again in the agenda by the engine
(`queue.placed`) and only its rows change on screen. The whole agenda is read again (`reload`, in a
worker) when something else may have changed: start-up, a new minute, another process's write, the
rep's other commands (block, research, add, away, import).
"""

from __future__ import annotations

import threading

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static
from textual.worker import Worker, WorkerState

from ... import actions
from ...desk import Desk, Logged, Refused, Undid
from ...engine import card as card_mod
from ...engine import queue
from ...engine.block import Block, Tally, counted, tally
from ...engine.location import location_of
from ...engine.outcomes import LABELS, NOT_CALLS, OUTCOMES
from ...engine.text import visible
from ...errors import StorageError
from ..quiet_gc import QuietCollector
from ..widgets.block_header import BlockHeader
from ..widgets.outcome_bar import IDLE, IDLE_EMPTY, OutcomeBar
from ..widgets.research import ResearchPane
from ..widgets.today import MAX_ROWS, OverdueTable, ProspectTable, TodayTable
from .desk_tools import DeskTools, Pending
from .edit import Changes, EditScreen, checker
from .messages import CardReady, Failed, Loaded, Noted, Said, Saved, Undone, UndoState
from .outcome_prompts import OutcomePrompts
from .snooze_notes import SnoozeAndNotes
from .type_ahead import OpensDialogs
from .welcome import WelcomeScreen


def outcome_bindings(keys: dict[str, str]) -> list[Binding]:
    """One hidden binding per outcome (the bar draws the legend); ids let the keymap remap them."""
    return [Binding(key, f"outcome('{name}')", LABELS[name], show=False, id=f"outcome.{name}")
            for name, key in keys.items()]


class MainScreen(OpensDialogs, OutcomePrompts, DeskTools, SnoozeAndNotes, Screen):
    # Outcome keys carry ids; the app maps the rep's configured keys onto them with set_keymap.
    BINDINGS = outcome_bindings(OUTCOMES) + [
        Binding("u", "undo", "Undo", show=False, id="outcome.undo"),  # in the bar's legend
        Binding("s", "start_block", "Block", id="block.start"),
        Binding("B", "breakups", "Break-ups", id="breakups.open"),
        Binding("i", "edit_research", "Research", id="research.edit"),
        Binding("a", "add", "Add", show=False, id="prospect.add"),
        Binding("p", "copy_phone", "Copy #", show=False, id="dial.copy"),
        Binding("C", "copy_script", "Copy script", show=False, id="script.copy"),
        Binding("O", "toggle_talk", "Opener", show=False, id="script.opener"),
        Binding("t", "dial", "Dial", show=False, id="dial.tel"),
        Binding("y", "why", "Why", id="queue.why"),
        Binding("S", "stats", "Stats", id="stats.open"),
        Binding("r", "reload", "Reload", show=False, id="book.reload"),
        Binding("j", "move(1)", "Down", show=False, id="cursor.down"),
        Binding("k", "move(-1)", "Up", show=False, id="cursor.up"),
        Binding("E", "edit_prospect", "Edit", show=False, id="prospect.edit"),
        # flow: the list's Home/End/PageUp/PageDown, through the desk's selection as j/k
        Binding("home,ctrl+home", "first", "First row", show=False, id="cursor.first"),
        Binding("end,ctrl+end", "last", "Last row", show=False, id="cursor.last"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="cursor.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="cursor.page_down"),
        Binding("N", "note", "Note", show=False, id="note.add"),
        Binding("full_stop", "note_last", "Note on last", show=False, id="note.last"),
        Binding("slash", "find", "Find", show=False, id="prospect.find"),
        Binding("escape", "back_to_list", "Back to the list", show=False, id="prospect.back"),
    ]

    def __init__(self, book, config, clock) -> None:
        super().__init__()
        # `book` is None when the app opens it after the first frame: the first reload does.
        self.config, self.clock = config, clock
        # The session's bookkeeping and its one writer; acknowledgements come back as messages.
        self.desk = Desk(book, config.rules(), clock, deliver=self.deliver, limit=MAX_ROWS)
        self.empty_text = ""
        self.empty_shown: str | None = None
        self.block: Block | None = None
        self.tally = Tally()
        self.can_undo = False
        self.reloading = False
        self.card_for: str | None = None
        self.landed_on: str | None = None
        self.selected_at = clock()
        self.collector = QuietCollector()
        self.pending: Pending | None = None
        self.quiet_checkpoints = True  # the journal is checkpointed between keys (checkpoint_worker)
        self.recapped: set[str] = set()  # blocks whose recap was shown: once each
        self.dialled = None  # (prospect id, when t was pressed): the talk timer
        self.card_seq = 0  # the last card asked for (CardReady answers with it)
        self.card_shown = None  # the card on screen
        self.finder = None  # (the book's fingerprint, engine.find.Index): what / searches, kept in step
        self.finder_lock = threading.Lock()  # set in a worker, followed on the screen's thread

    # What the desk keeps, under the names the screen and its parts use.
    book = property(lambda self: self.desk.book, lambda self, book: setattr(self.desk, "book", book))
    rules = property(lambda self: self.desk.rules, lambda self, rules: setattr(self.desk, "rules", rules))
    agenda = property(lambda self: self.desk.agenda)

    @property
    def selected(self) -> str | None:
        return self.desk.selected

    @selected.setter
    def selected(self, prospect_id: str | None) -> None:
        self.desk.select(prospect_id)
        self.landed()

    def landed(self) -> None:
        # When the rep lands on a prospect: the wrap-up time of its outcome is measured from here.
        if self.desk.selected != self.landed_on:
            self.landed_on, self.selected_at = self.desk.selected, self.clock()

    def deliver(self, ack) -> None:
        """On the desk's writer thread: each write's acknowledgement, posted in key order."""
        if isinstance(ack, Logged):
            self.post_message(Saved(ack.result, ack.seq, ack.stale, ack))
        elif isinstance(ack, Undid):
            self.post_message(Undone(ack.activity, ack.prospect, ack.seq, ack.can_undo, ack.stale, ack))
        else:
            self.post_message(Failed(ack.text, ack))

    # ---- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # With the book still to open, the first frame is the screen's outline (cheap to draw); the
        # tables and the footer are mounted right after it, then the book is read.
        outline = self.book is None
        yield BlockHeader(id="block-header")
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield Static(id="today-outline", classes="outline") if outline else TodayTable(id="today")
                yield Label("", id="today-empty")
                yield Static(id="overdue-outline", classes="outline") if outline else OverdueTable(id="overdue")
            yield ResearchPane(id="research")
        yield OutcomeBar(self.config.keys, id="outcome-bar")
        if not outline:
            yield Footer()

    def on_mount(self) -> None:
        self.query_one("#research", ResearchPane).show(None, "Loading the book…")
        if self.book is None:
            self.query_one("#today-outline").border_title = "Today's calls"
            self.query_one("#overdue-outline").border_title = "Overdue"
            self.call_after_refresh(self.fill_outline)  # the screen is painted first
        else:
            self.reload()
        self.set_interval(1, self.tick)

    def on_unmount(self) -> None:
        self.collector.stop()
        self.desk.close()  # every key pressed is written before the book closes

    async def fill_outline(self) -> None:
        """After the first frame: the real panes where the outline stood, then the book is read."""
        today, overdue = self.query_one("#today-outline"), self.query_one("#overdue-outline")
        left = self.query_one("#left", Vertical)
        table = TodayTable(id="today")
        await left.mount(table, before=today)
        await left.mount(OverdueTable(id="overdue"), before=overdue)
        await today.remove()
        await overdue.remove()
        await self.mount(Footer())
        table.focus()  # as the screen's first focusable widget is when composed at once
        self.reload()

    # ---- reading the book (worker) ---------------------------------------------------------

    def snapshot(self, history: bool = True) -> Loaded:
        """Everything the screen shows, read in one go in a worker thread.

        history=False leaves out what needs the whole activity log (undo): start-up shows the list first.
        """
        if self.book is None:
            self.book = self.app.open_book()
        seq = self.desk.read_begins()  # a write numbered after this may be missing from the read
        now = self.clock()
        agenda = actions.agenda(self.book, self.rules, now)
        book_empty = not agenda.today and self.book.count() == 0
        empty_text = self.explain(agenda) or ""
        block = actions.current_block(self.book, now)
        block_tally = None  # None: keep counting on screen; a tally: a block (re)joined, counted from the log
        if block is not None and (self.block is None or self.block.id != block.id):
            block_tally = tally(a for a in self.book.activities() if a.block == block.id)
        can_undo = None
        if history:
            last = self.book.last_activity()
            can_undo = last is not None and bool(last.before)  # imported and demo history cannot be undone
        found = self.desk.found
        if found is not None and found.id not in agenda.where:
            try:
                found = self.book.get(found.id)  # another process may have changed them
            except LookupError:  # storage's UnknownProspect (TinyDB loads after the first frame: not imported)
                found = None
        else:
            found = None
        return Loaded(agenda, empty_text, can_undo, block, block_tally, book_empty, seq, found)

    def explain(self, agenda: queue.Agenda) -> str | None:
        """Why nothing can be called now ('' when something can); reads the book when the list is empty."""
        if agenda.today:
            callable_now = any(i.callable_now for i in agenda.today)
            return "" if callable_now else queue.explain_empty((), agenda, self.rules)
        return queue.explain_empty(self.book.prospects(), agenda, self.rules)

    def reload(self) -> None:
        self.reloading = True
        self.reload_worker(self.agenda is not None)

    @work(thread=True, exclusive=True, group="reload", exit_on_error=False)
    def reload_worker(self, history: bool) -> None:
        try:
            self.post_message(self.snapshot(history))
        except StorageError as exc:
            if self.book is None:  # the book could not be opened: nothing to show, say why and leave
                self.app.call_from_thread(self.app.cannot_open, exc)
                return
            raise  # shown on the bar (on_worker_state_changed)

    def on_loaded(self, message: Loaded) -> None:
        self.apply(message)
        if message.book_empty and not any(isinstance(screen, WelcomeScreen) for screen in self.app.screen_stack):
            self.welcome()  # once: a reload under an open welcome (after setup) leaves it as it is

    def welcome(self) -> None:
        self.app.push_screen(WelcomeScreen(self.config.rep(), lambda then: self.action_setup(
            then=lambda: then(self.config.rep()))), self.after_welcome)

    def after_welcome(self, choice: str | None) -> None:
        if choice == "add":
            self.action_add()

    def apply(self, loaded: Loaded) -> None:
        """Show a full read, unless a newer one is shown already (reads can finish out of order).

        Writes that may have landed after the read began are placed again on top of it.
        """
        self.reloading = False
        if not self.desk.read(loaded.seq, loaded.agenda, loaded.can_undo, loaded.found):
            return
        self.empty_text = loaded.empty_text if not self.desk.patches else (self.explain(self.agenda) or "")
        old = self.block
        if old is not None and (loaded.block is None or loaded.block.id != old.id):
            self.check_block_end(old)  # the block ran out between two ticks: its recap, with its tally
        self.block = loaded.block
        if loaded.block_tally is not None:
            self.tally = loaded.block_tally
        self.show_agenda(card=False)
        if loaded.can_undo is None:
            self.read_undo_state()
        else:
            self.set_can_undo(self.desk.can_undo())
        self.show_card(self.selected, force=True)  # the clock moved or the book changed: a fresh card

    def placed(self) -> None:
        """One prospect's new state (written by this screen, placed by the desk): its rows change,
        nothing else is read."""
        if self.agenda is None:
            return
        text = self.explain(self.agenda) if self.agenda.today else None
        if text is None:
            self.reload()  # the list is empty: why, and what comes next, needs the whole book
        else:
            self.empty_text = text
        self.show_agenda()

    def show_agenda(self, card: bool = True) -> None:
        agenda = self.agenda
        attempts = {name: c.attempts_max for name, c in self.rules.cadences.items()}
        today = self.query_one("#today", TodayTable)
        overdue = self.query_one("#overdue", OverdueTable)
        today.show(agenda.today, attempts)
        overdue.show(queue.overdue_apart(agenda, MAX_ROWS), len(agenda.overdue))
        self.show_empty()
        # The desk says where the cursor is (it knows the keys still being written).
        if self.selected and not (today.select(self.selected) or overdue.select(self.selected)):
            if self.desk.prospect(self.selected) is None:
                self.selected = None
        if self.selected is None:
            self.selected = today.selected_id()
        self.show_header()
        if card:
            self.show_card(self.selected)

    def set_can_undo(self, can_undo: bool) -> None:
        if can_undo != self.can_undo:
            self.can_undo = can_undo
            self.refresh_bindings()

    @work(thread=True, group="book", exit_on_error=False)
    def read_undo_state(self) -> None:
        with self.desk.write_lock:  # in order with the writes: a key pressed meanwhile is not undone by this
            last = self.book.last_activity()
            self.post_message(UndoState(last is not None and bool(last.before)))

    def on_undo_state(self, message: UndoState) -> None:
        self.desk.note_book_undo(message.can_undo)
        self.set_can_undo(self.desk.can_undo())
        self.collector.start()  # once, at start-up, with the book's history in memory (quiet_gc.py)

    def show_header(self) -> None:
        breakups = len(self.agenda.breakups) if self.agenda else 0
        self.query_one("#block-header", BlockHeader).show(self.block, self.tally, self.clock(), breakups)

    def tick(self) -> None:
        """Every second: the header's timer, a quiet moment's collection, and a look for changes."""
        self.collector.tick()
        self.show_header()
        self.check_block_end()
        self.show_talk_timer()
        now = self.clock()
        if self.agenda is None or self.book is None or self.reloading:
            return
        if self.quiet_checkpoints and self.collector.quiet() and self.book.checkpoint_due():
            self.checkpoint_worker()
        # A new minute (the list's times, who is callable) or another process's write: read it all again.
        if now.replace(second=0, microsecond=0) != self.agenda.now.replace(second=0, microsecond=0):
            self.reload()
        elif self.desk.changed_elsewhere():  # busy writing: looked again on the next tick
            self.reload()

    @work(thread=True, exclusive=True, group="checkpoint", exit_on_error=False)
    def checkpoint_worker(self) -> None:
        """The journal folded into the snapshots while the rep is not typing (seconds in a large book),
        instead of inside whichever write crossed the size: a key pressed meanwhile waits its turn."""
        try:
            self.desk.checkpoint()
        except StorageError as exc:
            # Not again every second: from now on a write checkpoints once the journal is larger.
            self.quiet_checkpoints = False
            self.post_message(Failed(f"Could not fold the journal into the book — {exc}. "
                                     "Every outcome is safe in the journal."))

    # ---- the selected prospect ---------------------------------------------------------------

    @on(DataTable.RowHighlighted)
    def row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value != event.data_table.selected_id():
            return  # the cursor has moved on since (rows placed again while keys were pressed)
        if event.data_table.has_focus or self.selected is None:
            self.desk.select(event.row_key.value, self.listing_of(event.data_table))
            self.landed()
            self.show_card(self.selected)

    @on(DataTable.RowSelected)
    def row_selected(self, event: DataTable.RowSelected) -> None:
        self.desk.select(event.row_key.value, self.listing_of(event.data_table))
        self.desk.release()  # the rep picked this row: keys apply to it (also after the end of the list)
        self.landed()
        self.show_card(self.selected)

    @staticmethod
    def listing_of(table) -> str:
        return "overdue" if isinstance(table, OverdueTable) else "today"

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, ProspectTable):
            for table in self.query(ProspectTable):  # one highlighted row on screen: the selection's
                table.show_cursor = table is event.widget
            picked = event.widget.selected_id()
            if picked:
                self.desk.select(picked, self.listing_of(event.widget))
                self.landed()
                self.show_card(picked)

    def show_card(self, prospect_id: str | None, force: bool = False) -> None:
        """The research card of `prospect_id`, read again only when it is another prospect (or forced)."""
        if force or prospect_id != self.card_for:
            self.card_for = prospect_id
            self.card_seq += 1
            self.load_card(prospect_id, self.card_seq)

    @work(thread=True, exclusive=True, group="card", exit_on_error=False)
    def load_card(self, prospect_id: str | None, seq: int = 0) -> None:
        if prospect_id is None or self.book is None:
            self.post_message(CardReady(None, seq))
            return
        self.post_message(CardReady(self.card_of(prospect_id), seq))

    def card_of(self, prospect_id: str) -> card_mod.Card:
        """The research card, from this prospect's own activities (in a worker thread)."""
        prospect = self.book.get(prospect_id)
        history = self.book.history(prospect_id)
        return card_mod.build(prospect, history, self.clock(), self.rules, rep=self.config.rep())

    def on_card_ready(self, message: CardReady) -> None:
        if message.seq != self.card_seq:
            # An older read, finished after a newer one began (its worker was cancelled too late): the
            # newer card, read after an undo or a write, must not be painted over by the state before.
            return
        if message.card is not None and message.card.prospect.id != self.selected:
            return  # the rep has moved on already
        if message.card is None and self.agenda is None:
            return  # still loading the book: keep saying so
        text = self.query_one("#today-empty", Label).render() if message.card is None else ""
        self.card_shown = message.card  # what C copies
        self.query_one("#research", ResearchPane).show(message.card, str(text) or "Nothing selected.")

    def item(self, prospect_id: str | None) -> queue.Item | None:
        if not self.agenda or not prospect_id:
            return None
        on_list = next((i for i in self.agenda.today if i.prospect.id == prospect_id), None)
        if on_list is not None:
            return on_list
        found = self.desk.prospect(prospect_id) if self.desk.found is not None else None
        if found is None or found.id != prospect_id or found.next_step is None:
            return None  # nothing scheduled (closed, do not contact): the card shows why
        return queue.item(found, self.clock(), self.rules)  # found with /: acted on like a row

    def focused_table(self) -> ProspectTable:
        focused = self.focused
        return focused if isinstance(focused, ProspectTable) else self.query_one("#today", TodayTable)

    # ---- outcomes ------------------------------------------------------------------------------

    def submit(self, pid: str, outcome: str, **details) -> None:
        """Move on at once (the rep is already dialling the next one); the desk writes in key order."""
        self.collector.key()
        if pid == self.selected:  # wrap-up: from landing on the prospect to its outcome
            details["wrap_seconds"] = max(0.0, (self.clock() - self.selected_at).total_seconds())
        talk = self.talk_seconds(pid)
        if talk is not None:
            details["talk_seconds"] = talk
        self.log_outcome(pid, outcome, details)

    def log_outcome(self, pid: str, outcome: str, details: dict, move: bool = True) -> None:
        if self.block is not None:
            details["block"] = self.block.id
        if isinstance(self.desk.press(outcome, details, pid, move=move), Refused):
            return  # at press time: nothing to write; the bar says why once the keys before it are shown
        self.follow_desk()
        self.bar(f"Logging {LABELS[outcome].lower()}…", "pending")

    def follow_desk(self) -> None:
        """The cursor where the desk put it, and undo greyed out or not, at once."""
        selected = self.selected
        if selected is not None:
            self.focused_table().select(selected)
        self.landed()
        self.show_card(selected)
        self.set_can_undo(self.desk.can_undo())
        self.show_empty()  # "End of today's list" comes and goes with the desk's end

    def on_saved(self, message: Saved) -> None:
        self.desk.acknowledge(message.ack)
        self.follow_finder(message.ack, message.result.prospect)
        result = message.result
        if self.block is not None and result.activity.block == self.block.id:
            self.tally = counted(self.tally, result.activity)
        text = f"{result.prospect.name}: {result.summary}"
        edited = self.edit_saved(message.ack)  # an edit's summary names them already
        if edited:
            text = edited
        elif result.activity.outcome in NOT_CALLS:  # "Snoozed Dana Reyes → …", "Note saved for …": named
            text = result.summary
        elif not result.warning:
            text = self.with_note_hint(text, result.activity.outcome)
        if self.desk.off_list(result.prospect.id) and self.selected != result.prospect.id:
            text += " · back to today's list"
        # The bar has one line for the result: the full warning is the CLI's; here, the gist.
        if result.warning:  # the time they agreed to (the activity's), not the step before it
            agreed = result.activity.when or result.prospect.next_step.due
            why = self.rules.calendar.closed_reason(agreed, location_of(result.prospect)) or "outside their hours"
            text += f"  ⚠ {why}, kept as agreed"
        self.placed()
        last = message.ack is not None and message.ack.key.last
        self.bar(text + " · End of today's list" if last else text)  # what comes next: under the list
        self.check_block_end()
        if result.prospect.id == self.selected:
            self.show_card(self.selected, force=True)  # still on it (the last row): its card changed
        self.set_can_undo(self.desk.can_undo())
        if message.stale:
            self.reload()

    def on_noted(self, message: Noted) -> None:
        self.notify(message.text, severity="warning" if message.warning else "information")

    def on_failed(self, message: Failed) -> None:
        if message.ack is not None:
            self.desk.acknowledge(message.ack)
            self.set_can_undo(self.desk.can_undo())
        self.bar(message.text + self.edit_failed(message.ack), "error")
        if message.ack is None or message.ack.reread:
            self.reload()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            if event.worker.group == "reload":
                self.reloading = False
            self.bar(f"Something went wrong: {event.worker.error}", "error")

    def bar(self, text: str, kind: str = "") -> None:
        self.query_one("#outcome-bar", OutcomeBar).set_result(text, kind)

    # ---- undo ------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "undo" and not self.can_undo:
            return None  # greyed out: nothing to undo
        return True

    def action_undo(self) -> None:
        if self.desk.undo() is None:
            self.bar("Nothing to undo.", "error")
        self.follow_desk()

    def on_undone(self, message: Undone) -> None:
        self.desk.acknowledge(message.ack)
        self.follow_finder(message.ack, message.prospect)
        activity, prospect = message.activity, message.prospect
        if self.block is not None and activity.block == self.block.id:
            self.tally = counted(self.tally, activity, sign=-1)
        if message.ack.key.undoes is None:  # the book's own last outcome: the cursor goes to it now
            self.desk.select(prospect.id)
        what = ("the edit" if activity.outcome == "edit" else activity.outcome if activity.outcome in NOT_CALLS
                else LABELS[activity.outcome].lower())
        self.bar(f"Undid {what} for {prospect.name}: back to "
                 f"{prospect.next_step.channel if prospect.next_step else prospect.status}")
        self.placed()
        self.query_one("#today", TodayTable).select(self.selected or prospect.id)
        self.landed()
        self.show_card(prospect.id, force=True)
        self.set_can_undo(self.desk.can_undo())
        if message.stale:
            self.reload()

    # ---- E: fix the record (screens/edit.py; written by the desk, undone by u like an outcome) --------

    def action_edit_prospect(self) -> None:
        prospect = self.desk.anywhere(self.selected)
        if prospect is None:
            self.notify("Select a prospect first: E edits the one selected.", severity="warning")
            return
        kind = f"edit:{prospect.id}"
        values = self.pending.values if self.pending and self.pending.kind == kind else None
        form = EditScreen(prospect, checker(prospect, self.clock(), self.rules), values, self.rules.country)
        self.app.push_screen(form, lambda got: self.save_edit(prospect, got))

    def save_edit(self, prospect, got: Changes | None) -> None:
        if got is None:
            return  # Escape: nothing written
        if not got.changes:
            self.bar(f"Nothing changed for {prospect.name}.")
            return
        key = self.desk.press_edit(prospect.id, got.changes)
        self.pending = Pending(f"edit:{prospect.id}", got.values)
        self.edit_key = key.seq
        self.follow_desk()
        self.bar(f"Saving the edit of {prospect.name}…", "pending")

    def edit_saved(self, ack) -> str:
        """The bar's text for a saved edit ("" for an outcome); what was typed need not be kept now."""
        if ack is None or ack.key.kind != "edit":
            return ""
        if self.pending is not None and getattr(self, "edit_key", None) == ack.key.seq:
            self.pending = None
        return ack.result.summary

    def edit_failed(self, ack) -> str:
        """After a refused or failed edit: what was typed is offered again on E."""
        if ack is None or ack.key is None or ack.key.kind != "edit":
            return ""
        return " Press E: what you typed is kept."

    # ---- flow: the end of the list, and other actions' result lines ---------------------------------

    def show_empty(self) -> None:
        """The line under today's list: why nothing can be called, or, once the list's last prospect is
        logged, that this is the end of the list and what comes next."""
        text = self.empty_text
        self.query_one("#outcome-bar", OutcomeBar).set_idle(IDLE if self.desk.ids() else IDLE_EMPTY)
        if self.desk.done is not None:
            text = f"End of today's list: {text or '↑ goes back up'}"
        if text != self.empty_shown:
            self.empty_shown = text
            empty = self.query_one("#today-empty", Label)
            empty.update(Text(visible(text)))  # it names prospects: one line of plain text
            empty.display = bool(text)

    def on_said(self, message: Said) -> None:
        self.bar(message.text, "error" if message.warning else "")

    # ---- / find (screens/find.py) -----------------------------------------------------------------

    def action_find(self) -> None:
        from .find import FindScreen

        if self.book is None:
            return  # still opening the book
        self.app.push_screen(FindScreen(self.find_index, self.rules, self.clock), self.open_found)

    def find_index(self):
        """In a worker: the index / searches, read again only when the book changed other than by the
        outcomes this screen wrote and followed (50,000 prospects take seconds to read)."""
        from ...engine.find import Index

        state = actions.book_state(self.book)
        with self.finder_lock:
            if self.finder is not None and self.finder[0] == state:
                return self.finder[1]
        index = Index(self.book.prospects())
        with self.finder_lock:
            self.finder = (state, index)
        return index

    def follow_finder(self, ack, prospect) -> None:
        """An outcome (or its undo) written: the kept index follows, or is dropped when it cannot."""
        with self.finder_lock:
            if self.finder is None:
                return
            state, index = self.finder
            if ack is None or ack.stale or not ack.seen or ack.seen[0] != state or not index.update(prospect):
                self.finder = None
            else:
                self.finder = (ack.seen[1], index)

    def open_found(self, prospect) -> None:
        """Their card, and the keys act on them; on today's list, their row is selected."""
        if prospect is None:
            return  # Escape: nothing changed
        self.desk.open_found(prospect)
        self.landed()
        for table in (self.query_one("#today", TodayTable), self.query_one("#overdue", OverdueTable)):
            if table.select(prospect.id):
                self.desk.select(prospect.id, self.listing_of(table))
                break
        else:
            self.bar(f"{prospect.name}: not on today's list; a key acts on them, Esc goes back to the list")
        self.show_card(prospect.id)
