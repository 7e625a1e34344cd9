"""When the next touch is due: cadence steps placed on business days inside the calling window."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from ..model import NextStep, Prospect
from . import timing
from .cadence import Step
from .location import Location, city, location_of, zone_names
from .rules import Rules

# The first words of a step whose time is outside the window of a zone their number may be in.
CONFIRM_ZONE = "confirm their time zone first"


def is_pending_breakup(p: Prospect) -> bool:
    return p.next_step is not None and p.next_step.channel == "break-up"


CLOSED_HOURS = "their calling hours were closed, so it waits for them to open"


def _soon(step: Step, now: datetime) -> datetime:
    """When a minutes-or-hours step (speed to lead) would fall if their hours allowed it."""
    return now + timedelta(hours=step.hours, minutes=step.minutes)


def _due(step: Step, p: Prospect, now: datetime, rules: Rules, retry_other_half: bool = False) -> datetime:
    cal = rules.calendar
    where = location_of(p)
    if not step.in_days:
        # Speed to lead: minutes or hours from now, pushed to the next opening if outside the window.
        return cal.next_opening(_soon(step, now), where)
    today = cal.local(now, where).date()
    if retry_other_half:
        # No answer: try again the next business day, in the half of the day not tried yet.
        return cal.place(cal.add_business_days(today, 1, where), cal.other_half(now, where), where)
    if step.months:
        day = cal.add_months(today, step.months, where)
    elif step.days:
        day = cal.add_business_days(today, step.days, where)
    else:
        return cal.next_opening(now, where)
    at = {"am": cal.window_start, "pm": cal.midday}.get(step.half) or cal.slot_time(now, where)
    return cal.place(day, at, where)


def cadence_step(p: Prospect, now: datetime, rules: Rules, retry_other_half: bool = False) -> NextStep:
    """The step after `p.attempt` attempts of its cadence (p.attempt < attempts_max)."""
    step = rules.cadence(p.cadence).steps[p.attempt]
    due = _due(step, p, now, rules, retry_other_half)
    reason = step.reason
    if not step.in_days and due > _soon(step, now):
        # "An hour after the first" due the next morning would contradict the card: say why it moved.
        reason = f"{reason}; {CLOSED_HOURS}" if reason else CLOSED_HOURS
    chosen = NextStep(step.channel, due, reason, step=p.attempt + 1)
    return _learned(chosen, step, p, now, rules, retry_other_half)


def _learned(chosen: NextStep, step: Step, p: Prospect, now: datetime, rules: Rules, retry: bool) -> NextStep:
    """The step as the book's learned timing has it (engine/timing.py). Only a step placed by a delay in
    business days may wait for the best weekday: not speed to lead, not a retry the next business day."""
    if step.days and not retry:
        chosen = replace(chosen, due=timing.on_best_day(chosen.due, chosen.channel, p, rules))
    return timing.before_decision(chosen, p, now, rules)


def first_step(p: Prospect, now: datetime, rules: Rules) -> NextStep:
    return cadence_step(p, now, rules)


def breakup_step(p: Prospect, now: datetime, rules: Rules) -> NextStep:
    """Every attempt made: the next step is the break-up, never one attempt more."""
    cal = rules.calendar
    where = location_of(p)
    cadence = rules.cadence(p.cadence)
    day = cal.add_business_days(cal.local(now, where).date(), cadence.breakup_days, where)
    due = cal.place(day, cal.slot_time(now, where), where)
    return NextStep("break-up", due, f"all {cadence.attempts_max} attempts made: send the break-up")


def is_zone_check(step: NextStep | None) -> bool:
    return step is not None and step.reason.startswith(CONFIRM_ZONE)


def zone_checked(p: Prospect, step: NextStep | None, rules: Rules) -> NextStep | None:
    """`step`, saying "confirm their time zone first" when Cockpit had to put it outside the window of a
    zone their number may be in (those windows never meet): the rep finds out where they are before
    the touch. A time they agreed to is theirs, and a certain zone leaves no doubt to clear."""
    if step is None or step.agreed or step.channel == "debrief" or is_zone_check(step):
        return step  # "how did it go?" is the rep's own note after a meeting, not a call
    where = location_of(p)
    if where.certain or rules.calendar.in_window(step.due, where):
        return step
    return replace(step, reason=f"{CONFIRM_ZONE}: {zone_doubt(where, step.due, rules)}; then {step.reason}")


def zone_doubt(where: Location, moment: datetime, rules: Rules) -> str:
    cal = rules.calendar
    # Windows that never meet, or (a meeting too close to wait for them) a time outside one of them.
    never = not cal.in_window(cal.next_opening(moment, where), where)
    why = "no hour is inside calling hours in all of them" if never else "this time is outside calling hours in one of them"
    return f"their number could be in {zone_names(where, moment)}, and {why}"


def describe_step(p: Prospect, step: NextStep | None, rules: Rules, now: datetime | None = None) -> str:
    """'call Thu 10:00, attempt 4/8' — the next step in the prospect's own time (with the year
    when it is months away, so a re-contact in 12 months cannot be read as this year)."""
    if step is None:
        return f"{p.status}: nothing is scheduled again"
    local = rules.calendar.local(step.due, p.tz)
    months_away = now is not None and abs((step.due - now).days) > 150
    text = f"{step.channel} {local:%a %d %b %Y %H:%M}" if months_away else f"{step.channel} {local:%a %d %b %H:%M}"
    if not location_of(p).certain:  # "their time" would not say which of the zones it may be
        text += f" {city(p.tz)} time"
    if step.step:
        text += f", attempt {step.step}/{rules.cadence(p.cadence).attempts_max}"
    elif p.status == "nurture":
        text += " (nurture)"
    return text
