"""Voicemail scripts: they promise the day the engine schedules, offer an easy no, and are timed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from dateutil import tz as dtz

from cockpit.engine import card, voicemail
from cockpit.engine.outcomes import apply_outcome, new_prospect
from cockpit.engine.rep import Rep
from cockpit.model import Prospect, Research

PHONE = "+12125550100"  # a working number: a prospect without one is researched, not called
NY = "America/New_York"


def at(y, mo, d, h, mi=0, z=NY) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=dtz.gettz(z)).astimezone(timezone.utc)


@pytest.fixture
def cold(rules, now):
    return new_prospect(Prospect(phones=(PHONE,), id="p", name="Dana Reyes", company="Acme", tz=NY,
                                 research=Research(does="logistics", why_now="opened a new warehouse in Ohio")),
                        now, rules)


def promised(p, now, rules):
    return apply_outcome(p, "voicemail", now, rules).next_step


@pytest.mark.parametrize("moment, phrase", [
    (at(2026, 11, 23, 10), "Wednesday afternoon"),      # cold step 2: 2 business days, pm
    (at(2026, 11, 25, 10), "Monday afternoon"),        # across Thanksgiving and the weekend
    (at(2026, 11, 20, 10), "Tuesday afternoon"),       # Friday -> Tuesday
])
def test_the_script_names_the_day_the_engine_schedules(cold, rules, moment, phrase):
    promise = promised(cold, moment, rules)
    s = voicemail.script(cold, promise, moment, rules, Rep(name="Sam"))
    assert s.promise == promise
    assert voicemail.when_phrase(promise.due, moment, cold.tz, rules) == phrase
    assert f"I'll try you again {phrase}" in s.text


def test_the_card_script_promises_what_a_voicemail_would_schedule(cold, rules, now):
    c = card.build(cold, [], now, rules, rep=Rep(name="Sam"))
    assert c.script.promise == promised(cold, now, rules)


def test_an_email_next_says_email(cold, rules, now):
    p = apply_outcome(cold, "voicemail", now, rules).prospect  # next cadence step after this is an email
    t = p.next_step.due
    promise = promised(p, t, rules)
    assert promise.channel == "email"
    s = voicemail.script(p, promise, t, rules, Rep())
    assert "I'll email you " + voicemail.when_phrase(promise.due, t, p.tz, rules) in s.text


def test_the_last_voicemail_promises_no_more_calls(cold, rules, now):
    p, t = cold, now
    while p.attempt < 7:
        t = max(t, p.next_step.due) + timedelta(minutes=1)
        p = apply_outcome(p, "voicemail", t, rules).prospect
    promise = promised(p, t, rules)
    assert promise.channel == "break-up"
    assert "I won't keep calling" in voicemail.script(p, promise, t, rules, Rep()).text


def test_the_script_offers_an_easy_no_and_the_value(cold, rules, now):
    s = voicemail.script(cold, promised(cold, now, rules), now, rules, Rep(name="Sam"))
    assert "no thanks" in s.text
    assert "opened a new warehouse in Ohio" in s.text  # the value for them, from the research
    assert s.text.startswith("Hi Dana, this is Sam")


def test_spoken_length_is_computed_from_the_words(cold, rules, now):
    s = voicemail.script(cold, promised(cold, now, rules), now, rules, Rep())
    words = len(s.text.split())
    assert s.seconds == pytest.approx(words * 60 / voicemail.WORDS_PER_MINUTE, abs=0.5)
    assert voicemail.spoken_seconds("one two three four five") == 2.0


@pytest.mark.parametrize("seconds, flagged", [(5.0, "short"), (7.9, "short"), (8.0, ""), (12.0, ""), (14.0, ""),
                                              (14.1, "long"), (20.0, "long")])
def test_flag_outside_8_to_14_seconds(cold, rules, now, seconds, flagged):
    s = voicemail.Script(text="x", seconds=seconds, promise=promised(cold, now, rules))
    assert (s.flag.split(":")[0] if s.flag else "") == flagged


@pytest.mark.parametrize("due, phrase", [
    (at(2026, 11, 23, 14), "this afternoon"),
    (at(2026, 11, 23, 11), "later today"),
    (at(2026, 11, 24, 9), "tomorrow morning"),
    (at(2026, 11, 24, 15), "tomorrow afternoon"),
    (at(2026, 11, 27, 9), "Friday morning"),
    (at(2026, 12, 1, 9), "Tuesday the 1st"),
    (at(2026, 12, 7, 9), "Monday the 7th"),
    (at(2026, 12, 22, 9), "Tuesday the 22nd of December"),  # more than two weeks off: which 22nd is said
    (at(2027, 2, 23, 9), "Tuesday the 23rd of February"),
    (at(2026, 12, 11, 9), "Friday the 11th of December"),
])
def test_when_phrase(rules, now, due, phrase):
    assert voicemail.when_phrase(due, now, NY, rules) == phrase


@pytest.mark.parametrize("research", [Research(), Research(why_now="a long line of news about your new Ohio warehouse and the hiring push")])
def test_the_built_in_script_fits_8_to_14_seconds(rules, now, research):
    p = new_prospect(Prospect(phones=(PHONE,), id="p", name="Dana Reyes", company="Acme", tz=NY, research=research), now, rules)
    s = voicemail.script(p, promised(p, now, rules), now, rules, Rep(name="Sam Carter"))
    assert voicemail.BEST_SECONDS[0] <= s.seconds <= voicemail.BEST_SECONDS[1] and s.flag == ""
