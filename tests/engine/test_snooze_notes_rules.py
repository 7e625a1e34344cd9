"""Snooze and notes: bookkeeping that never lies about the calling (issue 15).

A snooze moves the next step's time and nothing else; a note changes nothing of the prospect. Neither
is a dial, a connect, an attempt or a touch anywhere those are counted, and both are undone exactly."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from dateutil import tz as dtz
from hypothesis import given
from hypothesis import strategies as st
from test_properties import RULES, SETTINGS, ZONES, check_state, fresh, played, starts, step_strategy

from cockpit.engine import card, snooze, stats
from cockpit.engine.block import tally
from cockpit.engine.outcomes import NOT_CALLS, MissingDetail, OutcomeRefused, apply_outcome, new_prospect, undo
from cockpit.model import Prospect

NY = "America/New_York"


def at(y, mo, d, h, mi=0, z=NY) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=dtz.gettz(z)).astimezone(timezone.utc)


@pytest.fixture
def worked(rules, now):
    """Dana after one voicemail: attempt 1, a call step 2 days on."""
    p = new_prospect(Prospect(id="p1", name="Dana Reyes", company="Acme", tz=NY, phones=("+12125550100",)), now, rules)
    return apply_outcome(p, "voicemail", now, rules).prospect


def test_snooze_moves_only_the_time_of_the_step(worked, rules, now):
    r = apply_outcome(worked, "snooze", now, rules, when=at(2026, 11, 24, 14))
    step, before = r.prospect.next_step, worked.next_step
    assert step.due == at(2026, 11, 24, 14)
    assert (step.channel, step.reason, step.step) == (before.channel, before.reason, before.step)
    assert (r.prospect.attempt, r.prospect.status, r.prospect.cadence) == (worked.attempt, worked.status, worked.cadence)
    assert replace(r.prospect, next_step=before) == worked
    assert r.activity.outcome == "snooze" and r.activity.channel == "snooze" and r.activity.when == step.due
    assert r.summary == "Snoozed Dana Reyes → call Tue 14:00 their time"
    assert undo(r.activity) == worked


@pytest.mark.parametrize("when, landed", [
    (at(2026, 11, 28, 10), at(2026, 11, 30, 9)),   # a Saturday: Monday when their window opens
    (at(2026, 11, 24, 19), at(2026, 11, 25, 9)),   # after hours: the next morning
    (at(2026, 11, 26, 11), at(2026, 11, 27, 9)),   # Thanksgiving: the next business day
    (at(2026, 11, 24, 7), at(2026, 11, 24, 9)),    # before their window opens: when it does
])
def test_snooze_lands_inside_their_window_on_a_business_day(worked, rules, now, when, landed):
    r = apply_outcome(worked, "snooze", now, rules, when=when)
    assert r.prospect.next_step.due == landed
    assert rules.calendar.in_window(landed, NY)
    assert r.warning == ""  # the rep's own time, landed by Cockpit: nothing "kept because it was agreed"


def test_snooze_is_refused_in_one_line_for_the_past_a_closed_prospect_and_no_step(worked, rules, now):
    with pytest.raises(MissingDetail, match="already passed"):
        apply_outcome(worked, "snooze", now, rules, when=now - timedelta(hours=1))
    with pytest.raises(MissingDetail, match="needs a time"):
        apply_outcome(worked, "snooze", now, rules)
    closed = apply_outcome(worked, "do-not-contact", now, rules).prospect
    with pytest.raises(OutcomeRefused, match="do-not-contact"):
        apply_outcome(closed, "snooze", now, rules, when=now + timedelta(days=1))
    with pytest.raises(OutcomeRefused, match="no next step to snooze"):
        apply_outcome(replace(worked, next_step=None), "snooze", now, rules, when=now + timedelta(days=1))


def test_a_meeting_confirmation_is_never_snoozed_past_the_meeting(worked, rules, now):
    booked = apply_outcome(worked, "meeting", now, rules, when=at(2026, 11, 27, 11)).prospect
    assert booked.next_step.channel == "confirm"
    with pytest.raises(OutcomeRefused, match="before it"):
        apply_outcome(booked, "snooze", now, rules, when=at(2026, 11, 30, 10))
    moved = apply_outcome(booked, "snooze", now, rules, when=at(2026, 11, 27, 9)).prospect
    assert moved.next_step.channel == "confirm" and moved.next_step.due == at(2026, 11, 27, 9)


def test_snooze_works_while_a_break_up_waits_and_keeps_it_the_break_up(worked, rules, now):
    p = worked
    while p.next_step.channel != "break-up":
        now = max(now, p.next_step.due) + timedelta(minutes=1)
        p = apply_outcome(p, "voicemail", now, rules).prospect
    r = apply_outcome(p, "snooze", now, rules, when=now + timedelta(days=3))
    assert r.prospect.next_step.channel == "break-up" and r.prospect.attempt == p.attempt


def test_a_note_changes_nothing_of_the_prospect_and_is_undone(worked, rules, now):
    r = apply_outcome(worked, "note", now, rules, note="  wants a demo in March\n")
    assert r.prospect == worked and r.next_step == worked.next_step
    assert (r.activity.outcome, r.activity.note, r.activity.channel) == ("note", "wants a demo in March", "note")
    assert r.summary == "Note saved for Dana Reyes"
    assert undo(r.activity) == worked


def test_a_note_is_kept_on_a_closed_prospect_too(worked, rules, now):
    closed = apply_outcome(worked, "do-not-contact", now, rules).prospect
    r = apply_outcome(closed, "note", now, rules, note="asked kindly, twice")
    assert r.prospect == closed and r.prospect.next_step is None


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_note_is_refused(worked, rules, now, text):
    with pytest.raises(MissingDetail, match="empty note"):
        apply_outcome(worked, "note", now, rules, note=text)


def test_snooze_picks_later_today_tomorrow_and_next_week_in_their_time(worked, rules):
    monday_10 = at(2026, 11, 23, 10)
    assert snooze.later_today(worked, monday_10, rules) == at(2026, 11, 23, 12)
    assert snooze.tomorrow(worked, monday_10, rules) == at(2026, 11, 24, 10)
    assert snooze.next_week(worked, monday_10, rules) == at(2026, 11, 30, 10)
    late = at(2026, 11, 23, 16)  # two hours on, their window has closed: the next opening
    assert snooze.later_today(worked, late, rules) == at(2026, 11, 24, 9)
    wednesday = at(2026, 11, 25, 10, 5)  # tomorrow is Thanksgiving: Friday, at the same time
    assert snooze.tomorrow(worked, wednesday, rules) == at(2026, 11, 27, 10, 15)
    for when in snooze.choices(worked, late, rules).values():
        assert rules.calendar.in_window(when, NY) and when > late


def test_notes_and_snoozes_are_no_touch_on_the_card(worked, rules, now):
    history = [apply_outcome(worked, "note", now, rules, note="first call went to vm").activity,
               apply_outcome(worked, "snooze", now, rules, when=now + timedelta(days=1)).activity]
    shown = card.build(worked, history, now, rules)
    assert shown.touches == 0
    assert any(line.endswith("note: first call went to vm") for line in shown.history)
    assert any(" snooze to " in line for line in shown.history)


# ---- the property: bookkeeping interleaved changes no count ---------------------------------------

bookkeeping = st.tuples(
    st.integers(min_value=0, max_value=30),  # before which step of the sequence
    st.sampled_from(("snooze", "note")),
    st.timedeltas(min_value=timedelta(minutes=1), max_value=timedelta(days=10)),
)


def counts(activities) -> tuple:
    figures = stats.compute(activities, {}, RULES, datetime(2028, 1, 1, tzinfo=timezone.utc))
    return tally(activities), figures.total, figures.first_connect_attempts, figures.meetings_by_attempt


@SETTINGS
@given(zone=st.sampled_from(ZONES), lead_type=st.sampled_from(("cold", "web", "referral")), start=starts,
       steps=st.lists(step_strategy, min_size=1, max_size=20), extra=st.lists(bookkeeping, max_size=10))
def test_snoozes_and_notes_interleaved_change_no_attempt_and_no_tally(zone, lead_type, start, steps, extra):
    # Each step at its own time (not at the step's due time, which a snooze moves): the same clock for both.
    # The drawn outcomes may hold snoozes of their own: those are made voicemails (the plain sequence has none).
    plain = [("voicemail" if s[0] in NOT_CALLS else s[0], *s[1:5], False) for s in steps]
    mixed = []
    for at_step, s in enumerate(plain):
        for before, kind, ahead in extra:
            if before == at_step:
                mixed.append((kind, timedelta(0), "price", None, ahead, False))
        mixed.append(s)
    original = fresh(zone, lead_type, start)
    alone = [(p, o, now, r) for p, o, now, _w, r in played(original, start, plain)]
    both = [(p, o, now, r) for p, o, now, _w, r in played(original, start, mixed)]
    calls = [item for item in both if item[1] not in NOT_CALLS]
    assert [(o, now, type(r)) for _p, o, now, r in calls] == [(o, now, type(r)) for _p, o, now, r in alone]
    for (p1, _o, _n, r1), (p2, _o2, _n2, r2) in zip(alone, calls, strict=True):
        assert p1.attempt == p2.attempt and p1.status == p2.status
        if not isinstance(r1, Exception):
            assert r1.prospect.attempt == r2.prospect.attempt and r1.activity.attempt == r2.activity.attempt
    for p, outcome, now, r in both:
        if isinstance(r, Exception):
            continue
        if outcome == "note":  # it chose nothing: an overdue step stays as late as it was
            assert r.prospect == p and (p.next_step is not None) == p.active
        else:
            check_state(r.prospect, now, outcome)  # exactly one next step, in their window, or closed
    logged = [r.activity for *_, r in alone if not isinstance(r, Exception)]
    logged_too = [r.activity for *_, r in both if not isinstance(r, Exception)]
    assert counts(logged) == counts(logged_too)
