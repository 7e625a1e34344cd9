"""The book's storage: its interface, damaged files left alone, full disk, privacy, versions, backups."""

from __future__ import annotations

import errno
import json
import os
import stat
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from cockpit import actions, doctor
from cockpit.demo import generate
from cockpit.model import Activity, Prospect, activity_to_dict, prospect_to_dict
from cockpit.storage import Book, BookDamaged, StorageError, UnknownProspect, backups, journal


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def demo(tmp_path, now) -> Path:
    folder = tmp_path / "b"
    generate(folder, 20, 7, now)
    return folder


def first_active(book) -> Prospect:
    return next(p for p in sorted(book.prospects(), key=lambda p: p.id) if p.active)


def test_the_interface_round_trips_through_a_reopen(tmp_path, rules, now):
    a = Prospect(id="a1", name="Ann", company="A")
    with Book(tmp_path / "b") as book:
        book.add([actions.build_prospect(rules, now, name="Ann", phones=["+1 212 555 0100"], pid="a1"),
                  actions.build_prospect(rules, now, name="Bob", phones=["+1 212 555 0100"], pid="b2")])
        with pytest.raises(StorageError, match="a1"):
            book.add([a])
        with pytest.raises(UnknownProspect):
            book.get("zz")
        assert book.count() == 2 and {p.id for p in book.due(now + timedelta(days=1))} == {"a1", "b2"}
        first = actions.log(book, rules, "a1", "voicemail", now)
        second = actions.log(book, rules, "a1", "connected", now + timedelta(hours=1), note="hi")
        assert [x.id for x in book.history("a1")] == [first.activity.id, second.activity.id]
        assert book.last_activity().id == second.activity.id
        book.set_meta("block", {"id": "k"})
        book.set_meta("block", {"id": "k2"})
        book.update([replace(book.get("b2"), title="CEO")])
    with Book(tmp_path / "b") as book:
        assert book.get("a1") == second.prospect and book.get("b2").title == "CEO"
        assert book.get_meta("block") == {"id": "k2"} and book.get_meta("none", 5) == 5
        assert actions.undo_last(book)[1] == first.prospect
        assert [x.id for x in book.history("a1")] == [first.activity.id]
    with Book(tmp_path / "b") as book:
        assert book.get("a1") == first.prospect and book.last_activity().id == first.activity.id
        assert [x.id for x in book.activities()] == [first.activity.id]


def test_opening_and_the_agenda_never_read_history(demo, rules, now, monkeypatch):
    read = []
    real = journal.read_bytes
    monkeypatch.setattr(journal, "read_bytes", lambda path: (read.append(path.name), real(path))[1])
    with Book(demo) as book:
        actions.agenda(book, rules, now)
        actions.log(book, rules, first_active(book).id, "voicemail", now)
        assert journal.HISTORY_FILE not in read
        book.history(first_active(book).id)
        assert journal.HISTORY_FILE in read


def test_a_big_batch_is_one_checkpoint_not_one_fsync_a_row(tmp_path, rules, now, monkeypatch):
    calls = []
    real = os.fsync
    with Book(tmp_path / "b") as book:
        monkeypatch.setattr(os, "fsync", lambda fd: (calls.append(fd), real(fd)))
        book.add([Prospect(id=f"p{i}", name=f"P {i}") for i in range(5000)])
        assert len(calls) <= 10
        assert book.count() == 5000


def test_checkpoints_keep_everything_and_drop_old_undo_snapshots(demo, now, monkeypatch):
    monkeypatch.setattr(journal, "CHECKPOINT_BYTES", 3000)
    from cockpit import config
    rules = config.load(demo).rules()
    logged = []
    with Book(demo) as book:
        ids = [p.id for p in book.prospects() if p.active]
        for i in range(130):
            logged.append(actions.log(book, rules, ids[i % len(ids)], "connected", now + timedelta(minutes=i)).activity)
        assert book._store.journal_size() < 3000 + 4000  # it checkpointed
    with Book(demo) as book:
        acts = {a.id: a for a in book.activities()}
        assert all(a.id in acts for a in logged)
        assert acts[logged[-1].id].before is not None and acts[logged[0].id].before is None
        assert sum(a.before is not None for a in acts.values()) <= 100 + 10  # + those logged since


