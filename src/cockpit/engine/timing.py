"""Learned timing that changes the schedule: the weekday and hour a lead type answers at, and the
day its buyers usually decide by.

The stats find both in the rep's own log (`weekday_pattern`, the days to a meeting) and suggest
them; accepted, they are the book's [timing.LEAD] settings (`Rules.timing`) and act here:

- a call step of a cadence waits, within the week the cadence put it in, for the weekday and hour
  that lead type connects at (`on_best_day`): never before the cadence's delay, never off a business
  day or outside the window, never into another week, so the cadence keeps its pace and its order;
- an engaged prospect (they talked, no meeting yet) whose next step would come after the day their
  kind of buyer decides by gets a value follow-up as that day approaches (`before_decision`).

Pure: figures, `now` and the rules come in; nothing is read from a clock or the book.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from ..model import NextStep, Prospect
from .block import Tally
from .calendar import Calendar
from .location import location_of
from .rules import Rules

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri")  # calling days: a pattern is never a weekend

# When one hour of the week is a pattern and not luck. A handful of connects land anywhere by
# chance, so the hour needs PATTERN_MIN_CONNECTS of them, at least PATTERN_MIN_SHARE of the lead
# type's connects, and a connect rate PATTERN_LIFT times that of the other weekdays, on which the
# rep made PATTERN_MIN_OTHER_DIALS dials at least (else "never on Wednesdays" only means "never
# called on Wednesdays").
PATTERN_MIN_CONNECTS = 8
PATTERN_MIN_SHARE = 0.5
PATTERN_LIFT = 2.0
PATTERN_MIN_OTHER_DIALS = 40

DECISION_AHEAD = 2  # days: "as day 32 approaches" is day 30
DECIDE_MIN_MEETINGS = 5  # a median of fewer meetings than this is an anecdote, not a timeline


@dataclass(frozen=True)
class Pattern:
    """An hour of the week that connects: (weekday, hour) and the figures that make it one."""
    weekday: int
    hour: int
    connects: int
    dials: int
    lead_connects: int  # all connects of the lead type
    other_rate: float  # the connect rate of the dials on other weekdays


def weekday_pattern(cells: Mapping[tuple[int, int], Tally], cal: Calendar) -> Pattern | None:
    """The hour of the week (weekday, local hour) that this lead type's connects gather in, if they do.

    Only an hour the scheduler can use: a business weekday, inside the calling window."""
    usable = [(cell, t) for cell, t in cells.items()
              if cell[0] < len(WEEKDAY_NAMES) and cal.window_start <= time(cell[1]) <= cal.last_slot]
    if not usable:
        return None
    # Most connects; among equals the better rate, then the earliest hour of the week.
    (weekday, hour), best = max(usable, key=lambda item: (item[1].connects, item[1].rate, -item[0][0], -item[0][1]))
    lead_connects = sum(t.connects for t in cells.values())
    other_dials = sum(t.dials for (day, _hour), t in cells.items() if day != weekday)
    other_connects = sum(t.connects for (day, _hour), t in cells.items() if day != weekday)
    other_rate = other_connects / other_dials if other_dials else 0.0
    if (best.connects < PATTERN_MIN_CONNECTS or best.connects < PATTERN_MIN_SHARE * lead_connects
            or other_dials < PATTERN_MIN_OTHER_DIALS or best.rate < PATTERN_LIFT * other_rate):
        return None
    return Pattern(weekday, hour, best.connects, best.dials, lead_connects, other_rate)


def best_time_text(weekday: int, at: time) -> str:
    """'Tue 16:00': how the book's settings write a preferred calling day and hour."""
    return f"{WEEKDAY_NAMES[weekday]} {at:%H:%M}"


def on_best_day(due: datetime, channel: str, p: Prospect, rules: Rules) -> datetime:
    """A call the cadence placed at `due`, moved to the weekday and hour the prospect's lead type
    connects at when that day comes later in the same week (or is the same day); else left as it is.

    Only later days: the cadence's delay is a minimum. Only the same week: the cadence keeps its pace.
    The day must be a business day, and the time is placed inside the window."""
    learned = rules.timing.get(p.lead_type)
    if channel != "call" or learned is None or learned.weekday is None or learned.at is None:
        return due
    cal = rules.calendar
    day = cal.local(due, p.tz).date()
    wait = learned.weekday - day.weekday()
    target = day + timedelta(days=wait)
    if wait < 0 or not cal.is_business_day(target, location_of(p)):
        return due
    return cal.place(target, learned.at, location_of(p))


def before_decision(chosen: NextStep, p: Prospect, now: datetime, rules: Rules) -> NextStep:
    """`chosen`, or for an engaged prospect whose lead type decides in about N days (and who has no
    meeting yet), a value follow-up on day N - DECISION_AHEAD of their time in the book when `chosen`
    would come after it. It takes the place of `chosen` (same channel, same attempt number): the
    cadence goes on from it."""
    learned = rules.timing.get(p.lead_type)
    if (learned is None or learned.decide_days is None or p.status != "engaged" or p.meeting_at is not None
            or p.created is None or chosen.agreed or chosen.channel not in ("call", "email")):
        return chosen
    cal = rules.calendar
    day = cal.local(p.created, p.tz).date() + timedelta(days=learned.decide_days - DECISION_AHEAD)
    if not cal.is_business_day(day, location_of(p)):
        day = cal.previous_business_day(day, location_of(p))  # ahead of the decision, not after it
    if day <= cal.local(now, p.tz).date():
        return chosen  # that day has come: the cadence carries on as it is
    due = cal.place(day, cal.local(chosen.due, p.tz).time(), location_of(p))
    if due >= chosen.due:
        return chosen
    reason = (f"value follow-up before they decide (your {p.lead_type} leads decide in about "
              f"{learned.decide_days} days): bring an idea, a case or an introduction that helps them")
    return NextStep(chosen.channel, due, reason, step=chosen.step)
