"""Tags with consequences: a client or a partner gets their own cadence and words, never a cold opener."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_properties import RULES, SETTINGS, ZONES, check_state, played, starts, step_strategy

from cockpit.config import builtin_templates
from cockpit.engine import breakup, card, voicemail
from cockpit.engine.outcomes import OutcomeRefused, apply_outcome, new_prospect
from cockpit.engine.rep import Rep
from cockpit.engine.schedule import is_pending_breakup
from cockpit.model import LEAD_TYPES, Prospect, Research

NY = "America/New_York"
# What only a stranger hears: the cold opener, the cold voicemail's way out, the chaser's break-up.
COLD_WORDS = ("an idea for", "an idea that may help", "if it's not a fit", "tried you a few times")
COLD_REASONS = {s.reason for name in ("cold-call", "web-lead") for s in RULES.cadence(name).steps}


def person(tag: str, lead_type: str = "cold", **extra) -> Prospect:
    return Prospect(id="p", name="Dana Reyes", company="Acme", tz=NY, tag=tag, lead_type=lead_type,
                    phones=("+12125550100",), **extra)


@pytest.mark.parametrize("tag, lead_type, cadence", [
    ("prospect", "cold", "cold-call"), ("prospect", "referral", "cold-call"), ("prospect", "partner", "cold-call"),
    ("prospect", "web", "web-lead"),  # speed to lead stays a prospect's
    *(("client", lt, "client") for lt in LEAD_TYPES), *(("partner", lt, "partner") for lt in LEAD_TYPES),
])
def test_the_tag_chooses_the_cadence_then_the_lead_type(rules, now, tag, lead_type, cadence):
    assert new_prospect(person(tag, lead_type), now, rules).cadence == cadence


def test_an_explicit_cadence_still_wins_over_the_tag(rules, now):
    assert new_prospect(person("client", cadence="stalled"), now, rules).cadence == "stalled"


@pytest.mark.parametrize("name", ["client", "partner"])
def test_client_and_partner_cadences_repeat_and_every_touch_has_a_reason(rules, name):
    cadence = rules.cadence(name)
    assert cadence.then == "repeat" and cadence.attempts_max >= 4
    assert all(step.reason and step.days for step in cadence.steps)  # never two touches at once on a repeat
    assert not any("check" in s.reason.lower() or "touch base" in s.reason.lower() for s in cadence.steps)


@pytest.mark.parametrize("tag, about", [("client", ("about a short review of your account.",
                                                     "about your account: your renewal due in March.")),
                                         ("partner", ("about working together: ", "about working together: "))])
def test_a_client_or_partner_voicemail_names_the_relationship_not_a_cold_idea(rules, now, tag, about):
    for research, said in zip((Research(), Research(why_now="your renewal due in March")), about, strict=True):
        p = new_prospect(person(tag, research=research), now, rules)
        s = card.build(p, [], now, rules, rep=Rep(name="Sam")).script
        assert s.text.startswith(f"Hi Dana, this is Sam, {said}") and "no thanks" in s.text
        assert not any(words in s.text for words in COLD_WORDS)
        assert s.flag == ""  # 8-14 seconds spoken


def test_a_prospect_voicemail_and_break_up_are_unchanged(rules, now):
    p = new_prospect(person("prospect"), now, rules)
    s = card.build(p, [], now, rules, rep=Rep(name="Sam")).script
    assert s.text == ("Hi Dana, this is Sam, about an idea for Acme. I'll try you again Wednesday afternoon; "
                      "if it's not a fit, just reply no thanks.")
    assert breakup.message(p, rules.templates, Rep()).startswith("Hi Dana, I've tried you a few times about Acme and haven't connected")


@pytest.mark.parametrize("tag", ["client", "partner"])
def test_a_client_or_partner_break_up_does_not_chase_like_a_stranger(tag):
    text = breakup.message(person(tag), builtin_templates(), Rep(name="Sam"))
    assert text.startswith("Hi Dana, we haven't managed to speak") and text.endswith("All the best.\nSam")
    assert "just reply" in text and not any(words in text for words in COLD_WORDS)


def test_the_card_shows_the_tag(rules, now):
    c = card.build(new_prospect(person("partner", "referral"), now, rules), [], now, rules)
    assert ("tags", "partner, referral lead") in c.contact


def never_cold(p: Prospect, now, outcome: str) -> None:
    assert p.cadence not in ("cold-call", "web-lead"), f"{p.tag} put on {p.cadence} after {outcome}"
    if p.next_step is not None:
        assert p.next_step.reason not in COLD_REASONS, f"{p.tag} given a cold step after {outcome}"
    if is_pending_breakup(p):
        text = breakup.message(p, RULES.templates, Rep())
    elif p.active:
        try:
            text = voicemail.script(p, apply_outcome(p, "voicemail", now, RULES).next_step, now, RULES, Rep()).text
        except OutcomeRefused:
            return
        assert "no thanks" in text
    else:
        return
    assert not any(words in text for words in COLD_WORDS), f"{p.tag} hears a cold opener after {outcome}: {text}"


@SETTINGS
@given(tag=st.sampled_from(("client", "partner")), lead_type=st.sampled_from(LEAD_TYPES), zone=st.sampled_from(ZONES),
       start=starts, steps=st.lists(step_strategy, min_size=1, max_size=30))
def test_a_client_or_partner_never_gets_a_cold_cadence_or_cold_words(tag, lead_type, zone, start, steps):
    p = new_prospect(Prospect(id="p", name="Pat Quinn", company="Acme", tz=zone, tag=tag, lead_type=lead_type,
                              phones=("+12125550100",)), start, RULES)
    check_state(p, start)
    never_cold(p, start, "entering the book")
    for _, outcome, now, _, result in played(p, start, steps):
        if not isinstance(result, Exception):
            check_state(result.prospect, now, outcome)
            never_cold(result.prospect, now, outcome)
