"""`cockpit doctor`: check a book and, with --restore, bring back the newest good backup.

The check only reads (the book is opened read-only: nothing is repaired, migrated or backed up).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from . import durable
from .model import ACTIVE_STATUSES, CLOSED_STATUSES, activity_problem, prospect_problem
from .storage import FILES, JournalStorage, StorageError
from .storage import backups as backup_mod


def check(folder: Path, counts: list | None = None) -> list[str]:
    """Problems found, in plain words; empty when the book is healthy."""
    folder = Path(folder)
    try:
        store = JournalStorage(folder, access_mode="r", create=False)
    except StorageError as exc:
        return [str(exc)]
    problems = []
    try:
        with store.reading():
            prospects = list(store.table("prospects").values())
            activities = list(store.table("activities").values())
    except StorageError as exc:
        return [str(exc)]
    finally:
        store.close()
    ids = set()
    shapes = [f"{table} document {d.get('id', '?') if isinstance(d, dict) else '?'} is of the wrong shape: {why}"
              for table, docs, problem in (("prospects", prospects, prospect_problem),
                                           ("activities", activities, activity_problem))
              for d in docs if (why := problem(d))]
    if shapes:
        return shapes[:20]
    for p in prospects:
        name = f"{p.get('name', '?')} [{p.get('id')}]"
        if p.get("id") in ids:
            problems.append(f"{name} is in the book twice")
        ids.add(p.get("id"))
        step = p.get("next_step")
        status = p.get("status")
        if status in ACTIVE_STATUSES and not step:
            problems.append(f"{name} is {status} but has no next step (log an outcome to plan one)")
        elif status in CLOSED_STATUSES and step:
            problems.append(f"{name} is {status} but still has a next step ({step.get('channel')})")
        elif status not in ACTIVE_STATUSES and status not in CLOSED_STATUSES:
            problems.append(f"{name} has an unknown status {status!r}")
    if counts is not None:
        counts[:] = [len(prospects), len(activities)]
    orphans = [a for a in activities if a.get("prospect_id") not in ids]
    for a in orphans[:20]:
        problems.append(f"activity {a.get('id')} belongs to prospect {a.get('prospect_id')}, who is not in the book")
    if len(orphans) > 20:
        problems.append(f"... and {len(orphans) - 20} more activities whose prospect is not in the book")
    return problems


def _good_backup(folder: Path) -> Path | None:
    for candidate in backup_mod.backups(folder):
        if not backup_mod.problem(candidate) and not check(candidate):
            return candidate
    return None


def run(folder: Path, restore: bool = False) -> tuple[int, list[str]]:
    folder = Path(folder)
    if not any((folder / name).exists() for name in FILES) and not restore:
        return 1, [f"No book at {folder}: nothing to check (`cockpit demo` or `cockpit add` start one)."]
    counts = [0, 0]
    problems = check(folder, counts) if any((folder / name).exists() for name in FILES) else [f"No book at {folder}"]
    taken = backup_mod.backups(folder)
    damaged = [(b, why) for b in taken if (why := backup_mod.problem(b))]
    count = len(taken) - len(damaged)  # a damaged backup is no backup
    summary = f"Checked {counts[0]} prospects and {counts[1]} activities in {folder}; {count} good backup" \
              f"{'s' if count != 1 else ''} in {folder / backup_mod.FOLDER}."
    notes = [f"Backup {b.name} is damaged ({why}); it is not used." for b, why in damaged]
    notes += [f"{p.name} in {folder / backup_mod.FOLDER} is a backup that did not finish (a full disk, or a "
              "process stopped); the next backup removes it." for p in backup_mod.partial(folder)]
    if not problems:
        lines = [summary, *notes, *(["Nothing to restore."] if restore else []),
                 "The book is healthy: every file reads, the journal replays, every active prospect has exactly "
                 "one next step, closed ones none, and every activity's prospect is in the book."]
        return 0, lines
    lines = [summary, *notes, "Problems found:", *(f"  - {p}" for p in problems)]
    if not restore:
        lines.append("Run `cockpit doctor --restore` to move the damaged files aside and bring back the "
                     "newest good backup.")
        return 1, lines
    good = _good_backup(folder)
    if good is None:
        lines.append(f"No good backup in {folder / backup_mod.FOLDER}; the files were left as they are.")
        return 1, lines
    aside = folder / f"damaged-{time.strftime('%Y-%m-%d-%H%M%S')}"
    aside.mkdir(mode=0o700)
    for name in FILES:
        if (folder / name).exists():
            os.replace(folder / name, aside / name)
    for name in FILES:
        if (good / name).exists():
            durable.copy_atomic(good / name, folder / name)  # fsynced, renamed, folder fsynced
    lines.append(f"The damaged files were moved to {aside}.")
    lines.append(f"Restored the backup of {good.name}: outcomes logged after it are not in the book.")
    after = check(folder)
    if after:
        lines += ["The restored book still has problems:", *(f"  - {p}" for p in after)]
        return 1, lines
    lines.append("The book is healthy now.")
    return 0, lines
