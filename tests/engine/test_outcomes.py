"""The outcome table, row by row, plus the rules at the edges (issue 4) and undo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone

import pytest
from dateutil import tz as dtz

from cockpit.engine.outcomes import (
    KEY_TO_OUTCOME,
    MEETING_OUTCOMES,
    OUTCOMES,
    MissingDetail,
    OutcomeRefused,
    apply_outcome,
    new_prospect,
    outcome_name,
    undo,
)
from cockpit.engine.schedule import is_pending_breakup
from cockpit.model import LOST_REASONS, Prospect

PHONE = "+12125550100"  # a working number: a prospect without one is researched, not called
NY = "America/New_York"


def at(y, mo, d, h, mi=0, z=NY) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=dtz.gettz(z)).astimezone(timezone.utc)


def local(rules, moment, z=NY) -> datetime:
    return rules.calendar.local(moment, z).replace(tzinfo=None)


@pytest.fixture
def cold(rules, now):
    return new_prospect(Prospect(id="p1", name="Dana Reyes", company="Acme", tz=NY,
                                 phones=("+12125550100", "+12125550101")), now, rules)


@pytest.fixture
def web(rules, now):
    return new_prospect(Prospect(phones=(PHONE,), id="w1", name="Wes Lead", company="Inbound", tz=NY, lead_type="web"), now, rules)


def run_to_breakup(p, now, rules, outcome="voicemail"):
    """Log `outcome` at each step's due time until every attempt is made."""
    for _ in range(rules.cadence(p.cadence).attempts_max):
        now = max(now, p.next_step.due) + timedelta(minutes=1)
        p = apply_outcome(p, outcome, now, rules).prospect
    return p, now


# ---- names and keys -------------------------------------------------------------------


@pytest.mark.parametrize("name, key", list(OUTCOMES.items()))
def test_outcome_names_and_keys_are_accepted(name, key):
    assert outcome_name(name) == name
    assert outcome_name(key) == name


def test_outcome_keys_match_the_product_table():
    assert OUTCOMES == {"connected": "c", "meeting": "m", "voicemail": "v", "no-answer": "n", "callback": "l",
                        "gatekeeper": "g", "wrong-number": "w", "email": "e", "not-interested": "x",
                        "break-up": "b", "do-not-contact": "d", "dead": "D", "held": "h", "no-show": "o",
                        "snooze": "z"}
    assert KEY_TO_OUTCOME["D"] == "dead" and KEY_TO_OUTCOME["d"] == "do-not-contact"


@pytest.mark.parametrize("text", ["y", "hangup", "Voicemail", ""])
def test_unknown_outcome_is_refused_listing_the_accepted_ones(text, cold, rules, now):
    with pytest.raises(ValueError) as err:
        outcome_name(text)
    message = str(err.value)
    for name, key in OUTCOMES.items():
        assert name in message and f"({key})" in message
    with pytest.raises(ValueError, match="accepted"):
        apply_outcome(cold, text, now, rules)


# ---- a new prospect ---------------------------------------------------------------------


def test_a_new_cold_prospect_has_one_next_step_from_the_cold_cadence(cold, now):
    assert cold.status == "new" and cold.cadence == "cold-call" and cold.attempt == 0
    assert cold.next_step.channel == "call" and cold.next_step.due == now and cold.next_step.step == 1


def test_a_new_web_lead_is_due_now(web, now):
    assert web.cadence == "web-lead" and web.next_step.due == now


@pytest.mark.parametrize("added, due", [
    (at(2026, 11, 23, 19), at(2026, 11, 24, 9)),   # evening -> tomorrow's opening
    (at(2026, 11, 21, 11), at(2026, 11, 23, 9)),   # Saturday -> Monday's opening
    (at(2026, 11, 23, 6), at(2026, 11, 23, 9)),    # early morning -> 09:00 today
    (at(2026, 11, 26, 12), at(2026, 11, 27, 9)),   # Thanksgiving -> Friday
])
def test_a_web_lead_added_outside_the_window_is_due_at_the_next_opening(rules, added, due):
    p = new_prospect(Prospect(phones=(PHONE,), id="w", name="Wes", tz=NY, lead_type="web"), added, rules)
    assert p.next_step.due == due


