"""The break-up: short, non-defensive, permission-based. A break-up is not death.

What it says follows what happened: a prospect never reached hears "I've tried you a few times";
one the rep spoke to, or met, hears that, not a stranger's words. It is signed with the rep's name,
company and number as far as the book knows them. The words are templates.toml's [breakup.TAG]
(never, talked, met), which a book may override.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Activity, Prospect
from . import words
from .rep import Rep
from .templates import Templates, render

story = words.story  # what happened decides the words (engine/words.py)


def message(p: Prospect, templates: Templates, rep: Rep, history: Iterable[Activity] = ()) -> str:
    """The note the rep sends when every attempt went unanswered, in the words its history calls for
    (a tag without words for that story, such as a client, has one message for all of them)."""
    said = templates.text("breakup", p.tag, story(history)) or templates.text("breakup", p.tag, "never")
    return render(said, words.values(p, rep))
