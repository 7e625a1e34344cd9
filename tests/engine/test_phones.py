"""Phone numbers: E.164, the zone a number pins down, and the calling window in that zone."""

from __future__ import annotations

from datetime import datetime, time, timezone

import pytest

from cockpit.engine.outcomes import new_prospect
from cockpit.engine.phones import BadPhone, display, normalise, zone_for
from cockpit.model import Prospect


@pytest.mark.parametrize("raw, region, expected", [
    ("+1 415 555 0123", "US", "+14155550123"),
    ("(415) 555-0123", "US", "+14155550123"),
    ("+44 20 7946 0958", "US", "+442079460958"),
    ("020 7946 0958", "GB", "+442079460958"),
    ("+1 415 555 0123 ext. 42", "US", "+14155550123;ext=42"),
])
def test_normalise_gives_e164(raw, region, expected):
    assert normalise(raw, region) == expected


@pytest.mark.parametrize("raw", ["", "hello", "+1 555", "12"])
def test_normalise_refuses_what_is_not_a_number(raw):
    with pytest.raises(BadPhone):
        normalise(raw)


@pytest.mark.parametrize("e164, expected", [
    ("+14155550123", "America/Los_Angeles"),
    ("+12125550100", "America/New_York"),
    ("+442079460958", "Europe/London"),
    ("+61299990000", "Australia/Sydney"),
    ("+14155550123;ext=42", "America/Los_Angeles"),
    ("+18005550100", ""),  # toll-free: no single zone
    ("garbage", ""),
])
def test_zone_for_gives_the_zone_a_number_pins_down(e164, expected):
    assert zone_for(e164) == expected


def test_display_reads_like_a_person_writes_it():
    assert display("+14155550123") == "+1 415-555-0123"
    assert display("+14155550123;ext=42") == "+1 415-555-0123 ext. 42"


def _local(step, rules, tz):
    return rules.calendar.local(step.due, tz)


def test_zone_inferred_from_phone_when_none_given(rules, now):
    p = new_prospect(Prospect(id="a", name="Ann Lee", phones=("+14155550123",)), now, rules)
    assert p.tz == "America/Los_Angeles"


def test_explicit_zone_wins_over_the_phone(rules, now):
    p = new_prospect(Prospect(id="a", name="Ann Lee", phones=("+14155550123",), tz="Europe/Paris"), now, rules)
    assert p.tz == "Europe/Paris"


def test_no_zone_from_phone_falls_back_to_rep_zone(rules, now):
    p = new_prospect(Prospect(id="a", name="Ann Lee", phones=("+18005550100",)), now, rules)
    assert p.tz == rules.rep_tz == "America/New_York"
    p = new_prospect(Prospect(id="b", name="Bo"), now, rules)
    assert p.tz == rules.rep_tz


def test_a_415_number_is_called_9_to_5_los_angeles_time(rules, now):
    # 15:00 UTC is 07:00 in Los Angeles: not callable yet; the first call waits for 09:00 there.
    p = new_prospect(Prospect(id="a", name="Ann Lee", phones=("+14155550123",)), now, rules)
    local = _local(p.next_step, rules, "America/Los_Angeles")
    assert local.date() == now.date() and local.time().replace(tzinfo=None) == time(9, 0)
    assert not rules.calendar.in_window(now, p.tz)
    assert rules.calendar.in_window(datetime(2026, 11, 23, 17, 0, tzinfo=timezone.utc), p.tz)  # 09:00 LA
    assert not rules.calendar.in_window(datetime(2026, 11, 24, 1, 0, tzinfo=timezone.utc), p.tz)  # 17:00 LA


def test_a_44_20_number_is_called_in_london_time(rules, now):
    # 15:00 UTC is 15:00 in London: inside the window, so the first call is due now.
    p = new_prospect(Prospect(id="a", name="Ann Lee", phones=("+442079460958",)), now, rules)
    assert p.tz == "Europe/London"
    assert p.next_step.due == now
    assert rules.calendar.in_window(datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc), p.tz)
    assert not rules.calendar.in_window(datetime(2026, 11, 23, 17, 0, tzinfo=timezone.utc), p.tz)  # 17:00 London
    # Evening in London: the next call is tomorrow 09:00 London time.
    evening = datetime(2026, 11, 23, 18, 0, tzinfo=timezone.utc)
    q = new_prospect(Prospect(id="b", name="Bea", phones=("+442079460958",)), evening, rules)
    assert q.next_step.due == datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)  # GMT in November


def test_the_number_to_dial_skips_bad_ones():
    p = Prospect(id="a", name="A", phones=("+14155550123", "+12125550100"), bad_phones=("+14155550123",))
    assert p.phone == "+12125550100"
    assert Prospect(id="b", name="B", phones=("+1",), bad_phones=("+1",)).phone == ""
