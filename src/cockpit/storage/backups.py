"""Automatic backups: at most one a day (on open), the newest 7 kept, in <book>/backups/<stamp>/."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from .journal import DIR_MODE, FILE_MODE, HISTORY_FILE, HOT_FILE, JOURNAL_FILE

KEEP = 7
FOLDER = "backups"
FILES = (HOT_FILE, HISTORY_FILE, JOURNAL_FILE)


def backups(folder: Path) -> list[Path]:
    """Backup folders, newest first."""
    root = Path(folder) / FOLDER
    if not root.is_dir():
        return []
    return sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")), reverse=True)


def take(folder: Path, label: str = "") -> Path:
    """Copy the book's files into a new backup folder (complete, or not there at all)."""
    root = Path(folder) / FOLDER
    root.mkdir(mode=DIR_MODE, exist_ok=True)
    name = time.strftime("%Y-%m-%d-%H%M%S") + (f"-{label}" if label else "")
    final = root / name
    n = 1
    while final.exists():
        final, n = root / f"{name}-{n}", n + 1
    tmp = root / f".{final.name}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(mode=DIR_MODE)
    for file in FILES:
        src = Path(folder) / file
        if src.exists():
            shutil.copyfile(src, tmp / file)
            os.chmod(tmp / file, FILE_MODE)
    os.replace(tmp, final)
    return final


def rotate(folder: Path, keep: int = KEEP) -> None:
    for old in backups(folder)[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def daily(store) -> None:
    """On open: a backup when the newest one is not from today. Failing to back up never stops the rep."""
    folder = store.folder
    newest = backups(folder)
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