# ---- connected ------------------------------------------------------------------------------


def test_connected_follows_up_in_two_business_days(cold, rules, now):
    r = apply_outcome(cold, "connected", now, rules, note="liked the idea")
    assert r.prospect.status == "engaged" and r.prospect.attempt == 0
    assert r.next_step.channel == "call" and not r.next_step.agreed
    assert local(rules, r.next_step.due) == datetime(2026, 11, 25, 10, 0)
    assert "liked the idea" in r.next_step.reason
    assert r.activity.outcome == "connected" and r.activity.note == "liked the idea"


def test_connected_two_business_days_skips_weekend_and_thanksgiving(cold, rules):
    wed = at(2026, 11, 25, 11)
    r = apply_outcome(cold, "connected", wed, rules)
    assert local(rules, r.next_step.due) == datetime(2026, 11, 30, 11, 0)


def test_connected_with_an_agreed_time_uses_it(cold, rules, now):
    when = at(2026, 12, 2, 15, 30)
    r = apply_outcome(cold, "connected", now, rules, when=when)
    assert r.next_step.due == when and r.next_step.agreed


# ---- meeting ----------------------------------------------------------------------------------


def test_meeting_needs_a_time(cold, rules, now):
    with pytest.raises(MissingDetail, match="needs a time"):
        apply_outcome(cold, "meeting", now, rules)


@pytest.mark.parametrize("meeting, confirm", [
    (at(2026, 12, 3, 14), datetime(2026, 12, 2, 14, 0)),     # Thursday -> Wednesday, same time
    (at(2026, 11, 30, 10), datetime(2026, 11, 27, 10, 0)),   # Monday -> the Friday before
    (at(2026, 11, 27, 11), datetime(2026, 11, 25, 11, 0)),   # Friday after Thanksgiving -> Wednesday
    (at(2026, 12, 3, 18), datetime(2026, 12, 2, 16, 45)),    # evening meeting -> confirm inside the window
    (at(2026, 12, 3, 8), datetime(2026, 12, 2, 9, 0)),       # early meeting -> confirm at the opening
])
def test_meeting_confirmation_is_due_the_previous_business_day_inside_the_window(cold, rules, now, meeting, confirm):
    r = apply_outcome(cold, "meeting", now, rules, when=meeting)
    assert r.prospect.status == "meeting" and r.prospect.meeting_at == meeting
    assert r.next_step.channel == "confirm" and not r.next_step.agreed
    assert local(rules, r.next_step.due) == confirm
    assert rules.calendar.in_window(r.next_step.due, NY)


def test_meeting_tomorrow_morning_booked_after_hours_is_confirmed_at_the_latest_legal_time_before_it(cold, rules):
    # No opening of the window before a 09:00 meeting: the last quarter hour before it, inside 08:00-21:00.
    evening = at(2026, 11, 23, 18)
    r = apply_outcome(cold, "meeting", evening, rules, when=at(2026, 11, 24, 9))
    assert r.next_step.channel == "confirm" and r.next_step.due == at(2026, 11, 24, 8, 45)


def test_meeting_too_close_to_confirm_the_day_before_is_confirmed_at_the_next_opening_before_it(cold, rules):
    # Booked Wednesday 18:00 for Thursday 14:00: Wednesday's slot has passed, Thursday 09:00 is before the meeting.
    r = apply_outcome(cold, "meeting", at(2026, 12, 2, 18), rules, when=at(2026, 12, 3, 14))
    assert r.next_step.channel == "confirm" and r.next_step.due == at(2026, 12, 3, 9)
    assert rules.calendar.in_window(r.next_step.due, NY)
    # Booked Wednesday 15:00 (inside the window) for Thursday 11:00: confirm now, while they are reachable.
    r = apply_outcome(cold, "meeting", at(2026, 12, 2, 15), rules, when=at(2026, 12, 3, 11))
    assert r.next_step.due == at(2026, 12, 2, 15)


