"""A call block: N dials in M minutes, and how it is going."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..model import Activity

DIALS = ("connected", "meeting", "voicemail", "no-answer", "callback", "gatekeeper", "wrong-number",
         "not-interested", "do-not-contact", "dead")  # every outcome that follows picking up the phone
CONNECTS = ("connected", "meeting", "callback", "not-interested")  # a conversation with the person


@dataclass(frozen=True)
class Block:
    id: str
    started: datetime
    target_dials: int
    minutes: int

    def ends(self) -> datetime:
        return self.started + timedelta(minutes=self.minutes)

    def remaining(self, now: datetime) -> timedelta:
        return max(self.ends() - now, timedelta())


@dataclass(frozen=True)
class Tally:
    """Dials, connects, voicemails and meetings of a block, a day or a stats cell."""
    dials: int = 0
    connects: int = 0
    voicemails: int = 0
    meetings: int = 0
    wrap_seconds: float | None = None  # average, where the screen measured it

    @property
    def rate(self) -> float:
        return self.connects / self.dials if self.dials else 0.0


def tally(activities: Iterable[Activity]) -> Tally:
    dials = connects = voicemails = meetings = 0
    wraps: list[float] = []
    for a in activities:
        dials += a.outcome in DIALS
        connects += a.outcome in CONNECTS
        voicemails += a.outcome == "voicemail"
        meetings += a.outcome == "meeting"
        if a.wrap_seconds is not None:
            wraps.append(a.wrap_seconds)
    wrap = round(math.fsum(wraps) / len(wraps), 1) if wraps else None
    return Tally(dials, connects, voicemails, meetings, wrap)


def parse_target(text: str) -> tuple[int, int]:
    """'20 45' or '20/45' -> (20 dials, 45 minutes); ValueError says what is accepted."""
    parts = text.replace("/", " ").replace(",", " ").split()
    try:
        dials, minutes = (int(parts[0]), int(parts[1])) if len(parts) == 2 else (int(parts[0]), 60)
    except (ValueError, IndexError):
        raise ValueError(f"{text!r} is not a block target; type dials and minutes, e.g. '20 45'") from None
    if not (1 <= dials <= 500 and 1 <= minutes <= 600):
        raise ValueError("a block is 1-500 dials in 1-600 minutes, e.g. '20 45'")
    return dials, minutes


def counted(t: Tally, activity: Activity, sign: int = 1) -> Tally:
    """`t` with one activity added (sign=1) or taken back by undo (sign=-1)."""
    one = tally([activity])
    return Tally(t.dials + sign * one.dials, t.connects + sign * one.connects,
                 t.voicemails + sign * one.voicemails, t.meetings + sign * one.meetings, t.wrap_seconds)
