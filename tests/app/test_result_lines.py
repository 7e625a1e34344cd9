"""Every action says what it did on the bar: the last outcome's result never stands for it."""

from __future__ import annotations

from datetime import date

from screen_parts import SIZE, bar, today

from cockpit.app.screens.form import FormScreen


async def test_saving_research_says_so_on_the_bar(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert "oicemail" in bar(app).result
        name = app.main.desk.prospect(app.main.selected).name
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Series B", "ctrl+s")
        await settle(pilot)
        assert bar(app).result == f"Research saved for {name}"


async def test_adding_a_prospect_says_who_and_their_first_step(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a", *"Ada Lovelace", "enter", *"Acme", "enter", *"2125550199", "enter", *"ada@ac.io",
                          "enter", "enter", "enter")
        await settle(pilot)
        assert bar(app).result == "Added Ada Lovelace → call now"
        assert any(app.main.desk.prospect(pid).name == "Ada Lovelace" for pid in today(app).ids())


async def test_away_days_say_what_moved(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main.away(date(2026, 11, 24), date(2026, 11, 27))
        await settle(pilot)
        text = bar(app).result
        assert text.startswith("Away Tue 24 Nov to Fri 27 Nov: ") and "moved past it" in text, text
