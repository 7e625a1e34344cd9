"""One-line prompts: a question at the bottom, Enter confirms, Escape cancels and changes nothing."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ...engine.rules import NURTURE_MONTHS
from ...engine.text import visible, visible_lines
from .type_ahead import DialogInput, TypeAhead

PROMPT_CSS = """
{name} {{ align: center bottom; background: $background 40%; }}
{name} > Vertical {{ width: 100%; height: auto; max-height: 80%; background: $panel;
    border-top: tall $accent; padding: 0 1; }}
{name} Input, {name} Input:focus {{ height: 1; border: none; padding: 0 1; background: $surface; }}
{name} .prompt-error {{ color: $error; }}
{name} .prompt-hint {{ color: $text-muted; }}
"""


class PromptScreen(TypeAhead, ModalScreen[str | None]):
    """Ask for one line of text. `check` returns an error message to keep the prompt open, or None."""

    DEFAULT_CSS = PROMPT_CSS.format(name="PromptScreen")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, question: str, placeholder: str = "", check: Callable[[str], str | None] | None = None,
                 value: str = "") -> None:
        super().__init__()
        self.question, self.placeholder, self.check, self.value = question, placeholder, check, value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(visible(self.question)))  # questions name the prospect: plain text
            yield DialogInput(value=self.value, placeholder=self.placeholder, id="prompt-input")
            yield Label("Enter confirms · Escape cancels", classes="prompt-hint", id="prompt-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        problem = self.check(event.value) if self.check else None
        if problem:
            label = self.query_one("#prompt-error", Label)
            label.set_classes("prompt-error")
            label.update(Text(visible(problem)))  # what was typed stays in the input
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceScreen(ModalScreen[tuple[str, int] | None]):
    """Pick with one key. With `months`, 6/1/8 switch the re-contact delay (6, 12, 18 months) first."""

    DEFAULT_CSS = PROMPT_CSS.format(name="ChoiceScreen")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="choice.cancel")]
    MONTH_KEYS = {"6": 6, "1": 12, "8": 18}

    def __init__(self, question: str, choices: list[tuple[str, str]], body: str = "",
                 months: int | None = None, copy: str = "",
                 side: list[tuple[str, str, Callable[[], str]]] = ()) -> None:
        """`copy`: text `c` puts on the clipboard (the message to send), the choice still open.
        `side`: (key, label, do) keys that act and leave the choice open; `do` says what it did."""
        super().__init__()
        self.question, self.choices, self.body, self.months = question, choices, body, months
        self.copy, self.copied = copy, False
        self.side, self.side_said = list(side), ""

    def compose(self) -> ComposeResult:
        with Vertical():
            if self.body:
                yield Static(Text(visible_lines(self.body)), id="choice-body")
            yield Label(Text(visible(self.question)))
            yield Static(id="choice-keys")

    def on_mount(self) -> None:
        self.render_keys()

    def render_keys(self) -> None:
        accent = self.app.theme_variables.get("accent", "")
        text = Text()
        for key, label in self.choices:
            text.append(key, style=f"bold {accent}").append(f" {label}   ")
        if self.months is not None:
            text.append("\nre-contact in ")
            for key, months in self.MONTH_KEYS.items():
                style = f"bold reverse {accent}" if months == self.months else f"bold {accent}"
                text.append(f"{key}", style=style).append(f" → {months} months  ")
        if self.copy:
            text.append("\n").append("c", style=f"bold {accent}")
            text.append(" copied to the clipboard" if self.copied else " copies the message")
        for key, label, _ in self.side:
            text.append("   ").append(key, style=f"bold {accent}").append(f" {label}")
        if self.side_said:
            text.append(f"\n{visible(self.side_said)}")
        text.append("\nEscape cancels", style="dim")
        self.query_one("#choice-keys", Static).update(text)

    def on_key(self, event) -> None:
        if self.copy and event.character == "c":
            event.stop()
            self.app.copy_to_clipboard(self.copy)
            self.copied = True
            self.render_keys()
            return
        for key, _label, do in self.side:
            if event.character == key:
                event.stop()
                self.side_said = do()
                self.render_keys()
                return
        if self.months is not None and event.character in self.MONTH_KEYS:
            event.stop()
            self.months = self.MONTH_KEYS[event.character]
            assert self.months in NURTURE_MONTHS
            self.render_keys()
            return
        for key, _label in self.choices:
            if event.key == key or event.character == key:
                event.stop()
                self.dismiss((key, self.months or 0))
                return

    def action_cancel(self) -> None:
        self.dismiss(None)
