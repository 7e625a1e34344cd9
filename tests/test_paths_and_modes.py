"""Paths and modes: --out never writes over what it should not, the clock refuses years it cannot
schedule in, the holiday cache is private, and a symlink planted where Cockpit writes is never followed."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from cockpit import holiday_cache
from cockpit.demo import generate
from cockpit.storage import Book

NOW = "2026-11-23T10:00:00-05:00"


def cockpit(folder: Path, *args: str, now: str = NOW) -> subprocess.CompletedProcess:
    env = {**os.environ, "COCKPIT_NOW": now, "COCKPIT_HOME": str(folder)}
    return subprocess.run([sys.executable, "-m", "cockpit.cli", *args], capture_output=True, text=True, env=env)


@pytest.fixture
def folder(tmp_path) -> Path:
    folder = tmp_path / "book"
    generate(folder, n=10, now=datetime(2026, 11, 23, 15, tzinfo=timezone.utc))
    return folder


def one_line(result, code: int, *words: str) -> None:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == code, result.stderr
    assert len(lines) == 1 and "unexpected" not in lines[0] and "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]


@pytest.mark.parametrize("now", ["9999-12-31T23:00:00-05:00", "0001-01-01T00:00:00+00:00"])
def test_a_clock_out_of_range_is_bad_input(folder, now):
    one_line(cockpit(folder, "agenda", now=now), 2, "COCKPIT_NOW", "out of range", "years")


@pytest.mark.parametrize("command", [["export"], ["ics"]])
def test_out_refuses_an_existing_file_unless_forced(folder, tmp_path, command):
    out = tmp_path / "mine.txt"
    out.write_text("the rep's own notes")
    one_line(cockpit(folder, *command, "--out", str(out)), 2, "already exists", "--force")
    assert out.read_text() == "the rep's own notes"
    assert cockpit(folder, *command, "--out", str(out), "--force").returncode == 0
    assert out.read_text() != "the rep's own notes"


@pytest.mark.parametrize("kind", ["symlink", "fifo", "folder"])
def test_out_never_replaces_anything_but_a_regular_file(folder, tmp_path, kind):
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched")
    out = tmp_path / "out"
    {"symlink": lambda: out.symlink_to(victim), "fifo": lambda: os.mkfifo(out), "folder": out.mkdir}[kind]()
    one_line(cockpit(folder, "export", "--out", str(out), "--force"), 2, "not a regular file")
    assert victim.read_text() == "untouched"
    assert (out.is_symlink() if kind == "symlink" else stat.S_ISFIFO(out.lstat().st_mode) if kind == "fifo"
            else out.is_dir())


def test_the_holiday_cache_is_private_under_any_umask(tmp_path):
    holiday_cache.public_holidays.cache_clear()
    old = os.umask(0)
    try:
        assert holiday_cache.public_holidays("US", 2031)
    finally:
        os.umask(old)
    folder = holiday_cache.cache_dir()
    assert str(folder).startswith(str(tmp_path))  # tests/conftest.py: XDG_CACHE_HOME is the test's
    for path in (folder.parent, folder):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700
    files = list(folder.iterdir())
    assert files and all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)


def test_a_symlink_planted_at_a_temp_name_is_never_followed(folder, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched")
    for name in (".history.json.tmp", ".book.json.tmp", ".journal.jsonl.tmp", "cockpit.toml.tmp", ".cockpit.toml.tmp"):
        (folder / name).symlink_to(victim)
    with Book(folder) as book:
        book.checkpoint()
    assert cockpit(folder, "config", "window_start", "08:30").returncode == 0
    assert victim.read_text() == "untouched"


def test_a_symlink_planted_at_the_lock_is_refused(folder, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched")
    (folder / ".lock").unlink()
    (folder / ".lock").symlink_to(victim)
    one_line(cockpit(folder, "agenda"), 1, ".lock", "symbolic link")
    assert victim.read_text() == "untouched"
