"""Honest zones: a number that leaves several zones is called only when it is calling time in every one.

+1 907 is Anchorage or Adak, +61 8 Perth or Adelaide, an Australian mobile anywhere from the Cocos
Islands to Lord Howe. Each check below asks the calendar about one zone at a time (the form main
already had), so it holds the rule, not the new code's idea of it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from cockpit.engine import card, queue
from cockpit.engine.calendar import LEGAL_END, LEGAL_START, Calendar, zone
from cockpit.engine.outcomes import apply_outcome, new_prospect
from cockpit.model import Prospect, prospect_from_dict, prospect_problem, prospect_to_dict

CAL = Calendar()  # the book's calendar: US holidays, 09:00-17:00
ALASKA, PERTH_OR_ADELAIDE, AU_MOBILE = "+19075550100", "+61892345678", "+61412345678"
TOLL_FREE, RU_MOBILE = "+18005550100", "+79161234567"


def zones_for(phone: str) -> tuple[str, ...]:
    """The zones phonenumbers gives for the number, asked directly (main's zone_for hid them)."""
    import phonenumbers
    from phonenumbers import timezone as number_zones

    return number_zones.time_zones_for_number(phonenumbers.parse(phone, None))


def in_every_window(moment: datetime, zones) -> list[str]:
    """The zones where `moment` is outside the calling window (empty: callable in all of them)."""
    return [f"{z} {moment.astimezone(zone(z)):%a %H:%M}" for z in zones if not CAL.in_window(moment, z)]


def legal_everywhere(moment: datetime, zones) -> bool:
    return all(LEGAL_START <= moment.astimezone(zone(z)).time() < LEGAL_END for z in zones)


def added(phone: str, now: datetime, rules, **kw) -> Prospect:
    return new_prospect(Prospect(id="a", name="Pat Quinn", company="Acme", phones=(phone,), **kw), now, rules)


@pytest.mark.parametrize("phone", [ALASKA, PERTH_OR_ADELAIDE, AU_MOBILE], ids=["alaska", "perth-adelaide", "au-mobile"])
def test_a_number_with_several_zones_is_first_called_inside_every_window(rules, now, phone):
    # Mon 23 Nov 10:00 in New York: 05:00 in Adak, 23:00 in Perth; main called them then.
    p = added(phone, now, rules)
    assert in_every_window(p.next_step.due, zones_for(phone)) == []
    assert p.next_step.due >= now and p.next_step.channel == "call"
    assert set(p.zones) == set(zones_for(phone)) and p.tz in p.zones


@pytest.mark.parametrize("phone", [ALASKA, PERTH_OR_ADELAIDE, AU_MOBILE], ids=["alaska", "perth-adelaide", "au-mobile"])
@pytest.mark.parametrize("outcome", ["voicemail", "no-answer", "email", "connected", "gatekeeper", "wrong-number"])
def test_every_follow_up_is_inside_every_window(rules, now, phone, outcome):
    p = added(phone, now, rules)
    later = p.next_step.due + timedelta(hours=7)  # logged late in the day: the same time tomorrow may not fit
    step = apply_outcome(p, outcome, later, rules, note="Dana").next_step
    assert in_every_window(step.due, zones_for(phone)) == []
    assert step.due >= later


def test_perth_or_adelaide_gets_the_slot_nearest_the_wanted_time_inside_both():
    # 16:00 in Adelaide is 13:30 in Perth: fine; 16:00 in Perth is 18:30 in Adelaide: not.
    from cockpit.engine.location import Location

    where = Location(("Australia/Perth", "Australia/Adelaide"), "AU")
    due = CAL.place(date(2026, 11, 25), time(16, 0), where)
    assert due.astimezone(zone("Australia/Adelaide")).time() == time(16, 45)  # the last slot in Adelaide
    assert due.astimezone(zone("Australia/Perth")).strftime("%a %H:%M") == "Wed 14:15"


@pytest.mark.parametrize("phone, shown", [(TOLL_FREE, "America/New_York"), (RU_MOBILE, "")], ids=["toll-free", "ru-mobile"])
def test_zones_whose_windows_never_meet_make_the_step_confirm_their_zone(rules, now, phone, shown):
    p = added(phone, now, rules)
    step = p.next_step
    assert step.reason.startswith("confirm their time zone first: their number could be in one of")
    assert "no hour is inside calling hours in all of them" in step.reason
    assert step.due >= now and step.channel == "call" and step.step == 1  # still attempt 1 of the cadence
    # Pago Pago to Guam, Bucharest to Kamchatka: no common calling hour, but a time legal in every zone
    assert legal_everywhere(step.due, zones_for(phone))
    if shown:  # the rep's own zone is one of them: it is the one shown
        assert p.tz == shown
    later = apply_outcome(p, "voicemail", step.due, rules).next_step
    assert later.reason.startswith("confirm their time zone first") and later.step == 2
    assert legal_everywhere(later.due, zones_for(phone))


def test_zones_too_far_apart_even_for_legal_hours_fall_back_to_the_window_of_the_zone_shown(rules, now):
    # London, Perth and Los Angeles are 8 hours apart each way round the clock: no hour is legal in all.
    p = new_prospect(Prospect(id="a", name="A", tz="Europe/London",
                              zones=("Europe/London", "Australia/Perth", "America/Los_Angeles")), now, rules)
    assert p.next_step.reason.startswith("confirm their time zone first")
    assert CAL.in_window(p.next_step.due, "Europe/London") and p.next_step.due == now  # 15:00 in London


def test_an_explicit_zone_leaves_no_doubt(rules, now):
    p = added(PERTH_OR_ADELAIDE, now, rules, tz="Australia/Perth")
    assert p.zones == () and p.tz == "Australia/Perth"
    assert CAL.in_window(p.next_step.due, "Australia/Perth")
    assert "zone not certain" not in card.build(p, [], now, rules).local_time


def test_two_numbers_narrow_the_doubt(rules, now):
    p = new_prospect(Prospect(id="a", name="A", phones=(AU_MOBILE, PERTH_OR_ADELAIDE)), now, rules)
    assert set(p.zones) == {"Australia/Perth", "Australia/Adelaide"}


def test_the_card_shows_every_clock_and_the_doubt(rules, now):
    p = added(PERTH_OR_ADELAIDE, now, rules)
    shown = card.build(p, [], now, rules)
    assert shown.local_time == "Mon 23:00 Perth / Tue 01:30 Adelaide (zone not certain)"
    assert not shown.callable_now
    many = card.build(added(AU_MOBILE, now, rules), [], now, rules).local_time
    assert many == "Mon 21:30 Cocos to Tue 02:00 Lord Howe, Sydney (8 zones; zone not certain)"


def test_callable_now_only_when_it_is_calling_time_in_every_zone(rules):
    p = added(PERTH_OR_ADELAIDE, datetime(2026, 11, 24, 0, 0, tzinfo=timezone.utc), rules)
    perth_16 = datetime(2026, 11, 25, 8, 0, tzinfo=timezone.utc)  # 16:00 Perth, 18:30 Adelaide
    both_11 = datetime(2026, 11, 25, 3, 0, tzinfo=timezone.utc)   # 11:00 Perth, 13:30 Adelaide
    assert queue.item(p, perth_16, rules).callable_now is False
    assert queue.item(p, both_11, rules).callable_now is True


def test_an_agreed_time_outside_one_zone_is_kept_with_a_warning(rules, now):
    p = added(PERTH_OR_ADELAIDE, now, rules)
    when = datetime(2026, 11, 25, 8, 0, tzinfo=timezone.utc)  # 16:00 Perth, 18:30 Adelaide
    result = apply_outcome(p, "callback", now, rules, when=when)
    assert result.next_step.due == when and result.next_step.agreed
    assert "in a zone their number could be in (Perth or Adelaide)" in result.warning


def test_zones_and_country_are_stored_and_read_back():
    p = Prospect(id="a", name="A", tz="Australia/Perth", zones=("Australia/Perth", "Australia/Adelaide"), country="AU")
    data = prospect_to_dict(p)
    assert data["zones"] == ["Australia/Perth", "Australia/Adelaide"] and data["country"] == "AU"
    assert prospect_from_dict(data) == p and prospect_problem(data) == ""
    old = {k: v for k, v in data.items() if k not in ("zones", "country")}  # a book from before
    assert prospect_from_dict(old).zones == () and prospect_from_dict(old).country == ""
    assert prospect_problem({**data, "zones": "Australia/Perth"}) == "zones is not a list of text"
    assert prospect_problem({**data, "country": 61}) == "country is not text"
