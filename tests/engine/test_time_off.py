"""Time off moves what falls in it, by the rep's date or the prospect's, and never a confirmation past its meeting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from cockpit.config import Config, builtin_cadences
from cockpit.engine.away import shift_for_time_off
from cockpit.engine.outcomes import apply_outcome, new_prospect
from cockpit.model import NextStep, Prospect

NY, TOKYO = "America/New_York", "Asia/Tokyo"
RULES = Config(timezone=NY, cadences=builtin_cadences()).rules()


def at(zone: str, *args) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone)).astimezone(timezone.utc)


def test_a_call_on_the_first_day_off_in_tokyo_moves_though_it_is_the_evening_before_in_new_york():
    yuki = new_prospect(Prospect(id="y", name="Yuki Sato", phones=("+81312345111",)), at(TOKYO, 2026, 11, 20, 10), RULES)
    due = at(TOKYO, 2026, 11, 24, 13)  # Tue 13:00 in Tokyo = Mon 23:00 in New York
    yuki = replace(yuki, next_step=NextStep("call", due, "call: new angle from their news", step=2))
    plan = shift_for_time_off([yuki], date(2026, 11, 24), date(2026, 11, 30), RULES)
    assert [p.id for p in plan.moved] == ["y"]
    assert plan.moved[0].next_step.due.astimezone(ZoneInfo(TOKYO)).date() > date(2026, 11, 30)


def test_a_confirmation_that_would_move_past_its_meeting_is_made_before_the_time_off():
    ava = new_prospect(Prospect(id="a", name="Ava Reed", phones=("+12125550101",)), at(NY, 2026, 11, 23, 10), RULES)
    booked = apply_outcome(ava, "meeting", at(NY, 2026, 11, 23, 10), RULES, when=at(NY, 2026, 12, 1, 11)).prospect
    assert booked.next_step.channel == "confirm"  # Mon 30 Nov 11:00, in the time off
    plan = shift_for_time_off([booked], date(2026, 11, 27), date(2026, 12, 1), RULES)
    step = plan.moved[0].next_step
    assert step.channel == "confirm" and step.due < at(NY, 2026, 11, 27, 0) and step.due < booked.meeting_at
    assert step.due == at(NY, 2026, 11, 25, 16, 45)  # the last quarter hour of the last business day before
