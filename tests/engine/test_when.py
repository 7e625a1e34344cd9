"""The phrase reader: every accepted form, read in the prospect's zone, and clear refusals."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from dateutil import tz

from cockpit.engine.when import parse_when

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
])
def test_phrases_are_read_in_the_prospects_zone(text, expected):
    assert parse_when(text, NOW, NY) == expected


def test_the_same_phrase_means_their_time_not_mine():
    assert parse_when("tomorrow 3pm", NOW, LONDON) == local(2026, 11, 24, 15, zone=LONDON)
    assert parse_when("tomorrow 3pm", NOW, LONDON) != parse_when("tomorrow 3pm", NOW, NY)


def test_days_keep_the_wall_clock_time_across_a_dst_change():
    before_change = datetime(2026, 10, 30, 14, 0, tzinfo=timezone.utc)  # Fri 10:00 New York (EDT)
    assert parse_when("+3d", before_change, NY) == local(2026, 11, 2, 10)  # Mon 10:00 (EST)


@pytest.mark.parametrize("text", ["", "soon", "tomorrow at teatime", "25:00", "13pm", "+2x",
                                  "next", "yesterday 3pm", "2026-13-01"])
def test_unreadable_phrases_say_what_is_accepted(text):
    with pytest.raises(ValueError) as err:
        parse_when(text, NOW, NY)
    message = str(err.value)
    assert "accepted:" in message and "\n" not in message


def test_a_time_that_has_passed_is_refused():
    with pytest.raises(ValueError, match="already passed"):
        parse_when("today 8am", NOW, NY)
