"""Hypothesis: edits mixed into random outcome sequences keep the engine's rules.

- an active prospect always has exactly one next step (a closed one none), whatever was edited;
- an edit never counts an attempt, and never leaves a call Cockpit chose for someone with no working number;
- undoing an edit (and every outcome before it, in reverse) restores each earlier state exactly.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cockpit.config import Config, builtin_cadences
from cockpit.engine.edits import EditRefused, NothingChanged, edited
from cockpit.engine.outcomes import OUTCOMES, MissingDetail, OutcomeRefused, apply_outcome, new_prospect, undo
from cockpit.model import LEAD_TYPES, TAGS, Prospect

RULES = Config(timezone="America/New_York", cadences=builtin_cadences()).rules()
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NUMBERS = ("+12125550100", "+14155550123", "+19075550111", "+442079460958", "+61491570156")

edits = st.fixed_dictionaries({}, optional={
    "name": st.sampled_from(("Pat Quinn", "Pat Quinn-Ng")),
    "email": st.sampled_from(("", "pat@acme.example")),
    "phones": st.lists(st.sampled_from(NUMBERS), max_size=3),
    "add_phones": st.lists(st.sampled_from(NUMBERS), max_size=2),
    "wrong_phones": st.lists(st.sampled_from(NUMBERS), max_size=2),
    "tz": st.sampled_from(("", "America/Chicago", "Europe/London", "Australia/Sydney")),
    "tag": st.sampled_from(TAGS),
    "lead_type": st.sampled_from(LEAD_TYPES),
})
moves = st.one_of(
    st.tuples(st.just("edit"), edits),
    st.tuples(st.sampled_from(("voicemail", "no-answer", "email", "voicemail")), st.just({})),
    st.tuples(st.sampled_from(tuple(OUTCOMES)), st.just({})),
)
advances = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=10))
starts = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 6, 1), timezones=st.just(timezone.utc))


def check(p: Prospect, what: str) -> None:
    if not p.active:
        assert p.next_step is None, f"{what}: a closed prospect has a next step"
        return
    assert p.next_step is not None, f"{what}: an active prospect without a next step"
    assert 0 <= p.attempt <= RULES.cadence(p.cadence).attempts_max
    if not p.next_step.agreed:
        assert p.phone or p.next_step.channel != "call", f"{what}: a call for someone with no working number"


@SETTINGS
@given(start=starts, lead_type=st.sampled_from(("cold", "web")),
       steps=st.lists(st.tuples(moves, advances), min_size=1, max_size=20))
def test_outcomes_and_edits_keep_one_next_step_and_undo_is_exact(start, lead_type, steps):
    p = new_prospect(Prospect(id="p", name="Pat Quinn", company="Acme", phones=(NUMBERS[0],), lead_type=lead_type),
                     start, RULES)
    original, history, now = p, [], start
    for (move, changes), advance in steps:
        now += advance
        try:
            if move == "edit":
                result = edited(p, changes, now, RULES)
            else:
                when = now + timedelta(days=2)
                result = apply_outcome(p, move, now, RULES, reason="price", when=when, note="n")
        except NothingChanged:
            event("edit: nothing changed")
            continue
        except EditRefused as refused:
            assert not p.active or "not one of" in str(refused), str(refused)
            event("edit refused")
            continue
        except (OutcomeRefused, MissingDetail):
            continue
        if move == "edit":
            event("edited")
            assert result.prospect.attempt == p.attempt or result.prospect.cadence != p.cadence
            assert result.activity.outcome == "edit" and undo(result.activity) == p
        check(result.prospect, move)
        history.append((p, result.activity))
        p = result.prospect
    for before, activity in reversed(history):
        assert undo(activity) == before
    if history:
        assert undo(history[0][1]) == original
