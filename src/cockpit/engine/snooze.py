"""Snooze: when the rep's `z` moves a step to. Pure: `now` and the rules come in.

A snooze only moves the step's time: it lands inside their calling window on a business day, the
way Cockpit places every step it picks itself."""

from __future__ import annotations

from datetime import datetime, timedelta

from ..model import Prospect
from .location import location_of
from .rules import Rules

LATER = timedelta(hours=2)  # "later today": far enough to be another moment of their day


def landed(p: Prospect, when: datetime, rules: Rules) -> datetime:
    """`when`, or the next moment their calling window is open on a business day."""
    return rules.calendar.next_opening(when, location_of(p))


def later_today(p: Prospect, now: datetime, rules: Rules) -> datetime:
    """In two hours, or when their window next opens (tomorrow, when today's has closed)."""
    return landed(p, now + LATER, rules)


def tomorrow(p: Prospect, now: datetime, rules: Rules) -> datetime:
    """Tomorrow their time, at this time of their day (inside the window; the next business day)."""
    cal, where = rules.calendar, location_of(p)
    local = cal.local(now, where)
    return landed(p, cal.place(local.date() + timedelta(days=1), cal.slot_time(now, where), where), rules)


def next_week(p: Prospect, now: datetime, rules: Rules) -> datetime:
    """Next Monday their time, at this time of their day (a holiday Monday: the next business day)."""
    cal, where = rules.calendar, location_of(p)
    local = cal.local(now, where)
    monday = local.date() + timedelta(days=7 - local.weekday())
    return landed(p, cal.place(monday, cal.slot_time(now, where), where), rules)


def choices(p: Prospect, now: datetime, rules: Rules) -> dict[str, datetime]:
    """The screen's picks: key -> when (key 4 is a time the rep types)."""
    return {"1": later_today(p, now, rules), "2": tomorrow(p, now, rules), "3": next_week(p, now, rules)}
