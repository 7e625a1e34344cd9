"""A keypress changes what it logged and nothing else, and what it leaves on screen is what a full read
of the book shows: the rows, their order, the overdue pane, the selection. Undo puts the screen back;
a change made by another process shows after the screen's next look at the book."""

from __future__ import annotations

import asyncio
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from screen_parts import SIZE, rules_of, text_of, today

from cockpit import actions
from cockpit import config as config_mod
from cockpit.app.app import CockpitApp
from cockpit.app.widgets.today import MAX_ROWS, OverdueTable, signature, titled
from cockpit.demo import generate
from cockpit.engine import queue
from cockpit.storage import Book, StorageError

# Each action is what a rep types: one key, or a key and its confirmation.
ACTIONS = {
    "voicemail": ("v",), "no-answer": ("n",), "email": ("e", "enter"), "wrong-number": ("w",),
    "down": ("j",), "up": ("k",), "undo": ("u",), "dead": ("D", "enter"), "not-interested": ("x", "p"),
}


def overdue(app) -> OverdueTable:
    return app.main.query_one("#overdue", OverdueTable)


def plain(renderable) -> str:
    out = io.StringIO()
    Console(file=out, width=60, color_system=None, force_terminal=False).print(renderable)
    return out.getvalue()


def screen_state(app) -> dict:
    """What the rep sees in the list panes, the card and the header (the bar's message aside)."""
    main = app.main
    return {
        "today": today(app).ids(), "today_rows": dict(today(app).shown), "today_title": today(app).border_title,
        "overdue": overdue(app).ids(), "overdue_rows": dict(overdue(app).shown),
        "overdue_title": overdue(app).border_title, "selected": main.selected,
        "cursor": today(app).selected_id(), "card": plain(main.query_one("#research").content),
        "research_title": main.query_one("#research").border_title,
        "header": text_of(main.query_one("#block-stats")), "agenda": main.agenda,
    }


def assert_as_a_full_read_shows(app, book) -> None:
    main = app.main
    fresh = actions.agenda(book, main.rules, main.clock())
    assert main.agenda == fresh
    attempts = {name: c.attempts_max for name, c in main.rules.cadences.items()}
    table, late = today(app), overdue(app)
    assert table.ids() == [i.prospect.id for i in fresh.today[:MAX_ROWS]]
    assert table.shown == {i.prospect.id: signature(table.row(i, attempts)) for i in fresh.today[:MAX_ROWS]}
    assert table.border_title == titled("Today's calls", min(len(fresh.today), MAX_ROWS), len(fresh.today))
    apart = queue.overdue_apart(fresh, MAX_ROWS)  # the overdue not already in today's rows
    assert late.ids() == [i.prospect.id for i in apart[:MAX_ROWS]]
    assert late.shown == {i.prospect.id: signature(late.row(i)) for i in apart[:MAX_ROWS]}


# ---- a keypress places one prospect again --------------------------------------------------------


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.sampled_from(sorted(ACTIONS)), min_size=1, max_size=8))
def test_after_any_keys_the_list_is_what_a_full_read_shows(demo_template, settle, now, steps):
    async def scenario(folder: Path) -> None:
        with Book(folder) as book:
            app = CockpitApp(book, config_mod.load(folder), clock=lambda: now)
            async with app.run_test(size=SIZE) as pilot:
                await settle(pilot)
                first_read = app.main.desk.applied_seq
                for step in steps:
                    await pilot.press(*ACTIONS[step])
                    await settle(pilot)
                    assert_as_a_full_read_shows(app, book)
                    assert app.main.selected in today(app).ids()
                # Every key was shown by placing its prospect again: the book was read in full once.
                assert app.main.desk.applied_seq == first_read

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "demo"
        shutil.copytree(demo_template, folder)
        asyncio.run(scenario(folder))


