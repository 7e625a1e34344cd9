"""Daily backups are durable, clean up after themselves, and doctor never counts a damaged one."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from cockpit import doctor
from cockpit.demo import generate
from cockpit.storage import Book, backups


@pytest.fixture
def folder(tmp_path) -> Path:
    folder = tmp_path / "book"
    generate(folder, n=20, now=datetime(2026, 11, 23, 15, tzinfo=timezone.utc))
    shutil.rmtree(folder / backups.FOLDER, ignore_errors=True)
    return folder


def test_a_backup_is_fsynced_file_by_file_and_its_folders_after_the_rename(folder, monkeypatch):
    synced = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(os.readlink(f"/proc/self/fd/{fd}")), real(fd)))
    taken = backups.take(folder)
    root = str(folder / backups.FOLDER)
    files = [s for s in synced if "/." in s and s.endswith(tuple(backups.FILES))]
    assert len(files) == len(backups.FILES)  # each file, in the temp folder, before the rename
    assert root in synced and str(folder) in synced  # the rename itself is on disk
    assert all((taken / name).stat().st_size > 0 for name in backups.FILES)


def test_a_backup_on_a_full_disk_leaves_nothing_behind(folder, monkeypatch):
    real = os.write

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    for _ in range(3):  # three opens on a full disk
        with pytest.raises(OSError):
            backups.take(folder)
    monkeypatch.setattr(os, "write", real)
    assert backups.backups(folder) == [] and backups.partial(folder) == []


def test_a_partial_backup_left_by_a_dead_process_is_reported_then_removed(folder):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    leftover = folder / backups.FOLDER / f".2026-11-22-090000.{dead.stdout.strip()}.tmp"
    leftover.mkdir(parents=True)
    (leftover / "book.json").write_bytes(b"")
    code, lines = doctor.run(folder)
    assert code == 0 and any(leftover.name in line and "did not finish" in line for line in lines)
    backups.take(folder)
    assert not leftover.exists()


def test_a_damaged_backup_is_not_counted_nor_restored(folder):
    good = backups.take(folder)
    broken = folder / backups.FOLDER / "2099-01-01-000000"  # the newest, but 0-byte files (a power loss)
    broken.mkdir()
    for name in backups.FILES:
        (broken / name).write_bytes(b"")
    code, lines = doctor.run(folder)
    assert "1 good backup " in lines[0]
    assert any("2099-01-01-000000 is damaged (0-byte book.json)" in line for line in lines)
    (folder / "book.json").write_text("{ not json")
    code, lines = doctor.run(folder, restore=True)
    assert code == 0, lines
    assert any(good.name in line for line in lines)
    with Book(folder) as book:
        assert book.count() == 20


def test_a_day_whose_only_backup_is_damaged_gets_a_good_one(folder):
    import time

    broken = folder / backups.FOLDER / (time.strftime("%Y-%m-%d") + "-000000")
    broken.mkdir(parents=True)
    (broken / "book.json").write_bytes(b"")
    Book(folder).close()
    assert [b for b in backups.backups(folder) if not backups.problem(b)]
