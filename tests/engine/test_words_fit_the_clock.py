"""Every urgency or empty-list text agrees with the due time it describes (issue 14, leak 11)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from dateutil import tz as dtz
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cockpit.config import Config, builtin_cadences
from cockpit.engine import queue
from cockpit.engine.outcomes import apply_outcome, new_prospect
from cockpit.model import NextStep, Prospect

NY = "America/New_York"
CLOSED = "their calling hours were closed"  # what a step moved out of closed hours says
RULES = Config(timezone=NY, cadences=builtin_cadences()).rules()
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
clocks = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(timezone.utc))


def at(y, mo, d, h, mi=0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=dtz.gettz(NY)).astimezone(timezone.utc)


def web_lead(created: datetime) -> Prospect:
    return new_prospect(Prospect(id="w", name="Wes Lead", phones=("+12125550100",), tz=NY, lead_type="web"),
                        created, RULES)


def promised_minutes(text: str) -> timedelta | None:
    """What a text promises: "within 5 minutes", "within the hour", "an hour after the first"."""
    if re.search(r"within 5 minutes", text):
        return timedelta(minutes=5)
    if re.search(r"within the hour|an hour after", text) and CLOSED not in text:
        return timedelta(hours=1)
    return None


def test_a_web_lead_two_days_old_is_not_told_within_5_minutes():
    lead = web_lead(at(2026, 11, 20, 10))
    fresh = queue.priority(lead, at(2026, 11, 20, 10, 3), RULES)[1]
    stale = queue.priority(lead, at(2026, 11, 22, 16, 0), RULES)[1]
    assert "within 5 minutes" in fresh
    assert "within 5 minutes" not in stale and "waiting 2 d 6 h" in stale and "call now" in stale


def test_a_second_try_moved_to_the_next_morning_says_why():
    evening = at(2026, 11, 24, 16, 30)  # their window closes at 17:00: an hour later is closed
    second = apply_outcome(web_lead(evening), "no-answer", evening, RULES).next_step
    assert second.due == at(2026, 11, 25, 9)
    assert CLOSED in second.reason and "within the hour" not in second.reason
    morning = at(2026, 11, 24, 10)
    soon = apply_outcome(web_lead(morning), "no-answer", morning, RULES).next_step
    assert soon.due == morning + timedelta(hours=1) and CLOSED not in soon.reason


@SETTINGS
@given(created=clocks, wait=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=5)),
       outcome=st.sampled_from(("no-answer", "voicemail")))
def test_no_text_promises_a_time_its_step_does_not_keep(created, wait, outcome):
    lead = web_lead(created)
    now = created.replace(microsecond=0)
    for step_now, step in ((now, lead.next_step),
                           (now + wait, apply_outcome(lead, outcome, now + wait, RULES).next_step)):
        promise = promised_minutes(step.reason)
        if promise is not None:
            assert step.due - step_now <= promise, (step.reason, step.due, step_now)
    shown = queue.priority(lead, now + wait, RULES)[1]
    if "within 5 minutes" in shown:
        assert wait < queue.SPEED_TO_LEAD_WINDOW


def test_an_empty_list_never_names_a_next_step_that_has_passed():
    """Thursday 10:00: a break-up was due at 08:00; the next real step is on Monday."""
    now = at(2026, 11, 26, 10)
    base = new_prospect(Prospect(id="b", name="Bo Break", phones=("+12125550100",), tz=NY), now, RULES)
    pending = replace(base, next_step=NextStep("break-up", at(2026, 11, 26, 8), "all 8 attempts made"))
    later = replace(base, id="m", name="Mo Later", next_step=NextStep("call", at(2026, 11, 30, 11), "r"))
    agenda = queue.build([pending, later], now, RULES)
    text = queue.explain_empty([pending, later], agenda, RULES)
    assert "08:00" not in text and "Monday 30 Nov 11:00" in text and "Mo Later" in text
    assert "1 break-up waiting" in text and "(B)" in text
    alone = queue.explain_empty([pending], queue.build([pending], now, RULES), RULES)
    assert "08:00" not in alone and "1 break-up waiting" in alone
