"""Time off: steps that fall in the rep's days away move past them, keeping their spacing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from ..model import Prospect
from .location import location_of
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
        day = cal.local(step.due, rules.rep_tz).date()
        if not start <= day <= end:
            continue
        if step.agreed:
            kept.append(p)
            continue
        offset = sum(1 for n in range((day - start).days) if cal.is_business_day(date.fromordinal(start.toordinal() + n)))
        where = location_of(p)
        new_day = cal.add_business_days(end, offset + 1, where)
        local_time = cal.local(step.due, where).time().replace(tzinfo=None)
        moved_step = replace(step, due=cal.place(new_day, local_time, where))
        moved.append(replace(p, next_step=zone_checked(p, moved_step, rules)))
    return AwayPlan(moved=moved, kept=kept)
