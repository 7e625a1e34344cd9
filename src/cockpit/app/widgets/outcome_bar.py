"""The one-key outcome bar: the result of the last key on top, then the legend of the outcome keys.

The result is one line (cut with an ellipsis, never wrapping the legend away). The legend is rows of
"key word" items laid out for the bar's width, an item never broken across rows: two rows at 80
columns. Its keys are the rep's keymap (config.keys). The bar holds the outcomes and `u undo`; the
screen's other verbs (s, B, i, ?, ...) are in the Footer below, so each key is shown exactly once.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...engine.text import visible
from .redraw import update_in_place

SHORT = {
    # Short enough that every outcome, snooze and undo fit two rows at 80 columns ("mtg" as the header says).
    "connected": "talk", "meeting": "mtg", "voicemail": "voicemail", "no-answer": "no ans",
    "callback": "later", "gatekeeper": "gatekeeper", "wrong-number": "wrong #", "email": "email",
    "not-interested": "not int.", "break-up": "break-up", "do-not-contact": "DNC", "dead": "dead",
    "held": "held", "no-show": "no-show",
    "snooze": "snooze",
}
GAP = "  "  # between two items: one space joins a key to its word, two part the items


def legend_items(keys: dict[str, str]) -> list[tuple[str, str]]:
    """(key, word) for every outcome in the rep's keymap, then undo."""
    return [(key, SHORT[outcome]) for outcome, key in keys.items()] + [("u", "undo")]


def legend_rows(items: list[tuple[str, str]], width: int) -> list[list[tuple[str, str]]]:
    """The items in rows no wider than `width`, in order, each item whole (filled greedily: the
    fewest rows). An item wider than the bar gets a row of its own."""
    rows: list[list[tuple[str, str]]] = [[]]
    used = 0
    for key, word in items:
        size = len(key) + 1 + len(word)
        if rows[-1] and used + len(GAP) + size > width:
            rows.append([])
            used = 0
        used += (len(GAP) if rows[-1] else 0) + size
        rows[-1].append((key, word))
    return rows


IDLE = "Press a key to log the outcome of this call."
IDLE_EMPTY = "No one to call now: a adds a prospect, / finds anyone in the book."


class OutcomeBar(Static):
    """What the last key did, then the keys ('Voicemail logged → call Thu 10:00, attempt 4/8')."""

    def __init__(self, keys: dict[str, str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.keys = keys
        self.result = ""
        self.result_style = ""
        self.idle = IDLE  # the line before any key: what a key does here
        self.lines: list[Text] = []  # as last laid out: the result, then the legend's rows

    def on_mount(self) -> None:
        self.render_bar()

    def on_resize(self) -> None:
        self.render_bar()  # the legend's rows follow the width

    def set_result(self, text: str, kind: str = "") -> None:
        """kind: '' for a logged outcome, 'pending' while writing, 'error' when it failed."""
        if (text, kind) == (self.result, self.result_style):
            return
        self.result, self.result_style = text, kind
        self.render_bar()

    def set_idle(self, text: str) -> None:
        if text != self.idle:
            self.idle = text
            self.render_bar()

    def render_bar(self) -> None:
        # Before the first layout the bar spans the screen: the app's width less the bar's padding.
        width = max(self.content_region.width if self.size.width else
                    self.app.size.width - self.styles.padding.width, 20)
        accent = self.app.theme_variables.get("accent", "")
        style = {"error": self.app.theme_variables.get("error", ""),
                 "pending": self.app.theme_variables.get("muted", "")}.get(self.result_style, "")
        line = Text(visible(self.result or self.idle), style=style,
                    no_wrap=True, overflow="ellipsis")
        line.truncate(width, overflow="ellipsis")
        rows = []
        for row in legend_rows(legend_items(self.keys), width):
            text = Text(no_wrap=True)
            for n, (key, word) in enumerate(row):
                text.append(GAP if n else "").append(key, style=f"bold {accent}").append(f" {word}")
            rows.append(text)
        self.lines = [line, *rows]
        update_in_place(self, Text("\n", no_wrap=True).join(self.lines))
