"""The break-up queue: every attempt made, the message shown, one key to confirm."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ...engine import breakup
from ...engine.queue import Item
from ...engine.rep import Rep
from ...engine.templates import Templates
from ...engine.text import visible, visible_lines


class BreakupScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    BreakupScreen { align: center middle; background: $background 50%; }
    BreakupScreen > Vertical { width: 90%; max-width: 90; height: auto; max-height: 95%;
        background: $panel; border: tall $accent; padding: 0 1; }
    BreakupScreen #breakup-message { padding: 1 2; background: $surface; margin: 1 0; }
    BreakupScreen .muted { color: $text-muted; }
    BreakupScreen #breakup-keys { width: 1fr; }  /* wraps on a narrow terminal instead of losing "Esc" */
    """
    BINDINGS = [
        Binding("enter,b", "confirm", "Confirm break-up", id="breakup.confirm"),
        Binding("s", "skip", "Skip", id="breakup.skip"),
        Binding("c", "copy", "Copy", id="breakup.copy"),
        Binding("6", "months(6)", "6 months", show=False, id="breakup.months6"),
        Binding("1", "months(12)", "12 months", show=False, id="breakup.months12"),
        Binding("8", "months(18)", "18 months", show=False, id="breakup.months18"),
        Binding("escape,q", "leave", "Leave", id="breakup.leave"),
    ]

    def __init__(self, items: list[Item], confirm: Callable[[str, int], None], templates: Templates, rep: Rep,
                 months: int = 6, history_of: Callable[[str], list] | None = None) -> None:
        """`history_of(id)`: a prospect's touches, so each message says what happened (engine/breakup)."""
        super().__init__()
        self.items, self.confirm, self.templates, self.rep, self.months = list(items), confirm, templates, rep, months
        self.history_of = history_of
        self.shown_text = ""
        self.index = 0
        self.confirmed = 0

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Break-up queue"
            yield Label("", id="breakup-who")
            yield Static("", id="breakup-message")
            yield Label("", id="breakup-keys")

    def on_mount(self) -> None:
        self.show_current()

    def show_current(self) -> None:
        who = self.query_one("#breakup-who", Label)
        message = self.query_one("#breakup-message", Static)
        keys = self.query_one("#breakup-keys", Label)
        if self.index >= len(self.items):
            who.update(f"Queue done: {self.confirmed} confirmed, {len(self.items) - self.confirmed} skipped.")
            message.update("A break-up is not death: each one comes back as a nurture re-contact.")
            keys.update("Escape to leave")
            return
        p = self.items[self.index].prospect
        who.update(Text(visible(f"{self.index + 1} of {len(self.items)}: {p.name} — {p.company}  "
                              f"({p.attempt} attempts, no answer)")))
        history = self.history_of(p.id) if self.history_of is not None else []
        self.shown_text = breakup.message(p, self.templates, self.rep, history)
        message.update(Text(visible_lines(self.shown_text)))
        accent = self.app.theme_variables.get("accent", "")
        text = Text()
        text.append("Enter/b", style=f"bold {accent}").append(" send & confirm  ")
        text.append("s", style=f"bold {accent}").append(" skip  ")
        text.append("c", style=f"bold {accent}").append(" copy  ")
        text.append("6/1/8", style=f"bold {accent}").append(f" re-contact in {self.months} months  ")
        text.append("Esc", style=f"bold {accent}").append(" leave")
        keys.update(text)

    def action_copy(self) -> None:
        if self.index < len(self.items) and self.shown_text:
            self.app.copy_to_clipboard(self.shown_text)
            self.notify("Break-up message copied to the clipboard.")

    def action_confirm(self) -> None:
        if self.index < len(self.items):
            self.confirm(self.items[self.index].prospect.id, self.months)
            self.confirmed += 1
            self.index += 1
            self.show_current()

    def action_skip(self) -> None:
        if self.index < len(self.items):
            self.index += 1
            self.show_current()

    def action_months(self, months: int) -> None:
        self.months = months
        self.show_current()

    def action_leave(self) -> None:
        self.dismiss(None)
