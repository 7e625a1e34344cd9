"""E: fix the selected prospect's record in one form (name, company, title, e-mail, zone, tag, lead type,
and the numbers: which one is dialled, which are wrong, one more).

The form only gathers what was typed; engine/edits.py says whether it can be saved (checked before the
form closes, the problem in one line, nothing written). What it returns are the changes, for the desk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label

from ...engine.edits import EditRefused, edited
from ...engine.phones import BadPhone, display, normalise
from ...engine.text import visible
from ...model import LEAD_TYPES, TAGS, Prospect
from .type_ahead import TypeAhead

TEXT_ROWS = (("name", "Name"), ("company", "Company"), ("title", "Title"), ("email", "E-mail"),
             ("tz", "Zone"), ("tag", "Tag"), ("lead_type", "Lead type"))
HINTS = {"tz": "America/Chicago; empty: from the number", "tag": " / ".join(TAGS),
         "lead_type": " / ".join(LEAD_TYPES), "email": "name@company.com"}


def form_values(p: Prospect) -> dict:
    """What the form shows for `p`: its fields, and its numbers in order with the wrong ones marked."""
    values = {key: getattr(p, key) for key, _label in TEXT_ROWS}
    values["numbers"] = [(n, n in p.bad_phones) for n in p.phones]
    values["add"] = ""
    return values


def changes_from(p: Prospect, values: dict) -> dict:
    """Only what differs from the record, as engine/edits.py takes it."""
    changes = {key: values[key].strip() for key, _label in TEXT_ROWS if values[key].strip() != getattr(p, key)}
    numbers = list(values["numbers"])
    if numbers != [(n, n in p.bad_phones) for n in p.phones]:
        changes["phones"] = [n for n, _wrong in numbers]
        changes["bad_phones"] = [n for n, wrong in numbers if wrong]
    if values.get("add", "").strip():
        changes["add_phones"] = [values["add"].strip()]
    return changes


class PhoneList(Widget, can_focus=True):
    """Their numbers in dialling order: the first callable one is dialled. w marks one wrong (or
    callable again), d makes it the one dialled, x removes it."""

    DEFAULT_CSS = """
    PhoneList { height: auto; min-height: 1; padding: 0 1; background: $surface; }
    PhoneList:focus { background: $boost; }
    """
    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("w", "toggle_wrong", "Wrong / callable", id="edit.wrong"),
        Binding("d", "dial_this", "Dial this one", id="edit.dial"),
        Binding("x,delete", "remove", "Remove", id="edit.remove"),
    ]

    def __init__(self, numbers: list[tuple[str, bool]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.numbers = list(numbers)
        self.cursor = 0

    def dialled(self) -> str:
        return next((n for n, wrong in self.numbers if not wrong), "")

    def render(self) -> Text:
        if not self.numbers:
            return Text("no numbers yet: type one in Add a number", style="dim")
        text = Text()
        for at, (number, wrong) in enumerate(self.numbers):
            mark = "▸ " if at == self.cursor and self.has_focus else "  "
            state = "wrong" if wrong else ("dialled" if number == self.dialled() else "callable")
            style = "strike dim" if wrong else ("bold" if state == "dialled" else "")
            text.append(mark).append(f"{display(number):<22}", style=style).append(state, style="italic")
            if at + 1 < len(self.numbers):
                text.append("\n")
        return text

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def changed(self) -> None:
        self.cursor = max(0, min(self.cursor, len(self.numbers) - 1))
        self.refresh(layout=True)

    def action_cursor(self, step: int) -> None:
        self.cursor += step
        self.changed()

    def action_toggle_wrong(self) -> None:
        if self.numbers:
            number, wrong = self.numbers[self.cursor]
            self.numbers[self.cursor] = (number, not wrong)
            self.changed()

    def action_dial_this(self) -> None:
        """This number first, and callable: the one dialled."""
        if self.numbers:
            number, _wrong = self.numbers.pop(self.cursor)
            self.numbers.insert(0, (number, False))
            self.cursor = 0
            self.changed()

    def action_remove(self) -> None:
        if self.numbers:
            self.numbers.pop(self.cursor)
            self.changed()

    def add(self, number: str) -> None:
        """A number typed in the add row: callable, at the end (or callable again when listed already)."""
        listed = [n for n, _wrong in self.numbers]
        if number in listed:
            self.numbers[listed.index(number)] = (number, False)
        else:
            self.numbers.append((number, False))
        self.changed()


@dataclass(frozen=True)
class Changes:
    """What the form returns: the changes (only what differs; {} when nothing does) and what was typed
    (offered again if the write fails)."""
    changes: dict
    values: dict


class EditScreen(TypeAhead, ModalScreen[Changes | None]):
    """Returns the Changes, or None on Escape (nothing is written)."""

    TYPING_INTO = "Input"  # typing goes there at once, keys typed with the opening key too
    DEFAULT_CSS = """
    EditScreen { align: center middle; background: $background 50%; }
    EditScreen > Vertical { width: 90%; max-width: 100; height: auto; max-height: 100%;
        background: $panel; border: tall $accent; padding: 0 1; }
    EditScreen Horizontal { height: 1; }
    EditScreen .edit-label { width: 13; color: $text-muted; }
    EditScreen Input, EditScreen Input:focus { width: 1fr; height: 1; border: none; padding: 0 1; background: $surface; }
    EditScreen #edit-phones-label { color: $text-muted; }
    EditScreen #edit-error { color: $error; }
    EditScreen #edit-help { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="edit.cancel"),
        Binding("ctrl+s", "save", "Save", id="edit.save"),
    ]

    def __init__(self, prospect: Prospect, check: Callable[[dict], str | None], values: dict | None = None,
                 country: str = "US") -> None:
        super().__init__()
        self.prospect, self.check, self.country = prospect, check, country
        self.start = values or form_values(prospect)

    def compose(self) -> ComposeResult:
        with Vertical():
            # The title names the prospect: data, so plain Text, never markup.
            yield Label(Text("Edit ", style="bold") + Text(visible(self.prospect.name), style="bold")
                        + Text("  Enter / ctrl+s saves · Escape cancels"))
            for key, label in TEXT_ROWS:
                with Horizontal():
                    yield Label(label, classes="edit-label")
                    yield Input(value=self.start[key], placeholder=HINTS.get(key, ""), id=f"edit-{key}")
            yield Label("Numbers (tab here; w wrong/callable · d dial this one · x remove)", id="edit-phones-label")
            yield PhoneList(self.start["numbers"], id="edit-phones")
            with Horizontal():
                yield Label("Add a number", classes="edit-label")
                yield Input(value=self.start.get("add", ""), placeholder="+1 415 555 0123, Enter adds it",
                            id="edit-add")
            yield Label("", id="edit-error")

    def values(self) -> dict:
        values = {key: self.query_one(f"#edit-{key}", Input).value for key, _label in TEXT_ROWS}
        values["numbers"] = list(self.query_one(PhoneList).numbers)
        values["add"] = self.query_one("#edit-add", Input).value
        return values

    def say(self, problem: str) -> None:
        self.query_one("#edit-error", Label).update(Text(visible(problem)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "edit-add" and event.value.strip():
            self.add_number(event.input)
            return
        self.action_save()

    def add_number(self, field: Input) -> None:
        try:
            number = normalise(field.value, self.country)
        except BadPhone as exc:
            self.say(str(exc))  # what was typed stays in the row
            return
        self.query_one(PhoneList).add(number)
        field.value = ""
        self.say("")

    def on_key(self, event) -> None:
        if event.key == "enter" and isinstance(self.focused, PhoneList):
            event.stop()
            self.action_save()

    def action_save(self) -> None:
        values = self.values()
        changes = changes_from(self.prospect, values)
        problem = self.check(changes) if changes else None
        if problem:
            self.say(problem)
            return
        self.dismiss(Changes(changes, values))

    def action_cancel(self) -> None:
        self.dismiss(None)


def checker(prospect: Prospect, now, rules) -> Callable[[dict], str | None]:
    """The form's check: engine/edits.py on the record as shown (the write checks the book again)."""
    def check(changes: dict) -> str | None:
        try:
            edited(prospect, changes, now, rules)
        except EditRefused as exc:
            return str(exc)
        return None
    return check
