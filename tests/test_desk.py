"""The desk alone (no screen): keys delivered in one burst leave the book exactly as the same keys
delivered one at a time, each waited for until it is logged."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cockpit import actions
from cockpit import config as config_mod
from cockpit.demo import generate
from cockpit.desk import Desk
from cockpit.model import activity_to_dict, prospect_to_dict
from cockpit.storage import Book

KEYS = st.lists(st.sampled_from(["voicemail", "no-answer", "email", "undo", "down", "up"]), min_size=1, max_size=8)


def contents(book) -> tuple:
    prospects = sorted((prospect_to_dict(p) for p in book.prospects()), key=lambda d: d["id"])
    activities = [{k: v for k, v in activity_to_dict(a).items() if k != "id"} for a in book.activities()]
    return prospects, activities


def play(folder, now, keys, burst: bool) -> tuple:
    with Book(folder) as book:
        rules = config_mod.load(folder).rules()
        desk = Desk(book, rules, lambda: now)
        desk.read(desk.read_begins(), actions.agenda(book, rules, now), None)
        desk.select(desk.ids()[0] if desk.ids() else None)
        for key in keys:
            if key == "undo":
                desk.undo()
            elif key in ("down", "up"):
                desk.move(1 if key == "down" else -1)
            else:
                desk.press(key)
            if not burst:
                desk.wait()
        desk.wait()
        desk.close()
        return contents(book)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keys=KEYS, size=st.integers(3, 12))
def test_a_burst_leaves_the_book_as_keys_typed_one_by_one(tmp_path_factory, now, keys, size):
    base = tmp_path_factory.mktemp("desk")
    generate(base / "template", n=size, seed=size, now=now)
    shutil.copytree(base / "template", base / "slow")
    shutil.copytree(base / "template", base / "fast")
    assert play(base / "fast", now, keys, burst=True) == play(base / "slow", now, keys, burst=False)
