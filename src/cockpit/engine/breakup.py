"""The break-up: short, non-defensive, permission-based. A break-up is not death.

What it says follows what happened: a prospect never reached hears "I've tried you a few times";
one the rep spoke to, or met, hears that, not a stranger's words. It is signed with the rep's name,
company and number as far as the book knows them (engine/rep.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Activity, Prospect
from .phones import display
from .rep import Rep
from .tags import voice

TALKED = frozenset({"connected", "callback"})
MET = frozenset({"meeting", "held", "no-show"})

# A prospect's pause, by what happened before the silence ({about} is " about Acme" or "").
AFTER = {
    "talked": "since we spoke{about} I haven't managed to reach you again, so I'll assume the timing isn't right "
              "and stop reaching out. If that changes, just reply and I'll pick it up from there.",
    "met": "since we met{about} I haven't managed to reach you again, so I'll assume it isn't a priority right "
           "now and stop reaching out. If that changes, just reply and I'll pick it up from there.",
}


def story(history: Iterable[Activity]) -> str:
    """'met', 'talked' or 'never': the furthest the prospect and the rep got."""
    outcomes = {a.outcome for a in history}
    return "met" if outcomes & MET else "talked" if outcomes & TALKED else "never"


def signature(rep: Rep) -> str:
    """'Sam Carter\\nNorthwind · +1 415-555-0100', as much of it as is set."""
    contact = " · ".join(x for x in (rep.company, display(rep.phone) if rep.phone else "") if x)
    return "\n".join(x for x in (rep.name, contact) if x)


def message(p: Prospect, rep_name: str = "", history: Iterable[Activity] = (), rep: Rep | None = None) -> str:
    """The note the rep sends when every attempt went unanswered, in the words its history calls for."""
    rep = rep if rep is not None else Rep(name=rep_name)
    first = p.name.split()[0] if p.name.strip() else "there"
    about = f" about {p.company}" if p.company else ""
    words = voice(p.tag)
    happened = story(history)
    # A client or a partner already has words of their own (tags.py); a prospect's follow the history.
    pause = AFTER[happened] if p.tag == "prospect" and happened in AFTER else words.pause
    sign = signature(rep)
    return f"Hi {first}, {pause.format(about=about)} All the best." + (f"\n{sign}" if sign else "")
