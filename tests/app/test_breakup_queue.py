"""The break-up queue (B): every attempt made, the message shown, Enter confirms, s skips, Escape leaves."""

from __future__ import annotations

from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta

from cockpit.app.screens.breakup import BreakupScreen
from cockpit.app.screens.main import MainScreen
from cockpit.engine import breakup
from cockpit.engine.calendar import zone

SIZE = (80, 24)


def text_of(widget) -> str:
    return str(widget.render())


def queue_ids(app) -> list[str]:
    return [item.prospect.id for item in app.main.agenda.breakups]


def assert_recontact_in(prospect, now, months):
    local_today = now.astimezone(zone(prospect.tz)).date()
    due = prospect.next_step.due.astimezone(zone(prospect.tz)).date()
    assert timedelta(0) <= due - (local_today + relativedelta(months=months)) <= timedelta(days=3)


async def open_queue(app, pilot, settle):
    await settle(pilot)
    await pilot.press("B")
    await settle(pilot)
    assert isinstance(app.screen, BreakupScreen)
    return app.screen


async def test_the_queue_shows_each_pending_break_up_with_its_message(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pending = queue_ids(app)
        assert len(pending) == 2  # the demo book's two silent prospects
        assert "B: 2 break-ups" in text_of(app.main.query_one("#block-stats"))
        screen = await open_queue(app, pilot, settle)
        first = book.get(pending[0])
        assert text_of(screen.query_one("#breakup-who")).startswith(f"1 of 2: {first.name}")
        said = breakup.message(first, app.config.templates, app.config.rep(), book.history(first.id))
        assert text_of(screen.query_one("#breakup-message")) == said
        assert said.endswith("All the best.\nSam\nNorthwind · +1 646-555-0100")  # signed as the book knows the rep
        await pilot.press("c")
        await settle(pilot)
        assert app.clipboard == said  # the message to send, as shown


async def test_b_on_the_list_offers_the_message_to_copy_before_confirming(make_app, book, settle):
    from cockpit.app.screens.prompt import ChoiceScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = app.main.selected
        await pilot.press("b", "c")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)  # copying sends nothing: the choice is still open
        assert app.clipboard == breakup.message(book.get(pid), app.config.templates, app.config.rep(), book.history(pid))
        assert "copied to the clipboard" in text_of(app.screen.query_one("#choice-keys"))
        await pilot.press("escape")
        await settle(pilot)
    assert all(a.outcome != "break-up" for a in book.history(pid))  # nothing was sent


async def test_enter_confirms_the_break_up_and_nurtures_for_six_months(make_app, book, settle, now):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first, second = queue_ids(app)
        untouched = book.get(second)
        screen = await open_queue(app, pilot, settle)
        await pilot.press("enter")
        await settle(pilot)
        after = book.get(first)
        assert after.status == "nurture" and after.lost_reason == "no-response"
        assert_recontact_in(after, now, 6)
        assert book.history(first)[-1].outcome == "break-up"
        assert book.get(second) == untouched
        assert text_of(screen.query_one("#breakup-who")).startswith("2 of 2")


async def test_a_months_key_changes_the_re_contact_delay(make_app, book, settle, now):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = queue_ids(app)[0]
        await open_queue(app, pilot, settle)
        await pilot.press("1", "enter")
        await settle(pilot)
        assert_recontact_in(book.get(first), now, 12)


async def test_s_skips_without_writing(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        prospects, activities = book.prospects(), list(book.activities())
        screen = await open_queue(app, pilot, settle)
        await pilot.press("s")
        await settle(pilot)
        assert text_of(screen.query_one("#breakup-who")).startswith("2 of 2")
        await pilot.press("s")
        await settle(pilot)
        assert text_of(screen.query_one("#breakup-who")) == "Queue done: 0 confirmed, 2 skipped."
        assert book.prospects() == prospects and list(book.activities()) == activities


async def test_skip_then_confirm_breaks_up_only_the_second(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first, second = queue_ids(app)
        before_first = book.get(first)
        await open_queue(app, pilot, settle)
        await pilot.press("s", "enter")
        await settle(pilot)
        assert book.get(first) == before_first
        assert book.get(second).status == "nurture"


async def test_escape_leaves_and_changes_nothing(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        prospects, activities = book.prospects(), list(book.activities())
        await open_queue(app, pilot, settle)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert book.prospects() == prospects and list(book.activities()) == activities


async def test_confirmed_break_ups_leave_the_queue_and_the_count(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first, second = queue_ids(app)
        await open_queue(app, pilot, settle)
        await pilot.press("enter", "escape")
        await settle(pilot)
        assert queue_ids(app) == [second]
        assert "B: 1 break-up" in text_of(app.main.query_one("#block-stats"))
        screen = await open_queue(app, pilot, settle)
        assert text_of(screen.query_one("#breakup-who")).startswith("1 of 1")
        await pilot.press("enter", "escape")
        await settle(pilot)
        assert queue_ids(app) == []
        await pilot.press("B")  # nothing waiting: the queue does not open
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


@pytest.mark.parametrize("key", ["enter", "b"])
async def test_a_confirmed_break_up_can_be_undone(make_app, book, settle, key):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = queue_ids(app)[0]
        before = book.get(first)
        await open_queue(app, pilot, settle)
        await pilot.press(key, "escape")
        await settle(pilot)
        assert book.get(first).status == "nurture"
        await pilot.press("u")
        await settle(pilot)
        assert book.get(first) == before
        assert first in queue_ids(app)
