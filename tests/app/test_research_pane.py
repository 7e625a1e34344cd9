"""The research pane: tab reaches it, the keyboard scrolls it, the outcome keys still log; what the
call needs comes first and every time says whose clock it is."""

from __future__ import annotations

from screen_parts import SIZE, bar, card_text, today

from cockpit.app.widgets.research import ResearchPane
from cockpit.app.widgets.today import OverdueTable, TodayTable


def pane(app) -> ResearchPane:
    return app.main.query_one("#research", ResearchPane)


async def test_tab_cycles_today_overdue_research(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seen = [type(app.focused)]
        for _ in range(3):
            await pilot.press("tab")
            await settle(pilot)
            seen.append(type(app.focused))
    assert seen == [TodayTable, OverdueTable, ResearchPane, TodayTable]


async def test_the_focused_research_pane_scrolls_from_the_keyboard(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane(app).focus()
        await settle(pilot)
        research = pane(app)
        assert research.max_scroll_y > 3, "the card is longer than the pane at 80x24"
        await pilot.press("down", "down")
        await settle(pilot)
        assert research.scroll_y == 2
        await pilot.press("end")
        await settle(pilot)
        assert research.scroll_y == research.max_scroll_y
        await pilot.press("home")
        await settle(pilot)
        assert research.scroll_y == 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert research.scroll_y > 2
        await pilot.press("pageup")
        await settle(pilot)
        assert research.scroll_y == 0


async def test_outcome_keys_log_while_the_research_pane_has_focus(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        pane(app).focus()
        await settle(pilot)
        await pilot.press("down", "v")
        await settle(pilot)
        assert isinstance(app.focused, ResearchPane)
        assert book.history(pid)[-1].outcome == "voicemail"
        assert bar(app).result.startswith(book.get(pid).name)
        assert app.main.selected != pid  # on to the next prospect, as from the list
        assert pane(app).scroll_y == 0  # the next prospect's card from its top


async def test_the_card_says_whose_time_each_time_is(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("k")  # back to the one just logged: it has history
        await settle(pilot)
        text = card_text(app)
    lines = text.splitlines()
    nxt = next(line for line in lines if line.startswith("next"))
    assert "their time" in nxt and ("yours" in nxt)
    assert any(line.startswith("theirs ") for line in lines)
    assert "History, your time" in text


async def test_the_voicemail_script_comes_before_the_research_form_and_history(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = card_text(app)
    assert text.index("Voicemail (") < text.index("History, your time")
    assert text.index("Voicemail (") < text.index("What they do:")  # the research form after it


async def test_C_copies_the_voicemail_script_as_the_card_shows_it(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        shown = app.main.card_shown
        assert shown is not None and shown.prospect.id == app.main.selected
        assert app.clipboard == shown.script.text and shown.script.text.startswith("Hi ")
        assert bar(app).result == f"Copied the voicemail script for {shown.prospect.name}"


async def test_C_on_a_break_up_due_copies_the_break_up_message(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        target = app.main.agenda.breakups[0].prospect
        await pilot.press("slash", *target.name, "enter")  # found with /: the card of someone on no list
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        shown = app.main.card_shown
        assert shown.prospect.id == target.id and shown.breakup_message
        assert app.clipboard == shown.breakup_message
        assert bar(app).result == f"Copied the break-up message for {target.name}"
