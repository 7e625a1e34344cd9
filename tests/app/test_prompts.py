"""Outcomes that ask first: one line, Enter confirms, Escape cancels and changes nothing.

Each test presses the keys a rep would and checks the book: the outcome, its details, and the
next step the engine gives for them at the same clock.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from screen_parts import SIZE, rules_of, text_of, today, typed

from cockpit import config as config_mod
from cockpit.app.screens.form import FormScreen
from cockpit.app.screens.main import MainScreen
from cockpit.app.screens.prompt import ChoiceScreen, PromptScreen
from cockpit.engine.calendar import zone
from cockpit.engine.outcomes import apply_outcome


def tomorrow_at(now: datetime, hour: int, tz: str) -> datetime:
    """'tomorrow 3pm' in the prospect's own time zone, as an aware datetime."""
    day = now.astimezone(zone(tz)).date() + timedelta(days=1)
    return datetime.combine(day, time(hour), tzinfo=zone(tz))


def book_state(book):
    return book.prospects(), list(book.activities()), book.get_meta("block")


# ---- connected ---------------------------------------------------------------------------------


async def test_connected_asks_a_note_and_follows_up_in_two_business_days(make_app, book, settle, now):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        before = book.get(pid)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"pricing", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        after = book.get(pid)
        expected = apply_outcome(before, "connected", now, rules_of(book), note="pricing")
        assert after == expected.prospect
        assert after.status == "engaged" and after.next_step.channel == "call"
        assert "pricing" in after.next_step.reason and not after.next_step.agreed
        activity = book.history(pid)[-1]
        assert (activity.outcome, activity.note) == ("connected", "pricing")


async def test_connected_note_at_a_time_gives_the_agreed_time(make_app, book, settle, now):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        before = book.get(pid)
        await pilot.press("c", *"send pricing @ tomorrow 3pm", "enter")
        await settle(pilot)
        after = book.get(pid)
        agreed = tomorrow_at(now, 15, before.tz)
        assert after.next_step.due == agreed and after.next_step.agreed
        assert after == apply_outcome(before, "connected", now, rules_of(book), note="send pricing",
                                      when=agreed).prospect
        assert book.history(pid)[-1].note == "send pricing"


@pytest.mark.parametrize("keys", [["c", *"send pricing @ tomorrow 3pm", "enter"], ["c", *"ok", "enter", "v"]],
                         ids=["connected", "then-v"])
async def test_a_dialog_opened_and_typed_into_in_one_burst_takes_every_key_as_typed_slowly(
        book_dir, tmp_path, clock, settle, keys):
    """The keys after `c` are still queued when the dialog opens: they are the dialog's, in order,
    and a key after its Enter is the main screen's again."""
    import shutil

    from cockpit.app.app import CockpitApp
    from cockpit.storage import Book

    slow_dir = tmp_path / "slow"
    shutil.copytree(book_dir, slow_dir)
    results = []
    for folder, burst in ((slow_dir, False), (book_dir, True)):
        with Book(folder) as book:
            app = CockpitApp(book, config_mod.load(folder), clock=clock)
            async with app.run_test(size=SIZE) as pilot:
                await settle(pilot)
                await typed(app, pilot, settle, keys, at_once=burst)
                results.append(([(a.prospect_id, a.outcome, a.note) for a in book.activities()],
                                type(app.screen).__name__))
    assert results[0][0][-3:] == results[1][0][-3:] and results[0] == results[1]
    logged = results[1][0]
    if keys[-1] == "v":  # the note went to the prospect called, the voicemail to the next one
        assert [o for _, o, _ in logged[-2:]] == ["connected", "voicemail"] and logged[-2][2] == "ok"
        assert logged[-1][0] != logged[-2][0]
    else:
        assert logged[-1][1:] == ("connected", "send pricing")


