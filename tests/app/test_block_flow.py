"""The call block flows: the cursor skips who is in their night, the last row says so and never logs
twice, Home/End/PageUp/PageDown move through the desk, and a block ends with its recap, once."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from screen_parts import SIZE, bar, text_of, today

from cockpit import actions
from cockpit import config as config_mod
from cockpit.app.screens.prompt import ChoiceScreen, PromptScreen
from cockpit.app.screens.recap import RecapScreen
from cockpit.storage import Book

# Mon 23 Nov 15:00 UTC: 10:00 in New York and Chicago, 02:00 on Tuesday in Sydney.
PEOPLE = (("Ann Ames", "America/New_York"), ("Syd Nightly", "Australia/Sydney"),
          ("Bob Brown", "America/New_York"), ("Cat Cole", "America/Chicago"))


@pytest.fixture
def small(tmp_path, now):
    """Three callable prospects and, overdue (so first by priority), one for whom it is 02:00."""
    folder = tmp_path / "small"
    with Book(folder) as book:
        rules = config_mod.load(folder).rules()
        for n, (name, tz) in enumerate(PEOPLE):
            actions.add(book, actions.build_prospect(rules, now, name=name, phones=[f"+1212555010{n}"], tz=tz))
        syd = next(p for p in book.prospects() if p.name == "Syd Nightly")
        book.update([replace(syd, next_step=replace(syd.next_step, due=now - timedelta(hours=3)))])
        yield book


def names(app) -> list[str]:
    return [app.main.desk.prospect(pid).name for pid in today(app).ids()]


def selected_name(app) -> str:
    return app.main.desk.prospect(app.main.selected).name


def logged(book) -> list[tuple[str, str]]:
    who = {p.id: p.name for p in book.prospects()}
    return [(who[a.prospect_id], a.outcome) for a in book.activities()]


async def test_who_is_in_their_night_waits_below_and_the_cursor_skips_them(make_app, small, settle):
    app = make_app(small)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert names(app) == ["Ann Ames", "Bob Brown", "Cat Cole", "Syd Nightly"]
        await pilot.press("v", "v")
        await settle(pilot)
        assert selected_name(app) == "Cat Cole"
        await pilot.press("v")  # the last callable one: the cursor never moves onto Sydney's night
        await settle(pilot)
        assert [n for n, _ in logged(small)] == ["Ann Ames", "Bob Brown", "Cat Cole"]
        assert bar(app).result.endswith("· End of today's list")
        below = text_of(app.main.query_one("#today-empty"))  # and, under the list, what comes next
        assert below.startswith("End of today's list: 1 due but outside their calling hours; next callable")
        await pilot.press("k")
        await settle(pilot)
        assert not text_of(app.main.query_one("#today-empty")).startswith("End of today's list")
        await pilot.press("j")
        await pilot.press("j")  # j still reaches every row
        await settle(pilot)
        assert selected_name(app) == "Syd Nightly"


@pytest.mark.parametrize("burst", [False, True])
async def test_the_last_row_logs_once_and_refuses_the_next_key_until_a_move(make_app, small, settle, burst):
    app = make_app(small)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("end")  # the last row: Syd (callable or not, there is nobody below)
        await settle(pilot)
        assert selected_name(app) == "Syd Nightly"
        if burst:
            await pilot.press("v", "v", "v")
        else:
            for _ in range(3):
                await pilot.press("v")
                await settle(pilot)
        await settle(pilot)
        assert logged(small) == [("Syd Nightly", "voicemail")]
        assert bar(app).result == "Already logged Syd Nightly: move (↑) or undo (u) first"
        await pilot.press("k", "v")  # a move: the next key is logged again, on the row moved to
        await settle(pilot)
        assert len(logged(small)) == 2


async def test_home_end_and_page_keys_move_the_selection(make_app, book, settle):
    app = make_app(book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ids = today(app).ids()
        assert len(ids) > 12
        await pilot.press("end")
        assert app.main.selected == ids[-1] and today(app).cursor_row == len(ids) - 1
        await pilot.press("home")
        assert app.main.selected == ids[0] and today(app).scroll_x == 0  # never sideways
        await pilot.press("pagedown")
        page = app.main.desk.ids().index(app.main.selected)
        assert page > 1
        assert app.main.selected == today(app).ids()[today(app).cursor_row]
        await pilot.press("pagedown")
        assert app.main.selected == ids[min(2 * page, len(ids) - 1)]
        await pilot.press("home", "pagedown", "pageup")  # at once, as fast fingers do
        assert app.main.selected == ids[0] == today(app).ids()[today(app).cursor_row]
        await pilot.press("ctrl+end")
        assert app.main.selected == ids[-1]


async def start_block(pilot, settle, target: str) -> None:
    await pilot.press("s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PromptScreen)
    await pilot.press(*target, "enter")
    await settle(pilot)


async def test_a_block_ends_with_its_recap_when_its_time_is_up(make_app, small, clock, settle):
    app = make_app(small)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_block(pilot, settle, "5 10")
        await pilot.press("v")
        await settle(pilot)
        clock.advance(minutes=10)
        app.main.tick()
        await settle(pilot)
        assert isinstance(app.screen, RecapScreen)
        shown = text_of(app.screen.query_one("#recap-lines"))
        assert "Dials: 1 of 5" in shown and "Voicemails: 1" in shown and "Time: 10 of 10 min" in shown
        assert app.screen.query_one("Vertical").border_title == "Block over: time is up"
        await pilot.press("escape")
        await settle(pilot)
        app.main.tick()
        clock.advance(minutes=1)
        app.main.tick()
        await settle(pilot)
        assert not isinstance(app.screen, RecapScreen)  # once


async def test_a_block_ends_with_its_recap_when_the_target_is_reached(make_app, small, settle):
    app = make_app(small)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_block(pilot, settle, "2 45")
        await pilot.press("v", "n")
        await settle(pilot)
        assert isinstance(app.screen, RecapScreen)
        shown = text_of(app.screen.query_one("#recap-lines"))
        assert "Dials: 2 of 2" in shown and "Connect rate: 0%" in shown
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, RecapScreen)


async def test_s_asks_before_replacing_a_running_block_and_shows_its_recap(make_app, small, settle):
    app = make_app(small)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_block(pilot, settle, "20 45")
        first = app.main.block
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert "A block is running: 1/20 dials, 45 min left. End it and start a new one?" in app.screen.question
        await pilot.press("escape")  # kept: nothing changes
        await settle(pilot)
        assert app.main.block == first and not isinstance(app.screen, ChoiceScreen)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RecapScreen)
        assert "Dials: 1 of 20" in text_of(app.screen.query_one("#recap-lines"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)  # the new block's prompt comes after the recap
        await pilot.press(*"10 30", "enter")
        await settle(pilot)
        assert app.main.block.id != first.id and app.main.block.target_dials == 10


@pytest.mark.parametrize("keys", ["v v v v v", "v v v v j v v", "v v v u v v"])
async def test_a_burst_through_the_end_of_the_list_logs_what_slow_typing_logs(small, tmp_path, clock, settle, keys):
    """Held at a gate, every key is in flight at once: the skip, the end and the refusal are decided
    at press time, so the book ends the same as when each key waits for its "logged"."""
    import shutil

    from test_burst import run_keys

    folder = small.folder
    small.close()
    slow_dir = tmp_path / "slow"
    shutil.copytree(folder, slow_dir)
    slow, slow_bar = await run_keys(slow_dir, clock, settle, keys, burst=False)
    fast, fast_bar = await run_keys(folder, clock, settle, keys, burst=True)
    assert fast == slow and fast_bar == slow_bar
    who = {p["id"]: p["name"] for p in fast[0]}
    outcomes = [(who[a["prospect_id"]], a["outcome"]) for a in fast[1]]
    assert outcomes[:3] == [("Ann Ames", "voicemail"), ("Bob Brown", "voicemail"), ("Cat Cole", "voicemail")]
    assert ("Syd Nightly", "voicemail") in outcomes if " j " in keys else len(outcomes) <= 3 + keys.count("u")
