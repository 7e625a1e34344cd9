"""cockpit snooze and cockpit note: good input lands in the book, bad input is one line, exit 2, nothing stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli import NOW, cockpit, files, one_line_error

# NOW is Monday 23 Nov 2026, 10:00 in New York; Thursday 26 is Thanksgiving.


@pytest.fixture
def dana(tmp_path) -> tuple[Path, str]:
    folder = tmp_path / "book"
    run = cockpit("add", "Dana Reyes", "--company", "Acme", "--phone", "+1 212 555 0100", "--tz", "America/New_York",
                  book=folder)
    assert run.code == 0, run.err
    pid = run.out.strip()
    assert cockpit("log", pid, "voicemail", book=folder).code == 0
    return folder, pid


def test_snooze_moves_the_step_and_counts_no_attempt(dana):
    folder, pid = dana
    before = cockpit("show", pid, "--json", book=folder).json()
    run = cockpit("snooze", "Dana Reyes", "tomorrow 3pm", book=folder)
    assert run.code == 0 and run.err == ""
    assert run.out == "Snoozed Dana Reyes → call Tue 15:00 their time\n"
    after = cockpit("show", pid, "--json", book=folder).json()
    assert after["next_step"]["due"] == "2026-11-24T15:00:00-05:00"
    assert after["prospect"]["attempt"] == before["prospect"]["attempt"] == 1
    assert after["prospect"]["status"] == before["prospect"]["status"]
    for key in ("channel", "reason", "step"):
        assert after["next_step"][key] == before["next_step"][key]
    assert after["history"][0]["outcome"] == "snooze"
    shown = cockpit("show", pid, book=folder).out
    assert "history (1 touch," in shown and "snooze" in shown and "to Tue 24 Nov 15:00" in shown


def test_snooze_json_and_a_weekend_lands_on_monday_when_their_window_opens(dana):
    folder, pid = dana
    data = cockpit("snooze", pid[:4], "sat 10am", "--json", book=folder).json()
    assert data["next_step"]["due"] == "2026-11-30T09:00:00-05:00"
    assert data["activity"]["outcome"] == "snooze" and "before" not in data["activity"]
    assert data["prospect"]["attempt"] == 1


def test_snooze_is_undone(dana):
    folder, pid = dana
    before = cockpit("show", pid, "--json", book=folder).json()
    assert cockpit("snooze", pid, "+2d", book=folder).code == 0
    run = cockpit("undo", book=folder)
    assert run.out.startswith("Undid snooze for Dana Reyes")
    assert cockpit("show", pid, "--json", book=folder).json() == before


def test_log_snooze_with_when_does_the_same(dana):
    folder, pid = dana
    run = cockpit("log", pid, "z", "--when", "tomorrow 3pm", book=folder)
    assert run.out == "Snoozed Dana Reyes → call Tue 15:00 their time\n"


def test_note_is_kept_newest_first_and_changes_nothing_else(dana):
    folder, pid = dana
    before = cockpit("show", pid, "--json", book=folder).json()
    run = cockpit("note", pid, "wants a demo in March", book=folder)
    assert run.code == 0 and run.out == "Note saved for Dana Reyes\n"
    data = cockpit("note", pid, "ask about the new CFO", "--json", book=folder).json()
    assert data["activity"]["outcome"] == "note" and data["activity"]["note"] == "ask about the new CFO"
    after = cockpit("show", pid, "--json", book=folder).json()
    assert after["prospect"] == before["prospect"] and after["next_step"] == before["next_step"]
    assert [(a["outcome"], a["note"]) for a in after["history"][:2]] == [
        ("note", "ask about the new CFO"), ("note", "wants a demo in March")]
    lines = cockpit("show", pid, book=folder).out.splitlines()
    assert "history (1 touch, newest first, your time):" in lines[-4]
    assert lines[-3].endswith("note            ask about the new CFO")
    assert lines[-2].endswith("note            wants a demo in March")


BAD = {  # name -> (argv with {id}, a word the one line must hold)
    "empty note": (["note", "{id}", "   "], "empty"),
    "note without text": (["note", "{id}"], "text"),
    "snooze without a time": (["snooze", "{id}"], "when"),
    "snooze to nonsense": (["snooze", "{id}", "someday soon"], "accepted"),
    "snooze to the past": (["snooze", "{id}", "2026-11-20 10:00"], "passed"),
    "snooze an unknown prospect": (["snooze", "nosuchid", "tomorrow"], "nosuchid"),
    "note on an unknown prospect": (["note", "nosuchid", "hello"], "nosuchid"),
    "log snooze without --when": (["log", "{id}", "snooze"], "needs a time"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_one_line_exit_2_and_nothing_stored(dana, case):
    folder, pid = dana
    argv, word = BAD[case]
    before = files(folder)
    message = one_line_error(cockpit(*[a.format(id=pid) for a in argv], book=folder, now=NOW))
    assert word.lower() in message.lower()
    assert files(folder) == before


def test_a_closed_prospect_cannot_be_snoozed_but_keeps_notes(dana):
    folder, pid = dana
    assert cockpit("log", pid, "d", book=folder).code == 0
    before = files(folder)
    message = one_line_error(cockpit("snooze", pid, "tomorrow", book=folder))
    assert "do-not-contact" in message and files(folder) == before
    assert cockpit("note", pid, "asked kindly", book=folder).code == 0


def test_stats_are_the_same_with_snoozes_and_notes(tmp_path):
    # `cockpit stats` reads the book's derived rows (storage/derived.py), kept up to date from the journal.
    folder = tmp_path / "demo"
    assert cockpit("demo", book=folder).code == 0
    before = cockpit("stats", "--json", book=folder).json()
    agenda = cockpit("agenda", "--json", book=folder).json()
    for item in [i for i in agenda["today"] + agenda["overdue"] if i["next_step"]["channel"] == "call"][:8]:
        for argv in (["note", item["id"], "send the case study"], ["snooze", item["id"], "+1d"]):
            assert cockpit(*argv, book=folder).code == 0
    assert cockpit("stats", "--json", book=folder).json() == before


def test_a_note_is_data_stored_exactly_and_shown_as_plain_text(dana):
    folder, pid = dana
    text = "call \x1b[2Jback\nafter \x1b]0;owned\x07lunch"
    assert cockpit("note", pid, text, book=folder).code == 0
    assert cockpit("show", pid, "--json", book=folder).json()["history"][0]["note"] == text
    shown = cockpit("show", pid, book=folder).out
    assert "\x1b" not in shown and "\x07" not in shown
    assert "call back after lunch" in shown
