"""Voicemail scripts: short, the value for them, an easy "no thanks", and when you will try again.

The day the script promises is the day the engine would schedule if the rep pressed `v` now,
so what the rep says and what Cockpit does can never disagree.

A script is parts in the order they are said: who is calling, from where and on what number, the
value for them, when you will call again, the easy way out. Most voicemails are never returned,
so the promise of the next call is what carries; it and the way out are never dropped. When the
script would run past 14 s (150 words a minute, a number read digit by digit), the optional parts go
in a fixed order: where you are from, then the part of the day of the promise ("Wednesday", not
"Wednesday afternoon"), then the call-back number. The words are the step's voicemail template
(templates.toml, a book may override it); the parts above are its {who} and {next_touch}.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from ..model import Activity, NextStep, Prospect
from . import words
from .location import location_of
from .phones import region_for, spoken
from .rep import Rep
from .rules import Rules
from .templates import render

WORDS_PER_MINUTE = 150  # a normal, unhurried speaking pace
BEST_SECONDS = (8, 14)


@dataclass(frozen=True)
class Script:
    text: str
    seconds: float
    promise: NextStep
    missing: tuple[str, ...] = ()  # the rep's settings the script had to leave out (rep.SETTINGS names)
    dropped: tuple[str, ...] = ()  # optional parts left out to fit 14 s, in DROP_ORDER

    @property
    def flag(self) -> str:
        low, high = BEST_SECONDS
        if self.seconds < low:
            return f"short: {self.seconds:.0f} s (best {low}-{high} s)"
        if self.seconds > high:
            return f"long: {self.seconds:.0f} s (best {low}-{high} s)"
        return ""


DROP_ORDER = ("from", "part of day", "call back")  # optional parts, the first to go first


def spoken_words(text: str) -> int:
    """Words as said aloud: a run of digits is read digit by digit ("415" is three), "+" is "plus"."""
    count = 0
    for word in re.findall(r"[\w'’+-]+", text):
        digits = sum(c.isdigit() for c in word)
        count += digits + word.startswith("+") if digits == len(word.lstrip("+")) and digits else 1
    return count


def spoken_seconds(text: str) -> float:
    return round(spoken_words(text) * 60 / WORDS_PER_MINUTE, 1)


def when_phrase(due: datetime, now: datetime, tz_name, rules: Rules, short: bool = False) -> str:
    """'tomorrow morning', 'Thursday afternoon', 'Monday the 7th', 'Tuesday the 23rd of February' in the
    prospect's time: the month is said once the day is more than two weeks off, when 'the 23rd' alone
    could be this month's. `short` leaves out the part of the day ('tomorrow', 'Thursday')."""
    cal = rules.calendar
    local, today = cal.local(due, tz_name), cal.local(now, tz_name).date()
    part = "morning" if local.time().replace(tzinfo=None) < cal.midday else "afternoon"
    days = (local.date() - today).days
    if days == 0:
        return "later today" if short or part == "morning" else f"this {part}"
    if days == 1:
        return "tomorrow" if short else f"tomorrow {part}"
    if days < 7:
        return f"{local:%A}" if short else f"{local:%A} {part}"
    said = f"{local:%A} the {local.day}{_suffix(local.day)}"
    return said if days <= 14 else f"{said} of {local:%B}"


def _suffix(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def script(p: Prospect, promise: NextStep, now: datetime, rules: Rules, rep: Rep,
           history: Iterable[Activity] = ()) -> Script:
    """The voicemail for `p`, promising `promise` (the step a voicemail would schedule now), in the
    words of `rep` (the book's settings) and of the step's template (templates.toml)."""
    where = location_of(p)  # their zone; a book from before zones were kept has none, and the number tells

    def promised(short: bool) -> tuple[str, str]:
        """(when, the promise said): ('Thursday afternoon', "I'll try you again Thursday afternoon")."""
        when = when_phrase(promise.due, now, where, rules, short)
        if promise.channel == "email":
            return when, f"I'll email you {when}"
        if promise.channel == "break-up":
            return "", "I won't keep calling"
        if promise.channel == "debrief":  # the meeting is confirmed: the next time you talk is the meeting
            when = when_phrase(p.meeting_at, now, where, rules, short)
            return when, f"Talk to you at our meeting {when}"
        return when, f"I'll try you again {when}"

    listener = region_for(p.phones[0]) if p.phones else rules.country
    parts = {  # name -> text; "" when the rep has not set what it needs
        "from": rep.company if rep.name else "",
        "part of day": "yes",  # said while it fits
        "call back": spoken(rep.phone, listener) if rep.phone and rep.name else "",
    }
    alternatives = rules.templates.text("call", p.tag, "voicemail", words.step_sets(p, rules, history))
    base = words.values(p, rep)
    dropped: list[tuple[str, str]] = []

    def said() -> str:
        # "this is Sam Carter from Northwind", or with the number up front, as reps leave it:
        # "it's Sam Carter from Northwind on 415 555 0100" (said once, slowly, before the why)
        where_from = f" from {parts['from']}" if parts["from"] else ""
        who = (f"it's {rep.name}{where_from} on {parts['call back']}" if parts["call back"] else
               f"this is {rep.name}{where_from}") if rep.name else ""
        when, next_touch = promised(short=not parts["part of day"])
        return render(alternatives, base | {"who": who, "when": when, "next_touch": next_touch})

    text = said()
    for part in DROP_ORDER:
        if spoken_seconds(text) <= BEST_SECONDS[1]:
            break
        if parts[part]:
            kept, parts[part] = parts[part], ""
            dropped.append((part, kept))
            text = said()
    for part, kept in reversed(dropped[:-1]):  # what the last drop made room for comes back
        parts[part] = kept
        if spoken_seconds(said()) <= BEST_SECONDS[1]:
            dropped.remove((part, kept))
        else:
            parts[part] = ""
    text = said()
    missing = tuple(key for key in rep.missing() if key != "value" or not words.hook(p))
    return Script(text=text, seconds=spoken_seconds(text), promise=promise, missing=missing,
                  dropped=tuple(part for part, _ in dropped))