@pytest.mark.parametrize("name", [journal.HOT_FILE, journal.HISTORY_FILE, journal.JOURNAL_FILE])
def test_a_damaged_file_is_named_and_never_overwritten(demo, rules, now, name):
    with Book(demo) as book:
        actions.log(book, rules, first_active(book).id, "voicemail", now)  # a journal with a line in it
    path = demo / name
    data = path.read_bytes()
    cut = data.index(b"\n") + 5 if name == journal.JOURNAL_FILE else len(data) // 2
    path.write_bytes(data[:cut] + b"}garbage\n" + data[cut:])
    before = files(demo)
    with pytest.raises(BookDamaged) as caught:
        with Book(demo) as book:
            list(book.activities())
            book.set_meta("x", 1)
    assert str(path) in str(caught.value) and "cockpit doctor --restore" in str(caught.value)
    assert files(demo) == before
    code, lines = doctor.run(demo)
    assert code == 1 and any(str(path) in line for line in lines)
    assert files(demo) == before


def test_doctor_restore_moves_the_damage_aside_and_brings_back_the_newest_good_backup(demo, now):
    with Book(demo) as book:
        pid = first_active(book).id
    (demo / journal.HOT_FILE).write_bytes(b'{"_cockpit": {"schema": 1, "gen"')
    code, lines = doctor.run(demo, restore=True)
    assert code == 0, lines
    (aside,) = demo.glob("damaged-*")
    assert (aside / journal.HOT_FILE).read_bytes() == b'{"_cockpit": {"schema": 1, "gen"'
    with Book(demo) as book:
        assert book.get(pid)
    assert doctor.run(demo)[0] == 0


def test_backups_are_daily_and_at_most_seven(demo, monkeypatch):
    assert backups.backups(demo) == []  # the demo's book was empty when it was opened
    Book(demo).close()
    Book(demo).close()
    assert len(backups.backups(demo)) == 1
    for day in range(1, 10):
        monkeypatch.setattr(backups.time, "strftime", lambda fmt, d=day: f"2027-01-{d:02d}-120000"
                            if fmt.startswith("%Y-%m-%d-") else f"2027-01-{d:02d}")
        Book(demo).close()
    names = [p.name for p in backups.backups(demo)]
    assert len(names) == 7 and names[0].startswith("2027-01-09")


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_a_full_disk_is_a_clear_error_and_loses_nothing(demo, rules, now, monkeypatch, where):
    with Book(demo) as book:
        pid = first_active(book).id
        kept = actions.log(book, rules, pid, "voicemail", now)
        size = (demo / journal.JOURNAL_FILE).stat().st_size

        def full(*args):
            raise OSError(errno.ENOSPC, "No space left on device")
        monkeypatch.setattr(os, "pwrite" if where == "write" else "fsync", full)
        with pytest.raises(StorageError, match="disk is full"):
            actions.log(book, rules, pid, "connected", now + timedelta(hours=1))
        monkeypatch.undo()
        assert (demo / journal.JOURNAL_FILE).stat().st_size == size
        assert book.get(pid) == kept.prospect
    with Book(demo) as book:
        assert book.get(pid) == kept.prospect and book.last_activity().id == kept.activity.id


def test_a_read_only_folder_is_a_clear_error_and_loses_nothing(demo, rules, now, monkeypatch):
    with Book(demo) as book:
        pid = first_active(book).id
        kept = actions.log(book, rules, pid, "voicemail", now)
        real_open = os.open

        def read_only(path, flags, *args):
            if flags & (os.O_WRONLY | os.O_RDWR) and str(path).startswith(str(demo)):
                raise OSError(errno.EROFS, "Read-only file system")
            return real_open(path, flags, *args)
        monkeypatch.setattr(os, "open", read_only)
        with pytest.raises(StorageError, match="read-only"):
            actions.log(book, rules, pid, "connected", now + timedelta(hours=1))
        monkeypatch.undo()
    with Book(demo) as book:
        assert book.get(pid) == kept.prospect


def test_files_are_private_to_the_user(demo):
    assert stat.S_IMODE(demo.stat().st_mode) == 0o700
    for name in (journal.HOT_FILE, journal.HISTORY_FILE, journal.JOURNAL_FILE, ".lock"):
        assert stat.S_IMODE((demo / name).stat().st_mode) == 0o600, name


