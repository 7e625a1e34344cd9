"""A call block's recap: shown once when its minutes run out, its target is reached, or it is replaced."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ...engine.block import Block, Tally, recap


class RecapScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    RecapScreen { align: center middle; background: $background 50%; }
    RecapScreen > Vertical { width: 44; height: auto; background: $panel; border: tall $accent; padding: 0 1; }
    RecapScreen #recap-hint { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape,enter", "close", "Close", id="recap.close")]

    def __init__(self, block: Block, tally: Tally, now: datetime, why: str) -> None:
        super().__init__()
        self.lines = recap(block, tally, now)
        self.why = why

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"Block over: {self.why}"
            yield Static(Text("\n".join(self.lines)), id="recap-lines")
            yield Label("Enter or Escape closes", id="recap-hint")

    def action_close(self) -> None:
        self.dismiss(None)
