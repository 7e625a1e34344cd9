"""Fixing a record (engine/edits.py): each field validated as add does, and what depends on a field
recomputed: the place for a zone or a number, the cadence for a tag or a lead type, the next step."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from cockpit.config import Config, builtin_cadences
from cockpit.engine.edits import EditRefused, NothingChanged, edited
from cockpit.engine.location import location_of
from cockpit.engine.outcomes import apply_outcome, new_prospect, undo
from cockpit.model import NextStep, Prospect, prospect_to_dict

RULES = Config(timezone="America/New_York", cadences=builtin_cadences()).rules()
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)  # Monday 10:00 in New York


def dana(**fields) -> Prospect:
    base = Prospect(id="p1", name="Dana Reyes", company="Acme", phones=("+14155550123",), **fields)
    return new_prospect(base, NOW, RULES)


@pytest.mark.parametrize("changes, words", [
    ({"name": "  "}, "needs a name"),
    ({"email": "dana-at-acme"}, "not an email address (name@company.com"),
    ({"phones": ["12"]}, "not a valid phone number"),
    ({"add_phones": ["call me maybe"]}, "not a phone number"),
    ({"wrong_phones": ["+1 212 555 0100"]}, "is not one of Dana Reyes's numbers"),
    ({"tz": "Mars/Olympus"}, "America/Chicago"),
    ({"tag": "friend"}, "accepted: prospect, client, partner"),
    ({"lead_type": "warm"}, "accepted: cold, web, referral, partner"),
    ({"colour": "blue"}, "cannot change colour"),
])
def test_each_field_is_validated_in_one_line_saying_what_is_accepted(changes, words):
    with pytest.raises(EditRefused) as refused:
        edited(dana(), changes, NOW, RULES)
    assert words in str(refused.value) and "\n" not in str(refused.value)


def test_the_same_values_again_are_nothing_to_change():
    p = dana(title="CFO")
    with pytest.raises(NothingChanged):
        edited(p, {"name": "Dana Reyes", "title": "CFO", "phones": ["+1 415 555 0123"]}, NOW, RULES)


def test_a_closed_record_is_kept_as_it_is():
    p = apply_outcome(dana(), "do-not-contact", NOW, RULES).prospect
    with pytest.raises(EditRefused, match="do-not-contact"):
        edited(p, {"phones": ["+1 212 555 0100"]}, NOW, RULES)


def test_text_fields_change_and_the_note_says_from_what_to_what():
    result = edited(dana(), {"name": "Dana Reyes-Ortiz", "email": "dana@acme.example", "title": "CFO"}, NOW, RULES)
    p = result.prospect
    assert (p.name, p.email, p.title) == ("Dana Reyes-Ortiz", "dana@acme.example", "CFO")
    assert result.activity.outcome == "edit"
    assert "name Dana Reyes → Dana Reyes-Ortiz" in result.activity.note
    assert "e-mail (none) → dana@acme.example" in result.activity.note
    assert result.summary.startswith("Edited Dana Reyes-Ortiz: name → Dana Reyes-Ortiz")


def test_undo_of_an_edit_restores_the_prospect_exactly():
    p = dana()
    result = edited(p, {"phones": ["+1 312 555 0188"], "tag": "client", "email": "d@acme.example"}, NOW, RULES)
    assert result.activity.before == prospect_to_dict(p)
    assert undo(result.activity) == p


def test_phones_in_order_the_first_callable_one_is_dialled_and_wrong_ones_are_kept():
    after_wrong = apply_outcome(dana(), "wrong-number", NOW, RULES).prospect
    result = edited(after_wrong, {"phones": ["+1 415 555 0199", "+1 415 555 0177"]}, NOW, RULES)
    p = result.prospect
    assert p.phones == ("+14155550199", "+14155550177", "+14155550123")
    assert p.bad_phones == ("+14155550123",) and p.phone == "+14155550199"
    assert "phone +1 415-555-0199, number added" in result.activity.note


def test_marking_the_dialled_number_wrong_dials_the_next_callable_one():
    p = edited(dana(), {"add_phones": ["+1 415 555 0199"]}, NOW, RULES).prospect
    result = edited(p, {"wrong_phones": ["+1 415 555 0123"]}, NOW, RULES)
    assert result.prospect.phone == "+14155550199"
    assert "phone +1 415-555-0123 → +1 415-555-0199" in result.activity.note
    assert "+1 415-555-0123 marked wrong" in result.activity.note


def test_the_only_number_marked_wrong_makes_the_next_step_research():
    result = edited(dana(), {"wrong_phones": ["+14155550123"]}, NOW, RULES)
    assert result.prospect.phone == "" and result.next_step.channel == "research"


def test_after_a_wrong_number_a_working_one_turns_the_research_step_into_a_call():
    after_wrong = apply_outcome(dana(), "wrong-number", NOW, RULES).prospect
    assert after_wrong.next_step.channel == "research"
    result = edited(after_wrong, {"add_phones": ["+1 415 555 0199"]}, NOW, RULES)
    assert result.next_step.channel == "call" and result.next_step.step == 1
    assert result.summary.startswith("Edited Dana Reyes: phone +1 415-555-0199, number added → call")


def test_a_zone_change_places_the_step_inside_the_new_zones_window():
    # 09:00 in San Francisco is 12:00 in New York; moved to Sydney, that is outside their hours.
    p = dana()
    assert location_of(p).tz == "America/Los_Angeles"
    result = edited(p, {"tz": "Australia/Sydney"}, NOW, RULES)
    moved = result.prospect
    assert (moved.tz, moved.zones, moved.country) == ("Australia/Sydney", (), "AU")
    assert RULES.calendar.in_window(result.next_step.due, location_of(moved))
    assert result.next_step.due >= NOW
    assert "zone Australia/Sydney" in result.activity.note


def test_a_zone_given_by_hand_stays_when_a_number_changes():
    p = dana(tz="Europe/London")
    result = edited(p, {"phones": ["+1 212 555 0100"]}, NOW, RULES)
    assert result.prospect.tz == "Europe/London"


def test_a_zone_that_came_from_the_number_follows_the_new_number():
    p = dana()
    result = edited(p, {"phones": ["+1 212 555 0100"]}, NOW, RULES)
    assert result.prospect.tz == "America/New_York"
    assert RULES.calendar.in_window(result.next_step.due, location_of(result.prospect))


def test_an_agreed_time_is_never_moved_by_an_edit():
    agreed = NOW + timedelta(days=1, hours=10)  # 20:00 New York: late for them, but they asked
    p = apply_outcome(dana(), "callback", NOW, RULES, when=agreed).prospect
    for changes in ({"tz": "Australia/Sydney"}, {"tag": "client"}, {"wrong_phones": ["+14155550123"]}):
        step = edited(p, changes, NOW, RULES).next_step
        assert step == p.next_step and step.agreed


def test_a_tag_that_maps_to_another_cadence_starts_it_at_step_one():
    p = apply_outcome(dana(), "voicemail", NOW, RULES).prospect
    assert (p.cadence, p.attempt) == ("cold-call", 1)
    result = edited(p, {"tag": "client"}, NOW, RULES)
    moved = result.prospect
    assert (moved.cadence, moved.attempt) == ("client", 0)
    assert result.next_step.step == 1
    assert result.next_step == new_prospect(replace(p, tag="client", cadence="", attempt=0), NOW, RULES).next_step
    assert "cadence cold-call → client, from step 1" in result.activity.note


def test_a_lead_type_of_the_same_cadence_keeps_the_attempt_number():
    p = apply_outcome(dana(), "voicemail", NOW, RULES).prospect
    result = edited(p, {"lead_type": "referral"}, NOW, RULES)
    assert (result.prospect.cadence, result.prospect.attempt) == ("cold-call", 1)
    assert result.next_step == p.next_step


def test_a_web_lead_is_called_as_soon_as_their_window_opens_as_a_new_one_would():
    p = dana()
    result = edited(p, {"lead_type": "web"}, NOW, RULES)
    assert result.prospect.cadence == "web-lead"
    assert result.next_step.channel == "call"
    assert result.next_step.due == RULES.calendar.next_opening(NOW, location_of(p))  # 09:00 in San Francisco
    assert result.next_step == new_prospect(replace(p, lead_type="web", cadence=""), NOW, RULES).next_step


def test_a_prospect_on_a_cadence_of_their_own_keeps_it():
    nurtured = apply_outcome(dana(), "not-interested", NOW, RULES, reason="timing").prospect
    result = edited(nurtured, {"tag": "partner"}, NOW, RULES)
    assert result.prospect.cadence == "nurture" and result.next_step == nurtured.next_step


def test_an_edit_is_not_an_attempt():
    p = apply_outcome(dana(), "voicemail", NOW, RULES).prospect
    result = edited(p, {"title": "CFO"}, NOW, RULES)
    assert result.prospect.attempt == p.attempt and result.activity.attempt == p.attempt
    assert result.next_step == p.next_step


def test_a_step_due_in_the_past_is_kept_when_the_zone_still_allows_it():
    p = dana()
    late = replace(p, next_step=NextStep("call", NOW - timedelta(hours=1), "call", step=1))
    result = edited(late, {"title": "CFO"}, NOW, RULES)
    assert result.next_step == late.next_step


def test_a_zone_change_keeps_a_meetings_confirmation_before_the_meeting():
    meeting = datetime(2026, 11, 26, 19, 0, tzinfo=timezone.utc)  # Thu 11:00 in San Francisco
    p = apply_outcome(dana(), "meeting", NOW, RULES, when=meeting).prospect
    assert p.next_step.channel == "confirm"
    result = edited(p, {"tz": "Asia/Tokyo"}, NOW, RULES)  # Fri 04:00 in Tokyo: Wed in their window is too late
    step = result.next_step
    assert result.prospect.meeting_at == meeting
    assert step.channel in ("confirm", "debrief")
    if step.channel == "confirm":
        assert NOW <= step.due < meeting
        assert "Fri 27 Nov 04:00 their time" in step.reason  # the meeting said in Tokyo time now