async def test_a_keypress_reads_no_agenda(make_app, settle, monkeypatch):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reads = []
        monkeypatch.setattr(actions, "agenda", lambda *a, **k: reads.append(a))
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert reads == []
        assert app.main.agenda is not None and len(today(app).ids()) > 0


async def test_a_long_list_shows_its_first_rows_after_each_key(tmp_path, settle, now):
    folder = tmp_path / "large"
    generate(folder, n=1000, seed=7, now=now)
    with Book(folder) as book:
        app = CockpitApp(book, config_mod.load(folder), clock=lambda: now)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert len(app.main.agenda.today) > MAX_ROWS
            assert len(today(app).ids()) == MAX_ROWS
            for key in ("v", "j", "n", "w", "u"):
                await pilot.press(key)
                await settle(pilot)
                assert_as_a_full_read_shows(app, book)
                assert len(today(app).ids()) == MAX_ROWS


# ---- undo puts the screen back ------------------------------------------------------------------


@pytest.mark.parametrize(("moves", "keys"), [((), ("v",)), ((), ("n",)), ((), ("D", "enter")), (("j", "j"), ("e", "enter"))])
async def test_undo_puts_back_exactly_the_rows_and_the_selection(make_app, settle, moves, keys):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*moves)
        await settle(pilot)
        before = screen_state(app)
        await pilot.press(*keys)
        await settle(pilot)
        assert screen_state(app) != before
        await pilot.press("u")
        await settle(pilot)
        assert screen_state(app) == before


# ---- what the screen reads again, off the key path ----------------------------------------------


async def test_an_outcome_logged_by_another_process_shows_after_the_next_look(make_app, book, book_dir, settle, now):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).ids()[1]
        shown_before = today(app).shown[pid]
        with Book(book_dir) as other:  # `cockpit log PID v` in a shell
            actions.log(other, rules_of(other), pid, "voicemail", now)
        app.main.tick()  # the screen's once-a-second look at the book
        await settle(pilot)
        assert pid not in today(app).ids() or today(app).shown[pid] != shown_before
        assert_as_a_full_read_shows(app, book)


async def test_a_key_after_another_process_wrote_shows_both(make_app, book, book_dir, settle, now):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        other_pid = today(app).ids()[3]
        with Book(book_dir) as other:
            actions.log(other, rules_of(other), other_pid, "no-answer", now)
        await pilot.press("v")  # before the screen has looked: the write notices the book changed
        await settle(pilot)
        assert book.history(other_pid)[-1].outcome == "no-answer"
        assert_as_a_full_read_shows(app, book)


async def test_a_new_minute_reads_the_list_again(make_app, book, settle, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        clock.advance(minutes=1)
        app.main.tick()
        await settle(pilot)
        assert app.main.agenda.now == clock()
        assert_as_a_full_read_shows(app, book)


# ---- start-up: the book opens after the first frame ---------------------------------------------


async def test_opened_from_its_folder_the_app_shows_what_an_open_book_shows(make_app, book_dir, tmp_path, settle, now):
    twin = tmp_path / "twin"
    shutil.copytree(book_dir, twin)
    eager = make_app()
    async with eager.run_test(size=SIZE) as pilot:
        await settle(pilot)
        expected = eager.export_screenshot()
    lazy = CockpitApp(twin, config_mod.load(twin), clock=lambda: now)
    assert lazy.book is None
    async with lazy.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert lazy.book is not None and lazy.book.folder == twin
        assert lazy.export_screenshot() == expected
    lazy.book.close()


async def test_a_book_that_does_not_open_ends_the_app_with_the_reason(tmp_path, settle, now):
    folder = tmp_path / "damaged"
    with Book(folder):
        pass
    (folder / "book.json").write_text("{ not json")
    app = CockpitApp(folder, config_mod.load(folder), clock=lambda: now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    assert isinstance(app.open_error, StorageError)
    assert "damaged" in str(app.open_error)
    assert app.return_code == 1
