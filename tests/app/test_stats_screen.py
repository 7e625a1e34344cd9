"""The stats screen (S): the figures of `cockpit stats`, painted at once, suggestions accepted by their key."""

from __future__ import annotations

from datetime import datetime, timezone

from cockpit import actions
from cockpit import config as config_mod
from cockpit.app.screens.stats import StatsScreen
from cockpit.model import Activity, Prospect
from cockpit.storage import Book

SIZE = (110, 50)
NY = "America/New_York"


def summary(screen) -> str:
    return str(screen.query_one("#stats-summary").render())


async def open_stats(pilot, settle) -> StatsScreen:
    await settle(pilot)
    await pilot.press("S")
    await settle(pilot)
    assert isinstance(pilot.app.screen, StatsScreen)
    return pilot.app.screen


async def test_the_screen_shows_the_figures_of_cockpit_stats(make_app, book, settle, now):
    expected = actions.stats(book, config_mod.load(book.folder).rules(), now)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stats(pilot, settle)
        assert screen.fresh and screen.stats == expected
        assert summary(screen).startswith(f"{expected.total.dials} dials · {expected.total.connects} connects")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, StatsScreen)


async def test_a_second_opening_paints_the_last_figures_until_fresh_ones_come(make_app, book, settle, now,
                                                                            monkeypatch):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        first = await open_stats(pilot, settle)
        shown = first.stats
        await pilot.press("escape")
        monkeypatch.setattr(StatsScreen, "compute", lambda self: None)  # fresh figures never arrive
        again = await open_stats(pilot, settle)
        assert again.stats is shown and not again.fresh
        assert summary(again).endswith("bringing up to date…")
        before = (book.folder / "cockpit.toml").read_bytes()
        await pilot.press("1")  # nothing is accepted from figures that may be out of date
        await settle(pilot)
        assert (book.folder / "cockpit.toml").read_bytes() == before


def _window_log(folder) -> Book:
    """A log where 18:00 (their time) connects and 09:00 does not: the screen suggests a later window."""
    book = Book(folder)
    config_mod.write_default(folder)
    cells = {(3, 9): (60, 1), (4, 9): (60, 1), (3, 18): (60, 30), (4, 18): (60, 24)}
    prospects, acts = [], []
    for (day, hour), (dials, connects) in cells.items():
        for n in range(dials):
            pid = f"p{day}-{hour}-{n}"
            prospects.append(Prospect(id=pid, name=pid, tz=NY, cadence="cold-call"))
            acts.append(Activity(id=f"a-{pid}", prospect_id=pid, outcome="connected" if n < connects else "voicemail",
                                 at=datetime(2026, 11, day, hour + 5, 10, tzinfo=timezone.utc)))
    book.add(prospects)
    book.add_activities(acts)
    return book


async def test_a_suggestion_is_accepted_with_its_key_and_nothing_changes_before(make_app, tmp_path, settle):
    folder = tmp_path / "window"
    book = _window_log(folder)
    try:
        app = make_app(on=book)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_stats(pilot, settle)
            window = next(x for x in screen.stats.suggestions if "window_start" in x.change)
            assert window.key == "1"
            assert config_mod.load(folder).window_start.hour == 9  # shown, not applied
            await pilot.press("1")
            await settle(pilot)
            changed = config_mod.load(folder)
            assert (changed.window_start.hour, changed.window_end.hour) == (11, 19)
    finally:
        book.close()


async def test_a_learned_timing_suggestion_is_accepted_with_its_key(make_app, tmp_path, settle):
    """Connects only on Tuesdays at 16:00: key 3 makes Tuesday 16:00 the cold leads' calling time."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[1] / "engine"))
    from test_learned_timing import tuesday_log

    folder = tmp_path / "tuesdays"
    book = Book(folder)
    config_mod.write_default(folder)
    acts, prospects = tuesday_log()
    book.add(prospects.values())
    book.add_activities(acts)
    try:
        app = make_app(on=book)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_stats(pilot, settle)
            weekday = next(x for x in screen.stats.suggestions if "best_time" in x.change)
            assert weekday.key == "3" and config_mod.load(folder).timing == {}
            assert "[3] Call your cold leads on Tuesdays" in str(screen.query_one("#stats-suggestions").render())
            await pilot.press("3")
            await settle(pilot)
            learned = config_mod.load(folder).timing["cold"]
            assert (learned.weekday, learned.at.hour) == (1, 16)
            assert screen.on_config_change.__self__.rules.timing["cold"] == learned  # the rules follow at once
    finally:
        book.close()
