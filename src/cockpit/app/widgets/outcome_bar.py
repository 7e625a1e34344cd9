"""The one-key outcome bar: the legend (from the rep's keymap), the result of the last key, undo."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...engine.text import visible
from .redraw import update_in_place

SHORT = {
    "connected": "talked", "meeting": "meeting", "voicemail": "voicemail", "no-answer": "no answer",
    "callback": "later", "gatekeeper": "gatekeeper", "wrong-number": "wrong #", "email": "email",
    "not-interested": "not int.", "break-up": "break-up", "do-not-contact": "DNC", "dead": "dead",
    "held": "held", "no-show": "no-show",
}


class OutcomeBar(Static):
    """What the last key did, then the keys ('Voicemail logged → call Thu 10:00, attempt 4/8')."""

    def __init__(self, keys: dict[str, str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.keys = keys
        self.result = ""
        self.result_style = ""

    def on_mount(self) -> None:
        self.render_bar()

    def set_result(self, text: str, kind: str = "") -> None:
        """kind: '' for a logged outcome, 'pending' while writing, 'error' when it failed."""
        if (text, kind) == (self.result, self.result_style):
            return
        self.result, self.result_style = text, kind
        self.render_bar()

    def render_bar(self) -> None:
        accent = self.app.theme_variables.get("accent", "")
        legend = Text()
        for outcome, key in self.keys.items():
            legend.append(key, style=f"bold {accent}").append(f" {SHORT[outcome]}  ")
        legend.append("u", style=f"bold {accent}").append(" undo")
        style = {"error": self.app.theme_variables.get("error", ""),
                 "pending": self.app.theme_variables.get("muted", "")}.get(self.result_style, "")
        line = Text(visible(self.result or "Press a key to log the outcome of this call."), style=style)
        # The result first: it is what the rep's eyes look for after a key; the legend wraps below.
        update_in_place(self, Text("\n").join([line, legend]))
