"""The voicemail in the rep's own words: who, from where, on what number, the value, the promise, the way out.

Within 8-14 s at 150 words a minute with a number read digit by digit; optional parts go in a fixed
order (where from, the part of the day, the number) and the promise and the way out never do; a
setting left empty is named, never replaced by "our team".
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cockpit import demo
from cockpit.engine import card, voicemail
from cockpit.engine.outcomes import apply_outcome, new_prospect
from cockpit.engine.rep import Rep, missing_line
from cockpit.model import TAGS, Prospect, Research

NY = "America/New_York"
FULL = Rep(name="Sam Carter", company="Northwind", phone="+14155550100",
           value="we help sales teams stop losing deals to slow follow-up")


def dana(now, rules, tag="prospect", why_now="", name="Dana Reyes", company="Acme"):
    return new_prospect(Prospect(id="p1", name=name, company=company, tz=NY, phones=("+12125550100",), tag=tag,
                                 research=Research(why_now=why_now)), now, rules)


def script(p, now, rules, rep):
    return voicemail.script(p, apply_outcome(p, "voicemail", now, rules).next_step, now, rules, rep=rep)


@pytest.mark.parametrize("text, words", [("415 555 0100", 10), ("+44 20 7946 0958", 13), ("call me", 2),
                                         ("it's 3pm", 2)])
def test_a_number_is_read_digit_by_digit(text, words):
    assert voicemail.spoken_words(text) == words


def test_the_call_back_number_is_said_when_it_fits_and_setting_it_changes_the_script(now, rules):
    p = dana(now, rules)
    without = script(p, now, rules, Rep(name="Jo"))
    with_number = script(p, now, rules, Rep(name="Jo", phone="+14155550100"))
    assert "415 555 0100" in with_number.text and with_number.text != without.text
    assert voicemail.BEST_SECONDS[0] <= with_number.seconds <= voicemail.BEST_SECONDS[1]


def test_optional_parts_go_in_order_and_come_back_when_a_later_drop_made_room(now, rules):
    long_hook = dana(now, rules, why_now="your move to a new ERP across all nine plants")
    s = script(long_hook, now, rules, FULL)
    assert s.seconds <= voicemail.BEST_SECONDS[1]
    assert "call back" in s.dropped and "415" not in s.text
    assert "part of day" not in s.dropped and "Wednesday afternoon" in s.text  # back once the number went


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])  # read-only fixtures
@given(tag=st.sampled_from(TAGS), why=st.sampled_from(("", *demo.WHY_NOW)),
       rep=st.builds(Rep, name=st.sampled_from(("", "Jo", "Sam Carter", "Alexandra Montgomery-Smith")),
                     company=st.sampled_from(("", "Northwind", "Blue Harbor Analytics Group")),
                     phone=st.sampled_from(("", "+14155550100", "+442079460958")),
                     value=st.sampled_from(("", FULL.value))),
       first=st.sampled_from(("Dana Reyes", "Bartholomew Alexander")))
def test_every_script_keeps_the_promise_and_the_way_out_and_fits_unless_nothing_is_left_to_drop(
        now, rules, tag, why, rep, first):
    p = dana(now, rules, tag=tag, why_now=why, name=first)
    promise = apply_outcome(p, "voicemail", now, rules).next_step
    s = voicemail.script(p, promise, now, rules, rep=rep)
    short = voicemail.when_phrase(promise.due, now, NY, rules, short=True)
    said = {"call": "I'll try you again ", "email": "I'll email you "}[promise.channel]
    assert said + short in s.text  # the day `v` schedules, whatever was dropped
    assert s.text.endswith("just reply no thanks.")  # the easy way out, never dropped
    assert "our team" not in s.text and "it's me" not in s.text
    assert s.seconds == voicemail.spoken_seconds(s.text)
    present = {"from": bool(rep.company and rep.name), "part of day": True, "call back": bool(rep.phone and rep.name)}
    if s.seconds > voicemail.BEST_SECONDS[1]:
        assert set(s.dropped) == {part for part, there in present.items() if there}  # nothing left to drop
    assert set(s.dropped) <= {part for part, there in present.items() if there}
    if present["call back"]:  # the number is said exactly when it was not dropped
        assert ("call back" in s.dropped) == (rep.phone[-4:] not in s.text.replace(" ", ""))
    assert set(s.missing) <= set(rep.missing())


def test_a_missing_name_is_named_on_the_card_never_papered_over(now, rules):
    p = dana(now, rules)
    shown = card.build(p, [], now, rules, rep=Rep())
    assert shown.script.text.startswith("Hi Dana, about an idea for Acme.")
    assert shown.script.missing[0] == "rep_name"
    assert missing_line(shown.script.missing).startswith("Left out until you set your name")
    assert "cockpit config rep_name" in missing_line(shown.script.missing)


def test_the_reps_sentence_of_value_stands_on_its_own_when_there_is_no_research(now, rules):
    s = script(dana(now, rules), now, rules, Rep(name="Sam", value=FULL.value))
    assert "Hi Dana, this is Sam. We help sales teams stop losing deals to slow follow-up." in s.text


def test_the_demo_research_is_written_to_the_listener(now, rules):
    """The hook is said to them: no demo 'why now' talks about them in the third person."""
    for why in demo.WHY_NOW:
        assert not {"their", "they", "them"} & set(why.lower().split()), why
