"""The break-up: short, non-defensive, permission-based. A break-up is not death."""

from __future__ import annotations

from ..model import Prospect
from .tags import voice


def message(p: Prospect, rep_name: str = "") -> str:
    """The note the rep sends when every attempt went unanswered."""
    first = p.name.split()[0] if p.name.strip() else "there"
    about = f" about {p.company}" if p.company else ""
    sign = f"\n{rep_name}" if rep_name else ""
    pause = voice(p.tag).pause.format(about=about)
    return f"Hi {first}, {pause} All the best.{sign}"
