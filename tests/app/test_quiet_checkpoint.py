"""The journal is folded into the book between keys, not inside the write of whichever key crossed its
size (seconds in a large book): the cockpit opens its book with quiet checkpoints."""

from __future__ import annotations

import pytest
from screen_parts import SIZE, today

from cockpit.app.quiet_gc import QUIET_SECONDS
from cockpit.storage import Book, journal


@pytest.fixture
def small_journal(monkeypatch):
    monkeypatch.setattr(journal, "CHECKPOINT_BYTES", 2000)
    monkeypatch.setattr(journal, "QUIET_CHECKPOINT_BYTES", 10 ** 9)


def journal_bytes(folder) -> int:
    return (folder / journal.JOURNAL_FILE).stat().st_size


async def test_keys_never_checkpoint_and_a_quiet_moment_does(small_journal, make_app, book_dir, settle):
    with Book(book_dir, quiet_checkpoints=True) as book:
        app = make_app(on=book)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            logged = []
            for _ in range(20):
                logged.append(today(app).selected_id())
                await pilot.press("v")
                await settle(pilot)
                if book.checkpoint_due():
                    break
            size = journal_bytes(book_dir)
            assert size > 2000  # every key's write went to the journal, none stopped to checkpoint

            app.main.tick()  # the rep is typing: no checkpoint
            await settle(pilot)
            assert journal_bytes(book_dir) == size

            app.main.collector.last_key -= QUIET_SECONDS
            seen = app.main.desk.seen
            app.main.tick()
            await settle(pilot)
            assert journal_bytes(book_dir) < 200 and not book.checkpoint_due()
            assert app.main.desk.seen != seen and not app.main.reloading  # its own change: no reload for it
            assert "error" not in app.main.query_one("#outcome-bar").result_style
    with Book(book_dir) as reopened:
        for pid in logged:
            assert reopened.history(pid)[-1].outcome == "voicemail"
