"""The .ics: one event per next step in the window, a UID that survives a reschedule, UTC times."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from icalendar import Calendar

from cockpit.actions import build_prospect
from cockpit.engine.outcomes import apply_outcome
from cockpit.exchange import calendar_file
from cockpit.model import Research


def events(prospects, now, days=7):
    return Calendar.from_ical(calendar_file.to_ics(prospects, now, now - timedelta(hours=12),
                                                   now + timedelta(days=days))).walk("VEVENT")


def test_a_rescheduled_step_keeps_its_uid_and_a_new_step_gets_a_new_one(rules, now):
    p = build_prospect(rules, now, name="Ann Lee", company="Acme", phones=["(415) 555-0101"], pid="ann00001")
    (first,) = events([p], now)
    moved = replace(p, next_step=replace(p.next_step, due=p.next_step.due + timedelta(days=1)))
    (again,) = events([moved], now)
    assert str(first["UID"]) == str(again["UID"]) == "ann00001-cold-call-1-call@cockpit"
    assert again.decoded("DTSTART") == first.decoded("DTSTART") + timedelta(days=1)
    after = apply_outcome(p, "voicemail", now, rules).prospect
    (next_event,) = events([after], now, days=14)
    assert str(next_event["UID"]) != str(first["UID"])


def test_description_has_the_phone_and_the_research(rules, now):
    p = build_prospect(rules, now, name="Ann Lee", company="Acme", phones=["(415) 555-0101 x12"], email="ann@acme.example.com",
                       pid="ann00001")
    p = replace(p, research=Research(does="Sells anvils", why_now="New plant in Ohio"))
    (event,) = events([p], now)
    text = str(event["DESCRIPTION"])
    assert "Phone: +1 415-555-0101 ext. 12" in text and "Email: ann@acme.example.com" in text
    assert "What they do: Sells anvils" in text and "Why now: New plant in Ohio" in text
    assert str(event["SUMMARY"]) == "Call Ann Lee (Acme)"
    assert event.decoded("DTSTART").tzinfo is not None and event.decoded("DTSTART").utcoffset() == timedelta(0)
    assert event.to_ical().decode().count("DTSTART:") == 1 and "Z\r\n" in event.to_ical().decode()


def test_closed_prospects_and_steps_outside_the_window_are_left_out(rules, now):
    due_now = build_prospect(rules, now, name="Now", phones=["(415) 555-0101"], pid="now00001")
    dnc = apply_outcome(build_prospect(rules, now, name="Dnc", phones=["(415) 555-0102"], pid="dnc00001"),
                        "do-not-contact", now, rules).prospect
    later = replace(due_now, id="late0001", next_step=replace(due_now.next_step, due=now + timedelta(days=30)))
    assert [str(e["UID"]).split("-")[0] for e in events([due_now, dnc, later], now)] == ["now00001"]
