"""A small form in a modal: one Input per field. Enter (or ↓) moves on and saves on the last field."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ...engine.text import SHOWN, visible
from .type_ahead import DialogInput, TypeAhead


class FormScreen(TypeAhead, ModalScreen[dict | None]):
    TYPING_INTO = "Input"  # typing goes there at once, keys typed with the opening key too
    DEFAULT_CSS = """
    FormScreen { align: center middle; background: $background 50%; }
    FormScreen > Vertical { width: 90%; max-width: 100; height: auto; max-height: 95%;
        background: $panel; border: tall $accent; padding: 0 1; }
    FormScreen VerticalScroll { height: auto; max-height: 18; }
    FormScreen Input, FormScreen Input:focus { height: 1; border: none; padding: 0 1; background: $surface; }
    FormScreen .form-label { color: $text-muted; }
    FormScreen #form-error { color: $error; width: 1fr; }  /* wraps: the whole reason shows */
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "save", "Save", id="form.save"),
    ]

    def __init__(self, title: str, fields: list[tuple[str, str, str]],
                 check: Callable[[dict], str | None] | None = None) -> None:
        super().__init__()
        self.title_text, self.fields, self.check = title, fields, check

    def compose(self) -> ComposeResult:
        with Vertical():
            # The title names the prospect: data, so plain Text, never markup.
            yield Label(Text(visible(self.title_text), style="bold") + Text("  Enter: next field / save · Escape: cancel"))
            with VerticalScroll():
                for key, label, value in self.fields:
                    yield Label(label, classes="form-label")
                    if self.too_long(value):  # Textual's Input hangs on a megabyte: shown, kept as it is
                        yield Label(Text(visible(value, 80)) + Text(f"  ({len(value)} characters, kept as they are; "
                                                                    "edit them in an export and import it)"))
                    else:
                        yield DialogInput(value=value, id=f"field-{key}")
            yield Label("", id="form-error")

    @staticmethod
    def too_long(value: str) -> bool:
        return len(value) > SHOWN

    def values(self) -> dict:
        return {key: value if self.too_long(value) else self.query_one(f"#field-{key}", Input).value
                for key, _label, value in self.fields}

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = list(self.query(DialogInput))
        index = inputs.index(event.input)
        if index + 1 < len(inputs):
            # At once, not on the next idle: keys typed fast after Enter are the next field's.
            self.set_focus(inputs[index + 1])
            event.input.pass_on(inputs[index + 1])
        else:
            self.action_save()

    def on_dialog_input_moved(self, event: DialogInput.Moved) -> None:
        """↑/↓ move between the fields."""
        event.stop()
        inputs = list(self.query(DialogInput))
        index = inputs.index(self.focused) if self.focused in inputs else 0
        self.set_focus(inputs[max(0, min(len(inputs) - 1, index + event.step))])

    def action_save(self) -> None:
        values = self.values()
        problem = self.check(values) if self.check else None
        if problem:
            self.show_problem(problem)
            return
        self.dismiss(values)

    def show_problem(self, problem: str) -> None:
        self.query_one("#form-error", Label).update(Text(visible(problem)))

    def action_cancel(self) -> None:
        self.dismiss(None)
