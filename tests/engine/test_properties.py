"""Hypothesis: the engine's invariants hold over random outcome sequences, clocks and zones.

- an active prospect always has exactly one next step;
- do-not-contact / dead never has one, and every further outcome is refused;
- a step Cockpit chose itself (agreed=False) is on a business day inside the window, never in the
  past; the exceptions: a meeting confirmation with no opening of the window before the meeting (then
  the last legal quarter hour before it, inside 08:00-21:00 their time), and "how did it go?", due
  right after the meeting whenever that is;
- attempt never exceeds attempts_max, and after the last attempt the next step is the break-up;
- undo in reverse order restores every earlier state, down to the original prospect.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cockpit.config import Config, builtin_cadences
from cockpit.engine import queue
from cockpit.engine.location import location_of
from cockpit.engine.meetings import MEETING_LENGTH, latest_legal_before, started
from cockpit.engine.outcomes import (
    ALLOWED_DURING_BREAKUP,
    MEETING_OUTCOMES,
    NEEDS_WHEN,
    OUTCOMES,
    MissingDetail,
    OutcomeRefused,
    apply_outcome,
    new_prospect,
    undo,
)
from cockpit.engine.reachable import DIALLED, number_problem
from cockpit.engine.schedule import is_pending_breakup
from cockpit.model import LOST_REASONS, Prospect

ZONES = ("America/Los_Angeles", "America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Sydney")
RULES = Config(timezone="America/New_York", cadences=builtin_cadences()).rules()
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Attempts weigh more so that sequences reach the end of a cadence and its break-up.
outcome_names = st.one_of(
    st.sampled_from(("voicemail", "no-answer", "email")),
    st.sampled_from(("voicemail", "no-answer", "email")),
    st.sampled_from(tuple(OUTCOMES)),
)

# From a minute to three weeks: nights, weekends, holidays, DST changes all get crossed.
advances = st.one_of(
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=6)),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=21)),
)

step_strategy = st.tuples(
    outcome_names,
    advances,
    st.sampled_from(LOST_REASONS),
    st.sampled_from((None, 6, 12, 18)),
    # when, after now; sometimes none (connected then picks its own follow-up, meeting/callback refuse)
    st.one_of(st.none(), st.timedeltas(min_value=timedelta(minutes=1), max_value=timedelta(days=45))),
    st.booleans(),  # log at the next step's due time (as a rep working the list does) or at a random time
)

starts = st.datetimes(min_value=datetime(2025, 12, 1), max_value=datetime(2027, 12, 1), timezones=st.just(timezone.utc))


def fresh(zone: str, lead_type: str, start: datetime) -> Prospect:
    return new_prospect(Prospect(id="p", name="Pat Quinn", company="Acme", tz=zone, lead_type=lead_type,
                                 phones=("+12125550100", "+12125550101")), start, RULES)


def played(p: Prospect, start: datetime, steps, rules=RULES):
    """Log the drawn steps on `p` from `start`, each on the state the one before left: yields the
    prospect before each, the outcome, the time, and the result (or the refusal it raised)."""
    now = start
    for outcome, advance, reason, months, when_in, follow in steps:
        now = now + advance
        if follow and p.next_step is not None and p.next_step.due > now:
            now = p.next_step.due  # as a rep working the list does
        when = None if when_in is None else now + when_in
        try:
            result = apply_outcome(p, outcome, now, rules, note="n", reason=reason, when=when, months=months)
        except (MissingDetail, OutcomeRefused) as refused:
            yield p, outcome, now, when, refused
            continue
        yield p, outcome, now, when, result
        p = result.prospect


def check_state(p: Prospect, now: datetime, outcome: str | None = None) -> None:
    cal = RULES.calendar
    now = now.replace(microsecond=0)  # the engine keeps whole seconds, as the book stores them
    if not p.active:
        assert p.next_step is None, "a closed prospect has a next step"
        assert queue.build([p], now, RULES).today == []
        return
    step = p.next_step
    assert step is not None, f"active prospect without a next step after {outcome}"
    cadence = RULES.cadence(p.cadence)
    assert 0 <= p.attempt <= cadence.attempts_max
    if cadence.then == "break-up" and p.attempt == cadence.attempts_max:
        assert step.channel == "break-up", "after the last attempt the next step must be the break-up"
    if step.step:
        assert step.step == p.attempt + 1 <= cadence.attempts_max, "never an attempt beyond the cadence"
    if step.agreed:
        return
    assert p.phone or step.channel != "call", f"{outcome}: a call chosen for a prospect with no working number"
    assert step.due >= now, f"{outcome}: a chosen step in the past"
    if step.channel == "debrief":
        assert step.due == p.meeting_at + MEETING_LENGTH, f"{outcome}: how did it go? not right after the meeting"
        return
    if step.channel == "confirm" and not cal.in_window(step.due, p.tz):
        # a meeting so close that no opening of their window comes before it: the last legal quarter
        # hour before it (never 21:30 their time)
        assert p.meeting_at is not None and step.due == latest_legal_before(p.meeting_at, p.tz, RULES), (
            f"{outcome}: confirm outside the window")
        assert cal.next_opening(now, p.tz) >= p.meeting_at, "confirm outside the window while an opening comes first"
        return
    assert cal.in_window(step.due, p.tz), (
        f"{outcome}: chose {cal.local(step.due, p.tz):%a %Y-%m-%d %H:%M} {p.tz}, outside the window")


@SETTINGS
@given(zone=st.sampled_from(ZONES), lead_type=st.sampled_from(("cold", "web", "referral")), start=starts,
       steps=st.lists(step_strategy, min_size=1, max_size=30))
def test_invariants_hold_over_random_sequences_and_clocks(zone, lead_type, start, steps):
    original = fresh(zone, lead_type, start)
    check_state(original, start)
    history: list[tuple[Prospect, object]] = []
    for p, outcome, now, when, result in played(original, start, steps):
        if isinstance(result, MissingDetail):
            assert outcome in NEEDS_WHEN and when is None, f"{outcome} wanted a detail it was given"
            event("refused: no time given")
            continue
        if isinstance(result, OutcomeRefused):
            if p.active and number_problem(p, outcome):
                event("refused: no working number to dial")
                assert outcome in DIALLED and not p.phone
                continue
            no_meeting = outcome in MEETING_OUTCOMES and not (p.status == "meeting" and started(p, now))
            event("refused: " + ("closed" if not p.active else "no meeting to log" if no_meeting else "break-up pending"))
            # a snooze moves no "how did it go?" and no confirmation past its meeting (test_snooze_notes_rules.py)
            meeting_step = outcome == "snooze" and p.next_step is not None and p.next_step.channel in ("debrief", "confirm")
            assert not p.active or no_meeting or meeting_step or (
                is_pending_breakup(p) and outcome not in ALLOWED_DURING_BREAKUP), (
                f"{outcome} refused for a {p.status} prospect")
            continue
        assert not (outcome in DIALLED and not p.phone), f"{outcome} logged on a prospect with no working number"
        assert p.active, f"{outcome} accepted for a {p.status} prospect"
        assert not (is_pending_breakup(p) and outcome not in ALLOWED_DURING_BREAKUP)
        assert result.prospect.next_step == result.next_step
        check_state(result.prospect, now, outcome)
        history.append((p, result.activity))
        if is_pending_breakup(result.prospect):
            event("reached a pending break-up")
    for before, activity in reversed(history):
        restored = undo(activity)
        assert restored == before
    if history:
        assert undo(history[0][1]) == original


@SETTINGS
@given(zone=st.sampled_from(ZONES), start=starts, final=st.sampled_from(("do-not-contact", "dead")),
       later=st.lists(st.tuples(st.sampled_from(tuple(OUTCOMES)), advances), min_size=1, max_size=8))
def test_closed_is_final_every_later_outcome_refused(zone, start, final, later):
    p = apply_outcome(fresh(zone, "cold", start), final, start, RULES).prospect
    assert p.next_step is None and not p.active
    now = start
    for outcome, advance in later:
        now += advance
        with pytest.raises(OutcomeRefused):
            apply_outcome(p, outcome, now, RULES, reason="price", when=now + timedelta(days=1), months=6)
        assert queue.build([p], now, RULES).today == []


@SETTINGS
@given(zone=st.sampled_from(ZONES), lead_type=st.sampled_from(("cold", "web")), start=starts,
       outcomes=st.lists(st.sampled_from(("voicemail", "no-answer", "email")), min_size=12, max_size=12),
       gaps=st.lists(advances, min_size=12, max_size=12))
def test_attempts_stop_at_the_break_up_never_attempt_n_plus_one(zone, lead_type, start, outcomes, gaps):
    p = fresh(zone, lead_type, start)
    attempts_max = RULES.cadence(p.cadence).attempts_max
    now = start
    for outcome, gap in zip(outcomes, gaps, strict=True):
        now += gap
        if is_pending_breakup(p):
            with pytest.raises(OutcomeRefused, match="break-up is pending"):
                apply_outcome(p, outcome, now, RULES)
            continue
        try:
            p = apply_outcome(p, outcome, now, RULES).prospect
        except MissingDetail:  # pragma: no cover - attempts need no detail
            raise
        assert p.attempt <= attempts_max
    assert p.attempt == attempts_max  # 12 tries > 8: the cadence ran out
    assert p.next_step.channel == "break-up"


# Learned timing as a book may hold it: any weekday and time (outside the window too), any decision time.
lead_timing = st.tuples(st.one_of(st.none(), st.integers(0, 4)), st.integers(0, 23), st.sampled_from((0, 15, 30, 45)),
                        st.one_of(st.none(), st.integers(3, 45), st.integers(3, 365)))
learned_timings = st.dictionaries(st.sampled_from(("cold", "web", "referral")), lead_timing)


@SETTINGS
@given(zone=st.sampled_from(ZONES), lead_type=st.sampled_from(("cold", "web", "referral")), start=starts,
       steps=st.lists(step_strategy, min_size=1, max_size=30), mine=lead_timing, others=learned_timings,
       talk=st.booleans())
def test_learned_timing_only_moves_a_step_inside_the_rules(zone, lead_type, start, steps, mine, others, talk):
    """With any accepted timing, every step is the one the cadence picks (same prospect state, same
    channel and attempt), inside the window on a business day (check_state). A call that waits for
    the best weekday stays at or after the cadence's minimum delay, in the same week; the one step
    that may come sooner is the value follow-up ahead of the decision, on a later day than today."""
    from datetime import time as clock

    from cockpit.engine.rules import LeadTiming

    timing = {lead: LeadTiming(day, None if day is None else clock(hour, minute), decide)
              for lead, (day, hour, minute, decide) in {**others, lead_type: mine}.items()}
    rules = replace(RULES, timing=timing)
    cal = RULES.calendar
    p = fresh(zone, lead_type, start)
    assert new_prospect(p, start, rules) == new_prospect(p, start, RULES)  # the first call is never moved
    now = start
    if talk:  # engaged from the start: the decision rule has the whole run to act
        steps = [("connected", timedelta(0), "price", None, None, False), *steps]
    for outcome, advance, reason, months, when_in, follow in steps:
        now = now + advance
        if follow and p.next_step is not None and p.next_step.due > now:
            now = p.next_step.due
        when = None if when_in is None else now + when_in
        args = dict(note="n", reason=reason, when=when, months=months)
        try:
            result = apply_outcome(p, outcome, now, rules, **args)
        except (MissingDetail, OutcomeRefused):
            continue
        plain = apply_outcome(p, outcome, now, RULES, **args)
        check_state(result.prospect, now, outcome)
        assert replace(result.prospect, next_step=None) == replace(plain.prospect, next_step=None)
        mine, theirs = result.next_step, plain.next_step
        if mine != theirs:
            assert (mine.channel, mine.step, mine.agreed) == (theirs.channel, theirs.step, theirs.agreed)
            assert mine.step > 0, "only a step of the cadence is moved"
            today = cal.local(now, p.tz).date()
            day, cadence_day = cal.local(mine.due, p.tz).date(), cal.local(theirs.due, p.tz).date()
            if mine.reason == theirs.reason:
                event("waited for the best weekday")
                assert mine.channel == "call" and cadence_day <= day, "a call moved before the cadence's delay"
                assert day.isocalendar()[:2] == cadence_day.isocalendar()[:2], "a call moved into another week"
                assert day.weekday() == timing[p.lead_type].weekday
            else:
                event("value follow-up before the decision")
                assert mine.reason.startswith("value follow-up before they decide")
                assert today < day and result.prospect.status == "engaged"
        p = result.prospect


@SETTINGS
@given(zone=st.sampled_from(ZONES), start=starts, decide=st.integers(3, 40),
       best=st.one_of(st.none(), st.tuples(st.integers(0, 4), st.integers(8, 20))),
       gaps=st.lists(st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=4)), min_size=1, max_size=20))
def test_a_value_follow_up_lands_as_the_decision_day_approaches(zone, start, decide, best, gaps):
    """An engaged prospect going quiet: whenever a value follow-up is scheduled, it is on the decision
    day (day `decide` - 2 of their time in the book, or the business day before it), after today."""
    from datetime import time as clock

    from cockpit.engine.rules import LeadTiming
    from cockpit.engine.timing import DECISION_AHEAD

    weekday, hour = best or (None, 0)
    rules = replace(RULES, timing={"cold": LeadTiming(weekday, None if best is None else clock(hour), decide)})
    cal = rules.calendar
    p = apply_outcome(fresh(zone, "cold", start), "connected", start, rules).prospect
    target = cal.local(p.created, zone).date() + timedelta(days=decide - DECISION_AHEAD)
    where = location_of(p)  # their own holidays count too (Boxing Day in London)
    target = target if cal.is_business_day(target, where) else cal.previous_business_day(target, where)
    now = start
    for gap in gaps:
        if is_pending_breakup(p):
            break
        now += gap
        result = apply_outcome(p, "voicemail", now, rules)
        check_state(result.prospect, now, "voicemail")
        step = result.next_step
        if step.reason.startswith("value follow-up"):
            event("value follow-up")
            assert cal.local(step.due, zone).date() == target > cal.local(now, zone).date()
        p = result.prospect
