"""Shown on an empty book: how to add, import or try the demo."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

WELCOME = """[b]Welcome to Cockpit[/b]

Your book is empty. Three ways to start:

  [b]a[/b]  add a prospect now
  [b]cockpit import contacts.csv[/b]   bring a list in from your CRM (in a shell)
  [b]cockpit --demo[/b]                try it on a generated book first

Each call outcome is one key; Cockpit schedules the next step for you.
Press [b]a[/b] to add a prospect, [b]F1[/b] for every key, [b]Escape[/b] to close this."""


class WelcomeScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    WelcomeScreen { align: center middle; background: $background 50%; }
    WelcomeScreen > Vertical { width: 90%; max-width: 76; height: auto; background: $panel;
        border: tall $accent; padding: 1 2; }
    """
    BINDINGS = [
        Binding("a", "choose('add')", "Add a prospect", id="welcome.add"),
        Binding("escape", "choose('')", "Close", id="welcome.close"),
        Binding("q", "app.quit", "Quit", id="welcome.quit"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(WELCOME, id="welcome-text")

    def action_choose(self, what: str) -> None:
        self.dismiss(what or None)
