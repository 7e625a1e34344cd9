"""A call block: N dials in M minutes, and how it is going."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..model import Activity

# A dial is a call placed: marking a prospect do-not-contact or dead, or how a meeting went (held,
# no-show), is a record, not a call, and never counts towards a block's target.
DIALS = ("connected", "meeting", "voicemail", "no-answer", "callback", "gatekeeper", "wrong-number",
         "not-interested")
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
    from .outcomes import NOT_CALLS  # here, not above: outcomes imports this module (through timing)

    dials = connects = voicemails = meetings = 0
    wraps: list[float] = []
    for a in activities:
        if a.outcome in NOT_CALLS:
            continue  # a snooze or a note is no dial, and its time on screen is no call's wrap-up
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


def finished(block: Block, t: Tally, now: datetime) -> str | None:
    """Why the block is over ('time is up', 'target reached'), or None while it runs."""
    if t.dials >= block.target_dials:
        return "target reached"
    if block.remaining(now) <= timedelta():
        return "time is up"
    return None


def recap(block: Block, t: Tally, now: datetime) -> list[str]:
    """The block's recap, line by line, in the words the rep reads when it ends."""
    used = min(max(now, block.started), block.ends()) - block.started
    minutes = int(used.total_seconds() // 60)
    return [
        f"Dials: {t.dials} of {block.target_dials}",
        f"Conversations: {t.connects}",
        f"Voicemails: {t.voicemails}",
        f"Meetings: {t.meetings}",
        f"Time: {minutes} of {block.minutes} min",
        f"Connect rate: {round(100 * t.rate)}%",
    ]


def running(block: Block, t: Tally, now: datetime) -> str:
    """'7/20 dials, 12 min left': what replacing the block would cut short."""
    left = math.ceil(block.remaining(now).total_seconds() / 60)
    return f"{t.dials}/{block.target_dials} dials, {left} min left"
