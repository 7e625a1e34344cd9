"""Business days, holidays, DST and the calling window (with its legal cap)."""

from __future__ import annotations

from datetime import date, datetime, time, timezone

import pytest
from dateutil import tz as dtz

from cockpit.config import Config, builtin_cadences
from cockpit.engine.calendar import Calendar, UnknownZone, round_up, zone
from cockpit.engine.outcomes import apply_outcome, new_prospect
from cockpit.model import Prospect

PHONE = "+12125550100"  # a working number: a prospect without one is researched, not called
NY, LA, LONDON, BERLIN = "America/New_York", "America/Los_Angeles", "Europe/London", "Europe/Berlin"
CAL = Calendar()


def at(y, mo, d, h, mi=0, z=NY) -> datetime:
    """Local wall-clock time in zone z, as UTC."""
    return datetime(y, mo, d, h, mi, tzinfo=dtz.gettz(z)).astimezone(timezone.utc)


# ---- business days ------------------------------------------------------------------


@pytest.mark.parametrize("start, n, expected", [
    (date(2026, 11, 20), 1, date(2026, 11, 23)),   # Friday -> Monday
    (date(2026, 11, 21), 0, date(2026, 11, 23)),   # Saturday, n=0 -> Monday
    (date(2026, 11, 22), 1, date(2026, 11, 23)),   # Sunday -> Monday
    (date(2026, 11, 23), 0, date(2026, 11, 23)),   # a business day is itself for n=0
    (date(2026, 11, 23), 2, date(2026, 11, 25)),
    (date(2026, 11, 25), 1, date(2026, 11, 27)),   # Thanksgiving (Thu 26 Nov) skipped
    (date(2026, 11, 24), 3, date(2026, 11, 30)),   # across Thanksgiving and a weekend
    (date(2026, 11, 26), 0, date(2026, 11, 27)),   # n=0 on Thanksgiving -> Friday
    (date(2026, 12, 24), 1, date(2026, 12, 28)),   # Christmas (Fri 25 Dec) and the weekend skipped
    (date(2026, 12, 31), 1, date(2027, 1, 4)),     # New Year's Day (Fri) skipped
])
def test_business_days_skip_weekends_and_us_holidays(start, n, expected):
    assert CAL.add_business_days(start, n) == expected


@pytest.mark.parametrize("day, business", [
    (date(2026, 11, 23), True),
    (date(2026, 11, 21), False),   # Saturday
    (date(2026, 11, 22), False),   # Sunday
    (date(2026, 11, 26), False),   # Thanksgiving
    (date(2026, 12, 25), False),   # Christmas
    (date(2026, 11, 27), True),    # the Friday after Thanksgiving is not a US public holiday
])
def test_is_business_day(day, business):
    assert CAL.is_business_day(day) is business


def test_extra_holidays_from_config_are_skipped():
    rules = Config(timezone=NY, holidays=(date(2026, 11, 27), date(2026, 12, 24)), cadences=builtin_cadences()).rules()
    cal = rules.calendar
    assert not cal.is_business_day(date(2026, 11, 27))
    assert cal.add_business_days(date(2026, 11, 25), 1) == date(2026, 11, 30)
    assert cal.add_business_days(date(2026, 12, 23), 1) == date(2026, 12, 28)
    # and the engine uses them: a connected call on Wed 25 Nov is followed up two business days later
    p = new_prospect(Prospect(phones=(PHONE,), id="a", name="Ann", tz=NY), at(2026, 11, 25, 10), rules)
    r = apply_outcome(p, "connected", at(2026, 11, 25, 10), rules)
    assert cal.local(r.next_step.due, NY).date() == date(2026, 12, 1)


@pytest.mark.parametrize("day, expected", [
    (date(2026, 11, 23), date(2026, 11, 20)),  # Monday -> Friday
    (date(2026, 11, 27), date(2026, 11, 25)),  # Friday after Thanksgiving -> Wednesday
    (date(2026, 12, 28), date(2026, 12, 24)),  # Monday after Christmas -> Thursday
])
def test_previous_business_day(day, expected):
    assert CAL.previous_business_day(day) == expected


@pytest.mark.parametrize("day, months, expected", [
    (date(2026, 11, 23), 6, date(2027, 5, 24)),
    (date(2026, 8, 31), 6, date(2027, 3, 1)),     # 28 Feb 2027 is a Sunday -> Monday
    (date(2026, 6, 25), 6, date(2026, 12, 28)),   # 25 Dec -> the next business day
])
def test_add_months_lands_on_a_business_day(day, months, expected):
    assert CAL.add_months(day, months) == expected


