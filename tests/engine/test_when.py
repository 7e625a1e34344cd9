"""The phrase reader: every accepted form, read in the prospect's zone, and clear refusals."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from datetime import time as _time

import pytest
from dateutil import tz
from dateutil.tz import datetime_exists
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.engine.when import WEEKDAYS, parse_when

NY = "America/New_York"
LONDON = "Europe/London"
# Monday 23 November 2026, 10:00 in New York (15:00 UTC).
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)


def local(y, mo, d, h, mi=0, zone=NY) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=tz.gettz(zone)).astimezone(timezone.utc)


@pytest.mark.parametrize("text, expected", [
    ("now", NOW),
    ("3pm", local(2026, 11, 23, 15)),                  # still ahead today
    ("9am", local(2026, 11, 24, 9)),                   # passed today: tomorrow
    ("noon", local(2026, 11, 23, 12)),
    ("today 4pm", local(2026, 11, 23, 16)),
    ("tomorrow 3pm", local(2026, 11, 24, 15)),
    ("Tomorrow 15:30", local(2026, 11, 24, 15, 30)),
    ("tomorrow", local(2026, 11, 24, 10)),             # a named day without a time: 10:00
    ("+2d", local(2026, 11, 25, 10)),                  # keeps the time of day
    ("in 2 days", local(2026, 11, 25, 10)),
    ("+1w", local(2026, 11, 30, 10)),
    ("+3h", local(2026, 11, 23, 13)),
    ("+30m", local(2026, 11, 23, 10, 30)),
    ("tue 2pm", local(2026, 11, 24, 14)),
    ("next tue", local(2026, 11, 24, 10)),
    ("next tue 10:00", local(2026, 11, 24, 10)),
    ("next mon", local(2026, 11, 30, 10)),             # strictly after today
    ("mon 9am", local(2026, 11, 30, 9)),               # today's 9am has passed: next week
    ("mon 4pm", local(2026, 11, 23, 16)),              # today, still ahead
    ("friday 11am", local(2026, 11, 27, 11)),
    ("2026-12-01", local(2026, 12, 1, 9)),
    ("2026-12-01 10:30", local(2026, 12, 1, 10, 30)),
    ("2026-12-01T10:30:00+00:00", datetime(2026, 12, 1, 10, 30, tzinfo=timezone.utc)),
    ("2026-12-01T10:30Z", datetime(2026, 12, 1, 10, 30, tzinfo=timezone.utc)),
    ("2026-12-01T10:30:00-08:00", datetime(2026, 12, 1, 18, 30, tzinfo=timezone.utc)),  # an offset wins over the zone
    ("20261201", local(2026, 12, 1, 9)),               # compact ISO date: 09:00 too, not midnight
    ("2026-W49-2", local(2026, 12, 1, 9)),             # ISO week date
    ("tomorrow at 3pm", local(2026, 11, 24, 15)),
    ("at 3pm", local(2026, 11, 23, 15)),
    ("12pm", local(2026, 11, 23, 12)),
    ("12am", local(2026, 11, 24, 0)),
    ("+2 days", local(2026, 11, 25, 10)),
    ("in 3 hours", local(2026, 11, 23, 13)),
    ("  Next   TUE ,  2PM ", local(2026, 11, 24, 14)),
])
def test_phrases_are_read_in_the_prospects_zone(text, expected):
    assert parse_when(text, NOW, NY) == expected


def test_the_same_phrase_means_their_time_not_mine():
    assert parse_when("tomorrow 3pm", NOW, LONDON) == local(2026, 11, 24, 15, zone=LONDON)
    assert parse_when("tomorrow 3pm", NOW, LONDON) != parse_when("tomorrow 3pm", NOW, NY)


def test_days_keep_the_wall_clock_time_across_a_dst_change():
    before_change = datetime(2026, 10, 30, 14, 0, tzinfo=timezone.utc)  # Fri 10:00 New York (EDT)
    assert parse_when("+3d", before_change, NY) == local(2026, 11, 2, 10)  # Mon 10:00 (EST)


def test_results_are_aware_utc():
    for text in ("now", "3pm", "+2d", "next tue", "2026-12-01", "2026-12-01T10:30:00+05:30"):
        got = parse_when(text, NOW, NY)
        assert got.tzinfo is not None and got.utcoffset().total_seconds() == 0


# Monday 23 November 2026: every weekday, 3-letter and full, in any case, is the coming one.
@pytest.mark.parametrize("names, day", [
    (("mon", "Monday"), 30), (("tue", "TUESDAY", "tues"), 24), (("wed", "Wednesday"), 25), (("thu", "thursday"), 26),
    (("fri", "FRI"), 27), (("sat", "Saturday"), 28), (("sun", "sunday"), 29),
])
def test_weekday_names_full_or_three_letters_any_case(names, day):
    for name in names:
        # NOW is Monday 10:00: a bare "mon" means today 10:00, which is not ahead, so next Monday
        assert parse_when(name, NOW, NY) == local(2026, 11, day, 10)
        assert parse_when(f"{name} 11am", NOW, NY) == local(2026, 11, 23 if day == 30 else day, 11)


def test_plain_weekday_is_today_when_the_time_is_still_ahead_next_weekday_never_is():
    tue_8am = local(2026, 11, 24, 8)
    assert parse_when("tue", tue_8am, NY) == local(2026, 11, 24, 10)          # 10:00 today is still ahead
    assert parse_when("tue 9am", tue_8am, NY) == local(2026, 11, 24, 9)
    assert parse_when("tue 7am", tue_8am, NY) == local(2026, 12, 1, 7)        # passed: next week
    assert parse_when("next tue", tue_8am, NY) == local(2026, 12, 1, 10)      # strictly after today
    assert parse_when("next tue 9am", tue_8am, NY) == local(2026, 12, 1, 9)
    tue_11am = local(2026, 11, 24, 11)
    assert parse_when("tue", tue_11am, NY) == local(2026, 12, 1, 10)         # 10:00 has passed


def test_a_time_alone_is_today_if_ahead_else_tomorrow_in_their_zone():
    # 15:00 UTC is 07:00 in Los Angeles: "9am" there is still ahead today
    assert parse_when("9am", NOW, "America/Los_Angeles") == local(2026, 11, 23, 9, zone="America/Los_Angeles")
    # and 20:30 in Kolkata: "8pm" has passed, so tomorrow
    assert parse_when("8pm", NOW, "Asia/Kolkata") == local(2026, 11, 24, 20, zone="Asia/Kolkata")


def test_iso_without_offset_is_read_in_their_zone():
    assert parse_when("2026-12-01 10:30", NOW, LONDON) == datetime(2026, 12, 1, 10, 30, tzinfo=timezone.utc)
    assert parse_when("2026-12-01", NOW, "Asia/Kolkata") == local(2026, 12, 1, 9, zone="Asia/Kolkata")


def test_hours_and_minutes_are_elapsed_time_across_a_dst_change():
    sat_night = datetime(2026, 3, 8, 5, 0, tzinfo=timezone.utc)  # Sun 00:00 EST, clocks jump at 02:00
    assert parse_when("+3h", sat_night, NY) == datetime(2026, 3, 8, 8, 0, tzinfo=timezone.utc)  # 04:00 EDT
    assert parse_when("+1w", sat_night, NY) == local(2026, 3, 15, 0)  # a week keeps midnight on the wall clock


def test_a_time_the_clocks_skip_moves_forward_by_the_gap():
    sat = local(2026, 3, 7, 12)  # Saturday noon, New York; 02:00-03:00 on Sunday 8 March does not exist
    assert parse_when("tomorrow 2:30am", sat, NY) == local(2026, 3, 8, 3, 30)
    assert parse_when("2026-03-08 02:30", sat, NY) == local(2026, 3, 8, 3, 30)


def test_eu_dst_change_keeps_the_wall_clock_time():
    fri = local(2026, 3, 27, 10, zone=LONDON)  # GMT; summer time starts Sun 29 March
    assert parse_when("+3d", fri, LONDON) == local(2026, 3, 30, 10, zone=LONDON)
    assert parse_when("next mon 9am", fri, LONDON) == datetime(2026, 3, 30, 8, 0, tzinfo=timezone.utc)  # 09:00 BST


@pytest.mark.parametrize("text", ["", "soon", "tomorrow at teatime", "25:00", "13pm", "+2x",
                                  "next", "yesterday 3pm", "2026-13-01", "2026-12-01 25:00", "2026-12",
                                  "1500", "10", "+2y", "next tomorrow", "next today 3pm", "tue 3xm",
                                  "2026-12-01x10:30", "in days", "mon tue"])
def test_unreadable_phrases_say_what_is_accepted(text):
    with pytest.raises(ValueError) as err:
        parse_when(text, NOW, NY)
    message = str(err.value)
    assert "accepted:" in message and "\n" not in message


def test_a_time_that_has_passed_is_refused():
    with pytest.raises(ValueError, match="already passed"):
        parse_when("today 8am", NOW, NY)


# ---- properties over random clocks and zones ------------------------------------------------------

ZONES = ("America/Los_Angeles", "America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Sydney")
clocks = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 1, 1), timezones=st.just(timezone.utc))
times = st.builds(_time, st.integers(0, 23), st.sampled_from((0, 15, 30, 45)))
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PROPS = settings(max_examples=150, deadline=None)


def _on_wall_clock(result, day, at, zone_name):
    """`result` is `day` at `at` in the zone, or (for a time the clocks skip) just after it."""
    wall = datetime.combine(day, at, tzinfo=tz.gettz(zone_name))
    got = result.astimezone(tz.gettz(zone_name))
    if datetime_exists(wall):
        assert got.replace(tzinfo=None) == wall.replace(tzinfo=None)
    else:
        assert got.date() == day and timedelta(0) < got.replace(tzinfo=None) - wall.replace(tzinfo=None) <= timedelta(hours=1)


@PROPS
@given(now=clocks, zone_name=st.sampled_from(ZONES), n=st.integers(1, 60), unit=st.sampled_from(("d", "w")))
def test_days_and_weeks_keep_the_wall_clock_time(now, zone_name, n, unit):
    now = now.replace(second=0, microsecond=0)
    result = parse_when(f"+{n}{unit}", now, zone_name)
    local_now = now.astimezone(tz.gettz(zone_name))
    day = local_now.date() + timedelta(days=n * (7 if unit == "w" else 1))
    _on_wall_clock(result, day, local_now.time(), zone_name)


@PROPS
@given(now=clocks, zone_name=st.sampled_from(ZONES), minutes=st.integers(1, 10_000))
def test_minutes_and_hours_are_elapsed_time(now, zone_name, minutes):
    assert parse_when(f"+{minutes}m", now, zone_name) == now + timedelta(minutes=minutes)
    assert parse_when(f"in {minutes} hours", now, zone_name) == now + timedelta(hours=minutes)


@PROPS
@given(now=clocks, zone_name=st.sampled_from(ZONES), at=times)
def test_tomorrow_at_a_time_is_the_next_local_day_at_that_time(now, zone_name, at):
    result = parse_when(f"tomorrow {at:%H:%M}", now, zone_name)
    _on_wall_clock(result, now.astimezone(tz.gettz(zone_name)).date() + timedelta(days=1), at, zone_name)
    assert result.tzinfo == timezone.utc


@PROPS
@given(now=clocks, zone_name=st.sampled_from(ZONES), at=times)
def test_a_time_alone_is_the_first_such_time_ahead(now, zone_name, at):
    result = parse_when(f"{at:%H:%M}", now, zone_name)
    assert now < result <= now + timedelta(days=1, hours=1)
    local_now = now.astimezone(tz.gettz(zone_name))
    day = local_now.date() if result.astimezone(tz.gettz(zone_name)).date() == local_now.date() else local_now.date() + timedelta(days=1)
    _on_wall_clock(result, day, at, zone_name)


@PROPS
@given(now=clocks, zone_name=st.sampled_from(ZONES), name=st.sampled_from(DAYS), at=st.one_of(st.none(), times),
       strict=st.booleans())
def test_weekday_phrases_land_on_that_weekday_ahead_within_a_week(now, zone_name, name, at, strict):
    text = ("next " if strict else "") + name + (f" {at:%H:%M}" if at else "")
    result = parse_when(text, now, zone_name)
    local_now = now.astimezone(tz.gettz(zone_name))
    local = result.astimezone(tz.gettz(zone_name))
    assert result > now
    assert local.weekday() == WEEKDAYS[name]
    ahead = (local.date() - local_now.date()).days
    assert (1 if strict else 0) <= ahead <= 7
    _on_wall_clock(result, local.date(), at or _time(10, 0), zone_name)
