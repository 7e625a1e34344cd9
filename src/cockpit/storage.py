"""The book: the only module that imports TinyDB.

Everything above it speaks in model objects (Prospect, Activity); the dicts TinyDB stores are
made and read in one place (model.*_to_dict / *_from_dict). Every change that belongs together
(an activity and the prospect update it caused) goes through one method, so it lands whole.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from tinydb import Query, TinyDB

from .model import (ACTIVE_STATUSES, Activity, iso, Prospect, activity_from_dict, activity_to_dict, prospect_from_dict,
                    prospect_to_dict)

SCHEMA_VERSION = 1
DB_FILE = "book.json"


class StorageError(Exception):
    """The book cannot be read or written; the message says which file and what to do."""


class UnknownProspect(LookupError):
    pass


class Book:
    def __init__(self, folder: Path, *, create: bool = True):
        self.folder = Path(folder)
        self._lock = threading.Lock()
        try:
            if create:
                self.folder.mkdir(parents=True, exist_ok=True)
            elif not self.folder.is_dir():
                raise StorageError(f"no book at {self.folder}")
            self._db = TinyDB(self.folder / DB_FILE)
        except OSError as exc:
            raise StorageError(f"cannot open the book at {self.folder}: {exc.strerror or exc}") from None
        try:
            self._prospects = self._db.table("prospects")
            self._activities = self._db.table("activities")
            self._meta = self._db.table("meta")
            self._check_readable()
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise StorageError(f"{self.folder / DB_FILE} is damaged ({type(exc).__name__}: {exc}); it was left "
                               "untouched: run `cockpit doctor`, or move it aside to start afresh") from None

    def _check_readable(self) -> None:
        """TinyDB parses lazily: read once now, so a damaged file is refused here and never rewritten."""
        for row in self._prospects.all()[:1]:
            prospect_from_dict(row)

    @staticmethod
    def exists(folder: Path) -> bool:
        return (Path(folder) / DB_FILE).exists()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- prospects ----------------------------------------------------------------

    def prospects(self) -> list[Prospect]:
        with self._lock:
            return [prospect_from_dict(d) for d in self._prospects.all()]

    def get(self, prospect_id: str) -> Prospect:
        with self._lock:
            found = self._prospects.get(Query().id == prospect_id)
        if found is None:
            raise UnknownProspect(prospect_id)
        return prospect_from_dict(found)

    def due(self, by) -> list[Prospect]:
        """Active prospects whose next step is due before `by` (aware datetime): what an agenda reads.

        Due times are stored as fixed-format UTC ISO strings, so comparing the strings orders them
        in time; only the matching rows are turned into Prospects.
        """
        cutoff = iso(by)
        with self._lock:
            rows = [d for d in self._prospects.all()
                    if d.get("next_step") and d["next_step"]["due"] < cutoff and d["status"] in ACTIVE_STATUSES]
        return [prospect_from_dict(d) for d in rows]

    def count(self) -> int:
        with self._lock:
            return len(self._prospects)

    def add(self, prospects: Iterable[Prospect]) -> None:
        rows = [prospect_to_dict(p) for p in prospects]
        with self._lock:
            existing = {d["id"] for d in self._prospects.all()}
            for row in rows:
                if row["id"] in existing:
                    raise StorageError(f"a prospect with id {row['id']} is already in the book")
                existing.add(row["id"])
            self._prospects.insert_multiple(rows)

    def update(self, prospects: Iterable[Prospect]) -> None:
        with self._lock:
            for p in prospects:
                self._prospects.update(prospect_to_dict(p), Query().id == p.id)

    # ---- activities -----------------------------------------------------------------

    def record(self, prospect: Prospect, activity: Activity) -> None:
        """Store an activity and the prospect state it produced, together."""
        with self._lock:
            self._activities.insert(activity_to_dict(activity))
            self._prospects.update(prospect_to_dict(prospect), Query().id == prospect.id)

    def last_activity(self) -> Activity | None:
        with self._lock:
            rows = self._activities.all()
        return activity_from_dict(rows[-1]) if rows else None

    def revert(self, activity: Activity, prospect: Prospect) -> None:
        """Remove `activity` and put `prospect` (its state before) back, together."""
        with self._lock:
            self._activities.remove(Query().id == activity.id)
            self._prospects.update(prospect_to_dict(prospect), Query().id == prospect.id)

    def history(self, prospect_id: str) -> list[Activity]:
        with self._lock:
            rows = self._activities.search(Query().prospect_id == prospect_id)
        return [activity_from_dict(r) for r in rows]

    def activities(self) -> Iterator[Activity]:
        with self._lock:
            rows = self._activities.all()
        return (activity_from_dict(r) for r in rows)

    def add_activities(self, activities: Iterable[Activity]) -> None:
        """Bulk history (demo books, imports)."""
        rows = [activity_to_dict(a) for a in activities]
        with self._lock:
            self._activities.insert_multiple(rows)

    # ---- small settings kept with the data (call block, away days) -------------------

    def get_meta(self, key: str, default=None):
        with self._lock:
            found = self._meta.get(Query().key == key)
        return default if found is None else found["value"]

    def set_meta(self, key: str, value) -> None:
        with self._lock:
            self._meta.upsert({"key": key, "value": value}, Query().key == key)
