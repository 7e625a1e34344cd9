"""The prospect's own public holidays count, with the rep's (the book's country, their days off) on top.

A US book: a UK prospect is not called on Boxing Day observed (Mon 28 Dec 2026), a German one on
Labour Day (Fri 1 May 2026), Good Friday (3 Apr) or Easter Monday (6 Apr).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

import pytest
from dateutil import tz as dtz

from cockpit.config import Config, builtin_cadences
from cockpit.engine import queue
from cockpit.engine.away import shift_for_time_off
from cockpit.engine.calendar import Calendar, _package_holidays
from cockpit.engine.outcomes import apply_outcome, new_prospect
from cockpit.holiday_cache import UnknownCountry
from cockpit.model import Prospect, prospect_from_dict, prospect_to_dict

LONDON_NUMBER, BERLIN_NUMBER = "+442079460958", "+4930123456"


def at(y, mo, d, h, mi=0, z="Europe/London") -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=dtz.gettz(z)).astimezone(timezone.utc)


def next_try(phone: str, when: datetime, rules, z: str) -> date:
    """The day of the retry after an unanswered call at `when`: the next business day, their time."""
    p = new_prospect(Prospect(id="a", name="Pat Quinn", phones=(phone,)), when, rules)
    step = apply_outcome(p, "no-answer", when, rules).next_step
    return step.due.astimezone(dtz.gettz(z)).date()


@pytest.mark.parametrize("phone, when, z, expected", [
    # Thu 24 Dec: Fri 25 Christmas, Mon 28 Boxing Day (observed) in the UK only -> Tue 29
    (LONDON_NUMBER, at(2026, 12, 24, 11), "Europe/London", date(2026, 12, 29)),
    # Thu 30 Apr: Fri 1 May is Labour Day in Germany -> Mon 4 May
    (BERLIN_NUMBER, at(2026, 4, 30, 11, z="Europe/Berlin"), "Europe/Berlin", date(2026, 5, 4)),
    # Thu 2 Apr: Good Friday and Easter Monday in Germany -> Tue 7 Apr
    (BERLIN_NUMBER, at(2026, 4, 2, 11, z="Europe/Berlin"), "Europe/Berlin", date(2026, 4, 7)),
    # and in the UK (Easter Monday is no holiday in Scotland: not one of the UK's own) -> Mon 6 Apr
    (LONDON_NUMBER, at(2026, 4, 2, 11), "Europe/London", date(2026, 4, 6)),
], ids=["uk-boxing-day-observed", "de-1-may", "de-good-friday", "uk-good-friday"])
def test_a_prospect_is_not_called_on_their_own_public_holidays(rules, phone, when, z, expected):
    assert next_try(phone, when, rules, z) == expected


def test_the_reps_holidays_still_count_for_a_prospect_abroad(rules):
    # US Thanksgiving (Thu 26 Nov) is no holiday in Germany, but the rep is off.
    assert next_try(BERLIN_NUMBER, at(2026, 11, 25, 11, z="Europe/Berlin"), rules, "Europe/Berlin") == date(2026, 11, 27)


def test_the_reps_days_off_count_on_top_of_theirs():
    rules = Config(timezone="America/New_York", holidays=(date(2026, 12, 29),), cadences=builtin_cadences()).rules()
    assert next_try(LONDON_NUMBER, at(2026, 12, 24, 11), rules, "Europe/London") == date(2026, 12, 30)


def test_a_prospect_on_their_holiday_is_not_callable_now(rules):
    boxing_day_observed = at(2026, 12, 28, 11)  # Monday 11:00 in London: a US business day
    p = new_prospect(Prospect(id="a", name="Pat Quinn", phones=(LONDON_NUMBER,)), at(2026, 12, 24, 11), rules)
    assert queue.item(p, boxing_day_observed, rules).callable_now is False


@pytest.mark.parametrize("phones, tz, country", [
    ((LONDON_NUMBER,), "", "GB"),
    ((BERLIN_NUMBER,), "", "DE"),
    (("+16045550100",), "", "CA"),               # +1 is not always the US
    ((), "Europe/Berlin", "DE"),                 # no number: the zone says it
    (("+12125550100",), "Europe/London", "GB"),  # a US number in London: where they are counts
    (("+61892345678",), "", "AU"),               # several zones: the number's country
    ((), "", "US"),                              # nothing known: the rep's zone
])
def test_their_country_comes_from_the_zone_or_the_number(rules, now, phones, tz, country):
    assert new_prospect(Prospect(id="a", name="A", phones=phones, tz=tz), now, rules).country == country


def test_a_book_from_before_takes_the_country_from_the_zone(rules):
    stored = prospect_to_dict(new_prospect(Prospect(id="a", name="A", tz="Europe/London", phones=(LONDON_NUMBER,)), at(2026, 12, 24, 11), rules))
    stored.pop("country")
    p = prospect_from_dict(stored)
    step = apply_outcome(p, "no-answer", at(2026, 12, 24, 11), rules).next_step
    assert step.due.astimezone(dtz.gettz("Europe/London")).date() == date(2026, 12, 29)


def test_a_country_the_holidays_package_does_not_know_leaves_the_reps_holidays(rules):
    def public_holidays(country: str, year: int):
        if country == "ZZ":
            raise UnknownCountry(f"unknown country {country!r} for holidays")
        return _package_holidays(country, year)

    calendar = Calendar(country="US", public_holidays=public_holidays)
    odd = replace(rules, calendar=calendar)
    p = replace(new_prospect(Prospect(id="a", name="A", tz="Europe/London", phones=(LONDON_NUMBER,)), at(2026, 12, 24, 11), odd), country="ZZ")
    step = apply_outcome(p, "no-answer", at(2026, 12, 24, 11), odd).next_step
    assert step.due.astimezone(dtz.gettz("Europe/London")).date() == date(2026, 12, 28)  # US: Christmas only
    # and the book's own cached source, with a code it has never heard of
    stored = prospect_from_dict({**prospect_to_dict(p), "country": "XX"})
    assert apply_outcome(stored, "voicemail", at(2026, 12, 24, 11), rules).next_step is not None


def test_time_off_moves_a_step_past_their_holidays_too(rules):
    p = new_prospect(Prospect(id="a", name="Pat Quinn", phones=(LONDON_NUMBER,)), at(2026, 12, 21, 11), rules)
    p = replace(p, next_step=replace(p.next_step, due=at(2026, 12, 21, 11)))  # due the first day off
    moved = shift_for_time_off([p], date(2026, 12, 21), date(2026, 12, 24), rules).moved
    # the first business day after the time off: not Christmas (Fri), not Boxing Day observed (Mon 28)
    assert moved[0].next_step.due.astimezone(dtz.gettz("Europe/London")).date() == date(2026, 12, 29)
