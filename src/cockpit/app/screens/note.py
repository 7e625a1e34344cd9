"""The note editor: a few lines about a prospect, kept as a note in their history."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from ...engine.text import visible
from .type_ahead import TypeAhead


class NoteScreen(TypeAhead, ModalScreen[str | None]):
    """Several lines of text. ctrl+s gives back what was typed (stripped; "" when empty), Escape None:
    nothing is kept."""

    TYPING_INTO = "TextArea"  # typing goes there at once, keys typed with the opening key too
    DEFAULT_CSS = """
    NoteScreen { align: center middle; background: $background 50%; }
    NoteScreen > Vertical { width: 90%; max-width: 100; height: auto; max-height: 90%;
        background: $panel; border: tall $accent; padding: 0 1; }
    NoteScreen TextArea { height: 8; border: none; background: $surface; }
    NoteScreen .note-hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
        # Not a priority binding: that would run before the keys typed ahead of it reach the text.
        Binding("ctrl+s", "save", "Save", id="note.save"),
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.prospect_name = name

    def compose(self) -> ComposeResult:
        with Vertical():
            # The title names the prospect: data, so plain Text, never markup.
            yield Label(Text(f"Note for {visible(self.prospect_name)}", style="bold"), id="note-title")
            yield TextArea(soft_wrap=True, show_line_numbers=False, id="note-text")
            yield Label("ctrl+s saves · Escape cancels and keeps nothing", classes="note-hint")

    def action_save(self) -> None:
        self.dismiss(self.query_one("#note-text", TextArea).text.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
