"""Automatic backups: at most one a day (on open), the newest 7 kept, in <book>/backups/<stamp>/.

A backup is written into a hidden temp folder, every file fsynced, then the folder is renamed into
place and both folders above it fsynced: after a power loss a backup is whole or not there. A backup
that fails (a full disk) removes its temp folder at once, and one left by a process that died is
removed by the next backup, so failed backups never fill the disk.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

from .. import durable
from .journal import HISTORY_FILE, HOT_FILE, JOURNAL_FILE

KEEP = 7
FOLDER = "backups"
FILES = (HOT_FILE, HISTORY_FILE, JOURNAL_FILE)


def backups(folder: Path) -> list[Path]:
    """Backup folders, newest first (whole or damaged: `problem` tells)."""
    root = Path(folder) / FOLDER
    if not root.is_dir():
        return []
    return sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")), reverse=True)


def partial(folder: Path) -> list[Path]:
    """Temp folders of backups that did not finish (a process killed mid-backup, say)."""
    root = Path(folder) / FOLDER
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith(".") and p.name.endswith(".tmp"))


def problem(backup: Path) -> str:
    """Why a backup cannot be used ("" when its files look whole): cheap, it reads only their first bytes.
    (A backup taken before a migration holds the old single book.json: the other files may be absent.)"""
    if not (backup / HOT_FILE).is_file():
        return f"{HOT_FILE} is missing"
    for name in FILES:
        path = backup / name
        if path.is_file() and path.stat().st_size == 0:
            return f"0-byte {name}"
    with open(backup / HOT_FILE, "rb") as f:
        if not f.read(64).lstrip().startswith(b"{"):
            return f"{HOT_FILE} is not a book file"
    if (backup / JOURNAL_FILE).is_file():
        try:
            with open(backup / JOURNAL_FILE, "rb") as f:
                json.loads(f.readline())
        except ValueError:
            return f"{JOURNAL_FILE} has no header"
    return ""


def take(folder: Path, label: str = "") -> Path:
    """Copy the book's files into a new backup folder (complete and on disk, or not there at all)."""
    root = Path(folder) / FOLDER
    durable.make_private_dir(root)
    _drop_partial(root)
    name = time.strftime("%Y-%m-%d-%H%M%S") + (f"-{label}" if label else "")
    final = root / name
    n = 1
    while final.exists():
        final, n = root / f"{name}-{n}", n + 1
    tmp = root / f".{final.name}.{os.getpid()}.tmp"
    try:
        tmp.mkdir(mode=durable.DIR_MODE)
        for file in FILES:
            src = Path(folder) / file
            if src.exists():
                durable.copy_new(src, tmp / file)
        durable.fsync_dir(tmp)
        os.replace(tmp, final)
        durable.fsync_dir(root)
        durable.fsync_dir(Path(folder))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)  # a failed backup leaves nothing behind
        raise
    return final


def _drop_partial(root: Path) -> None:
    for leftover in partial(root.parent):
        pid = leftover.name[:-len(".tmp")].rsplit(".", 1)[-1]
        if not pid.isdigit() or durable.pid_is_dead(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def rotate(folder: Path, keep: int = KEEP) -> None:
    for old in backups(folder)[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def daily(store) -> None:
    """On open: a backup when the newest good one is not from today. Failing to back up never stops the rep."""
    folder = store.folder
    newest = [b for b in backups(folder) if not problem(b)]
    if newest and newest[0].name[:10] >= time.strftime("%Y-%m-%d"):
        return
    if store.read_only or not store.table("prospects") and store.journal_size() < 64:
        return  # read-only, or a new empty book: nothing to protect yet
    try:
        with store.reading():
            take(folder)
        rotate(folder)
    except OSError:
        pass  # a full disk or read-only folder: the book itself is fine; doctor reports missing backups


def before_migration(folder: Path, version: int) -> None:
    """Called by the storage before it migrates an older book: a backup it can be restored from."""
    take(folder, f"version-{version}")
