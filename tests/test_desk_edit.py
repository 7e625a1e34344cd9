"""The desk alone: an edit is a key like an outcome. Bursts of outcomes, edits and undos leave the book as
the same keys typed one by one, and undo takes back the last one in key order, edit or outcome."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_desk import contents

from cockpit import actions
from cockpit import config as config_mod
from cockpit.demo import generate
from cockpit.desk import Desk
from cockpit.storage import Book

EDITS = ({"title": "Head of Ops"}, {"tag": "client"}, {"add_phones": ["+1 415 555 0199"]}, {"tz": "Europe/London"},
         {"email": "broken"})  # the last is refused: never on the undo stack
KEYS = st.lists(st.one_of(st.sampled_from(["voicemail", "no-answer", "undo", "down"]), st.sampled_from(EDITS)),
                min_size=1, max_size=8)


def play(folder, now, keys, burst: bool) -> tuple:
    with Book(folder) as book:
        rules = config_mod.load(folder).rules()
        desk = Desk(book, rules, lambda: now)
        desk.read(desk.read_begins(), actions.agenda(book, rules, now), None)
        desk.select(desk.ids()[0] if desk.ids() else None)
        for key in keys:
            if isinstance(key, dict):
                if desk.selected:
                    desk.press_edit(desk.selected, key)
            elif key == "undo":
                desk.undo()
            elif key == "down":
                desk.move(1)
            else:
                desk.press(key)
            if not burst:
                desk.wait()
        desk.wait()
        desk.close()
        return contents(book)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keys=KEYS)
def test_a_burst_with_edits_leaves_the_book_as_keys_typed_one_by_one(tmp_path_factory, now, keys):
    base = tmp_path_factory.mktemp("desk")
    generate(base / "template", n=5, seed=5, now=now)
    shutil.copytree(base / "template", base / "slow")
    shutil.copytree(base / "template", base / "fast")
    assert play(base / "fast", now, keys, burst=True) == play(base / "slow", now, keys, burst=False)


def test_undo_right_after_an_edit_takes_back_the_edit_not_the_outcome_before(tmp_path, now):
    generate(tmp_path / "book", n=5, seed=5, now=now)
    with Book(tmp_path / "book") as book:
        rules = config_mod.load(book.folder).rules()
        desk = Desk(book, rules, lambda: now)
        desk.read(desk.read_begins(), actions.agenda(book, rules, now), None)
        pid = desk.ids()[0]
        desk.select(pid)
        desk.press("voicemail", move=False)
        desk.wait()
        after_voicemail = book.get(pid)
        desk.press_edit(pid, {"title": "Head of Ops"})
        desk.undo()  # in the same burst as the edit
        desk.wait()
        assert book.get(pid) == after_voicemail
        assert book.history(pid)[-1].outcome == "voicemail"
        assert desk.can_undo()
        desk.close()