# ---- time zones and DST ---------------------------------------------------------------


@pytest.mark.parametrize("moment, tz_name, expected", [
    # US: DST starts Sun 2026-03-08, ends Sun 2026-11-01
    (at(2026, 3, 6, 18), NY, datetime(2026, 3, 9, 13, 0, tzinfo=timezone.utc)),     # Mon 09:00 EDT
    (at(2026, 3, 6, 18, z=LA), LA, datetime(2026, 3, 9, 16, 0, tzinfo=timezone.utc)),
    (at(2026, 10, 30, 18), NY, datetime(2026, 11, 2, 14, 0, tzinfo=timezone.utc)),   # Mon 09:00 EST
    # EU: summer time starts Sun 2026-03-29, ends Sun 2026-10-25
    (at(2026, 3, 27, 18, z=LONDON), LONDON, datetime(2026, 3, 30, 8, 0, tzinfo=timezone.utc)),  # 09:00 BST
    (at(2026, 10, 23, 18, z=LONDON), LONDON, datetime(2026, 10, 26, 9, 0, tzinfo=timezone.utc)),  # 09:00 GMT
    (at(2026, 3, 27, 18, z=BERLIN), BERLIN, datetime(2026, 3, 30, 7, 0, tzinfo=timezone.utc)),
    (at(2026, 10, 23, 18, z=BERLIN), BERLIN, datetime(2026, 10, 26, 8, 0, tzinfo=timezone.utc)),
])
def test_dst_changes_keep_0900_local(moment, tz_name, expected):
    opening = CAL.next_opening(moment, tz_name)
    assert opening == expected
    assert CAL.local(opening, tz_name).time().replace(tzinfo=None) == time(9, 0)


@pytest.mark.parametrize("before, tz_name, day_after", [
    (at(2026, 3, 6, 10), NY, date(2026, 3, 10)),
    (at(2026, 10, 30, 10), NY, date(2026, 11, 3)),
    (at(2026, 3, 27, 10, z=LONDON), LONDON, date(2026, 3, 31)),
    (at(2026, 10, 23, 10, z=LONDON), LONDON, date(2026, 10, 27)),
])
def test_a_follow_up_across_dst_keeps_the_wall_clock_time(rules, before, tz_name, day_after):
    p = new_prospect(Prospect(phones=(PHONE,), id="a", name="Ann", tz=tz_name), before, rules)
    r = apply_outcome(p, "connected", before, rules)
    local = rules.calendar.local(r.next_step.due, tz_name)
    assert local.date() == day_after
    assert local.time().replace(tzinfo=None) == time(10, 0)


def test_unknown_zone_is_refused():
    with pytest.raises(UnknownZone):
        zone("Mars/Olympus")
    with pytest.raises(UnknownZone):
        zone("")


# ---- the window and the legal cap ------------------------------------------------------


def test_legal_cap_wins_over_a_wide_config_window():
    cal = Config(timezone=NY, window_start=time(7, 0), window_end=time(22, 0), cadences=builtin_cadences()).rules().calendar
    assert cal.window_start == time(8, 0) and cal.window_end == time(21, 0)
    assert not cal.in_window(at(2026, 11, 23, 7, 30), NY)
    assert cal.in_window(at(2026, 11, 23, 8, 0), NY)
    assert cal.in_window(at(2026, 11, 23, 20, 59), NY)
    assert not cal.in_window(at(2026, 11, 23, 21, 0), NY)
    assert not cal.in_window(at(2026, 11, 23, 21, 30), NY)
    assert cal.next_opening(at(2026, 11, 23, 7, 0), NY) == at(2026, 11, 23, 8, 0)
    assert cal.next_opening(at(2026, 11, 23, 21, 0), NY) == at(2026, 11, 24, 8, 0)
    assert cal.place(date(2026, 11, 23), time(6, 0), NY) == at(2026, 11, 23, 8, 0)
    assert cal.place(date(2026, 11, 23), time(22, 0), NY) == at(2026, 11, 23, 20, 45)


def test_legal_cap_holds_for_steps_the_engine_picks(config):
    from dataclasses import replace
    rules = replace(config, window_start=time(7, 0), window_end=time(22, 0)).rules()
    late = at(2026, 11, 23, 21, 50)  # 21:50 New York
    p = new_prospect(Prospect(phones=(PHONE,), id="a", name="Ann", tz=NY), late, rules)
    assert rules.calendar.local(p.next_step.due, NY) == datetime(2026, 11, 24, 8, 0, tzinfo=dtz.gettz(NY))
    r = apply_outcome(p, "connected", late, rules)
    local = rules.calendar.local(r.next_step.due, NY).time().replace(tzinfo=None)
    assert time(8, 0) <= local < time(21, 0)


