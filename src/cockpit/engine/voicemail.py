"""Voicemail scripts: short, the value for them, an easy "no thanks", and when you will try again.

The day the script promises is the day the engine would schedule if the rep pressed `v` now,
so what the rep says and what Cockpit does can never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ..model import NextStep, Prospect
from .rules import Rules
from .tags import voice

WORDS_PER_MINUTE = 150  # a normal, unhurried speaking pace
BEST_SECONDS = (8, 14)
HOOK_WORDS = 8


@dataclass(frozen=True)
class Script:
    text: str
    seconds: float
    promise: NextStep

    @property
    def flag(self) -> str:
        low, high = BEST_SECONDS
        if self.seconds < low:
            return f"short: {self.seconds:.0f} s (best {low}-{high} s)"
        if self.seconds > high:
            return f"long: {self.seconds:.0f} s (best {low}-{high} s)"
        return ""


def spoken_seconds(text: str) -> float:
    words = re.findall(r"[\w'’+-]+", text)
    return round(len(words) * 60 / WORDS_PER_MINUTE, 1)


def _hook(p: Prospect) -> str:
    """The value for them, in a few words: from the research, else a plain offer fit for their tag."""
    for source in (p.research.why_now, p.research.pains):
        words = source.strip().rstrip(".").split()
        if words:
            return " ".join(words[:HOOK_WORDS])
    words = voice(p.tag)
    return words.value.format(company=p.company) if p.company else words.value_no_company


def when_phrase(due: datetime, now: datetime, tz_name: str, rules: Rules) -> str:
    """'tomorrow morning', 'Thursday afternoon', 'Monday the 7th', 'Tuesday the 23rd of February' in the
    prospect's time: the month is said once the day is more than two weeks off, when 'the 23rd' alone
    could be this month's."""
    cal = rules.calendar
    local, today = cal.local(due, tz_name), cal.local(now, tz_name).date()
    part = "morning" if local.time().replace(tzinfo=None) < cal.midday else "afternoon"
    days = (local.date() - today).days
    if days == 0:
        return f"this {part}" if part == "afternoon" else "later today"
    if days == 1:
        return f"tomorrow {part}"
    if days < 7:
        return f"{local:%A} {part}"
    said = f"{local:%A} the {local.day}{_suffix(local.day)}"
    return said if days <= 14 else f"{said} of {local:%B}"


def _suffix(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def script(p: Prospect, promise: NextStep, now: datetime, rules: Rules, rep_name: str = "") -> Script:
    """The voicemail for `p`, promising `promise` (the step a voicemail would schedule now)."""
    first = p.name.split()[0] if p.name.strip() else "there"
    me = f"this is {rep_name}" if rep_name else "it's me from our team"
    when = when_phrase(promise.due, now, p.tz, rules)
    if promise.channel == "email":
        next_touch = f"I'll email you {when}"
    elif promise.channel == "break-up":
        next_touch = "I won't keep calling"
    elif promise.channel == "debrief":  # the meeting is confirmed: the next time you talk is the meeting
        next_touch = f"Talk to you at our meeting {when_phrase(p.meeting_at, now, p.tz, rules)}"
    else:
        next_touch = f"I'll try you again {when}"
    words = voice(p.tag)
    text = f"Hi {first}, {me}, {words.about} {_hook(p)}. {next_touch}; {words.no_thanks}."
    return Script(text=text, seconds=spoken_seconds(text), promise=promise)