def test_a_book_from_a_newer_cockpit_is_refused_untouched(demo):
    path = demo / journal.HOT_FILE
    path.write_bytes(path.read_bytes().replace(b'"schema":1', b'"schema":2', 1))
    before = files(demo)
    with pytest.raises(StorageError, match="newer Cockpit"):
        Book(demo)
    assert files(demo) == before


def test_a_version_0_book_is_migrated_after_a_backup(tmp_path, rules, now):
    """Version 0: the first storage, one TinyDB JSONStorage file holding every table."""
    folder = tmp_path / "old"
    folder.mkdir()
    p = actions.build_prospect(rules, now, name="Ann", phones=["+1 212 555 0100"], pid="a1")
    act = Activity(id="x1", prospect_id="a1", outcome="voicemail", at=now)
    old = {"prospects": {"1": prospect_to_dict(p)}, "activities": {"1": activity_to_dict(act)},
           "meta": {"1": {"key": "block", "value": 3}}}
    (folder / "book.json").write_text(json.dumps(old), encoding="utf-8")
    original = (folder / "book.json").read_bytes()
    with Book(folder) as book:
        assert book.get("a1") == p and [a.id for a in book.history("a1")] == ["x1"]
        assert book.get_meta("block") == 3 and book._store.schema == journal.SCHEMA_VERSION
    (saved,) = [b for b in backups.backups(folder) if b.name.endswith("version-0")]
    assert (saved / "book.json").read_bytes() == original


def test_an_interrupted_checkpoint_is_finished_on_the_next_open(demo, rules, now, monkeypatch):
    with Book(demo) as book:
        pid = first_active(book).id
        a = actions.log(book, rules, pid, "voicemail", now)
        real = os.replace

        def crash_after_history(tmp, path):  # the new set is written; the cut comes between renames
            real(tmp, path)
            if Path(path).name == journal.HISTORY_FILE:
                raise OSError(errno.EIO, "power cut")
        monkeypatch.setattr(os, "replace", crash_after_history)
        with pytest.raises(StorageError):
            book._store.checkpoint()
        monkeypatch.undo()
        b = actions.log(book, rules, pid, "connected", now + timedelta(hours=1))
    with Book(demo) as book:
        assert [x.id for x in book.history(pid)][-2:] == [a.activity.id, b.activity.id]
        assert book.get(pid) == b.prospect


def test_tinydb_works_on_the_journal_storage(tmp_path):
    from tinydb import Query, TinyDB

    with TinyDB(tmp_path / "t", storage=journal.JournalStorage) as db:
        db.insert({"a": 1})
        db.table("activities").insert_multiple([{"b": i} for i in range(3)])
        db.update({"a": 2}, Query().a == 1)
        db.table("activities").remove(doc_ids=[2])
    with TinyDB(tmp_path / "t", storage=journal.JournalStorage) as db:
        assert db.all() == [{"a": 2}] and [d["b"] for d in db.table("activities")] == [0, 2]


def test_a_book_with_quiet_checkpoints_leaves_them_to_its_owner_up_to_a_cap(demo, now, monkeypatch):
    monkeypatch.setattr(journal, "CHECKPOINT_BYTES", 3000)
    monkeypatch.setattr(journal, "QUIET_CHECKPOINT_BYTES", 12000)
    from cockpit import config
    rules = config.load(demo).rules()
    logged = []
    with Book(demo, quiet_checkpoints=True) as book:
        ids = [p.id for p in book.prospects() if p.active]
        for _ in range(40):
            logged.append(actions.log(book, rules, ids[len(logged) % len(ids)], "connected",
                                      now + timedelta(minutes=len(logged))).activity)
            if book._store.journal_size() > 3000:
                break
        assert book.checkpoint_due()  # past the size a write would checkpoint at, and still not checkpointed
        book.checkpoint()
        assert not book.checkpoint_due() and book._store.journal_size() < 200
        while len(logged) < 120:  # well past the cap: writes checkpoint by themselves again
            logged.append(actions.log(book, rules, ids[len(logged) % len(ids)], "connected",
                                      now + timedelta(minutes=len(logged))).activity)
            assert book._store.journal_size() <= 12000 + 4000
    with Book(demo) as book:
        kept = {a.id for a in book.activities()}
        assert all(a.id in kept for a in logged)
