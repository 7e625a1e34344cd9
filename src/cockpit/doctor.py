"""`cockpit doctor`: check a book and say in plain words what is wrong with it.

It reads through the storage module only, so it checks what the rest of Cockpit would see:
the files open, every active prospect has exactly one next step, closed ones have none, and
every activity belongs to a prospect that exists.
"""

from __future__ import annotations

from pathlib import Path

from .model import ACTIVE_STATUSES, CLOSED_STATUSES
from .storage import Book, StorageError


def run(folder: Path, restore: bool = False) -> tuple[int, list[str]]:
    """(exit code, lines to print): 0 when the book is healthy, 1 when something needs the rep."""
    folder = Path(folder)
    if not Book.exists(folder):
        return 1, [f"No book at {folder}: nothing to check (`cockpit demo` or `cockpit add` start one)."]
    if restore:
        return 1, [f"No backup to restore in {folder}: automatic backups are not kept by this version; "
                   "your files were not touched."]
    try:
        with Book(folder, create=False) as book:
            prospects = book.prospects()
            activities = list(book.activities())
    except StorageError as exc:
        return 1, [f"The book cannot be read: {exc}"]
    problems = []
    ids = {p.id for p in prospects}
    for p in prospects:
        if p.status in ACTIVE_STATUSES and p.next_step is None:
            problems.append(f"{p.name} [{p.id}] is {p.status} but has no next step (log an outcome to plan one).")
        if p.status in CLOSED_STATUSES and p.next_step is not None:
            problems.append(f"{p.name} [{p.id}] is {p.status} but still has a next step.")
    orphans = [a for a in activities if a.prospect_id not in ids]
    if orphans:
        problems.append(f"{len(orphans)} activities belong to no prospect in the book (first: {orphans[0].id}).")
    summary = f"Checked {len(prospects)} prospects and {len(activities)} activities in {folder}."
    if problems:
        return 1, [summary, *problems]
    return 0, [summary, "The book is healthy: every active prospect has exactly one next step."]
