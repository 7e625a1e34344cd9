"""Names, companies and notes are data from web forms and CRM files: shown as text, never obeyed.

A terminal obeys control characters (ESC starts a sequence that can clear the screen, retitle the
window or move the cursor), a newline starts what looks like another line of output, and bidi
controls reorder what is shown. `clean` makes one line of plain, visible text of any value for
showing; the stored value stays exactly as it was (JSON output keeps it exactly too: `json_text`).
"""

from __future__ import annotations

import json
import re

# Whole escape sequences first (so "ESC[2J" goes as one, not leaving "[2J"): CSI, OSC (ended by BEL
# or ST), and any other ESC + one character; then single C0/C1 controls, DEL, and the bidi controls.
_SEQUENCES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]?|\x9b[0-?]*[ -/]*[@-~]?"
                        r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b.?", re.S)
_BREAKS = re.compile(r"[\t\n\v\f\r\x85\u2028\u2029]+")
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What json.dumps(ensure_ascii=False) leaves raw that a terminal would act on (it escapes C0 itself).
# Lone surrogates (bytes that were not UTF-8) cannot be written at all: escaped the same way.
_JSON_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean(value, limit: int | None = None) -> str:
    """One line of visible text: escape sequences and controls removed, line breaks and tabs made
    spaces; `limit` cuts it to that many characters with an ellipsis (a 1 MB name stays one line)."""
    text = value if isinstance(value, str) else str(value)
    if _needs_cleaning(text):
        text = _BREAKS.sub(" ", _SEQUENCES.sub("", text))
        text = _SURROGATES.sub("\ufffd", _CONTROLS.sub("", text))
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 0)] + "…"
    return text


def clean_lines(value, limit: int | None = None) -> str:
    """As `clean`, but newlines are kept (text of several lines that Cockpit wrote around the data);
    `limit` applies to each line."""
    return "\n".join(clean(line, limit) for line in str(value).split("\n"))


# What the screen shows of one value: a long note still shows whole, but a megabyte pasted into a
# name is never handed to the renderer (wrapping it took Textual half a minute on every redraw).
SHOWN = 1000


# A name or company inside a line of command output (a log confirmation, an import summary): enough
# for any real name; `show` and `--json` give the whole value.
IN_A_LINE = 80


def visible(value, limit: int = SHOWN) -> str:
    """`clean`, cut to what a screen shows of one value (the stored value stays whole)."""
    return clean(value, limit)


def visible_lines(value, limit: int = SHOWN) -> str:
    """`clean_lines`, each line cut to what a screen shows."""
    return clean_lines(value, limit)


def _needs_cleaning(text: str) -> bool:
    return bool(_CONTROLS.search(text) or _BREAKS.search(text) or _SURROGATES.search(text))


def json_text(data, indent: int | None = None) -> str:
    """JSON whose values load back exactly, with nothing a terminal would act on written raw."""
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def count(n: int, word: str, plural: str = "") -> str:
    """'1 break-up', '2 break-ups', '0 days': every figure Cockpit writes agrees with its noun."""
    return f"{n} {word if n == 1 else plural or word + 's'}"