# ---- voicemail / no-answer / email -----------------------------------------------------------


def test_voicemail_counts_an_attempt_and_follows_the_cadence(cold, rules, now):
    r = apply_outcome(cold, "voicemail", now, rules)
    assert r.prospect.attempt == 1 and r.prospect.status == "working"
    step = rules.cadence("cold-call").steps[1]  # days=2, half=pm
    assert r.next_step.channel == step.channel == "call" and r.next_step.step == 2
    assert local(rules, r.next_step.due) == datetime(2026, 11, 25, 13, 0)
    assert r.activity.attempt == 1 and r.activity.channel == "call"
    assert "attempt 2/8" in r.summary


@pytest.mark.parametrize("tried, retry", [
    (at(2026, 11, 23, 10), datetime(2026, 11, 24, 13, 0)),   # morning -> tomorrow afternoon
    (at(2026, 11, 23, 14), datetime(2026, 11, 24, 9, 0)),    # afternoon -> tomorrow morning
    (at(2026, 11, 20, 15), datetime(2026, 11, 23, 9, 0)),    # Friday afternoon -> Monday morning
    (at(2026, 11, 25, 10), datetime(2026, 11, 27, 13, 0)),   # Wednesday before Thanksgiving -> Friday
])
def test_no_answer_retries_next_business_day_other_half(cold, rules, tried, retry):
    r = apply_outcome(cold, "no-answer", tried, rules)
    assert r.prospect.attempt == 1
    assert local(rules, r.next_step.due) == retry
    assert r.next_step.step == 2


def test_email_counts_an_attempt_on_the_email_channel(cold, rules, now):
    p = apply_outcome(cold, "voicemail", now, rules).prospect
    r = apply_outcome(p, "email", at(2026, 11, 25, 13), rules)
    assert r.prospect.attempt == 2 and r.activity.channel == "email"
    assert r.next_step.channel == "email" and r.next_step.step == 3  # cold-call step 3 is an email
    assert local(rules, r.next_step.due) == datetime(2026, 11, 27, 13, 0)  # 1 business day, Thanksgiving skipped


def test_after_the_last_attempt_the_next_step_is_the_break_up(cold, rules, now):
    p, _ = run_to_breakup(cold, now, rules)
    assert p.attempt == rules.cadence("cold-call").attempts_max == 8
    assert p.next_step.channel == "break-up" and p.next_step.step == 0
    assert is_pending_breakup(p)
    assert rules.calendar.in_window(p.next_step.due, NY)


# ---- callback -------------------------------------------------------------------------------------


def test_callback_needs_a_time(cold, rules, now):
    with pytest.raises(MissingDetail):
        apply_outcome(cold, "callback", now, rules)


def test_callback_is_due_when_they_asked(cold, rules, now):
    when = at(2026, 11, 24, 15)
    r = apply_outcome(cold, "callback", now, rules, when=when)
    assert r.next_step.due == when and r.next_step.agreed and r.next_step.channel == "call"
    assert r.warning == ""


@pytest.mark.parametrize("when, why", [(at(2026, 11, 28, 11), "on a weekend"),
                                       (at(2026, 11, 24, 19, 30), "outside Dana Reyes's calling hours"),
                                       (at(2026, 11, 26, 10), "on a public holiday")])  # Thanksgiving
def test_callback_outside_the_window_is_honoured_with_a_warning(cold, rules, now, when, why):
    r = apply_outcome(cold, "callback", now, rules, when=when)
    assert r.next_step.due == when and r.next_step.agreed
    assert r.warning.startswith("warning:") and why in r.warning and "kept because it was agreed" in r.warning


def test_a_time_in_the_past_is_refused(cold, rules, now):
    with pytest.raises(MissingDetail, match="passed"):
        apply_outcome(cold, "callback", now, rules, when=now - timedelta(minutes=5))


# ---- gatekeeper / wrong number --------------------------------------------------------------------


