"""The book never loses an acknowledged outcome: fsync before return, SIGKILL at random moments,
two processes writing one book at once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest

from cockpit import actions, config
from cockpit.demo import generate
from cockpit.engine import outcomes as engine
from cockpit.model import prospect_from_dict
from cockpit.storage import Book, journal

# A logging process: logs "connected" on its prospects round-robin and prints each activity id
# once log() has returned (acknowledged). argv: book, first prospect index, step, checkpoint bytes.
CHILD = textwrap.dedent("""
    import sys
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    from cockpit import actions, config
    from cockpit.storage import Book, journal
    folder, first, step, limit = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    journal.CHECKPOINT_BYTES = limit
    rules = config.load(folder).rules()
    book = Book(folder)
    ids = sorted(p.id for p in book.prospects() if p.active)[first::step]
    now = datetime(2026, 11, 23, 15, tzinfo=timezone.utc) + timedelta(seconds=int(sys.argv[5]))
    n = 0
    while n < int(sys.argv[6]):
        now += timedelta(seconds=1)
        result = actions.log(book, rules, ids[n % len(ids)], "connected", now, note=f"n{n}")
        print(result.activity.id, flush=True)
        n += 1
    book.close()
""")


def child(folder: Path, *, first=0, step=1, limit=1 << 23, offset=0, count=10 ** 9) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(folder), str(first), str(step), str(limit),
                             str(offset), str(count)], stdout=subprocess.PIPE, text=True)


def assert_whole(folder: Path, acknowledged: set[str], _rules=None) -> None:
    """Every acknowledged outcome is there, and each prospect is what its last activity made it."""
    rules = config.load(folder).rules()
    with Book(folder) as book:
        activities = list(book.activities())
        found = {a.id for a in activities}
        assert acknowledged <= found, f"lost: {sorted(acknowledged - found)[:5]}"
        last = {}
        for a in activities:
            last[a.prospect_id] = a
        for pid, a in last.items():
            if a.before is None:
                continue  # demo history, or an old activity whose undo snapshot a checkpoint dropped
            expected = engine.apply_outcome(prospect_from_dict(a.before), a.outcome, a.at, rules, note=a.note, activity_id=a.id)
            assert book.get(pid) == expected.prospect, f"prospect {pid} does not match its last activity {a.id}"


@pytest.fixture
def small_book(tmp_path, now):
    folder = tmp_path / "b"
    generate(folder, 12, 7, now)
    return folder


def test_an_outcome_is_fsynced_before_record_returns(small_book, rules, now, monkeypatch):
    events = []
    real_fsync = os.fsync

    def fsync(fd):
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    with Book(small_book) as book:
        pid = next(p.id for p in book.prospects() if p.active and p.phone)
        monkeypatch.setattr(os, "fsync", fsync)
        actions.log(book, rules, pid, "voicemail", now)
        events.append(("returned",))
        monkeypatch.setattr(os, "fsync", real_fsync)
    returned = events.index(("returned",))
    assert ("fsync", str(small_book / journal.JOURNAL_FILE)) in events[:returned]


def test_a_new_book_fsyncs_its_files_and_its_folder(tmp_path, monkeypatch):
    calls = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append(os.readlink(f"/proc/self/fd/{fd}")), real_fsync(fd)))
    Book(tmp_path / "new").close()
    folder = str(tmp_path / "new")
    assert folder in calls
    for name in (journal.HOT_FILE, journal.HISTORY_FILE, journal.JOURNAL_FILE):
        synced = min(i for i, c in enumerate(calls) if f"/.{name}." in c and c.endswith(".tmp"))
        assert folder in calls[synced:], f"{name}: the folder was not fsynced after the file was"


def test_sigkill_at_random_moments_loses_no_acknowledged_outcome(small_book, rules):
    rng = random.Random(5)
    acknowledged: set[str] = set()
    for run in range(40):
        # A tiny checkpoint size: kills also land inside checkpoints, not only inside appends.
        proc = child(small_book, limit=rng.choice([4000, 20000, 1 << 23]), offset=run * 1000)
        for _ in range(rng.randint(1, 8)):
            line = proc.stdout.readline()
            assert line, "the logging process died on its own"
            acknowledged.add(line.strip())
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        if run % 8 == 7:
            assert_whole(small_book, acknowledged, rules)
    assert_whole(small_book, acknowledged, rules)
    for name in (journal.HOT_FILE, journal.HISTORY_FILE):
        journal.read_json(small_book / name)  # every file parses


def test_two_processes_writing_one_book_keep_every_write(small_book, rules):
    a = child(small_book, first=0, step=2, count=40, offset=0)
    b = child(small_book, first=1, step=2, count=40, offset=100, limit=6000)  # b also checkpoints under a
    out_a, _ = a.communicate(timeout=120)
    out_b, _ = b.communicate(timeout=120)
    assert a.returncode == 0 and b.returncode == 0
    acknowledged = set(out_a.split()) | set(out_b.split())
    assert len(acknowledged) == 80
    assert_whole(small_book, acknowledged, rules)


def test_an_open_book_sees_what_another_process_logged(small_book, rules):
    with Book(small_book) as book:
        before = len(list(book.activities()))
        proc = child(small_book, count=3, limit=2000)
        out, _ = proc.communicate(timeout=60)
        ids = out.split()
        assert len(list(book.activities())) == before + 3
        pid = book.last_activity().prospect_id
        assert book.last_activity().id == ids[-1]
        book.set_meta("after", True)  # a write on the stale view keeps the other process's lines
    with Book(small_book) as again:
        assert {a.id for a in again.activities()} >= set(ids)
        assert again.get_meta("after") is True
        assert again.history(pid)[-1].id == ids[-1]


def test_a_torn_last_line_is_ignored_and_cut_away_on_the_next_write(small_book, rules, now):
    path = small_book / journal.JOURNAL_FILE
    with Book(small_book) as book:
        pid = next(p.id for p in book.prospects() if p.active and p.phone)
        actions.log(book, rules, pid, "voicemail", now)
        count = len(list(book.activities()))
    whole = path.read_bytes()
    path.write_bytes(whole + b'{"ops":[["activities","99999",{"id":"to')  # a crash mid-append
    with Book(small_book) as book:
        assert len(list(book.activities())) == count
        actions.log(book, rules, pid, "voicemail", now + timedelta(days=3))
    assert b'"to' not in path.read_bytes()[len(whole):].split(b"\n")[0][:20]
    with Book(small_book) as book:
        assert len(list(book.activities())) == count + 1
