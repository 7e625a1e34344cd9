"""The break-up: short, non-defensive, permission-based. A break-up is not death."""

from __future__ import annotations

from ..model import Prospect


def message(p: Prospect, rep_name: str = "") -> str:
    """The note the rep sends when every attempt went unanswered."""
    first = p.name.split()[0] if p.name.strip() else "there"
    about = f" about {p.company}" if p.company else ""
    sign = f"\n{rep_name}" if rep_name else ""
    return (f"Hi {first}, I've tried you a few times{about} and haven't connected, so I'll assume "
            f"now isn't the right time and stop reaching out. If that changes, just reply and I'll "
            f"pick it up from there. All the best.{sign}")
