"""A meeting is a step, not an end (issue 14, leak 5): it is confirmed inside legal hours before it,
asks "how did it go?" once it has started, held leads to five value follow-ups and then stalled,
no-show to a rebooking cadence, and neither is accepted without a meeting that has started."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from dateutil import tz as dtz
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import cockpit
from cockpit import config as config_mod
from cockpit.config import Config, builtin_cadences
from cockpit.engine import card, queue
from cockpit.engine.calendar import LEGAL_END, LEGAL_START
from cockpit.engine.outcomes import MissingDetail, OutcomeRefused, apply_outcome, new_prospect, undo
from cockpit.model import Prospect, prospect_from_dict, prospect_to_dict

NY, LONDON, SYDNEY = "America/New_York", "Europe/London", "Australia/Sydney"
DEBRIEF_AFTER = timedelta(hours=1)  # "how did it go?" is due once a first meeting is over
CADENCE_FILE = tomllib.loads((Path(cockpit.__file__).parent / "cadences.toml").read_text(encoding="utf-8"))


def at(y, mo, d, h, mi=0, z=NY) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=dtz.gettz(z)).astimezone(timezone.utc)


def legal(moment: datetime, z: str) -> bool:
    return LEGAL_START <= moment.astimezone(dtz.gettz(z)).time() < LEGAL_END


@pytest.fixture
def cold(rules, now):
    return new_prospect(Prospect(id="p1", name="Dana Reyes", company="Acme", tz=NY,
                                 phones=("+12125550100",)), now, rules)


def booked(p, rules, meeting, when_booked):
    return apply_outcome(p, "meeting", when_booked, rules, when=meeting).prospect


# ---- the confirmation: the business day before, never outside 08:00-21:00 their time ----------------


@pytest.mark.parametrize("zone, booked_at, meeting, confirm", [
    (NY, (2026, 12, 4, 21, 30), (2026, 12, 6, 10, 0), (2026, 12, 6, 9, 45)),        # Friday night for Sunday
    (LONDON, (2026, 12, 4, 22, 30), (2026, 12, 6, 11, 0), (2026, 12, 6, 10, 45)),   # the same, in London
    (NY, (2026, 12, 4, 21, 30), (2026, 12, 7, 9, 0), (2026, 12, 7, 8, 45)),         # for Monday 09:00
    (NY, (2026, 12, 5, 19, 0), (2026, 12, 6, 7, 30), (2026, 12, 5, 20, 45)),        # Saturday for Sunday 07:30
], ids=["friday-night-for-sunday", "london", "for-monday-at-the-opening", "for-an-early-sunday"])
def test_a_meeting_booked_on_a_friday_night_is_confirmed_inside_legal_hours_before_it(
        rules, now, zone, booked_at, meeting, confirm):
    p = new_prospect(Prospect(id="p1", name="Dana Reyes", tz=zone), now, rules)
    when_booked, meeting = at(*booked_at, z=zone), at(*meeting, z=zone)
    r = apply_outcome(p, "meeting", when_booked, rules, when=meeting)
    step = r.next_step
    assert step.channel == "confirm"
    assert when_booked <= step.due < meeting and legal(step.due, zone)
    assert step.due == at(*confirm, z=zone)  # the last quarter hour before it that is legal to call


def test_a_meeting_too_close_for_any_legal_call_is_not_confirmed_the_next_step_is_how_did_it_go(cold, rules):
    # Booked Friday 21:30 for Saturday 07:30: no legal time to call in between; the booking call stands.
    meeting = at(2026, 12, 5, 7, 30)
    r = apply_outcome(cold, "meeting", at(2026, 12, 4, 21, 30), rules, when=meeting)
    assert r.next_step.channel == "debrief" and r.next_step.due == meeting + DEBRIEF_AFTER


def test_a_confirm_retry_after_hours_is_never_due_at_21_30(cold, rules, now):
    # The confirm call (Fri 4 Dec) was tried late: a voicemail at 21:30 for a Monday 09:00 meeting.
    meeting = at(2026, 12, 7, 9)
    p = booked(cold, rules, meeting, now)
    r = apply_outcome(p, "voicemail", at(2026, 12, 4, 21, 30), rules)
    assert r.next_step.channel == "confirm" and legal(r.next_step.due, NY) and r.next_step.due < meeting


# ---- once it has started: "how did it go?" -----------------------------------------------------------


def test_a_meeting_that_has_passed_asks_how_it_went_never_confirm_even_a_month_later(cold, rules, now):
    meeting = at(2026, 11, 25, 11)
    p = booked(cold, rules, meeting, now)
    later = meeting + timedelta(days=30)
    [item] = queue.build([p], later, rules).today
    assert item.prospect.next_step.channel == "debrief"
    assert item.prospect.next_step.due == meeting + DEBRIEF_AFTER
    assert "confirm" not in item.reason and "how did the meeting on Wed 25 Nov 11:00" in item.reason
    shown = card.build(p, [], later, rules)
    assert "confirm" not in shown.next_step + shown.why and "held or no-show" in shown.why


def test_the_rep_is_asked_right_after_the_meeting(cold, rules, now):
    meeting = at(2026, 11, 25, 11)
    p = booked(cold, rules, meeting, now)
    during = queue.build([p], meeting + timedelta(minutes=20), rules)
    assert during.today[0].prospect.next_step.channel == "debrief" and during.overdue == []
    after = queue.build([p], meeting + DEBRIEF_AFTER + timedelta(minutes=1), rules)
    assert [i.prospect.id for i in after.overdue] == ["p1"] and after.today[0].rank == queue.OVERDUE


def test_a_confirmed_meeting_waits_for_how_did_it_go_and_a_missed_touch_keeps_it(cold, rules, now):
    meeting = at(2026, 12, 3, 14)
    p = booked(cold, rules, meeting, now)
    confirmed = apply_outcome(p, "connected", p.next_step.due, rules).prospect
    assert confirmed.next_step.channel == "debrief" and confirmed.next_step.due == meeting + DEBRIEF_AFTER
    later = apply_outcome(confirmed, "voicemail", at(2026, 12, 3, 10), rules)  # they did not pick up the agenda call
    assert later.prospect == confirmed  # the meeting stands, confirmed, nothing counted
    script = card.build(confirmed, [], at(2026, 12, 3, 10), rules).script
    assert "Acme. Talk to you at our meeting this afternoon;" in script.text  # the voicemail promises no call


# ---- held: five value follow-ups, then stalled -------------------------------------------------------


def test_held_starts_the_five_value_follow_ups_of_the_cadence_file_then_stalled(cold, rules, now):
    meeting = at(2026, 11, 25, 11)
    p = apply_outcome(booked(cold, rules, meeting, now), "held", meeting + timedelta(minutes=50), rules,
                      note="they want pricing").prospect
    assert (p.status, p.cadence, p.attempt) == ("engaged", "post-meeting", 0)
    assert rules.cadence("post-meeting").attempts_max == 5
    reasons = []
    for n in range(1, 6):
        step = p.next_step
        assert step.step == n and p.cadence == "post-meeting"  # the past meeting never jumps it to stalled
        reasons.append(step.reason)
        p = apply_outcome(p, "email" if step.channel == "email" else "voicemail", step.due, rules).prospect
    assert reasons == [s["reason"] for s in CADENCE_FILE["post-meeting"]["steps"]]
    for reason in reasons:  # a value reason for every touch
        assert reason and not any(w in reason for w in ("checking in", "check in", "touch base", "quarter"))
    # Quiet after the five follow-ups: the patient stalled cadence, then its own break-up.
    assert (p.cadence, p.attempt, p.status) == ("stalled", 0, "engaged")
    assert p.next_step.step == 1 and p.next_step.reason == rules.cadence("stalled").steps[0].reason


def test_a_talk_during_the_follow_ups_keeps_the_post_meeting_cadence(cold, rules, now):
    meeting = at(2026, 11, 25, 11)
    p = apply_outcome(booked(cold, rules, meeting, now), "held", meeting + DEBRIEF_AFTER, rules).prospect
    talked = apply_outcome(p, "connected", p.next_step.due, rules).prospect
    assert talked.cadence == "post-meeting" and talked.status == "engaged"
    again = apply_outcome(talked, "voicemail", talked.next_step.due, rules).prospect
    assert again.cadence == "post-meeting" and again.attempt == 1


# ---- no-show: rebook, then the break-up ----------------------------------------------------------------


def test_a_no_show_tries_to_rebook_then_the_break_up_then_nurture(cold, rules, now):
    meeting = at(2026, 11, 25, 11)
    logged_at = meeting + timedelta(minutes=15)
    p = apply_outcome(booked(cold, rules, meeting, now), "no-show", logged_at, rules).prospect
    assert (p.status, p.cadence, p.attempt) == ("engaged", "rebook", 0)
    assert p.next_step.channel == "call" and p.next_step.due == logged_at and "rebook" in p.next_step.reason
    for _ in range(rules.cadence("rebook").attempts_max):
        step = p.next_step
        p = apply_outcome(p, "email" if step.channel == "email" else "no-answer", step.due, rules).prospect
        assert p.cadence == "rebook"
    assert p.next_step.channel == "break-up"
    done = apply_outcome(p, "break-up", p.next_step.due, rules).prospect
    assert done.status == "nurture" and done.meeting_at is None


def test_a_meeting_rebooked_after_a_no_show_is_confirmed_again(cold, rules, now):
    meeting = at(2026, 11, 25, 11)
    p = apply_outcome(booked(cold, rules, meeting, now), "no-show", meeting + DEBRIEF_AFTER, rules).prospect
    second = at(2026, 12, 2, 15)
    r = apply_outcome(p, "meeting", p.next_step.due, rules, when=second)
    assert r.prospect.status == "meeting" and r.prospect.meeting_at == second
    assert r.next_step.channel == "confirm" and r.next_step.due == at(2026, 12, 1, 15)
    held = apply_outcome(r.prospect, "held", second + DEBRIEF_AFTER, rules).prospect
    assert held.cadence == "post-meeting"


# ---- refused without a meeting that has started -----------------------------------------------------------


@pytest.mark.parametrize("outcome", ["held", "no-show"])
def test_held_and_no_show_are_refused_without_a_meeting_that_has_started(cold, rules, now, outcome):
    with pytest.raises(OutcomeRefused, match="has no meeting booked") as none:
        apply_outcome(cold, outcome, now, rules)
    meeting = at(2026, 11, 25, 11)
    p = booked(cold, rules, meeting, now)
    with pytest.raises(OutcomeRefused, match="Wed 25 Nov 11:00 their time: log .* once it has started") as ahead:
        apply_outcome(p, outcome, meeting - timedelta(minutes=1), rules)
    logged = apply_outcome(p, outcome, meeting + DEBRIEF_AFTER, rules).prospect
    with pytest.raises(OutcomeRefused, match="already has an outcome") as twice:
        apply_outcome(logged, "held", meeting + 2 * DEBRIEF_AFTER, rules)
    for err in (none, ahead, twice):
        assert "\n" not in str(err.value) and "Dana Reyes" in str(err.value)


@pytest.mark.parametrize("outcome", ["held", "no-show"])
def test_undo_of_held_or_no_show_returns_exactly_the_stored_prospect(cold, rules, now, outcome):
    stored = booked(cold, rules, at(2026, 11, 25, 11), now)  # its stored step: the confirmation
    r = apply_outcome(stored, outcome, at(2026, 11, 26, 10), rules)
    assert r.activity.channel == "meeting" and r.activity.outcome == outcome
    assert undo(r.activity) == stored and prospect_from_dict(prospect_to_dict(stored)) == stored


# ---- a cadence hands over to another by name ---------------------------------------------------------------


def test_a_book_cadence_may_hand_over_to_another_by_name_and_an_unknown_name_is_refused(tmp_path):
    path = tmp_path / config_mod.FILE_NAME
    path.write_text('[cadences.mine]\nthen = "stalled"\nsteps = [ { channel = "call", days = 1, reason = "r" } ]\n')
    assert config_mod.load(tmp_path).cadences["mine"].then == "stalled"
    path.write_text('[cadences.mine]\nthen = "nowhere"\nsteps = [ { channel = "call", days = 1, reason = "r" } ]\n')
    with pytest.raises(config_mod.ConfigError, match="'mine'.*then.*'nowhere'"):
        config_mod.load(tmp_path)


# ---- the property: random outcomes and clocks, meetings included ---------------------------------------------

RULES = Config(timezone=NY, cadences=builtin_cadences()).rules()
ZONES = (NY, "America/Los_Angeles", LONDON, "Asia/Kolkata", SYDNEY)
MEETING_HEAVY = st.one_of(st.sampled_from(("meeting", "held", "no-show")),
                          st.sampled_from(("voicemail", "no-answer", "email", "connected", "callback")),
                          st.sampled_from(("meeting", "held", "no-show", "voicemail", "connected", "not-interested",
                                           "break-up", "gatekeeper", "wrong-number", "dead")))
# Minutes to weeks: Friday nights, weekends, the minutes just before and after a meeting all get crossed.
GAPS = st.one_of(st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=3)),
                 st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=12)))
MEETING_IN = st.timedeltas(min_value=timedelta(minutes=1), max_value=timedelta(days=9))
STARTS = st.datetimes(min_value=datetime(2025, 12, 1), max_value=datetime(2027, 12, 1), timezones=st.just(timezone.utc))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(zone=st.sampled_from(ZONES), start=STARTS,
       steps=st.lists(st.tuples(MEETING_HEAVY, GAPS, MEETING_IN, GAPS, st.booleans()), min_size=1, max_size=25))
def test_confirmations_are_legal_and_before_the_meeting_and_a_past_meeting_is_never_confirm(zone, start, steps):
    p = original = new_prospect(Prospect(id="p", name="Pat Quinn", tz=zone, phones=("+12125550100",)), start, RULES)
    now, history = start, []
    for outcome, gap, meeting_in, look_ahead, follow in steps:
        now += gap
        if follow and p.next_step is not None and p.next_step.due > now:
            now = p.next_step.due  # the rep works the list: logs when the step is due
        try:
            r = apply_outcome(p, outcome, now, RULES, reason="timing", when=now + meeting_in)
        except (OutcomeRefused, MissingDetail):
            event(f"refused: {outcome}")
            continue
        history.append((p, r.activity))
        p = r.prospect
        step = p.next_step
        if step is not None and step.channel == "confirm":
            event("a confirmation")
            assert p.meeting_at is not None and now.replace(microsecond=0) <= step.due < p.meeting_at
            assert legal(step.due, zone), f"confirm at {step.due.astimezone(dtz.gettz(zone)):%a %H:%M} their time"
        if outcome in ("held", "no-show"):
            event(f"logged {outcome}")
        # Whenever the rep looks later, a meeting that has started is never shown as "confirm".
        look = now + look_ahead
        shown = card.build(p, [], look, RULES).prospect
        if p.meeting_at is not None and p.meeting_at <= look and shown.next_step is not None:
            assert shown.next_step.channel != "confirm", "a past meeting is still 'confirm the meeting'"
            if shown.next_step.channel == "debrief":
                assert shown.next_step.due == p.meeting_at + DEBRIEF_AFTER
    for before, activity in reversed(history):
        assert undo(activity) == before
    if history:
        assert undo(history[0][1]) == original
