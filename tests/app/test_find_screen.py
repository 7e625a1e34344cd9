"""`/` finds anyone in the book; Enter opens their card and the desk acts on them as on a row."""

from __future__ import annotations

import pytest
from screen_parts import SIZE, bar, card_text, rules_of, today, typed

from cockpit import actions
from cockpit.app.screens.find import FindScreen
from cockpit.app.widgets.research import ResearchPane
from cockpit.engine import queue
from cockpit.engine.outcomes import apply_outcome


def off_list(book, now):
    """Someone active, with a next step after today: on no list of the screen."""
    agenda = queue.build(book.prospects(), now, rules_of(book))
    return next(p for p in sorted(book.prospects(), key=lambda p: p.name)
                if p.active and p.next_step and p.id not in agenda.where and len(p.name.split()[0]) > 3)


def card_title(app) -> str:
    return str(app.main.query_one("#research", ResearchPane).border_title)


async def find(pilot, settle, text: str, burst: bool) -> None:
    await pilot.press("slash")
    if burst:
        await pilot.press(*text, "enter")
    else:
        await settle(pilot)
        for ch in text:
            await pilot.press(ch)
            await pilot.pause()
        await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("burst", [False, True], ids=["typed", "burst"])
async def test_found_prospect_not_due_today_gets_the_card_and_the_voicemail(make_app, book, settle, now, burst):
    target = off_list(book, now)
    before = book.get(target.id)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first_row = today(app).selected_id()
        await find(pilot, settle, target.name, burst)
        assert not isinstance(app.screen, FindScreen)
        assert app.main.selected == target.id
        assert target.name in card_title(app)
        await pilot.press("v")
        await settle(pilot)
        expected = apply_outcome(before, "voicemail", now, rules_of(book))
        assert book.get(target.id) == expected.prospect
        assert book.history(target.id)[-1].outcome == "voicemail"
        # Off the list: the cursor goes back to the row the rep left, and the bar says so.
        assert app.main.selected == first_row
        assert "back to today's list" in bar(app).result
        assert all(a.prospect_id == target.id for a in book.activities() if a.at == now)


async def test_burst_of_keys_into_find_picks_as_slow_typing_does(make_app, book, settle, now):
    target = off_list(book, now)
    picked = []
    for burst in (False, True):
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await find(pilot, settle, target.name.split()[0][:4], burst)
            picked.append(app.main.selected)
    assert picked[0] == picked[1] and picked[0] is not None


async def test_history_on_the_card_shows_the_outcome_logged_on_a_found_prospect(make_app, book, settle, now):
    target = off_list(book, now)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await find(pilot, settle, target.name, burst=False)
        await pilot.press("v")
        await settle(pilot)
        await find(pilot, settle, target.name, burst=False)
        body = card_text(app)
    assert "voicemail" in body.split("History")[1].splitlines()[1]


async def test_escape_closes_find_with_nothing_changed(make_app, book, settle, now):
    target = off_list(book, now)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        selected = app.main.selected
        title = card_title(app)
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press(*target.name, "escape")
        await settle(pilot)
        assert not isinstance(app.screen, FindScreen)
        assert app.main.selected == selected
        assert card_title(app) == title
        assert app.main.desk.found is None
    assert book.get(target.id) == target


@pytest.mark.parametrize("burst", [False, True], ids=["typed", "burst"])
async def test_escape_on_a_found_prospect_goes_back_to_the_row_left(make_app, book, settle, now, burst):
    target = off_list(book, now)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        row, title = app.main.selected, card_title(app)
        if burst:  # find, pick and leave in one burst: where slow typing ends up
            await pilot.press("slash", *target.name, "enter", "escape")
            await settle(pilot)
        else:
            await find(pilot, settle, target.name, burst=False)
            assert app.main.selected == target.id
            await pilot.press("escape")
            await settle(pilot)
        assert app.main.selected == row and today(app).selected_id() == row
        assert card_title(app) == title
        await pilot.press("v")  # the next key is on the row, not on the prospect left
        await settle(pilot)
    assert book.get(target.id) == target
    assert book.history(row)[-1].outcome == "voicemail"


async def test_up_down_move_through_the_matches(make_app, book, settle, now):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press("a")  # nearly every name has an a
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FindScreen) and len(screen.shown) > 2
        await pilot.press("down", "down", "up")
        second = screen.shown[1]
        await pilot.press("enter")
        await settle(pilot)
        assert app.main.selected == second.id


async def test_found_prospect_on_todays_list_selects_their_row(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ids = today(app).ids()
        target = book.get(ids[2])
        await find(pilot, settle, target.name, burst=False)
        assert today(app).selected_id() == target.id
        await pilot.press("n")
        await settle(pilot)
        assert book.history(target.id)[-1].outcome == "no-answer"


async def test_y_i_p_act_on_a_found_prospect(make_app, book, settle, now):
    target = off_list(book, now)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await find(pilot, settle, target.name, burst=False)
        await pilot.press("y")
        await settle(pilot)
        titles = [n.title for n in app._notifications]
        assert f"{target.name} is not on today's list" in titles
        await pilot.press("p")
        await settle(pilot)
        assert app.clipboard == target.phone.split(";")[0]
        await pilot.press("i")
        await settle(pilot)
        assert target.name in str(app.screen.query_one("Label").render())  # the research form is theirs


async def test_find_keeps_its_index_while_only_this_screen_writes_and_reads_again_after_others(
        make_app, book, settle, now):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press("escape")
        kept = app.main.finder[1]
        pid = today(app).selected_id()
        name = book.get(pid).name
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press(*name)
        await pilot.pause()
        shown = next(p for p in app.screen.shown if p.id == pid)
        assert app.main.finder[1] is kept  # not read again: 50,000 prospects take seconds
        assert shown == book.get(pid)  # the voicemail's next step, as written
        await pilot.press("escape")
        await settle(pilot)
        other = next(i.prospect.id for i in app.main.agenda.today if i.prospect.id != pid)
        actions.log(book, rules_of(book), other, "no-answer", now)  # as `cockpit log` in a shell would
        await pilot.press("slash")
        await settle(pilot)
        assert app.main.finder[1] is not kept
        await pilot.press("escape")


async def picked(make_app, settle, keys: list[str], at_once: bool, slash_too: bool = False) -> str:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if slash_too:  # `/` in the same burst: the letters arrive before the find screen is up
            keys = ["slash", *keys]
        else:
            await pilot.press("slash")
            await settle(pilot)
        await typed(app, pilot, settle, keys, at_once)
        return app.main.selected


async def test_letters_then_down_and_enter_at_once_pick_whom_slow_typing_picks(make_app, book, settle):
    first = max({p.name.split()[0] for p in book.prospects()},
                key=lambda name: sum(p.name.startswith(name) for p in book.prospects()))  # a name shared
    keys = [*first.lower(), "down", "enter"]
    slow = await picked(make_app, settle, keys, at_once=False)
    assert slow is not None and book.get(slow).name.startswith(first)
    assert await picked(make_app, settle, keys, at_once=True) == slow


async def test_slash_letters_down_and_enter_in_one_burst_pick_whom_slow_typing_picks(make_app, book, settle):
    first = max({p.name.split()[0] for p in book.prospects()},
                key=lambda name: sum(p.name.startswith(name) for p in book.prospects()))
    keys = [*first.lower(), "down", "enter"]
    slow = await picked(make_app, settle, keys, at_once=False)
    assert await picked(make_app, settle, keys, at_once=True, slash_too=True) == slow
