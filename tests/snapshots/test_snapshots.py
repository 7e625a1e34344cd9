"""What the rep sees, pinned: the main screen at 80x24 and 120x40, help, the break-up queue, stats,
the welcome and the setup form of a new book.

A fixed clock (Monday 23 November 2026, 10:00 in New York) and a fixed demo book (seed 7), so
every run paints the same screen. Read the report before `--snapshot-update`.
"""

from __future__ import annotations

import pytest

from cockpit.app.app import CockpitApp
from cockpit.demo import generate
from cockpit.storage import Book


@pytest.fixture
def app(tmp_path, now):
    folder = tmp_path / "demo-book"
    generate(folder, 60, 7, now)
    book = Book(folder)
    yield CockpitApp(book, clock=lambda: now)
    book.close()


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_main_screen_80x24(app, snap_compare):
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_main_screen_120x40(app, snap_compare):
    assert snap_compare(app, terminal_size=(120, 40), run_before=settle)


def after_key(key: str):
    """Settle, press `key`, settle: the screen the key opens, fully loaded."""
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
    return run_before


def test_help_screen(app, snap_compare):
    assert snap_compare(app, terminal_size=(100, 40), run_before=after_key("f1"))


def test_breakup_queue(app, snap_compare):
    assert snap_compare(app, terminal_size=(100, 30), run_before=after_key("B"))


def test_stats_screen(app, snap_compare):
    assert snap_compare(app, terminal_size=(110, 50), run_before=after_key("S"))


def test_edit_form_80x24(app, snap_compare):
    """E on the first prospect: every field, the numbers with the one dialled, the add row (issue 15)."""
    assert snap_compare(app, terminal_size=(80, 24), run_before=after_key("E"))


def test_research_card_with_a_call_due_80x24(app, snap_compare):
    """The first call of the day, the research pane focused (tab, tab): number, their time, why, the
    next step in both clocks and the whole voicemail script visible without scrolling."""
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("tab", "tab")
        await settle(pilot)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.fixture
def new_book(tmp_path, now):
    book = Book(tmp_path / "new-book")
    yield CockpitApp(book, clock=lambda: now)
    book.close()


def test_welcome_on_a_new_book_80x24(new_book, snap_compare):
    """A new book opens on the welcome, which asks who is calling first (issue 16)."""
    assert snap_compare(new_book, terminal_size=(80, 24), run_before=settle)


def test_setup_form_on_a_new_book_80x24(new_book, snap_compare):
    """s on the welcome: name, company, call-back number, line of value, time zone, country (issue 16)."""
    assert snap_compare(new_book, terminal_size=(80, 24), run_before=after_key("s"))
