"""A key repaints what it changed and lays nothing out (a layout pass repaints every pane).

widgets/redraw.py and widgets/today.py keep a key from asking Textual for a layout of the screen:
the research card is drawn line by line, the tables' sizes are the CSS's and their scroll ranges follow
by `scroll_range_changed`. These tests hold that to behaviour: no layout pass on a key, and the scroll
ranges (and scrollbars) still right after one.
"""

from __future__ import annotations

from screen_parts import SIZE, today
from textual.screen import Screen

from cockpit.app.widgets.research import ResearchPane
from cockpit.app.widgets.today import OverdueTable


async def test_an_outcome_key_lays_nothing_out(make_app, settle, monkeypatch):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")  # undo becomes possible: the footer's keys change, once (a layout of its own)
        await settle(pilot)
        heights = []
        layouts = []
        real = Screen._refresh_layout
        monkeypatch.setattr(Screen, "_refresh_layout", lambda self, *a, **k: (layouts.append(1), real(self, *a, **k)))
        for _ in range(6):
            before = today(app).ids()
            await pilot.press("v")
            await settle(pilot)
            assert today(app).ids() != before  # the list changed: rows went and came
            heights.append(len(app.main.query_one(ResearchPane).lines))
        assert len(set(heights)) > 1  # cards of other heights were shown
        assert layouts == []


async def test_scroll_ranges_follow_the_content_after_keys(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(4):
            await pilot.press("v")
            await settle(pilot)
            pane = app.main.query_one(ResearchPane)
            visible = pane.scrollable_content_region.height
            assert pane.virtual_size.height == len(pane.lines)
            assert pane.max_scroll_y == max(0, len(pane.lines) - visible)
            assert pane.vertical_scrollbar.window_virtual_size == len(pane.lines)
            for table in (today(app), app.main.query_one(OverdueTable)):
                assert table.virtual_size.height == table.header_height + table.row_count
        await pilot.press("tab", "tab", "end")  # the research pane: its end is the card's last line
        await settle(pilot)
        assert pane.scroll_y == pane.max_scroll_y


async def test_a_click_after_rows_moved_up_selects_the_row_clicked(make_app, settle):
    """Drawn cells are kept across a shift (widgets/today.py); the row a click lands on is the new one."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(3):
            await pilot.press("v")  # the rows below each logged prospect move up
            await settle(pilot)
        table = today(app)
        ids = table.ids()
        for row in (4, 1, 6):
            await pilot.click(table, offset=(8, 1 + table.header_height + row))  # the border, the header
            await settle(pilot)
            assert table.selected_id() == ids[row] == app.main.selected
