"""Several shells logging on the same prospects at once: every attempt is counted.

`log` reads the prospect, runs the engine and writes under one exclusive lock (Book.transaction), so a
write never starts from a prospect another process has changed meanwhile. The check replays the
stored activities through the engine, one after the other: the prospect each process stored must be
what the engine makes of the one before, attempt counts included.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit import actions, config
from cockpit.engine import outcomes as engine
from cockpit.storage import Book

FROZEN = datetime(2026, 11, 23, 15, tzinfo=timezone.utc)

# argv: book, process number, logs, outcomes (comma-separated), prospect ids (comma-separated)
SHELL = textwrap.dedent("""
    import sys
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    from cockpit import actions, config
    from cockpit.engine.outcomes import OutcomeRefused
    from cockpit.storage import Book
    folder, me, logs = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    outcomes, ids = sys.argv[4].split(","), sys.argv[5].split(",")
    rules = config.load(folder).rules()
    start = datetime(2026, 11, 23, 15, tzinfo=timezone.utc)
    with Book(folder) as book:
        for n in range(logs):
            now = start + timedelta(minutes=n, seconds=me)
            pid = ids[(n + me) % len(ids)]
            try:
                actions.log(book, rules, pid, outcomes[(n + me) % len(outcomes)], now)
            except OutcomeRefused:  # the break-up is due after the last attempt: a rep who reaches them
                actions.log(book, rules, pid, "connected", now)
""")


def make_book(folder: Path, prospects: int) -> list[str]:
    folder.mkdir(parents=True)
    config.write_default(folder)
    rules = config.load(folder).rules()
    made = [actions.build_prospect(rules, FROZEN, name=f"Shared {i}", phones=[f"+1 212 555 01{i:02d}"])
            for i in range(prospects)]
    with Book(folder) as book:
        book.add(made)
    return [p.id for p in made]


def run_shells(folder: Path, ids: list[str], shells: int, logs: int, outcomes: list[str]) -> None:
    procs = [subprocess.Popen([sys.executable, "-c", SHELL, str(folder), str(me), str(logs), ",".join(outcomes),
                               ",".join(ids)]) for me in range(shells)]
    assert [p.wait(timeout=300) for p in procs] == [0] * shells


def assert_every_attempt_counted(folder: Path, ids: list[str], expected: int, initial: dict) -> None:
    rules = config.load(folder).rules()
    with Book(folder) as book:
        stored = sum(len(book.history(pid)) for pid in ids)
        assert stored == expected
        for pid in ids:
            prospect = initial[pid]
            for activity in book.history(pid):
                result = engine.apply_outcome(prospect, activity.outcome, activity.at, rules,
                                              activity_id=activity.id)
                assert activity.attempt == result.activity.attempt, f"{pid}: a lost update at {activity.id}"
                prospect = result.prospect
            assert book.get(pid) == prospect, f"{pid}: the stored prospect is not the last write's"


def test_three_shells_on_two_prospects_count_every_attempt(tmp_path):
    folder = tmp_path / "book"
    ids = make_book(folder, 2)
    with Book(folder) as book:
        initial = {pid: book.get(pid) for pid in ids}
    run_shells(folder, ids, shells=3, logs=150, outcomes=["no-answer", "voicemail", "email"])
    assert_every_attempt_counted(folder, ids, 3 * 150, initial)


@settings(max_examples=3, deadline=None)
@given(shells=st.integers(2, 3), logs=st.integers(5, 40), prospects=st.integers(1, 3),
       outcomes=st.lists(st.sampled_from(["no-answer", "voicemail", "email", "connected"]), min_size=1, max_size=4))
def test_any_mix_of_shells_and_outcomes_counts_every_attempt(tmp_path_factory, shells, logs, prospects, outcomes):
    folder = tmp_path_factory.mktemp("shells") / "book"
    ids = make_book(folder, prospects)
    with Book(folder) as book:
        initial = {pid: book.get(pid) for pid in ids}
    run_shells(folder, ids, shells, logs, outcomes)
    assert_every_attempt_counted(folder, ids, shells * logs, initial)


def test_two_shells_importing_the_same_file_at_once_add_it_once(tmp_path):
    """The duplicate check and the add are one transaction: the second import finds the first's people."""
    folder = tmp_path / "book"
    make_book(folder, 1)
    csv = tmp_path / "leads.csv"
    rows = ["First Name,Last Name,Company,Phone,Email"]
    rows += [f"Lead{i},Person,Co {i},+1 415 555 {i:04d},lead{i}@example.com" for i in range(600)]
    csv.write_text("\n".join(rows) + "\n")
    env = {**os.environ, "COCKPIT_HOME": str(folder), "COCKPIT_NOW": "2026-11-23T10:00:00-05:00"}
    shells = [subprocess.Popen([sys.executable, "-m", "cockpit.cli", "import", str(csv)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    assert [p.wait(timeout=300) for p in shells] == [0, 0, 0]
    with Book(folder) as book:
        assert book.count() == 1 + 600
