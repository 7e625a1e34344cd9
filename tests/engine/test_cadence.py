"""Cadences as data: the built-ins follow the product's shape, and bad tables are refused clearly."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cockpit.config import builtin_cadences
from cockpit.engine.cadence import CadenceError, cadence_from_dict
from cockpit.engine.outcomes import apply_outcome, new_prospect
from cockpit.engine.schedule import describe_step
from cockpit.model import Prospect

PHONE = "+12125550100"  # a working number: a prospect without one is researched, not called
BUILTIN = builtin_cadences()


def test_the_built_ins_exist_by_name():
    assert set(BUILTIN) == {"cold-call", "web-lead", "nurture", "stalled", "post-meeting", "rebook", "client",
                            "partner"}


def test_cold_call_has_8_attempts_calls_and_emails_interleaved_then_break_up():
    cold = BUILTIN["cold-call"]
    assert cold.attempts_max == 8 and cold.then == "break-up"
    channels = [s.channel for s in cold.steps]
    assert {"call", "email"} <= set(channels)
    assert all(s.reason for s in cold.steps)  # every touch carries a reason


def test_cold_call_spans_about_three_weeks(rules, now):
    """8 attempts at their due times take about three weeks, never two same-channel touches on one day."""
    p = new_prospect(Prospect(phones=(PHONE,), id="p", name="Pat", tz="America/New_York"), now, rules)
    touches, t = [], now
    while p.next_step.channel != "break-up":
        t = p.next_step.due
        touches.append((rules.calendar.local(t, p.tz).date(), p.next_step.channel))
        p = apply_outcome(p, "voicemail", t, rules).prospect
    assert len(touches) == 8
    span = (touches[-1][0] - touches[0][0]).days
    assert 14 <= span <= 28
    assert len(set(touches)) == len(touches)


def test_web_lead_is_now_then_within_the_hour_then_next_day():
    steps = BUILTIN["web-lead"].steps
    assert (steps[0].minutes, steps[0].hours, steps[0].days) == (0, 0, 0)  # due now (at the opening)
    assert timedelta(hours=steps[1].hours, minutes=steps[1].minutes) <= timedelta(hours=1) and not steps[1].in_days
    assert steps[2].days == 1


def test_nurture_repeats_and_stalled_is_patient():
    assert BUILTIN["nurture"].then == "repeat" and all(s.months for s in BUILTIN["nurture"].steps)
    assert all(10 <= s.days <= 15 for s in BUILTIN["stalled"].steps)  # every 2-3 weeks


def test_nurture_repeats_instead_of_breaking_up(rules, now):
    p = apply_outcome(new_prospect(Prospect(phones=(PHONE,), id="p", name="Pat", tz="America/New_York"), now, rules),
                      "not-interested", now, rules, reason="price").prospect
    for _ in range(5):
        t = p.next_step.due
        p = apply_outcome(p, "email", t, rules).prospect
        assert p.next_step.channel != "break-up" and p.attempt < 2


def test_describe_step_reads_like_the_outcome_bar(rules, now):
    p = new_prospect(Prospect(phones=(PHONE,), id="p", name="Pat", tz="America/New_York"), now, rules)
    r = apply_outcome(p, "voicemail", now, rules)
    assert r.summary == "Voicemail logged → call Wed 25 Nov 13:00, attempt 2/8"
    far = apply_outcome(p, "not-interested", now, rules, reason="price")
    assert "2027" in describe_step(far.prospect, far.next_step, rules, now)
    assert describe_step(p, None, rules) == "new: nothing is scheduled again"


def test_a_valid_table_is_read():
    c = cadence_from_dict("mine", {"then": "repeat", "breakup_days": 2, "description": "d",
                                   "steps": [{"channel": "call", "days": 1, "half": "am", "reason": "r"},
                                             {"channel": "email", "hours": 2, "reason": "the case study they asked for"}]})
    assert c.attempts_max == 2 and c.then == "repeat" and c.steps[0].half == "am" and not c.steps[1].in_days


@pytest.mark.parametrize("table, words", [
    ([], "table"),
    ({}, "steps"),
    ({"steps": []}, "steps"),
    ({"steps": ["call"]}, "step 1"),
    ({"steps": [{"channel": "fax"}]}, "channel"),
    ({"steps": [{"channel": "call", "days": -1}]}, "days"),
    ({"steps": [{"channel": "call", "days": 1.5}]}, "days"),
    ({"steps": [{"channel": "call", "days": True}]}, "days"),
    ({"steps": [{"channel": "call", "days": 1, "hours": 2}]}, "one of"),
    ({"steps": [{"channel": "call", "half": "noon"}]}, "half"),
    ({"steps": [{"channel": "call", "weeks": 1}]}, "weeks"),
    ({"steps": [{"channel": "call", "reason": "r"}], "then": "stop"}, "then"),
    ({"steps": [{"channel": "call", "reason": "r"}], "breakup_days": -3}, "breakup_days"),
    ({"steps": [{"channel": "call", "reason": "r"}], "breakup_days": True}, "breakup_days"),
    ({"steps": [{"channel": "call", "reason": "r"}], "breakup_days": 1.5}, "breakup_days"),
])
def test_bad_cadence_tables_are_refused_naming_the_cadence_and_key(table, words):
    with pytest.raises(CadenceError) as err:
        cadence_from_dict("mine", table)
    assert "'mine'" in str(err.value) and words in str(err.value)


@pytest.mark.parametrize("reason", [
    "", "   ", "just checking in", "Check in", "checking-in call", "touch base", "touching base again",
    "circle back on the proposal", "end of quarter push", "end-of-month offer", "month end deal", "EOQ discount",
    "help me hit quota",
])
def test_a_step_without_value_is_refused_naming_the_cadence_and_the_step(reason):
    table = {"steps": [{"channel": "call", "reason": "first call: open with the trigger you found"},
                       {"channel": "email", "days": 2, "reason": reason}]}
    with pytest.raises(CadenceError) as err:
        cadence_from_dict("mine", table)
    assert "cadence 'mine' step 2:" in str(err.value) and "value" in str(err.value)


def test_a_step_without_a_reason_key_is_refused():
    with pytest.raises(CadenceError, match="step 1: it has no reason"):
        cadence_from_dict("mine", {"steps": [{"channel": "call"}]})


def test_a_step_keeps_its_template_name():
    cadence = cadence_from_dict("mine", {"steps": [{"channel": "email", "reason": "an idea", "template": "intro"}]})
    assert cadence.steps[0].template == "intro"  # config.py checks it names a set of words


def test_a_template_that_is_not_a_name_is_refused():
    with pytest.raises(CadenceError, match="step 1: template must be the name"):
        cadence_from_dict("mine", {"steps": [{"channel": "email", "reason": "an idea", "template": 3}]})


@pytest.mark.parametrize("reason", ["value touch: check the timing they gave", "their plans for this quarter",
                                    "an idea for their checkout page", "call: refer to the idea you emailed"])
def test_reasons_with_value_are_kept(reason):
    assert cadence_from_dict("mine", {"steps": [{"channel": "call", "reason": reason}]}).steps[0].reason == reason


def test_every_built_in_step_carries_value():
    from cockpit.engine.cadence import value_problem

    assert all(not value_problem(s.reason) for c in BUILTIN.values() for s in c.steps)