@pytest.mark.parametrize("start, end", [(time(21, 0), time(23, 0)), (time(5, 0), time(8, 0)), (time(12, 0), time(12, 10))])
def test_a_window_with_no_legal_time_is_refused(start, end):
    with pytest.raises(ValueError, match="08:00-21:00"):
        Calendar(window_start=start, window_end=end)


def test_unknown_country_is_refused():
    # Holidays load on first use (start-up stays fast); the book's config refuses the code earlier.
    with pytest.raises(ValueError, match="unknown country"):
        Calendar(country="XX").is_business_day(date(2026, 11, 23))


@pytest.mark.parametrize("moment, expected", [
    (at(2026, 11, 23, 10), at(2026, 11, 23, 10)),      # inside: now
    (at(2026, 11, 23, 7), at(2026, 11, 23, 9)),        # before the window: 09:00 today
    (at(2026, 11, 23, 17), at(2026, 11, 24, 9)),       # 17:00 is closed: tomorrow 09:00
    (at(2026, 11, 23, 19), at(2026, 11, 24, 9)),       # evening -> next morning
    (at(2026, 11, 20, 18), at(2026, 11, 23, 9)),       # Friday evening -> Monday
    (at(2026, 11, 21, 11), at(2026, 11, 23, 9)),       # Saturday -> Monday
    (at(2026, 11, 22, 7), at(2026, 11, 23, 9)),        # Sunday morning -> Monday
    (at(2026, 11, 25, 18), at(2026, 11, 27, 9)),       # Wednesday evening before Thanksgiving -> Friday
    (at(2026, 11, 26, 10), at(2026, 11, 27, 9)),       # on Thanksgiving -> Friday
])
def test_next_opening_on_weekends_evenings_holidays(moment, expected):
    assert CAL.next_opening(moment, NY) == expected


@pytest.mark.parametrize("moment, inside", [
    (at(2026, 11, 23, 9), True),
    (at(2026, 11, 23, 8, 59), False),
    (at(2026, 11, 23, 16, 59), True),
    (at(2026, 11, 23, 17), False),
    (at(2026, 11, 21, 12), False),  # Saturday
    (at(2026, 12, 25, 12), False),  # Christmas
])
def test_in_window(moment, inside):
    assert CAL.in_window(moment, NY) is inside


def test_place_moves_to_a_business_day_and_clamps_into_the_window():
    assert CAL.place(date(2026, 11, 21), time(10, 0), NY) == at(2026, 11, 23, 10)
    assert CAL.place(date(2026, 11, 23), time(7, 0), NY) == at(2026, 11, 23, 9)
    assert CAL.place(date(2026, 11, 23), time(18, 0), NY) == at(2026, 11, 23, 16, 45)
    assert CAL.place(date(2026, 11, 23), time(17, 0), NY) == at(2026, 11, 23, 16, 45)


def test_halves_and_slots():
    assert CAL.midday == time(13, 0)
    assert CAL.last_slot == time(16, 45)
    assert CAL.other_half(at(2026, 11, 23, 10), NY) == time(13, 0)
    assert CAL.other_half(at(2026, 11, 23, 14), NY) == time(9, 0)
    assert CAL.slot_time(at(2026, 11, 23, 10, 1), NY) == time(10, 15)
    assert CAL.slot_time(at(2026, 11, 23, 10, 0), NY) == time(10, 0)
    assert CAL.slot_time(at(2026, 11, 23, 23, 55), NY) == CAL.last_slot  # rounding would cross midnight


@pytest.mark.parametrize("moment, expected", [
    (datetime(2026, 1, 1, 10, 0, tzinfo=timezone.utc), datetime(2026, 1, 1, 10, 0, tzinfo=timezone.utc)),
    (datetime(2026, 1, 1, 10, 0, 1, tzinfo=timezone.utc), datetime(2026, 1, 1, 10, 15, tzinfo=timezone.utc)),
    (datetime(2026, 1, 1, 10, 14, tzinfo=timezone.utc), datetime(2026, 1, 1, 10, 15, tzinfo=timezone.utc)),
    (datetime(2026, 1, 1, 23, 50, tzinfo=timezone.utc), datetime(2026, 1, 2, 0, 0, tzinfo=timezone.utc)),
])
def test_round_up_to_a_quarter_hour(moment, expected):
    assert round_up(moment) == expected
