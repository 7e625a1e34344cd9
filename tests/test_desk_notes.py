"""The desk remembers the prospect of the last outcome key, so '.' notes them after the cursor moved on;
a note or a snooze is not an outcome to note, and undoing that outcome forgets it."""

from __future__ import annotations

from datetime import timedelta

from cockpit import actions
from cockpit import config as config_mod
from cockpit.demo import generate
from cockpit.desk import Desk
from cockpit.storage import Book


def test_last_logged_is_the_outcome_keys_prospect_until_undone(tmp_path, now):
    generate(tmp_path / "book", n=8, seed=3, now=now)
    with Book(tmp_path / "book") as book:
        rules = config_mod.load(book.folder).rules()
        desk = Desk(book, rules, lambda: now)
        desk.read(desk.read_begins(), actions.agenda(book, rules, now), None)
        first, second = desk.ids()[:2]
        histories = book.history(first), book.history(second)
        desk.select(first)
        assert desk.last_logged is None
        desk.press("voicemail")
        assert desk.selected == second and desk.last_logged == (first, book.get(first).name)
        desk.press("note", {"note": "pricing"}, first, move=False)  # a note is not an outcome to note
        desk.press("snooze", {"when": now + timedelta(days=1)})
        assert desk.last_logged == (first, book.get(first).name)
        desk.undo()  # the snooze: the voicemail still stands, '.' still notes it
        assert desk.last_logged == (first, book.get(first).name)
        desk.undo()  # the note
        desk.undo()  # the voicemail: nothing left to note
        assert desk.last_logged is None
        desk.wait()
        desk.close()
        assert (book.history(first), book.history(second)) == histories
