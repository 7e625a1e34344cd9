"""`/` find: anyone in the book by name, company, e-mail, number or id prefix, as the rep types.

The book is read and indexed in a worker when the modal opens (the main screen keeps the index while
only its own outcomes change the book); each key then searches the index (engine.find.Index) on the
screen's thread. Enter hands back the prospect; Escape, nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ...engine.find import Index
from ...engine.rules import Rules
from ...engine.schedule import describe_step
from ...engine.text import count, visible
from ...model import Prospect
from .type_ahead import DialogInput, TypeAhead

SHOWN = 14  # matches listed (what fits at 80x24); the count says how many more


class Indexed(Message):
    def __init__(self, index: Index) -> None:
        super().__init__()
        self.index = index


class FindScreen(TypeAhead, ModalScreen[Prospect | None]):
    DEFAULT_CSS = """
    FindScreen { align: center top; background: $background 40%; }
    FindScreen > Vertical { width: 100%; height: auto; max-height: 90%; background: $panel;
        border-bottom: tall $accent; padding: 0 1; }
    FindScreen Input, FindScreen Input:focus { height: 1; border: none; padding: 0 1; background: $surface; }
    /* A fixed height: a key changes the rows, never the modal's size (no layout of the screen below). */
    FindScreen OptionList { height: 14; border: none; padding: 0; background: $panel; }
    FindScreen #find-count { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="find.cancel"),
    ]  # Down and Up come from the input, in the order typed (DialogInput.Moved)

    def __init__(self, index: Callable[[], Index], rules: Rules, clock: Callable[[], datetime]) -> None:
        """`index` is called in a worker: the book read and indexed (or the index kept since)."""
        super().__init__()
        self.read, self.rules, self.clock = index, rules, clock
        self.index: Index | None = None
        self.shown: list[Prospect] = []
        self.enter_waiting = False  # Enter typed before the book was read: taken once it is
        self.steps_waiting: list[int] = []  # Down/Up typed before the book was read, since the last letter

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Find: name, company, number, e-mail or id")
            yield DialogInput(placeholder="Dana · Acme · 415 555 · dana@", id="find-input")
            yield Label("Reading the book…", id="find-count")
            yield OptionList(id="find-matches")

    def on_mount(self) -> None:
        self.query_one("#find-matches", OptionList).can_focus = False  # typing stays in the input
        self.build_index()

    @work(thread=True, exclusive=True, group="find", exit_on_error=False)
    def build_index(self) -> None:
        self.post_message(Indexed(self.read()))

    def on_indexed(self, message: Indexed) -> None:
        self.index = message.index
        self.search(self.query_one("#find-input", Input).value)
        for step in self.steps_waiting:
            self.action_step(step)
        self.steps_waiting.clear()
        if self.enter_waiting:
            self.pick()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.steps_waiting.clear()  # a letter after Down: the list starts again at its first match
        self.search(event.value)

    def search(self, query: str) -> None:
        if self.index is None:
            return  # searched once the book is read, with whatever has been typed by then
        self.shown, total = self.index.search(query, SHOWN)
        matches = self.query_one("#find-matches", OptionList)
        matches.clear_options()
        matches.add_options([Option(self.line(p), id=p.id) for p in self.shown])
        if self.shown:
            matches.highlighted = 0
        said = "" if not query.strip() else (
            f"Nobody matches {query.strip()!r}" if not total else
            count(total, "match", "matches") + (f", first {SHOWN} shown" if total > SHOWN else "")
            + " · next steps in their time")
        self.query_one("#find-count", Label).update(Text(visible(said or f"{len(self.index)} in the book")))

    def line(self, p: Prospect) -> Text:
        """'Dana Reyes  Acme  call Thu 10:00, attempt 4/8': data, so plain Text."""
        muted = self.app.theme_variables.get("muted", "")
        text = Text(visible(p.name), style="bold")
        if p.company:
            text.append(f"  {visible(p.company)}")
        return text.append(f"  {visible(describe_step(p, p.next_step, self.rules, self.clock()))}", style=muted)

    def on_dialog_input_moved(self, event: DialogInput.Moved) -> None:
        self.action_step(event.step)

    def action_step(self, step: int) -> None:
        if self.index is None:
            self.steps_waiting.append(step)
            return
        matches = self.query_one("#find-matches", OptionList)
        if self.shown:
            at = (matches.highlighted or 0) + step
            matches.highlighted = max(0, min(len(self.shown) - 1, at))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.index is None:
            self.enter_waiting = True
            return
        self.pick()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.shown[event.option_index])

    def pick(self) -> None:
        highlighted = self.query_one("#find-matches", OptionList).highlighted
        if self.shown and highlighted is not None:
            self.dismiss(self.shown[highlighted])

    def action_cancel(self) -> None:
        self.dismiss(None)
