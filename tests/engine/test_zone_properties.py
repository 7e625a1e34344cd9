"""Hypothesis: over random outcome sequences and clocks, for prospects whose number leaves random sets of
zones in random countries, with random days off for the rep, every step Cockpit picks itself
(not a time they agreed to):

- is inside the calling window of every candidate zone, on a day that is a business day in each of
  them: no weekend, no public holiday of the prospect's country or the book's, none of the rep's days
  off; or
- is the explicit "confirm their time zone first" step, which still falls on a business day in the
  zone shown;
- the one exception kept from main: a meeting confirmation due now when no opening comes before
  the meeting (a certain zone only; with a doubt it says to confirm the zone).

The oracle asks the `holidays` package and each zone's clock directly, not the calendar under test.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from hypothesis import event, given
from hypothesis import strategies as st
from test_properties import SETTINGS, played, starts, step_strategy

from cockpit.config import Config, builtin_cadences
from cockpit.engine.outcomes import new_prospect
from cockpit.model import Prospect

BOOK = "US"
PHONE = "+12125550100"  # a working number: without one every step is research, not a call
# Groups whose windows meet (Alaska, Australia, the Americas) and the whole world, where most do not.
ALASKA = ("America/Adak", "America/Anchorage")
AUSTRALIA = ("Indian/Cocos", "Indian/Christmas", "Australia/Perth", "Australia/Eucla", "Australia/Adelaide",
             "Australia/Brisbane", "Australia/Sydney", "Australia/Lord_Howe")
AMERICAS = ("America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York", "America/St_Johns")
WORLD = ALASKA + AUSTRALIA + AMERICAS + ("Europe/London", "Europe/Berlin", "Europe/Moscow", "Asia/Kolkata",
                                         "Asia/Kathmandu", "Pacific/Auckland", "Pacific/Chatham", "Pacific/Guam",
                                         "Pacific/Pago_Pago", "Pacific/Kiritimati")
COUNTRIES = ("US", "GB", "DE", "AU", "IN", "NZ", "RU", "", "ZZ")  # ZZ: unknown to the holidays package

zone_sets = st.one_of(st.lists(st.sampled_from(WORLD), min_size=1, max_size=1),
                      *(st.lists(st.sampled_from(group), min_size=2, max_size=4, unique=True)
                        for group in (ALASKA, AUSTRALIA, AMERICAS, WORLD, WORLD)))
days_off = st.lists(st.integers(min_value=0, max_value=60), max_size=6)


@lru_cache(maxsize=256)
def public(country: str, year: int) -> frozenset[date]:
    try:
        return frozenset(holidays.country_holidays(country, years=year))
    except NotImplementedError:
        return frozenset()


def day_off(day: date, country: str, rep_days: frozenset[date]) -> str:
    """Why `day` is no business day for this prospect and rep ('' when it is one)."""
    if day.weekday() >= 5:
        return "a weekend"
    if day in rep_days:
        return "the rep's day off"
    for who, code in (("the book's", BOOK), ("their", country)):
        if code and day in public(code, day.year):
            return f"{who} public holiday"
    return ""


def check_honest(p: Prospect, now: datetime, rules, rep_days: frozenset[date], outcome: str) -> None:
    step = p.next_step
    if step is None or step.agreed:
        return
    cal = rules.calendar
    zones = p.zones or (p.tz,)
    now = now.replace(microsecond=0)
    assert step.due >= now, f"{outcome}: a chosen step in the past"
    if step.channel == "debrief":  # how did the meeting go: the rep's own note, right after it
        return
    if step.channel == "confirm" and p.meeting_at is not None:  # tied to the meeting (test_meetings.py)
        local = step.due.astimezone(ZoneInfo(p.tz)).time()
        assert step.due < p.meeting_at and time(8) <= local < time(21), f"{outcome}: confirm at {local}"
        return
    if step.reason.startswith("confirm their time zone first"):
        assert len(zones) > 1, "a zone check for a prospect whose zone is certain"
        shown = step.due.astimezone(ZoneInfo(p.tz)).date()
        assert not day_off(shown, p.country, rep_days), f"{outcome}: zone check on {day_off(shown, p.country, rep_days)}"
        event("confirm their zone")
        return
    outside = []
    for z in zones:
        local = step.due.astimezone(ZoneInfo(z))
        why = day_off(local.date(), p.country, rep_days)
        if why or not cal.window_start <= local.time() < cal.window_end:
            outside.append(f"{z} {local:%a %Y-%m-%d %H:%M}" + (f" ({why})" if why else ""))
    if outside and step.channel == "confirm" and len(zones) == 1:
        assert p.meeting_at is not None and step.due == now, f"{outcome}: confirm outside the window"
        return
    assert not outside, f"{outcome}: {step.channel} placed outside the window of {', '.join(outside)}"
    event("inside every window" if len(zones) > 1 else "one zone")


@SETTINGS
@given(zones=zone_sets, country=st.sampled_from(COUNTRIES), lead_type=st.sampled_from(("cold", "web")),
       start=starts, off=days_off, steps=st.lists(step_strategy, min_size=1, max_size=20))
def test_every_chosen_step_is_inside_every_candidate_window_on_their_business_days(zones, country, lead_type, start,
                                                                                   off, steps):
    rep_days = frozenset(start.date() + timedelta(days=n) for n in off)
    rules = Config(timezone="America/New_York", holidays=tuple(sorted(rep_days)), cadences=builtin_cadences()).rules()
    p = new_prospect(Prospect(id="p", name="Pat Quinn", company="Acme", tz=zones[0], zones=tuple(zones),
                              phones=(PHONE,), country=country, lead_type=lead_type), start, rules)
    assert p.zones == (tuple(zones) if len(zones) > 1 else ())
    check_honest(p, start, rules, rep_days, "new")
    for _, outcome, now, _, result in played(p, start, steps, rules):
        if not isinstance(result, Exception):
            check_honest(result.prospect, now, rules, rep_days, outcome)
