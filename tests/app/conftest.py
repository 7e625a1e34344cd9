"""Pilot fixtures: a fresh demo book on disk for every test, and an app factory with a fixed clock."""

from __future__ import annotations

import asyncio
import shutil
from datetime import datetime, timedelta, timezone

import pytest
from textual.worker import WorkerCancelled, WorkerFailed

from cockpit import config as config_mod
from cockpit.app.app import CockpitApp
from cockpit.demo import generate
from cockpit.storage import Book

DEMO_NOW = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)  # tests/conftest.py's FROZEN


class Clock:
    """A clock the test moves by hand: `clock.advance(minutes=5)`."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The demo book, generated once; each test gets its own copy (generate is deterministic)."""
    folder = tmp_path_factory.mktemp("template") / "demo"
    generate(folder, n=60, seed=7, now=DEMO_NOW)
    return folder


@pytest.fixture
def book_dir(tmp_path, demo_template, now):
    assert now == DEMO_NOW, "the demo book is generated at the suite's frozen clock"
    folder = tmp_path / "demo"
    shutil.copytree(demo_template, folder)
    return folder


@pytest.fixture
def book(book_dir):
    with Book(book_dir) as opened:
        yield opened


@pytest.fixture
def clock(now) -> Clock:
    return Clock(now)


@pytest.fixture
def make_app(book, clock):
    """CockpitApp on the demo book (or another one), its config read from the book folder."""

    def make(on: Book | None = None, **kwargs) -> CockpitApp:
        target = on or book
        return CockpitApp(target, config_mod.load(target.folder), clock=kwargs.pop("clock", clock), **kwargs)

    return make


@pytest.fixture
def empty_book(tmp_path):
    folder = tmp_path / "empty"
    with Book(folder) as opened:
        yield opened


@pytest.fixture
def settle():
    """Wait until every worker is done and the messages they posted are handled.

    `app.workers.wait_for_complete()` raises when an exclusive worker (a reload, the research card)
    was cancelled by a newer one, which is normal here; this waits for the rest instead.
    """

    async def wait(pilot) -> None:
        app = pilot.app
        for _ in range(50):
            await pilot.pause()
            desk = getattr(getattr(app, "main", None), "desk", None)
            if desk is not None:  # the desk's writer is a thread of its own, not a Textual worker
                await asyncio.to_thread(desk.wait)
                await pilot.pause()
            busy = [w for w in app.workers if not w.is_finished]
            if not busy and (desk is None or desk.idle()):
                await pilot.pause()
                return
            for worker in busy:
                try:
                    await worker.wait()
                except (WorkerCancelled, WorkerFailed):
                    pass
        raise AssertionError(f"workers still busy: {list(app.workers)}")

    return wait
