"""Python's full garbage collections, moved from the middle of a keypress to a quiet moment.

A full pass walks every object the process holds; with a large book open it takes tens of ms, and
left to itself it starts on whatever allocation crosses its threshold: now and then, a keypress.
While the cockpit is open, the objects alive once the book is loaded are frozen (left out of every
pass, still freed by their reference counts), automatic full passes are off, and the screen runs one
when the rep has not pressed a key for a moment and as many younger passes have run as would have
started one. Young passes (cheap, a few ms at most) run as usual. Leaving restores the thresholds.
"""

from __future__ import annotations

import gc
import time

QUIET_SECONDS = 2.0  # no key for this long: a full pass will not land on one


class QuietCollector:
    def __init__(self) -> None:
        self.saved: tuple[int, int, int] | None = None
        self.last_key = time.monotonic()

    def start(self) -> None:
        """Once the book is loaded: freeze what is alive now and stop automatic full passes."""
        if self.saved is None:
            self.saved = gc.get_threshold()
            gc.freeze()
            young, middle, _ = self.saved
            gc.set_threshold(young, middle, 1 << 30)

    def key(self) -> None:
        self.last_key = time.monotonic()

    def quiet(self) -> bool:
        """No key for QUIET_SECONDS: work that would hold up a key can run now."""
        return time.monotonic() - self.last_key >= QUIET_SECONDS

    def tick(self) -> bool:
        """Called every second: a full pass if one is due and the rep is not typing. True if it ran."""
        if self.saved is None or not self.quiet():
            return False
        if gc.get_count()[2] < self.saved[2]:
            return False
        gc.collect()
        return True

    def stop(self) -> None:
        if self.saved is not None:
            gc.set_threshold(*self.saved)
            self.saved = None
