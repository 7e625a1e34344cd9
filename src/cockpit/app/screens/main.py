"""The cockpit: today's calls, overdue follow-ups, research, and the one-key outcome logger.

Keys become engine calls and book writes in a worker thread; the screen says "logged" only
when the worker's write has returned (the `Saved` message). Threads never touch widgets.
"""

from __future__ import annotations

import itertools

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label
from textual.worker import Worker, WorkerState

from ... import actions
from ...engine import card as card_mod
from ...engine import queue
from ...engine.block import Block, Tally, counted, tally
from ...engine.outcomes import LABELS, OUTCOMES, MissingDetail, OutcomeRefused
from ...storage import StorageError
from ..widgets.block_header import BlockHeader
from ..widgets.outcome_bar import OutcomeBar
from ..widgets.research import ResearchPane
from ..widgets.today import OverdueTable, ProspectTable, TodayTable
from .desk_tools import DeskTools, Pending
from .messages import CardReady, Failed, Loaded, Saved, Undone
from .outcome_prompts import OutcomePrompts
from .welcome import WelcomeScreen

REFUSALS = (OutcomeRefused, MissingDetail, actions.InputError)


def outcome_bindings(keys: dict[str, str]) -> list[Binding]:
    """One hidden binding per outcome (the bar draws the legend); ids let the keymap remap them."""
    return [Binding(key, f"outcome('{name}')", LABELS[name], show=False, id=f"outcome.{name}")
            for name, key in keys.items()]