def test_gatekeeper_next_step_is_calling_the_referred_person(cold, rules, now):
    r = apply_outcome(cold, "gatekeeper", now, rules, note="Jane Ortiz, head of ops")
    assert r.next_step.channel == "call" and "Jane Ortiz" in r.next_step.reason
    assert r.next_step.due == now and r.prospect.attempt == cold.attempt


def test_gatekeeper_after_hours_is_called_at_the_next_opening(cold, rules):
    r = apply_outcome(cold, "gatekeeper", at(2026, 11, 23, 18), rules, note="Jane")
    assert r.next_step.due == at(2026, 11, 24, 9)


def test_wrong_number_marks_it_bad_and_researches_today(cold, rules, now):
    r = apply_outcome(cold, "wrong-number", now, rules)
    assert "+12125550100" in r.prospect.bad_phones
    assert r.prospect.phone == "+12125550101"
    assert r.next_step.channel == "research" and r.next_step.due == now
    assert local(rules, r.next_step.due).date() == date(2026, 11, 23)


# ---- not interested / break-up (nurture) -------------------------------------------------------------


def test_not_interested_requires_a_reason(cold, rules, now):
    with pytest.raises(MissingDetail, match="reason"):
        apply_outcome(cold, "not-interested", now, rules)
    with pytest.raises(MissingDetail, match="reason"):
        apply_outcome(cold, "not-interested", now, rules, reason="meh")


@pytest.mark.parametrize("reason", LOST_REASONS)
def test_not_interested_goes_to_nurture_in_six_months_by_default(cold, rules, now, reason):
    note = "they build it in-house" if reason == "other" else ""  # "other" needs what they said
    r = apply_outcome(cold, "not-interested", now, rules, reason=reason, note=note)
    assert r.prospect.status == "nurture" and r.prospect.cadence == "nurture" and r.prospect.lost_reason == reason
    assert r.next_step is not None and r.next_step.channel == "call"
    assert local(rules, r.next_step.due) == datetime(2027, 5, 24, 10, 0)
    assert r.activity.reason == reason


@pytest.mark.parametrize("months, day", [(6, date(2027, 5, 24)), (12, date(2027, 11, 23)), (18, date(2028, 5, 23))])
@pytest.mark.parametrize("outcome", ["not-interested", "break-up"])
def test_nurture_recontact_in_6_12_or_18_months(cold, rules, now, months, day, outcome):
    r = apply_outcome(cold, outcome, now, rules, reason="timing", months=months)
    assert r.prospect.status == "nurture"
    assert rules.calendar.local(r.next_step.due, NY).date() == day
    assert rules.calendar.in_window(r.next_step.due, NY)


@pytest.mark.parametrize("months", [0, 3, 7, 24])
def test_other_month_counts_are_refused(cold, rules, now, months):
    with pytest.raises(MissingDetail, match="6, 12, 18"):
        apply_outcome(cold, "not-interested", now, rules, reason="price", months=months)


def test_the_books_default_months_are_used(cold, config, now):
    rules = replace(config, nurture_months=12).rules()
    r = apply_outcome(cold, "not-interested", now, rules, reason="price")
    assert rules.calendar.local(r.next_step.due, NY).date() == date(2027, 11, 23)


def test_break_up_is_not_death(cold, rules, now):
    p, later = run_to_breakup(cold, now, rules)
    r = apply_outcome(p, "break-up", later, rules)
    assert r.prospect.status == "nurture" and r.prospect.active
    assert r.next_step is not None and r.next_step.channel == "call"
    assert (r.next_step.due - later).days > 170
    assert r.activity.channel == "break-up"


# ---- do-not-contact / dead --------------------------------------------------------------------------------


@pytest.mark.parametrize("final", ["do-not-contact", "dead"])
def test_final_outcomes_leave_no_next_step(cold, rules, now, final):
    r = apply_outcome(cold, final, now, rules)
    assert r.prospect.status == final and not r.prospect.active
    assert r.next_step is None and r.prospect.next_step is None
    assert "nothing is scheduled" in r.summary


