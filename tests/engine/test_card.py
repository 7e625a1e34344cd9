"""The research card says each thing once: why they are here, and the next step with its time."""

from __future__ import annotations

from datetime import timedelta

from cockpit.engine import card
from cockpit.engine.outcomes import apply_outcome, new_prospect
from cockpit.model import Prospect

NY = "America/New_York"


def dana(now, rules) -> Prospect:
    return new_prospect(Prospect(id="p1", name="Dana Reyes", company="Acme", tz=NY,
                                 phones=("+12125550100",)), now, rules)


def test_an_agreed_call_names_its_reason_once(rules, now):
    agreed = now + timedelta(days=3)
    p = apply_outcome(dana(now, rules), "connected", now, rules, note="liked it", when=agreed).prospect
    shown = card.build(p, [], agreed, rules)
    reason = p.next_step.reason
    assert reason in shown.why  # the why already says it ...
    assert reason not in shown.next_step and shown.next_step.strip()  # ... so the next line gives the time only


def test_a_reason_the_why_does_not_give_is_on_the_next_line(rules, now):
    web = new_prospect(Prospect(id="p2", name="Wendy Ko", company="W", tz=NY, phones=("+12125550101",),
                                lead_type="web"), now, rules)
    shown = card.build(web, [], now, rules)  # the why: how fresh the lead is; the step: what to do
    assert web.next_step.reason not in shown.why
    assert shown.next_step.endswith(f" — {web.next_step.reason}")
