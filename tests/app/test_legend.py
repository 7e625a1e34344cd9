"""The key legend: the result on one line on top, then every outcome key and undo in whole "key word"
items, laid out for the bar's width (two rows at 80 columns), each key shown once on the screen."""

from __future__ import annotations

import pytest
from screen_parts import bar
from textual.geometry import Region

from cockpit.app.widgets.outcome_bar import legend_items, legend_rows
from cockpit.engine.outcomes import OUTCOMES


def shown_lines(widget) -> list[str]:
    """What the bar paints, line by line, at its size on screen."""
    size = widget.outer_size
    return [strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, size.width, size.height))]


@pytest.mark.parametrize("size, rows", [((80, 24), 2), ((120, 40), 2)])
async def test_the_legend_lays_out_every_key_whole_at_80_and_120_columns(make_app, settle, size, rows):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        widget = bar(app)
        widget.set_result("Dana Reyes: voicemail logged → call Thu 10:00 their time, attempt 4/8 " * 3)
        await pilot.pause()
        lines = shown_lines(widget)
        assert len(lines) == 1 + rows  # the result never wraps the legend away
        assert lines[0].endswith("…") and len(lines[0]) <= size[0]
        legend = lines[1:]
        for key, word in legend_items(app.config.keys):
            item = f"{key} {word}"
            assert sum(f"  {item}  " in f"  {line}  " for line in legend) == 1, item  # whole, on one row, once
        assert all(len(line) <= size[0] for line in lines)


def test_rows_never_exceed_the_width_and_keep_the_order():
    items = legend_items(dict(OUTCOMES))
    for width in range(12, 200):
        rows = legend_rows(items, width)
        assert [i for row in rows for i in row] == items
        for row in rows:
            assert len("  ".join(f"{k} {w}" for k, w in row)) <= width or len(row) == 1


async def test_undo_is_shown_once_and_the_other_verbs_in_the_footer(make_app, settle):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.export_screenshot()  # every character painted, as text in the SVG
        assert screen.count("undo") + screen.count("Undo") == 1
        for verb in ("Block", "Break-ups", "Research", "Help"):  # s, B, i, ? (F1)
            assert verb in screen, verb