async def test_an_agreed_time_on_a_holiday_says_so_on_the_bar(make_app, book, settle):
    """Thanksgiving is not "outside their calling hours": the bar names why the time is unusual."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        await pilot.press("c", *"send the deck @ thu 3pm", "enter")
        await settle(pilot)
        said = app.main.query_one("#outcome-bar").result
    assert book.history(pid)[-1].when.date().isoformat() == "2026-11-26"
    assert "⚠ on a public holiday, kept as agreed" in said


# ---- meeting and call back later: a time -------------------------------------------------------


@pytest.mark.parametrize("key, outcome", [("m", "meeting"), ("l", "callback")])
async def test_a_time_prompt_logs_the_outcome_at_that_time(make_app, book, settle, now, key, outcome):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        before = book.get(pid)
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"tomorrow 3pm", "enter")
        await settle(pilot)
        when = tomorrow_at(now, 15, before.tz)
        after = book.get(pid)
        assert after == apply_outcome(before, outcome, now, rules_of(book), when=when).prospect
        assert book.history(pid)[-1].when == when
        if outcome == "meeting":
            assert after.status == "meeting" and after.meeting_at == when
            assert after.next_step.channel == "confirm" and after.next_step.due < when
        else:
            assert after.next_step.due == when and after.next_step.agreed


@pytest.mark.parametrize("key", ["m", "l"])
@pytest.mark.parametrize("typed", ["whenever", "2026-11-20 10:00"])  # not a time; a time already passed
async def test_an_invalid_time_keeps_the_prompt_open_with_an_error_and_the_text(make_app, book, settle, key, typed):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        state = book_state(book)
        await pilot.press(key, *typed, "enter")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        error = app.screen.query_one("#prompt-error")
        assert error.has_class("prompt-error") and text_of(error).strip()
        assert app.screen.query_one("#prompt-input").value == typed
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert book_state(book) == state


# ---- gatekeeper --------------------------------------------------------------------------------


async def test_gatekeeper_asks_who_and_the_next_step_calls_them(make_app, book, settle, now):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        before = book.get(pid)
        await pilot.press("g", *"Jane, CFO", "enter")
        await settle(pilot)
        after = book.get(pid)
        assert after == apply_outcome(before, "gatekeeper", now, rules_of(book), note="Jane, CFO").prospect
        assert "Jane, CFO" in after.next_step.reason
        assert book.history(pid)[-1].outcome == "gatekeeper"


# ---- not interested: a reason key, a months key ------------------------------------------------


@pytest.mark.parametrize("key, reason", [("p", "price"), ("t", "timing"), ("b", "budget"), ("v", "vendor"),
                                         ("n", "no-need")])
async def test_not_interested_records_the_reason_key_and_nurtures_for_six_months(
        make_app, book, settle, now, key, reason):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        before = book.get(pid)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press(key)
        await settle(pilot)
        after = book.get(pid)
        assert after == apply_outcome(before, "not-interested", now, rules_of(book), reason=reason,
                                      months=6).prospect
        assert (after.status, after.lost_reason) == ("nurture", reason)
        assert book.history(pid)[-1].reason == reason
        assert pid not in today(app).ids()


@pytest.mark.parametrize("months_key, months", [("6", 6), ("1", 12), ("8", 18)])
async def test_not_interested_months_keys_pick_6_12_or_18_months(make_app, book, settle, now, months_key, months):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        before = book.get(pid)
        await pilot.press("x", months_key, "t")
        await settle(pilot)
        after = book.get(pid)
        local_today = now.astimezone(zone(before.tz)).date()
        due = after.next_step.due.astimezone(zone(before.tz)).date()
        target = local_today + relativedelta(months=months)
        assert timedelta(0) <= due - target <= timedelta(days=3)  # the next business day from there
        assert after == apply_outcome(before, "not-interested", now, rules_of(book), reason="timing",
                                      months=months).prospect


async def test_not_interested_other_asks_a_note(make_app, book, settle, now):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        await pilot.press("x", "o")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"a friend", "enter")
        await settle(pilot)
        activity = book.history(pid)[-1]
        assert (activity.outcome, activity.reason, activity.note) == ("not-interested", "other", "a friend")
        assert book.get(pid).status == "nurture"


async def test_other_reason_with_12_months_keeps_the_months(make_app, book, settle, now):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        before = book.get(pid)
        await pilot.press("x", "1", "o", *"reorg", "enter")
        await settle(pilot)
        assert book.get(pid) == apply_outcome(before, "not-interested", now, rules_of(book), reason="other",
                                              note="reorg", months=12).prospect


# ---- break-up, do not contact, dead: confirm with Enter ----------------------------------------


@pytest.mark.parametrize("keys, months", [(("b", "enter"), 6), (("b", "8", "enter"), 18)])
async def test_break_up_confirms_with_enter_and_nurtures(make_app, book, settle, now, keys, months):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        before = book.get(pid)
        await pilot.press(keys[0])
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert before.name.split()[0] in text_of(app.screen.query_one("#choice-body"))  # the message, shown
        await pilot.press(*keys[1:])
        await settle(pilot)
        after = book.get(pid)
        assert after == apply_outcome(before, "break-up", now, rules_of(book), months=months).prospect
        assert after.status == "nurture"
        assert book.history(pid)[-1].outcome == "break-up"


@pytest.mark.parametrize("key, status", [("d", "do-not-contact"), ("D", "dead")])
async def test_final_outcomes_confirm_with_enter_and_schedule_nothing(make_app, book, settle, key, status):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert book.get(pid).status != status  # nothing yet: it waits for Enter
        await pilot.press("enter")
        await settle(pilot)
        after = book.get(pid)
        assert (after.status, after.next_step) == (status, None)
        assert pid not in today(app).ids()
        assert pid not in [i.prospect.id for i in app.main.agenda.overdue]


@pytest.mark.parametrize("key", ["d", "D", "b"])
async def test_a_confirm_ignores_other_keys(make_app, book, settle, key):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        state = book_state(book)
        await pilot.press(key, "v", "n", "y")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert book_state(book) == state


# ---- Escape on any prompt changes nothing ------------------------------------------------------


ESCAPABLE = [
    ("c", *"hi"), ("m", *"fri"), ("l", *"+2d"), ("g", "J"), ("x",), ("x", "1"), ("x", "o", "r"),
    ("b",), ("b", "8"), ("d",), ("D",), ("s",), ("i", "z"),
]


async def test_escape_on_any_prompt_changes_nothing(make_app, book, settle):
    # One app for the whole table: each Escape must leave it exactly as the first one found it.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        state = book_state(book)
        for keys in ESCAPABLE:
            await pilot.press(*keys)
            await settle(pilot)
            assert isinstance(app.screen, (PromptScreen, ChoiceScreen, FormScreen)), keys
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen), keys
            assert book_state(book) == state, keys
            assert app.main.selected == pid == today(app).selected_id(), keys
            assert app.main.query_one("#outcome-bar").result == "", keys
