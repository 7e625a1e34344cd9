"""A long-open book never writes over what other processes wrote, however the file system names files.

Another process's checkpoint is seen from the journal's header (its generation and the id of the
checkpoint that wrote it), never from the journal's inode number or size: ext4 hands a freed inode
number out again at once, and a new journal can reach the size the old one had.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from cockpit import actions, config
from cockpit.demo import generate
from cockpit.storage import JOURNAL_FILE, Book, StorageError, journal

FROZEN = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)  # Monday, 10:00 in New York


def active_ids(book: Book) -> list[str]:
    """Prospects a dial can be logged on: active, a working number, no break-up waiting."""
    return sorted(p.id for p in book.prospects()
                  if p.active and p.phone and not (p.next_step and p.next_step.channel == "break-up"))


def counts(folder: Path) -> tuple[int, int]:
    with Book(folder) as book:
        return book.count(), sum(1 for _ in book.activities())


@pytest.fixture
def folder(tmp_path) -> Path:
    folder = tmp_path / "shared"
    generate(folder, n=40, now=FROZEN)
    return folder


def fool_stat(monkeypatch, path: Path, ino: int, size_of):
    """Make os.stat say of the journal what it said before: the same inode number (reused, as ext4
    does) and the size the long-open process last saw. Only the journal's identity is faked."""
    real = os.stat

    def stat(p, *args, **kwargs):
        st = real(p, *args, **kwargs)
        if os.fspath(p) == str(path):
            fields = list(st)
            fields[1], fields[6] = ino, size_of()
            return os.stat_result(fields)
        return st

    monkeypatch.setattr(os, "stat", stat)


def test_a_checkpoint_elsewhere_is_seen_though_the_journal_looks_the_same(folder, monkeypatch):
    """On main this lost the other book's work: the long-open book appended into the new journal at
    its old offset, and its checkpoint wrote its stale tables over the other's."""
    rules = config.load(folder).rules()
    long_open = Book(folder)
    ids = active_ids(long_open)
    seen_size = os.path.getsize(folder / JOURNAL_FILE)
    fool_stat(monkeypatch, folder / JOURNAL_FILE, os.stat(folder / JOURNAL_FILE).st_ino, lambda: seen_size)
    before_prospects, before_activities = len(long_open.prospects()), sum(1 for _ in long_open.activities())
    touches = [len(long_open.history(pid)) for pid in ids[:4]]

    with Book(folder) as other:  # another process: adds, logs, checkpoints twice, logs again
        other.add([actions.build_prospect(rules, FROZEN, name=f"New {i}", phones=[f"+1 212 555 01{i:02d}"])
                   for i in range(5)])
        for round_ in range(3):
            for n, pid in enumerate(ids[:4]):
                actions.log(other, rules, pid, "no-answer", FROZEN + timedelta(minutes=10 * round_ + n))
            if round_ < 2:
                other.checkpoint()

    actions.log(long_open, rules, ids[10], "voicemail", FROZEN + timedelta(hours=2))
    long_open.checkpoint()
    long_open.close()

    monkeypatch.undo()
    prospects, activities = counts(folder)
    assert prospects == before_prospects + 5
    assert activities == before_activities + 12 + 1
    with Book(folder) as book:
        assert [len(book.history(pid)) for pid in ids[:4]] == [n + 3 for n in touches]


def test_a_write_on_a_view_older_than_the_files_is_refused(folder):
    """The last guard: a commit whose journal is not the one it read writes nothing."""
    rules = config.load(folder).rules()
    with Book(folder) as book:
        pid = active_ids(book)[0]
        store = book._store
        with Book(folder) as other:
            other.checkpoint()  # a new journal, a new header
        before = {name: (folder / name).read_bytes() for name in ("book.json", "history.json", JOURNAL_FILE)}
        with store._locked(exclusive=True):
            with pytest.raises(StorageError, match="changed by another process.*nothing was written"):
                store.commit([["meta", "99", {"key": "x", "value": 1}]])
        assert {name: (folder / name).read_bytes() for name in before} == before
        actions.log(book, rules, pid, "no-answer", FROZEN)  # through the book it catches up and writes
    with Book(folder) as book:
        assert book.get(pid).attempt == 1


CHECKPOINTING_PROCESS = textwrap.dedent("""
    import sys
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    from cockpit import actions, config
    from cockpit.storage import Book
    folder, round_ = Path(sys.argv[1]), int(sys.argv[2])
    rules = config.load(folder).rules()
    now = datetime(2026, 11, 23, 16, tzinfo=timezone.utc) + timedelta(minutes=round_)
    with Book(folder) as book:
        book.add([actions.build_prospect(rules, now, name=f"Imported {round_}-{i}",
                                         phones=[f"+1 312 555 {round_:02d}{i:02d}"]) for i in range(20)])
        ids = sorted(p.id for p in book.prospects() if p.active and p.phone)[:5]
        for n, pid in enumerate(ids):
            actions.log(book, rules, pid, "no-answer", now + timedelta(seconds=n))
        book.checkpoint()
""")


def test_a_long_open_book_loses_nothing_while_other_processes_checkpoint(folder):
    """A screen left open (or suspended) while shells import, log and checkpoint, then it logs and quits."""
    rules = config.load(folder).rules()
    long_open = Book(folder, quiet_checkpoints=True)
    ids = active_ids(long_open)
    start_prospects, start_activities = counts(folder)
    for round_ in range(4):
        subprocess.run([sys.executable, "-c", CHECKPOINTING_PROCESS, str(folder), str(round_)], check=True)
    actions.log(long_open, rules, ids[-1], "voicemail", FROZEN + timedelta(hours=3))
    long_open.checkpoint()  # what close does past a size: the open screen's checkpoint
    long_open.close()
    prospects, activities = counts(folder)
    assert prospects == start_prospects + 4 * 20
    assert activities == start_activities + 4 * 5 + 1


def test_a_journal_rewritten_at_the_same_generation_is_still_seen(folder):
    """A journal put back at the generation we know (a backup restored, say) differs by its id."""
    with Book(folder) as book:
        store = book._store
        head = store._journal_head
        gen = store._gen
        (folder / JOURNAL_FILE).write_bytes(journal.journal_header(gen))
        assert (folder / JOURNAL_FILE).read_bytes() != head
        with store._locked(exclusive=False):
            store.catch_up()
        assert store._journal_head != head