@pytest.mark.parametrize("final", ["do-not-contact", "dead"])
@pytest.mark.parametrize("later", list(OUTCOMES))
def test_every_outcome_after_a_final_one_is_refused(cold, rules, now, final, later):
    p = apply_outcome(cold, final, now, rules).prospect
    with pytest.raises(OutcomeRefused, match=final):
        apply_outcome(p, later, now + timedelta(days=1), rules, reason="price", when=now + timedelta(days=2))


# ---- the rules at the edges ----------------------------------------------------------------------------


@pytest.mark.parametrize("outcome", ["no-answer", "voicemail"])
def test_no_answer_or_voicemail_on_a_web_lead_follows_the_web_lead_cadence(web, rules, now, outcome):
    r = apply_outcome(web, outcome, now, rules)
    assert r.prospect.cadence == "web-lead" and r.prospect.attempt == 1
    assert r.next_step.step == 2 and r.next_step.due == now + timedelta(minutes=60)  # within the hour
    r2 = apply_outcome(r.prospect, outcome, r.next_step.due, rules)
    # web-lead step 3 is a next-day call (cold-call's step 3 is an email); no-answer tries the other half
    assert r2.next_step.step == 3 and r2.next_step.channel == "call"
    expected = time(13, 0) if outcome == "no-answer" else time(9, 0)
    assert local(rules, r2.next_step.due) == datetime.combine(date(2026, 11, 24), expected)


def test_a_web_lead_runs_out_after_its_own_attempts(web, rules, now):
    p, _ = run_to_breakup(web, now, rules, outcome="no-answer")
    assert p.attempt == rules.cadence("web-lead").attempts_max == 6
    assert p.next_step.channel == "break-up"


def test_web_lead_within_the_hour_after_hours_waits_for_the_opening(web, rules):
    r = apply_outcome(web, "voicemail", at(2026, 11, 23, 16, 30), rules)
    assert r.next_step.due == at(2026, 11, 24, 9)


@pytest.mark.parametrize("outcome", ["voicemail", "no-answer", "email", "gatekeeper", "wrong-number"])
def test_while_a_break_up_is_pending_attempts_are_refused(cold, rules, now, outcome):
    p, later = run_to_breakup(cold, now, rules)
    with pytest.raises(OutcomeRefused, match="break-up is pending"):
        apply_outcome(p, outcome, later, rules, note="x")


@pytest.mark.parametrize("outcome", ["break-up", "connected", "meeting", "callback", "not-interested",
                                     "do-not-contact", "dead"])
def test_while_a_break_up_is_pending_these_are_accepted(cold, rules, now, outcome):
    p, later = run_to_breakup(cold, now, rules)
    r = apply_outcome(p, outcome, later, rules, reason="timing", when=later + timedelta(days=3))
    assert r.prospect.attempt <= rules.cadence(r.prospect.cadence).attempts_max
    assert not is_pending_breakup(r.prospect)
    assert (r.next_step is None) == (outcome in ("do-not-contact", "dead"))


def test_a_voicemail_after_a_held_meeting_moves_to_the_stalled_cadence(cold, rules, now):
    meeting = at(2026, 11, 25, 11)
    p = apply_outcome(cold, "meeting", now, rules, when=meeting).prospect
    r = apply_outcome(p, "voicemail", at(2026, 11, 30, 10), rules)
    assert r.prospect.cadence == "stalled" and r.prospect.status == "engaged" and r.prospect.attempt == 1
    assert r.next_step.step == 2


# ---- undo ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("outcome", [o for o in OUTCOMES if o not in MEETING_OUTCOMES])  # held/no-show: test_meetings
def test_undo_returns_exactly_the_prospect_before(cold, rules, now, outcome):
    p = apply_outcome(cold, "voicemail", now, rules).prospect  # not a brand-new prospect
    later = now + timedelta(hours=1)
    r = apply_outcome(p, outcome, later, rules, note="n", reason="price", when=later + timedelta(days=2))
    assert r.prospect != p
    assert undo(r.activity) == p


def test_undo_refuses_an_activity_without_saved_state(cold, rules, now):
    r = apply_outcome(cold, "voicemail", now, rules)
    with pytest.raises(OutcomeRefused):
        undo(replace(r.activity, before=None))


