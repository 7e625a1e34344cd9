"""The last guard between the rep's data and the terminal: every line the screen paints is checked
for control characters (an escape sequence in a name would clear the screen or retitle the window).
Widgets already show names as plain Text (engine/text.py); this catches anything that slips past."""

from __future__ import annotations

import re

from rich.segment import Segment
from textual.filter import LineFilter

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class VisibleOnly(LineFilter):
    def apply(self, segments: list[Segment], background) -> list[Segment]:
        if not any(_CONTROL.search(text) for text, _, control in segments if not control):
            return segments  # the usual case: nothing to copy
        return [Segment(_CONTROL.sub("", text), style, control) if not control else Segment(text, style, control)
                for text, style, control in segments]
