"""Today's list on screen: an overdue prospect appears once, the unfocused table highlights no row,
and the flags never run into the name."""

from __future__ import annotations

from screen_parts import SIZE, today

from cockpit.app.widgets.today import OverdueTable


def overdue(app) -> OverdueTable:
    return app.main.query_one("#overdue", OverdueTable)


async def test_an_overdue_prospect_appears_once(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        agenda = app.main.agenda
        assert agenda.overdue, "the demo book has overdue follow-ups"
        assert not set(today(app).ids()) & set(overdue(app).ids())
        assert set(i.prospect.id for i in agenda.overdue) <= set(today(app).ids())  # kept in today's list
        assert overdue(app).border_title == f"Overdue ({len(agenda.overdue)}, all in today's calls)"
        assert app.main.desk.ids(listing="overdue") == overdue(app).ids()




async def test_the_unfocused_table_shows_no_cursor(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert today(app).show_cursor and not overdue(app).show_cursor
        await pilot.press("tab")
        await settle(pilot)
        assert app.focused is overdue(app)
        assert overdue(app).show_cursor and not today(app).show_cursor
        await pilot.press("tab", "tab")  # the research pane, then today's list again
        await settle(pilot)
        assert app.focused is today(app)
        assert today(app).show_cursor and not overdue(app).show_cursor


async def test_flags_are_apart_from_each_other_and_from_the_name(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = today(app)
        attempts = {name: c.attempts_max for name, c in app.main.rules.cadences.items()}
        for item in app.main.agenda.today:
            flags = table.row(item, attempts)[0].plain
            assert flags[2] == " " and len(flags) == 4 < table.columns["flags"].width  # a gap before the name
            assert flags[1] == ("R" if not item.prospect.research.done else " ")
            assert flags[3] == ("☾" if not item.callable_now else " ")