# ---- a meeting ahead --------------------------------------------------------------------------------


def test_a_conversation_before_the_confirmation_is_due_keeps_the_confirmation(cold, rules, now):
    meeting = at(2026, 12, 10, 14)
    booked = apply_outcome(cold, "meeting", now, rules, when=meeting)
    r = apply_outcome(booked.prospect, "connected", at(2026, 11, 24, 11), rules, note="sent the agenda")
    assert r.prospect.status == "meeting" and r.prospect.meeting_at == meeting
    assert r.next_step == booked.next_step  # still: confirm on Wed 9 Dec


@pytest.mark.parametrize("outcome", ["voicemail", "no-answer", "email"])
def test_a_missed_touch_before_the_confirmation_is_due_keeps_the_meeting_and_its_confirmation(
        cold, rules, now, outcome):
    meeting = at(2026, 12, 10, 14)
    booked = apply_outcome(cold, "meeting", now, rules, when=meeting)
    r = apply_outcome(booked.prospect, outcome, at(2026, 11, 24, 11), rules)
    assert r.prospect == booked.prospect  # still a meeting, no cold attempt counted
    assert r.next_step == booked.next_step


@pytest.mark.parametrize("outcome", ["voicemail", "no-answer", "email"])
def test_a_confirm_call_that_reaches_voicemail_tries_again_before_the_meeting(cold, rules, now, outcome):
    meeting = at(2026, 12, 3, 14)
    booked = apply_outcome(cold, "meeting", now, rules, when=meeting)
    confirm_due = booked.next_step.due  # Wed 2 Dec 14:00
    r = apply_outcome(booked.prospect, outcome, confirm_due, rules)
    assert r.prospect.status == "meeting" and r.prospect.meeting_at == meeting
    assert r.next_step.channel == "confirm" and local(rules, r.next_step.due) == datetime(2026, 12, 2, 16)
    again = apply_outcome(r.prospect, outcome, r.next_step.due, rules)  # the retry missed too: stop chasing
    assert again.prospect.status == "meeting" and again.next_step.channel == "debrief"
    assert again.next_step.due == meeting + timedelta(hours=1)  # how did it go? right after it


def test_a_confirm_retry_that_would_fall_after_the_meeting_is_due_the_last_quarter_hour_before_it(cold, rules, now):
    meeting = at(2026, 12, 3, 14)
    booked = apply_outcome(cold, "meeting", now, rules, when=meeting)
    late = apply_outcome(booked.prospect, "voicemail", at(2026, 12, 3, 12, 30), rules)  # 90 min before it
    assert late.next_step.channel == "confirm" and late.next_step.due == at(2026, 12, 3, 13, 45)


def test_the_confirm_call_itself_is_followed_by_how_did_it_go_right_after_the_meeting(cold, rules, now):
    meeting = at(2026, 12, 3, 14)
    booked = apply_outcome(cold, "meeting", now, rules, when=meeting)
    confirm_due = booked.next_step.due  # Wed 2 Dec 14:00
    r = apply_outcome(booked.prospect, "connected", confirm_due, rules, note="confirmed")
    assert r.prospect.status == "meeting"
    assert r.next_step.channel == "debrief" and r.next_step.due == meeting + timedelta(hours=1)


# ---- agreed times outside the window ----------------------------------------------------------------


@pytest.mark.parametrize("outcome", ["meeting", "callback", "connected"])
@pytest.mark.parametrize("when", [at(2026, 11, 28, 11),       # Saturday
                                  at(2026, 11, 24, 7, 30),    # before the window
                                  at(2026, 11, 24, 18),       # after the window
                                  at(2026, 12, 25, 10)])      # Christmas
def test_an_agreed_time_outside_the_window_is_honoured_with_a_warning(cold, rules, now, outcome, when):
    r = apply_outcome(cold, outcome, now, rules, when=when)
    if outcome == "meeting":
        assert r.prospect.meeting_at == when
        assert r.next_step.channel == "confirm" and rules.calendar.in_window(r.next_step.due, NY)
    else:
        assert r.next_step.due == when and r.next_step.agreed
    assert r.warning.startswith("warning:") and "outside" in r.warning and "\n" not in r.warning


