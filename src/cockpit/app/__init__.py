"""The cockpit screen (Textual). It reads and writes only through the engine and the book."""

import os

# Textual draws a changed screen on its next tick, 60 a second by default: a logged outcome waits up
# to 17 ms after the write for its frame. At 120 it waits up to 8 ms; a screen that does not change
# draws nothing either way. Read when Textual is first imported, so it is set here, before that.
os.environ.setdefault("TEXTUAL_FPS", "120")
