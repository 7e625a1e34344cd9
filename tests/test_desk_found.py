"""The desk and a prospect found with / who is on no list: keys act on them, predicted for bursts,
written in key order, and the cursor goes back to the row the rep left."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_desk import contents

from cockpit import actions
from cockpit import config as config_mod
from cockpit.demo import generate
from cockpit.desk import Desk
from cockpit.engine.outcomes import apply_outcome
from cockpit.storage import Book


def off_list(book, agenda):
    return next(p for p in sorted(book.prospects(), key=lambda p: p.id)
                if p.active and p.next_step and p.id not in agenda.where)


def open_desk(book, now):
    rules = config_mod.load(book.folder).rules()
    desk = Desk(book, rules, lambda: now)
    agenda = actions.agenda(book, rules, now)
    desk.read(desk.read_begins(), agenda, None)
    return desk, rules, agenda


@pytest.fixture
def folder(tmp_path, now):
    generate(tmp_path / "b", n=40, seed=7, now=now)
    return tmp_path / "b"


def test_a_key_on_a_found_prospect_logs_on_them_and_the_cursor_goes_back(folder, now):
    with Book(folder) as book:
        desk, rules, agenda = open_desk(book, now)
        row = desk.ids()[1]
        desk.select(row)
        found = off_list(book, agenda)
        desk.open_found(found)
        assert desk.selected == found.id and desk.prospect(found.id) == found
        desk.press("voicemail")
        predicted = apply_outcome(found, "voicemail", now, rules).prospect
        assert desk.prospect(found.id) == predicted  # before the write returns
        assert desk.selected == row
        desk.wait()
        desk.close()
        assert book.get(found.id) == predicted
        assert desk.found == predicted


def test_two_keys_in_a_burst_on_a_found_prospect_then_undo_as_typed_slowly(folder, now, tmp_path):
    shutil.copytree(folder, tmp_path / "slow")
    results = []
    for where, burst in ((folder, True), (tmp_path / "slow", False)):
        with Book(where) as book:
            desk, rules, agenda = open_desk(book, now)
            found = off_list(book, agenda)
            for step in ("open", "voicemail", "open", "email", "undo"):
                if step == "open":
                    desk.open_found(desk.found_view() or found)
                elif step == "undo":
                    desk.undo()
                else:
                    desk.press(step)
                if not burst:
                    desk.wait()
            desk.wait()
            desk.close()
            results.append((contents(book), desk.selected))
    assert results[0] == results[1]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keys=st.lists(st.sampled_from(["voicemail", "no-answer", "email", "undo", "find"]), min_size=1, max_size=6))
def test_any_keys_with_finds_leave_the_book_as_typed_one_by_one(tmp_path_factory, now, keys):
    base = tmp_path_factory.mktemp("found")
    generate(base / "t", n=8, seed=3, now=now)
    shutil.copytree(base / "t", base / "slow")
    shutil.copytree(base / "t", base / "fast")
    out = []
    for name, burst in (("fast", True), ("slow", False)):
        with Book(base / name) as book:
            desk, rules, agenda = open_desk(book, now)
            found = off_list(book, agenda)
            desk.select(desk.ids()[0] if desk.ids() else None)
            for key in keys:
                if key == "find":
                    desk.open_found(desk.found_view() or found)
                elif key == "undo":
                    desk.undo()
                else:
                    desk.press(key)
                if not burst:
                    desk.wait()
            desk.wait()
            desk.close()
            out.append(contents(book))
    assert out[0] == out[1]
