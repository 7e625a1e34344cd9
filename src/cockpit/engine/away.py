"""Time off: steps that fall in the rep's days away move past them, keeping their spacing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, time

from ..model import Prospect
from .location import location_of
from .meetings import latest_callable_before
from .rules import Rules
from .schedule import zone_checked


@dataclass(frozen=True)
class AwayPlan:
    moved: list[Prospect]
    kept: list[Prospect]  # times the prospect agreed to: never moved behind their back


def shift_for_time_off(prospects: Iterable[Prospect], start: date, end: date, rules: Rules) -> AwayPlan:
    """A step due on the n-th business day of the time off moves to the n-th business day after it."""
    cal = rules.calendar
    moved, kept = [], []
    for p in prospects:
        step = p.next_step
        if not p.active or step is None:
            continue
        where = location_of(p)
        # In the time off by the rep's date or by the prospect's (the calendar counts their days off on
        # the prospect's date): Tuesday 09:00 in Tokyo is Monday evening in New York.
        days = {cal.local(step.due, rules.rep_tz).date(), *(cal.local(step.due, z).date() for z in where.zones)}
        if not any(start <= day <= end for day in days):
            continue
        if step.agreed:
            kept.append(p)
            continue
        day = max(start, min(days))
        offset = sum(1 for n in range((day - start).days) if cal.is_business_day(date.fromordinal(start.toordinal() + n)))
        new_day = cal.add_business_days(end, offset + 1, where)
        local_time = cal.local(step.due, where).time().replace(tzinfo=None)
        moved_step = replace(step, due=cal.place(new_day, local_time, where))
        if step.channel == "confirm" and p.meeting_at is not None and moved_step.due >= p.meeting_at:
            # A confirmation is worth nothing after the meeting: make it before the time off instead.
            leaving = min(cal.at(start, time(0), rules.rep_tz), cal.at(start, time(0), where))  # by either date
            moved_step = replace(step, due=min(step.due, latest_callable_before(min(leaving, p.meeting_at), where, rules)))
        moved.append(replace(p, next_step=zone_checked(p, moved_step, rules)))
    return AwayPlan(moved=moved, kept=kept)
