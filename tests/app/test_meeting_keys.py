"""After a meeting, one key says how it went: `h` held, `o` no-show; `u` puts the prospect back exactly."""

from __future__ import annotations

from datetime import timedelta

import pytest
from screen_parts import SIZE, bar, rules_of, today

from cockpit.engine.outcomes import apply_outcome, new_prospect
from cockpit.model import Prospect


def after_a_meeting(book, now, *, meeting: bool = True) -> Prospect:
    """A prospect whose meeting began two hours before `now` and was never logged (its stored step: confirm)."""
    rules = rules_of(book)
    booked_at = now - timedelta(days=3)
    p = new_prospect(Prospect(id="m1", name="Dana Reyes", company="Acme", tz="America/New_York",
                              phones=("+12125550100",)), booked_at, rules)
    if meeting:
        p = apply_outcome(p, "meeting", booked_at, rules, when=now - timedelta(hours=2)).prospect
    book.add([p])
    return p


@pytest.mark.parametrize("key, outcome, cadence", [("h", "held", "post-meeting"), ("o", "no-show", "rebook")])
async def test_the_meeting_key_logs_how_it_went_and_undo_puts_it_back(make_app, empty_book, settle, now,
                                                                        key, outcome, cadence):
    stored = after_a_meeting(empty_book, now)
    app = make_app(empty_book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert today(app).selected_id() == "m1"
        await pilot.press(key)
        await settle(pilot)
        assert empty_book.history("m1")[-1].outcome == outcome
        assert empty_book.get("m1").cadence == cadence and empty_book.get("m1").status == "engaged"
        assert bar(app).result.startswith("Dana Reyes: ") and bar(app).result_style == ""
        await pilot.press("u")
        await settle(pilot)
        assert empty_book.get("m1") == stored


async def test_held_without_a_meeting_is_refused_on_the_bar_and_changes_nothing(make_app, empty_book, settle, now):
    stored = after_a_meeting(empty_book, now, meeting=False)
    app = make_app(empty_book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert bar(app).result_style == "error" and "has no meeting booked" in bar(app).result
        assert empty_book.get("m1") == stored and list(empty_book.history("m1")) == []