@pytest.mark.parametrize("outcome", ["meeting", "callback", "connected"])
def test_an_agreed_time_inside_the_window_has_no_warning(cold, rules, now, outcome):
    assert apply_outcome(cold, outcome, now, rules, when=at(2026, 11, 24, 11)).warning == ""


@pytest.mark.parametrize("outcome", ["voicemail", "no-answer", "email", "gatekeeper", "wrong-number",
                                     "not-interested", "break-up"])
def test_times_cockpit_chooses_never_warn(cold, rules, outcome):
    evening = at(2026, 11, 27, 20)  # Friday evening: every chosen step moves to a business day in the window
    r = apply_outcome(cold, outcome, evening, rules, reason="price")
    assert r.warning == "" and not r.next_step.agreed
    assert rules.calendar.in_window(r.next_step.due, NY)


# ---- who follows which cadence after talking ------------------------------------------------------------


@pytest.mark.parametrize("outcome", ["connected", "callback", "meeting"])
def test_once_a_web_lead_talks_the_follow_up_is_the_normal_cadence_not_speed_to_lead(web, rules, now, outcome):
    r = apply_outcome(web, outcome, now, rules, when=at(2026, 11, 25, 11))
    assert r.prospect.cadence == "cold-call" and r.prospect.attempt == 0
    later = apply_outcome(r.prospect, "voicemail", at(2026, 11, 24, 10), rules)
    if outcome == "meeting":  # the meeting stands: the voicemail leaves its confirmation in place
        assert later.next_step == r.next_step and later.next_step.channel == "confirm"
    else:
        assert later.next_step.due > at(2026, 11, 24, 11)  # not "within the hour" again


def test_a_nurture_prospect_who_talks_again_leaves_the_nurture_cadence(cold, rules, now):
    p = apply_outcome(cold, "not-interested", now, rules, reason="timing").prospect
    r = apply_outcome(p, "connected", p.next_step.due, rules)
    assert r.prospect.status == "engaged" and r.prospect.cadence == "cold-call" and r.prospect.lost_reason == ""


@pytest.mark.parametrize("outcome", ["not-interested", "break-up"])
def test_a_no_forgets_the_meeting_so_nurture_never_turns_into_stalled(cold, rules, now, outcome):
    p = apply_outcome(cold, "meeting", now, rules, when=at(2026, 11, 25, 11)).prospect
    p = apply_outcome(p, outcome, at(2026, 11, 30, 10), rules, reason="budget").prospect
    assert p.meeting_at is None and p.cadence == "nurture"
    r = apply_outcome(p, "email", p.next_step.due, rules)
    assert r.prospect.cadence == "nurture" and r.prospect.status == "nurture"


# ---- undo restores every field ----------------------------------------------------------------------------


@pytest.fixture
def rich(rules, now):
    from cockpit.model import Research
    return new_prospect(Prospect(
        id="r1", name="Rita Full", company="Everything Inc", title="COO", phones=("+12125550100", "+14155550123"),
        bad_phones=("+19175550199",), email="rita@example.com", tag="partner", lead_type="referral", source="Dan",
        tz=NY, research=Research(does="logistics", why_now="new warehouse", pains="returns", questions="q",
                                 introducers="Dan", notes="n"),
        meeting_at=at(2026, 11, 20, 10), lost_reason="", signals=("hiring", "funding")), now, rules)


@pytest.mark.parametrize("outcome", [o for o in OUTCOMES if o not in MEETING_OUTCOMES])
def test_undo_restores_every_field_of_a_fully_filled_prospect(rich, rules, now, outcome):
    later = now + timedelta(hours=1)
    r = apply_outcome(rich, outcome, later, rules, note="n", reason="price", when=later + timedelta(days=2))
    restored = undo(r.activity)
    assert restored == rich
    assert restored.signals == ("hiring", "funding") and restored.research == rich.research
    assert restored.meeting_at == rich.meeting_at and restored.created == rich.created
