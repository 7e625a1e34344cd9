"""Every key, in one place (F1 or ?)."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...engine.outcomes import LABELS


def keys_table(outcome_keys: dict[str, str]) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold")
    table.add_column()
    table.add_row("[u]Outcomes[/u]", "logged at once; the cursor moves to the next prospect")
    for outcome, key in outcome_keys.items():
        table.add_row(key, LABELS[outcome])
    table.add_row("u", "Undo the last logged outcome")
    table.add_row("", "")
    table.add_row("[u]The list[/u]", "")
    for key, text in (("↑ ↓ / j k", "Move between prospects"), ("tab", "Today's calls ⇄ overdue follow-ups"),
                      ("y", "Why this prospect is where it is"), ("i", "Edit the research form"),
                      ("p", "Copy the number to the clipboard"), ("t", "Dial: open a tel: link"),
                      ("a", "Add a prospect"), ("s", "Start a call block (dials and minutes)"),
                      ("B", "Break-up queue"), ("r", "Reload the book"), ("ctrl+p", "Command palette: away days, theme, …"),
                      ("F1 / ?", "This help"), ("q", "Quit")):
        table.add_row(key, text)
    table.add_row("", "")
    table.add_row("[u]Prompts[/u]", "Enter confirms · Escape cancels and changes nothing")
    table.add_row("", "Times: 'tomorrow 3pm', '+2d', 'next tue 10:00', 'fri 11am', ISO")
    table.add_row("", "Connected note: add '@ thu 3pm' for a time you agreed")
    table.add_row("", "Not interested / break-up: 6, 1, 8 pick 6, 12, 18 months")
    return table


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background 50%; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 90; height: 90%; background: $panel;
        border: tall $accent; padding: 0 1; }
    """
    BINDINGS = [Binding("escape,q,f1,question_mark", "close", "Close", id="help.close")]

    def __init__(self, outcome_keys: dict[str, str]) -> None:
        super().__init__()
        self.outcome_keys = outcome_keys

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys"
            yield Static(keys_table(self.outcome_keys))

    def action_close(self) -> None:
        self.dismiss(None)
