"""talk_seconds (t to the outcome key) is kept with the activity: through the journal, a checkpoint,
and `cockpit show --json`, and an old activity without it reads back as None."""

from __future__ import annotations

import json

import pytest
from test_cli import NOW_UTC, cockpit

from cockpit import actions
from cockpit import config as config_mod
from cockpit.demo import generate
from cockpit.model import activity_from_dict, activity_problem
from cockpit.storage import Book


@pytest.fixture
def book(tmp_path):
    generate(tmp_path / "b", n=20, seed=7, now=NOW_UTC)
    return tmp_path / "b"


def logged_with_talk(folder):
    rules = config_mod.load(folder).rules()
    with Book(folder) as book:
        pid = actions.agenda(book, rules, NOW_UTC).today[0].prospect.id
        actions.log(book, rules, pid, "voicemail", NOW_UTC, wrap_seconds=12.34, talk_seconds=101.96)
    return pid


def test_talk_seconds_survive_the_journal_and_a_checkpoint(book):
    pid = logged_with_talk(book)
    with Book(book) as reopened:  # replayed from the journal
        assert reopened.history(pid)[-1].talk_seconds == 102.0
        reopened.checkpoint()
    with Book(book) as folded:  # read from the snapshot
        last = folded.history(pid)[-1]
        assert (last.talk_seconds, last.wrap_seconds) == (102.0, 12.3)


def test_show_json_gives_talk_seconds(book):
    pid = logged_with_talk(book)
    run = cockpit("show", pid, "--json", book=book)
    assert run.code == 0, run.err
    assert json.loads(run.out)["history"][0]["talk_seconds"] == 102.0


def test_an_activity_written_before_talk_seconds_reads_as_none_and_a_bad_one_is_named():
    old = {"id": "1", "prospect_id": "p", "outcome": "voicemail", "at": "2026-11-23T15:00:00+00:00"}
    assert activity_from_dict(old).talk_seconds is None and activity_problem(old) == ""
    assert activity_problem({**old, "talk_seconds": "long"}) == "talk_seconds is not a number"
