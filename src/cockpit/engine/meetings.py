"""The meeting lifecycle: a meeting is a step, not an end.

Confirm it the business day before, inside their hours; once it has started, the prospect's step is
"how did it go?" (held or no-show), whatever was stored before it; held leads to the post-meeting
follow-ups, no-show to the rebooking cadence, and quiet after either to the usual paths.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from ..model import NextStep, Prospect
from .calendar import LEGAL_END, LEGAL_START, SLOT_MINUTES
from .location import location_of
from .rules import Rules

DEBRIEF = "debrief"  # the step's channel: not a touch, the rep logging how the meeting went
# A first meeting rarely runs longer than an hour: the rep is asked how it went once it is over.
MEETING_LENGTH = timedelta(hours=1)
POST_MEETING, REBOOK, STALLED = "post-meeting", "rebook", "stalled"
# The cadences a meeting leads to: an attempt logged in one of them stays in it (no jump to stalled).
AFTER_MEETING = (POST_MEETING, REBOOK, STALLED)
LAST_LEGAL_SLOT = (datetime.combine(date.min, LEGAL_END) - timedelta(minutes=SLOT_MINUTES)).time()


def started(p: Prospect, now: datetime) -> bool:
    return p.meeting_at is not None and p.meeting_at <= now


def debrief_step(p: Prospect, rules: Rules) -> NextStep:
    """'How did it go?', due right after the meeting."""
    local = rules.calendar.local(p.meeting_at, p.tz)
    reason = f"how did the meeting on {local:%a %d %b %H:%M} their time go? log held or no-show"
    return NextStep(DEBRIEF, p.meeting_at + MEETING_LENGTH, reason)


def as_of(p: Prospect, now: datetime, rules: Rules) -> Prospect:
    """`p` as it stands at `now`: a confirmation still stored for a meeting that has started is stale
    (nobody logged it), so the step is "how did it go?" instead. The book keeps what was logged; every
    list, card and outcome reads the prospect through this, so an old meeting is never "confirm"."""
    step = p.next_step
    if step is None or step.channel != "confirm" or not started(p, now):
        return p
    return replace(p, next_step=debrief_step(p, rules))


def latest_legal_before(meeting: datetime, tz_name: str, rules: Rules) -> datetime:
    """The start of the last quarter hour that ends by `meeting` inside the legal 08:00-21:00 their time
    (any day: legal hours hold on weekends too)."""
    cal = rules.calendar
    local = cal.local(meeting - timedelta(minutes=SLOT_MINUTES), tz_name)
    local = local.replace(minute=local.minute - local.minute % SLOT_MINUTES, second=0, microsecond=0)
    clock = local.time().replace(tzinfo=None)
    if clock > LAST_LEGAL_SLOT:
        return cal.at(local.date(), LAST_LEGAL_SLOT, tz_name)
    if clock < LEGAL_START:
        return cal.at(local.date() - timedelta(days=1), LAST_LEGAL_SLOT, tz_name)
    return local.astimezone(timezone.utc)


def confirmation(p: Prospect, wanted: datetime, now: datetime, rules: Rules, reason: str) -> NextStep:
    """A confirmation call at `wanted` (a time inside their calling window) when that comes before the
    meeting. Otherwise (booked Friday night for Sunday) the latest legal quarter hour before the meeting:
    a short call on the day beats none, and a call at 21:30 their time is never one. When even that has
    passed (booked at 21:30 for 07:30), there is no legal time left to call: the call that booked or last
    confirmed it stands, and the next step is asking how it went."""
    if wanted < p.meeting_at:
        return NextStep("confirm", wanted, reason)
    where = location_of(p)
    callable_now = now if rules.calendar.in_window(now, where) else None  # the last slot has begun: now
    for latest in (latest_callable_before(p.meeting_at, where, rules), callable_now,
                   latest_legal_before(p.meeting_at, where, rules)):
        if latest is not None and now <= latest < p.meeting_at:  # in their window if there is time; else legal
            return NextStep("confirm", latest, reason)
    return debrief_step(p, rules)


def latest_callable_before(meeting: datetime, tz_name: str, rules: Rules) -> datetime:
    """The start of the last quarter hour inside their calling window (a business day) that ends by
    `meeting`: 13:45 for a 14:00 meeting, Friday's last slot for a Saturday or Monday-morning one."""
    cal = rules.calendar
    local = cal.local(meeting - timedelta(minutes=SLOT_MINUTES), tz_name)
    local = local.replace(minute=local.minute - local.minute % SLOT_MINUTES, second=0, microsecond=0)
    clock = local.time().replace(tzinfo=None)
    if cal.is_business_day(local.date(), tz_name) and cal.window_start <= clock <= cal.last_slot:
        return local.astimezone(timezone.utc)
    day = local.date()
    if not (cal.is_business_day(day, tz_name) and clock > cal.last_slot):
        day = cal.previous_business_day(day, tz_name)
    return cal.at(day, cal.last_slot, tz_name)
