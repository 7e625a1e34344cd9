"""z snoozes the selected prospect's step (no touch counted), N writes a note on them, '.' right after an
outcome writes a note on the prospect that outcome was logged on; u takes each of them back."""

from __future__ import annotations

import shutil

import pytest
from screen_parts import SIZE, bar, delivered_at_once, rules_of, today
from test_burst import run_keys

from cockpit.app.screens.note import NoteScreen
from cockpit.app.screens.prompt import ChoiceScreen
from cockpit.engine import snooze
from cockpit.engine.block import tally


async def pick_snooze(pilot, settle, *keys: str) -> None:
    await pilot.press("z")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ChoiceScreen)
    await pilot.press(*keys)
    await settle(pilot)


@pytest.mark.parametrize("key, when", [("1", snooze.later_today), ("2", snooze.tomorrow), ("3", snooze.next_week)])
async def test_z_moves_the_step_to_the_chosen_time_and_counts_no_touch(make_app, book, settle, now, key, when):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ids = today(app).ids()
        pid = ids[0]
        before = book.get(pid)
        await pick_snooze(pilot, settle, key)
        after = book.get(pid)
        rules = rules_of(book)
        assert after.next_step.due == when(before, now, rules)
        assert after.next_step.due > now and rules.calendar.in_window(after.next_step.due, after.tz)
        assert (after.attempt, after.status) == (before.attempt, before.status)
        assert (after.next_step.channel, after.next_step.reason, after.next_step.step) == (
            before.next_step.channel, before.next_step.reason, before.next_step.step)
        assert book.history(pid)[-1].outcome == "snooze"
        assert tally(book.history(pid)) == tally(book.history(pid)[:-1])  # not a dial
        assert bar(app).result.startswith(f"Snoozed {before.name} → {before.next_step.channel} ")
        assert bar(app).result.endswith("their time")
        assert app.main.selected == ids[1]  # the cursor moves on, as after an outcome


async def test_z_then_4_takes_a_typed_time_in_their_zone(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        before = book.get(pid)
        await pick_snooze(pilot, settle, "4")
        await pilot.press(*"wed 3pm", "enter")
        await settle(pilot)
        after = book.get(pid)
        local = rules_of(book).calendar.local(after.next_step.due, before.tz)
        assert (local.strftime("%a"), local.hour, local.minute) == ("Wed", 15, 0)
        assert after.attempt == before.attempt
        assert "Wed 15:00 their time" in bar(app).result


async def test_escape_in_the_snooze_choice_changes_nothing(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        activities = list(book.activities())
        await pick_snooze(pilot, settle, "escape")
        assert list(book.activities()) == activities


async def test_u_after_a_snooze_puts_the_step_back(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        before, history = book.get(pid), book.history(pid)
        await pick_snooze(pilot, settle, "2")
        assert book.get(pid) != before
        await pilot.press("u")
        await settle(pilot)
        assert book.get(pid) == before and book.history(pid) == history
        assert bar(app).result.startswith(f"Undid snooze for {before.name}")


async def test_N_saves_a_note_on_the_selected_prospect_and_the_cursor_stays(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        before, history = book.get(pid), book.history(pid)
        await pilot.press("N")
        await settle(pilot)
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"wants a demo", "enter", *"in March", "ctrl+s")
        await settle(pilot)
        note = book.history(pid)[-1]
        assert (note.outcome, note.note) == ("note", "wants a demo\nin March")
        assert book.get(pid) == before  # a note changes nothing else
        assert app.main.selected == pid
        assert bar(app).result == f"Note saved for {before.name}"
        card = app.main.card_of(pid)
        assert any("note: wants a demo" in line for line in card.history)
        await pilot.press("u")
        await settle(pilot)
        assert book.history(pid) == history and book.get(pid) == before


@pytest.mark.parametrize("keys", [["escape"], ["ctrl+s"], [" ", "enter", "ctrl+s"]])
async def test_N_cancelled_or_empty_keeps_nothing(make_app, book, settle, keys):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        activities = list(book.activities())
        await pilot.press("N")
        await settle(pilot)
        if keys == ["escape"]:
            await pilot.press(*"half a thought")
        await pilot.press(*keys)
        await settle(pilot)
        assert not isinstance(app.screen, NoteScreen)
        assert list(book.activities()) == activities
        assert "nothing" in bar(app).result


async def test_dot_after_an_outcome_notes_the_prospect_it_was_logged_on(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first, second = today(app).ids()[:2]
        await pilot.press("v")
        await settle(pilot)
        assert app.main.selected == second  # the cursor has moved on
        assert bar(app).result.endswith("· . note")
        await pilot.press("full_stop")
        await settle(pilot)
        await pilot.press(*"left vm about pricing", "ctrl+s")
        await settle(pilot)
        assert [a.outcome for a in book.history(first)[-2:]] == ["voicemail", "note"]
        assert book.history(first)[-1].note == "left vm about pricing"
        assert "note" not in [a.outcome for a in book.history(second)]
        assert app.main.selected == second


async def test_dot_with_no_outcome_before_it_says_so(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("full_stop")
        await settle(pilot)
        assert not isinstance(app.screen, NoteScreen)
        assert "right after an outcome" in bar(app).result


@pytest.mark.parametrize("keys", ["v full_stop o k ctrl+s", "v full_stop o k ctrl+s n", "v z 2 v full_stop h i ctrl+s u"])
async def test_a_burst_with_snoozes_and_notes_leaves_the_book_as_typed_slowly(book_dir, tmp_path, clock, settle, keys):
    slow_dir = tmp_path / "slow"
    shutil.copytree(book_dir, slow_dir)
    slow, slow_bar = await run_keys(slow_dir, clock, settle, keys, burst=False)
    fast, fast_bar = await run_keys(book_dir, clock, settle, keys, burst=True)
    assert [a["outcome"] for a in fast[1]] == [a["outcome"] for a in slow[1]]
    outcomes = [(a["outcome"], a["prospect_id"]) for a in fast[1]]
    for at, (outcome, pid) in enumerate(outcomes):
        if outcome == "note":  # '.' noted the prospect of the voicemail before it, not the next one
            assert outcomes[at - 1] == ("voicemail", pid)
    assert fast == slow
    assert fast_bar == slow_bar


async def test_snooze_takes_the_key_the_rep_gave_it(make_app, book, settle):
    path = book.folder / "cockpit.toml"
    path.write_text(path.read_text().replace("[keys]\n", '[keys]\nsnooze = "Z"\n', 1))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("z")
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceScreen)
        await pilot.press("Z")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert bar(app).keys["snooze"] == "Z"  # the legend draws from the rep's keys



@pytest.mark.parametrize("with_n", [False, True], ids=["after-N", "N-in-the-burst"])
async def test_a_note_typed_and_saved_in_one_burst_keeps_every_character(make_app, book, settle, with_n):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).ids()[0]
        if not with_n:
            await pilot.press("N")
            await settle(pilot)
        delivered_at_once(app, ["N"] * with_n + [*"budget in Q1", "ctrl+s"])
        await settle(pilot)
        assert book.history(pid)[-1].outcome == "note"
        assert book.history(pid)[-1].note == "budget in Q1"
