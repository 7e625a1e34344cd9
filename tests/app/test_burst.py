"""Keys typed in one burst do what the same keys do typed one at a time, waiting for each "logged":
the same prospects get the same outcomes in the same order, undo takes back the last key, and the
bar reports the last key.

The writes are held at a gate while the keys are pressed, so every key is in flight at once.
"""

from __future__ import annotations

import asyncio
import shutil
import threading

import pytest
from screen_parts import SIZE, bar

from cockpit import config as config_mod
from cockpit.app.app import CockpitApp
from cockpit.model import activity_to_dict, prospect_to_dict
from cockpit.storage import Book


def book_contents(book: Book) -> tuple:
    """Prospects and activities, without what differs between two runs (ids, timestamps)."""
    prospects = sorted((prospect_to_dict(p) for p in book.prospects()), key=lambda d: d["id"])
    activities = []
    for a in book.activities():
        d = activity_to_dict(a)
        d.pop("id", None)
        activities.append(d)
    return prospects, activities


async def drain(pilot, settle) -> None:
    """Every write queued so far written and its acknowledgement shown."""
    await settle(pilot)
    desk = getattr(pilot.app.main, "desk", None)
    if desk is not None:
        await asyncio.to_thread(desk.wait)
    await settle(pilot)


async def run_keys(folder, clock, settle, keys: str, burst: bool) -> tuple[tuple, str]:
    with Book(folder) as book:
        gate = threading.Event()
        record = book.record

        def held_record(prospect, activity):
            gate.wait(10)  # a burst: the first write waits until every key is pressed
            record(prospect, activity)

        book.record = held_record
        app = CockpitApp(book, config_mod.load(folder), clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            if burst:
                await pilot.press(*keys.split())
                gate.set()
            else:
                gate.set()
                for key in keys.split():
                    await pilot.press(key)
                    await drain(pilot, settle)
            await drain(pilot, settle)
            shown = bar(app).result
        return book_contents(book), shown


@pytest.mark.parametrize("keys", ["v n v u", "v n v n v n v n", "v u u n v e enter u"])
async def test_a_burst_of_keys_leaves_the_book_as_the_keys_typed_one_by_one(book_dir, tmp_path, clock, settle, keys):
    slow_dir = tmp_path / "slow"
    shutil.copytree(book_dir, slow_dir)
    slow, slow_bar = await run_keys(slow_dir, clock, settle, keys, burst=False)
    fast, fast_bar = await run_keys(book_dir, clock, settle, keys, burst=True)
    assert [a["outcome"] for a in fast[1]] == [a["outcome"] for a in slow[1]]
    assert [a["prospect_id"] for a in fast[1]] == [a["prospect_id"] for a in slow[1]]
    assert fast == slow
    assert fast_bar == slow_bar
    if keys.endswith("u"):
        assert "Undid" in fast_bar
