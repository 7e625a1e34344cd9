"""Shown on an empty book: who is calling (setup), then how to add, import or try the demo."""

from __future__ import annotations

from collections.abc import Callable

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ...engine.rep import SETTINGS, Rep, listed
from ...engine.text import visible
from .type_ahead import OpensDialogs

WELCOME = """[b]Welcome to Cockpit[/b]

{setup}

Your book is empty. Three ways to fill it:

  [b]a[/b]  add a prospect now
  [b]cockpit import contacts.csv[/b]   a list from your CRM, in a shell
  [b]cockpit --demo[/b]                try it on a generated book first

Each call outcome is one key; Cockpit schedules the next step for you.
[b]F1[/b] shows every key, [b]Escape[/b] closes this."""
TO_SET_UP = ("First, who is calling: press [b]s[/b] to set your name, company, call-back number and a "
             "line of value. Your voicemails and e-mails say them to the people you call.{missing}")
SET_UP = """Your scripts speak for [b]{name}[/b]; [b]s[/b] changes who is calling, your time zone or country."""


class WelcomeScreen(OpensDialogs, ModalScreen[str | None]):
    DEFAULT_CSS = """
    WelcomeScreen { align: center middle; background: $background 50%; }
    WelcomeScreen > Vertical { width: 90%; max-width: 76; height: auto; background: $panel;
        border: tall $accent; padding: 1 2; }
    """
    BINDINGS = [
        Binding("s", "setup", "Setup", id="welcome.setup"),
        Binding("a", "choose('add')", "Add a prospect", id="welcome.add"),
        Binding("escape", "choose('')", "Close", id="welcome.close"),
        Binding("q", "app.quit", "Quit", id="welcome.quit"),
    ]

    def __init__(self, rep: Rep, setup: Callable[[Callable[[Rep], None]], None]) -> None:
        """`setup(then)` opens the setup form on top of this one; `then(rep)` once it is saved."""
        super().__init__()
        self.rep, self.setup = rep, setup

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.text(), id="welcome-text")

    def text(self) -> str:
        missing = self.rep.missing()
        still = f" Still to set: {listed(missing)}." if 0 < len(missing) < len(SETTINGS) else ""
        # The rep's own name is data: escaped, never read as markup.
        setup = TO_SET_UP.format(missing=still) if missing else SET_UP.format(name=escape(visible(self.rep.name)))
        return WELCOME.format(setup=setup)

    def action_setup(self) -> None:
        # Opened on top of the welcome, not after it closes: keys typed right after s are the form's.
        self.setup(self.set_up)

    def set_up(self, rep: Rep) -> None:
        self.rep = rep
        self.query_one("#welcome-text", Static).update(self.text())

    def action_choose(self, what: str) -> None:
        self.dismiss(what or None)
