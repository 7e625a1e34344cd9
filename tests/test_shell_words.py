"""The shell says what the screen says, in lines that fit: `agenda` wraps at the terminal's width
without cutting a word, and a connected note takes '@ thu 3pm' as the screen's prompt does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_cli import cockpit, private_module_dirs  # noqa: F401 - autouse: this module's own dirs

from cockpit.engine.when import split_agreed


@pytest.fixture(scope="module")
def demo(tmp_path_factory, private_module_dirs) -> Path:  # noqa: F811 - the fixture, not the import
    folder = tmp_path_factory.mktemp("shared") / "demo"
    assert cockpit("demo", book=folder).code == 0
    return folder


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_agenda_lines_fit_the_terminal_and_keep_every_word_whole(demo, columns):
    run = cockpit("agenda", book=demo, env={"COLUMNS": str(columns)})
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert max(len(line) for line in lines) < columns
    agenda = cockpit("agenda", "--json", book=demo).json()
    text = " ".join(" ".join(lines).split())  # the wrapped lines read as one run of words
    for item in agenda["today"]:
        reason = " ".join(item["priority_reason"].split())
        assert reason in text, f"{reason!r} is cut or split at {columns} columns"


@pytest.mark.parametrize("text, note, when", [
    ("wants pricing @ thu 3pm", "wants pricing", "thu 3pm"),
    ("@tomorrow 10am", "", "tomorrow 10am"),
    ("sent it to dana@acme.com", "sent it to dana@acme.com", ""),  # an address is not a time
    ("write to dana@acme.com @ fri 11am", "write to dana@acme.com", "fri 11am"),
    ("no time here", "no time here", ""),
])
def test_the_agreed_time_is_what_follows_an_at_sign_starting_a_word(text, note, when):
    assert split_agreed(text) == (note, when)


def test_connected_with_an_agreed_time_in_the_note_books_that_time(demo, tmp_path):
    book = tmp_path / "book"
    shutil.copytree(demo, book)
    pid = cockpit("agenda", "--json", book=book).json()["today"][0]["id"]
    touches = len(cockpit("show", pid, "--json", book=book).json()["history"])
    typed = cockpit("log", pid, "c", "--note", "wants pricing @ tomorrow 11am", "--json", book=book).json()
    assert typed["activity"]["note"] == "wants pricing"
    assert typed["activity"]["when"] is not None and typed["next_step"]["agreed"]
    both = cockpit("log", pid, "c", "--note", "again @ fri 11am", "--when", "mon 10am", book=book)
    assert both.code == 2 and "once" in both.err  # two times for one call: refused, nothing logged
    assert len(cockpit("show", pid, "--json", book=book).json()["history"]) == touches + 1