class MainScreen(OutcomePrompts, DeskTools, Screen):
    # Outcome keys carry ids; the app maps the rep's configured keys onto them with set_keymap.
    BINDINGS = outcome_bindings(OUTCOMES) + [
        Binding("u", "undo", "Undo", id="outcome.undo"),
        Binding("s", "start_block", "Block", id="block.start"),
        Binding("B", "breakups", "Break-ups", id="breakups.open"),
        Binding("i", "edit_research", "Research", id="research.edit"),
        Binding("a", "add", "Add", show=False, id="prospect.add"),
        Binding("p", "copy_phone", "Copy #", show=False, id="dial.copy"),
        Binding("t", "dial", "Dial", show=False, id="dial.tel"),
        Binding("y", "why", "Why", id="queue.why"),
        Binding("S", "stats", "Stats", id="stats.open"),
        Binding("r", "reload", "Reload", show=False, id="book.reload"),
        Binding("j", "move(1)", "Down", show=False, id="cursor.down"),
        Binding("k", "move(-1)", "Up", show=False, id="cursor.up"),
    ]

    def __init__(self, book, config, clock) -> None:
        super().__init__()
        self.book, self.config, self.rules, self.clock = book, config, config.rules(), clock
        self.agenda: queue.Agenda | None = None
        self.block: Block | None = None
        self.tally = Tally()
        self.can_undo = False
        self.seq = itertools.count()
        self.applied_seq = -1
        self._selected: str | None = None
        self.selected_at = clock()
        self.pending: Pending | None = None

    @property
    def selected(self) -> str | None:
        return self._selected

    @selected.setter
    def selected(self, prospect_id: str | None) -> None:
        # When the rep lands on a prospect: the wrap-up time of its outcome is measured from here.
        if prospect_id != self._selected:
            self._selected, self.selected_at = prospect_id, self.clock()

    # ---- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield BlockHeader(id="block-header")
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield TodayTable(id="today")
                yield Label("", id="today-empty")
                yield OverdueTable(id="overdue")
            yield ResearchPane(id="research")
        yield OutcomeBar(self.config.keys, id="outcome-bar")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#research", ResearchPane).show(None, "Loading the book…")
        self.reload()
        self.set_interval(1, self.tick)

    # ---- reading the book (worker) ---------------------------------------------------------

    def snapshot(self) -> Loaded:
        """Everything the screen shows, read in one go in a worker thread."""
        now = self.clock()
        agenda = actions.agenda(self.book, self.rules, now)
        book_empty = not agenda.today and self.book.count() == 0
        empty_text = ""
        if not agenda.today:
            empty_text = queue.explain_empty(self.book.prospects(), agenda, self.rules)
        elif not any(i.callable_now for i in agenda.today):
            empty_text = queue.explain_empty((), agenda, self.rules)
        block = actions.current_block(self.book, now)
        block_tally = None  # None: keep counting on screen; a tally: a block (re)joined, counted from the log
        if block is not None and (self.block is None or self.block.id != block.id):
            block_tally = tally(a for a in self.book.activities() if a.block == block.id)
        last = self.book.last_activity()
        can_undo = last is not None and bool(last.before)  # imported and demo history cannot be undone
        return Loaded(agenda, empty_text, can_undo, block, block_tally, book_empty, next(self.seq))

    @work(thread=True, exclusive=True, group="reload", exit_on_error=False)
    def reload(self) -> None:
        self.post_message(self.snapshot())

    def on_loaded(self, message: Loaded) -> None:
        self.apply(message)
        if message.book_empty:
            self.app.push_screen(WelcomeScreen(), self.after_welcome)

    def after_welcome(self, choice: str | None) -> None:
        if choice == "add":
            self.action_add()

    def apply(self, loaded: Loaded) -> None:
        """Show a snapshot, unless a newer one has been shown already (writes can finish out of order)."""
        if loaded.seq < self.applied_seq:
            return
        self.applied_seq = loaded.seq
        self.agenda = loaded.agenda
        self.can_undo = loaded.can_undo
        self.block = loaded.block
        if loaded.block_tally is not None:
            self.tally = loaded.block_tally
        attempts = {name: c.attempts_max for name, c in self.rules.cadences.items()}
        today = self.query_one("#today", TodayTable)
        today.show(loaded.agenda.today, attempts)
        self.query_one("#overdue", OverdueTable).show(loaded.agenda.overdue)
        empty = self.query_one("#today-empty", Label)
        empty.update(loaded.empty_text)
        empty.display = bool(loaded.empty_text)
        if self.selected and not (today.select(self.selected) or self.query_one("#overdue", OverdueTable).select(self.selected)):
            self.selected = None
        if self.selected is None:
            self.selected = today.selected_id()
        self.tick()
        self.refresh_bindings()
        self.load_card(self.selected)

    def tick(self) -> None:
        breakups = len(self.agenda.breakups) if self.agenda else 0
        self.query_one("#block-header", BlockHeader).show(self.block, self.tally, self.clock(), breakups)

    # ---- the selected prospect ---------------------------------------------------------------

    @on(DataTable.RowHighlighted)
    def row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.has_focus or self.selected is None:
            self.selected = event.row_key.value
            self.load_card(self.selected)

    @on(DataTable.RowSelected)
    def row_selected(self, event: DataTable.RowSelected) -> None:
        self.selected = event.row_key.value
        self.load_card(self.selected)

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, ProspectTable):
            picked = event.widget.selected_id()
            if picked:
                self.selected = picked
                self.load_card(picked)

    @work(thread=True, exclusive=True, group="card", exit_on_error=False)
    def load_card(self, prospect_id: str | None) -> None:
        if prospect_id is None:
            self.post_message(CardReady(None))
            return
        prospect = self.book.get(prospect_id)
        history = self.book.history(prospect_id)
        self.post_message(CardReady(card_mod.build(prospect, history, self.clock(), self.rules, self.config.rep_name)))

    def on_card_ready(self, message: CardReady) -> None:
        if message.card is not None and message.card.prospect.id != self.selected:
            return  # the rep has moved on already
        text = self.query_one("#today-empty", Label).render() if message.card is None else ""
        self.query_one("#research", ResearchPane).show(message.card, str(text) or "Nothing selected.")

    def item(self, prospect_id: str | None) -> queue.Item | None:
        if not self.agenda or not prospect_id:
            return None
        return next((i for i in self.agenda.today if i.prospect.id == prospect_id), None)

    def focused_table(self) -> ProspectTable:
        focused = self.focused
        return focused if isinstance(focused, ProspectTable) else self.query_one("#today", TodayTable)
    def submit(self, pid: str, outcome: str, **details) -> None:
        """Move on at once (the rep is already dialling the next one); the write runs in a worker."""
        if pid == self.selected:  # wrap-up: from landing on the prospect to its outcome
            details["wrap_seconds"] = max(0.0, (self.clock() - self.selected_at).total_seconds())
        table = self.focused_table()
        ids = table.ids()
        if pid in ids and ids.index(pid) + 1 < len(ids):
            self.selected = ids[ids.index(pid) + 1]
            table.select(self.selected)
        self.bar(f"Logging {LABELS[outcome].lower()}…", "pending")
        self.write_outcome(pid, outcome, details)

    @work(thread=True, group="book", exit_on_error=False)
    def write_outcome(self, pid: str, outcome: str, details: dict) -> None:
        try:
            block = self.block.id if self.block else ""
            result = actions.log(self.book, self.rules, pid, outcome, self.clock(), block=block, **details)
        except REFUSALS as exc:
            self.post_message(Failed(f"Not logged: {exc}"))
            return
        except StorageError as exc:
            self.post_message(Failed(f"Not saved — {exc}"))
            return
        self.post_message(Saved(result, self.snapshot()))

    def on_saved(self, message: Saved) -> None:
        result = message.result
        if self.block is not None and result.activity.block == self.block.id:
            self.tally = counted(self.tally, result.activity)
        text = f"{result.prospect.name}: {result.summary}"
        # The bar has one line for the result: the full warning is the CLI's; here, the gist.
        self.bar(text + ("  ⚠ outside their calling hours, kept as agreed" if result.warning else ""))
        self.apply(message.loaded)

    def on_failed(self, message: Failed) -> None:
        self.bar(message.text, "error")
        self.reload()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.bar(f"Something went wrong: {event.worker.error}", "error")

    def bar(self, text: str, kind: str = "") -> None:
        self.query_one("#outcome-bar", OutcomeBar).set_result(text, kind)

    # ---- undo ------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "undo" and not self.can_undo:
            return None  # greyed out: nothing to undo
        return True

    def action_undo(self) -> None:
        self.can_undo = False  # one undo at a time; the snapshot says whether there is more
        self.refresh_bindings()
        self.undo_worker()

    @work(thread=True, group="book", exit_on_error=False)
    def undo_worker(self) -> None:
        try:
            undone = actions.undo_last(self.book)
        except StorageError as exc:
            self.post_message(Failed(f"Not undone — {exc}"))
            return
        if undone is None:
            self.post_message(Failed("Nothing to undo."))
            return
        self.post_message(Undone(undone[0], undone[1], self.snapshot()))

    def on_undone(self, message: Undone) -> None:
        activity, prospect = message.activity, message.prospect
        if self.block is not None and activity.block == self.block.id:
            self.tally = counted(self.tally, activity, sign=-1)
        self.selected = prospect.id
        self.bar(f"Undid {LABELS[activity.outcome].lower()} for {prospect.name}: back to "
                 f"{prospect.next_step.channel if prospect.next_step else prospect.status}")
        self.apply(message.loaded)
        self.query_one("#today", TodayTable).select(prospect.id)
