"""The book: the only package that imports TinyDB.

Everything above it speaks in model objects (Prospect, Activity); the dicts TinyDB stores are
made and read in one place (model.*_to_dict / *_from_dict). Every change that belongs together
(an activity and the prospect update it caused) is one journal line, so it lands whole, and it is
on disk (fsynced) before the method returns. See journal.py for the files and how they stay whole.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tinydb import TinyDB

from ..model import (
    ACTIVE_STATUSES,
    Activity,
    Prospect,
    activity_from_dict,
    activity_problem,
    activity_to_dict,
    iso,
    prospect_from_dict,
    prospect_problem,
    prospect_to_dict,
)
from . import backups, derived
from .journal import (
    HISTORY_FILE,
    HOT_FILE,
    JOURNAL_FILE,
    SCHEMA_VERSION,
    BookDamaged,
    JournalStorage,
    NewerBook,
    StorageError,
)
from .snapshot import LazyTable

__all__ = ["Book", "BookDamaged", "NewerBook", "StorageError", "UnknownProspect", "JournalStorage",
           "SCHEMA_VERSION", "DB_FILE", "FILES"]

DB_FILE = HOT_FILE
FILES = (HOT_FILE, HISTORY_FILE, JOURNAL_FILE)
KEEP_BEFORE = 100  # at a checkpoint, only the newest activities keep their undo snapshot
# What the book asks of every prospect at once, kept in book.json's index (storage/snapshot.py).
# The agenda picks by status and due time; stats reads zone, lead type, source and cadence of all.
PROSPECT_INDEX = (("id",), ("status",), ("next_step", "due"), ("tz",), ("lead_type",), ("source",), ("cadence",))
ACTIVITY_INDEX = (("prospect_id",),)  # history.json: whose activity each line is


class UnknownProspect(LookupError):
    pass


class Book:
    def __init__(self, folder: Path, *, create: bool = True, quiet_checkpoints: bool = False):
        """quiet_checkpoints: a write does not stop to checkpoint the journal (seconds in a large book);
        the owner calls `checkpoint` when `checkpoint_due` and nobody is waiting (the cockpit screen)."""
        self.folder = Path(folder)
        self._lock = threading.RLock()  # re-entrant: the methods run inside transaction() too
        self._pid_index: dict[str, str] | None = None  # prospect id -> doc id, built when first asked
        self._meta: dict[str, str] = {}
        self._by_prospect: dict[str, list[str]] | None = None  # built when history is first read
        # Prospect objects made from stored dicts, kept while the dict is the same object: every
        # change stores a new dict, so an agenda after a keypress rebuilds one prospect, not 3,000.
        self._made: dict[str, tuple[dict, Prospect]] = {}
        self._derived: derived.DerivedRows | None = None  # stats' rows, kept in step (storage/derived.py)
        self._derived_next: derived.DerivedRows | None = None  # rolled forward for a checkpoint under way
        if self.folder.exists() and not self.folder.is_dir():
            raise StorageError(f"cannot open the book at {self.folder}: it is a file, not a folder")
        self._db = TinyDB(self.folder, storage=JournalStorage, create=create,
                          before_migration=backups.before_migration, indexes={"prospects": PROSPECT_INDEX,
                                                                           "activities": ACTIVITY_INDEX},
                          checks={"prospects": prospect_problem, "activities": activity_problem})
        self._store: JournalStorage = self._db.storage
        self._store.listeners.append(self._changed)
        self._changed(None, None, None, None)
        self._store.prune = self._prune_before
        self._store.checkpointed = self._checkpointed
        self._store.quiet_checkpoints = quiet_checkpoints
        backups.daily(self._store)

    @staticmethod
    def exists(folder: Path) -> bool:
        return (Path(folder) / DB_FILE).exists()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def checkpoint_due(self) -> bool:
        return self._store.checkpoint_due()

    def checkpoint(self) -> None:
        """Fold the journal into the snapshots now (atomic; see storage/journal.py)."""
        with self._lock:
            self._store.checkpoint()

    @contextmanager
    def transaction(self):
        """Read, decide and write under one exclusive lock: nothing another process or thread writes
        lands between what this block read and what it writes (two shells logging on one prospect
        both count). Caught up on entry; the book's own methods work as usual inside."""
        with self._lock, self._store.transaction():
            yield self

    def fingerprint(self) -> tuple:
        """What the book has taken in: it changes with every write read or made, this process's or
        another's once caught up (a screen compares it to know whether to redraw)."""
        with self._lock, self._store.reading():
            return self._store.fingerprint()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- indexes, kept in step with every change (ours or another process's) -------------

    def _changed(self, table, doc_id, old, new) -> None:
        if table is None or table == "prospects" and doc_id is None:
            self._pid_index = None
        if table is None or table == "meta" and doc_id is None:
            self._meta = {d["key"]: k for k, d in self._store.table("meta").items()}
        if table is None or table == "activities" and doc_id is None:
            self._by_prospect = None
            return
        if table == "prospects" and self._pid_index is not None:
            if old is not None:
                self._pid_index.pop(old["id"], None)
            if new is not None:
                self._pid_index[new["id"]] = doc_id
        elif table == "meta":
            if old is not None:
                self._meta.pop(old["key"], None)
            if new is not None:
                self._meta[new["key"]] = doc_id
        elif table == "activities" and self._by_prospect is not None:
            if old is not None:
                ids = self._by_prospect.get(old["prospect_id"], [])
                if doc_id in ids:
                    ids.remove(doc_id)
            if new is not None:
                self._by_prospect.setdefault(new["prospect_id"], []).append(doc_id)

    @property
    def _pid(self) -> dict[str, str]:
        if self._pid_index is None:  # call under the storage's lock, like every reader
            self._pid_index = {row[0]: k for k, row in self._store.rows("prospects")}
        return self._pid_index

    def _activities(self) -> dict:
        table = self._store.table("activities")  # loads history.json on first use
        if self._by_prospect is None:  # from history.json's index: no activity is parsed for it
            by_prospect: dict[str, list[str]] = {}
            for key, (prospect_id,) in self._store.rows("activities"):
                by_prospect.setdefault(prospect_id, []).append(key)
            self._by_prospect = by_prospect
        return table

    def _prune_before(self, table) -> None:
        """Checkpoint hook: undo needs only recent snapshots, so older activities drop `before`.

        Every checkpoint did this, so only the tail can still hold snapshots to drop: what came since
        the last one and the newest KEEP_BEFORE it kept. An activity older than that is not parsed.

        Stats' derived rows are rolled forward to what the checkpoint is about to write (they are
        stamped and written once it has: _checkpointed). A bulk write that skipped the journal
        shows as a count that does not match; then nothing is kept and stats rebuilds later."""
        keys = list(table)
        if isinstance(table, LazyTable):
            keys = keys[-(2 * KEEP_BEFORE + table.changed()):]
        for key in keys[:-KEEP_BEFORE]:
            doc = table[key]
            if doc.get("before") is not None:
                table[key] = {**doc, "before": None}
        rows = self._derived or derived.load(self.folder)
        self._derived_next = None
        if rows is not None and rows.catch_up(self.folder):
            rows = rows.fold()
            if len(rows) == len(table):
                self._derived_next = rows

    def _checkpointed(self) -> None:
        """Checkpoint hook: the new history.json holds every row; stamp the rows for it and write them."""
        rows, self._derived_next = self._derived_next, None
        self._derived = None
        stamp = derived.stamp_now(self.folder, self._store.journal_size())
        if rows is None or stamp is None:
            return
        rows.stamp = stamp
        self._derived = rows
        try:
            derived.save(self.folder, rows)
        except OSError:
            pass  # only a cache: the next stats rebuilds it

    # ---- prospects ----------------------------------------------------------------

    def prospects(self) -> list[Prospect]:
        with self._lock, self._store.reading():
            rows = list(self._store.table("prospects").values())
        return [self._prospect(d) for d in rows]

    def _prospect(self, row: dict) -> Prospect:
        made = self._made.get(row["id"])
        if made is not None and made[0] is row:
            return made[1]
        prospect = _made_from(prospect_from_dict, prospect_problem, row, self.folder / HOT_FILE, "prospects")
        self._made[row["id"]] = (row, prospect)
        return prospect

    def get(self, prospect_id: str) -> Prospect:
        with self._lock, self._store.reading():
            key = self._pid.get(prospect_id)
            found = None if key is None else self._store.table("prospects")[key]
        if found is None:
            raise UnknownProspect(prospect_id)
        return self._prospect(found)

    def due(self, by) -> list[Prospect]:
        """Active prospects whose next step is due before `by` (aware datetime): what an agenda reads.

        Due times are stored as fixed-format UTC ISO strings, so comparing the strings orders them
        in time. The choice is made on book.json's index; only the prospects chosen are parsed.
        """
        cutoff = iso(by)
        active = frozenset(ACTIVE_STATUSES)
        with self._lock, self._store.reading():
            table = self._store.table("prospects")
            rows = [table[k] for k, (_, status, due, *_) in self._store.rows("prospects")
                    if due is not None and due < cutoff and status in active]
        return [self._prospect(d) for d in rows]

    def with_status(self, status: str) -> list[Prospect]:
        """The prospects of one status, chosen on book.json's index: only those are parsed."""
        with self._lock, self._store.reading():
            table = self._store.table("prospects")
            rows = [table[k] for k, (_, stored, *_) in self._store.rows("prospects") if stored == status]
        return [self._prospect(d) for d in rows]

    def count(self) -> int:
        with self._lock, self._store.reading():
            return len(self._store.table("prospects"))

    def add(self, prospects: Iterable[Prospect]) -> None:
        rows = [prospect_to_dict(p) for p in prospects]
        with self._lock, self._store.writing():
            seen = set(self._pid)
            for row in rows:
                if row["id"] in seen:
                    raise StorageError(f"a prospect with id {row['id']} is already in the book")
                seen.add(row["id"])
            first = self._store.next_id("prospects")
            self._store.commit([["prospects", str(first + i), row] for i, row in enumerate(rows)])

    def _prospect_ops(self, prospects: Iterable[Prospect]) -> list[list]:
        ops = []
        for p in prospects:
            key = self._pid.get(p.id)
            if key is None:
                raise UnknownProspect(p.id)
            ops.append(["prospects", key, prospect_to_dict(p)])
        return ops

    def update(self, prospects: Iterable[Prospect]) -> None:
        prospects = list(prospects)
        with self._lock, self._store.writing():
            self._store.commit(self._prospect_ops(prospects))

    # ---- activities -----------------------------------------------------------------

    def record(self, prospect: Prospect, activity: Activity) -> None:
        """Store an activity and the prospect state it produced: one journal line, fsynced."""
        row = activity_to_dict(activity)
        with self._lock, self._store.writing():
            ops = self._prospect_ops([prospect])
            key = str(self._store.next_id("activities"))
            self._store.commit([["activities", key, row], *ops])

    def last_activity(self) -> Activity | None:
        with self._lock, self._store.reading():
            table = self._store.table("activities")  # the newest line only: no index needed
            row = table[next(reversed(table))] if table else None
        return self._activity(row) if row else None

    def revert(self, activity: Activity, prospect: Prospect) -> None:
        """Remove `activity` and put `prospect` (its state before) back: one journal line, fsynced."""
        with self._lock, self._store.writing():
            ops = self._prospect_ops([prospect])
            key = self._activity_key(activity.id)
            if key is not None:
                ops.insert(0, ["activities", key, None])
            self._store.commit(ops)

    def _activity(self, row: dict) -> Activity:
        return _made_from(activity_from_dict, activity_problem, row, self.folder / HISTORY_FILE, "activities")

    def _activity_key(self, activity_id: str) -> str | None:
        """The doc id of an activity; undo asks for the newest ones, so look from the end."""
        table = self._store.table("activities")
        return next((key for key in reversed(table) if table[key]["id"] == activity_id), None)

    def history(self, prospect_id: str) -> list[Activity]:
        with self._lock, self._store.reading():
            table = self._activities()
            rows = [table[k] for k in self._by_prospect.get(prospect_id, ())]
        return [self._activity(r) for r in rows]

    def activities(self) -> Iterator[Activity]:
        with self._lock, self._store.reading():
            rows = list(self._activities().values())
        return (self._activity(r) for r in rows)

    def activity_columns(self):
        """Every activity as stats reads it (engine.stats.Columns: numpy arrays), without parsing
        history.json when the derived rows are up to date: see storage/derived.py. Missing, stale or
        damaged derived rows are rebuilt from the history (and written again), never an error."""
        with self._lock, self._store.reading():
            rows = self._derived
            if rows is None or not rows.catch_up(self.folder):
                rows = derived.load(self.folder)
                if rows is None or not rows.catch_up(self.folder):
                    rows = self._rebuild_derived()
            self._derived = rows
            return rows.columns()

    def _rebuild_derived(self) -> derived.DerivedRows:
        table = self._activities()
        stamp = derived.stamp_now(self.folder, self._store.journal_size())
        rows = derived.DerivedRows.from_table(table, stamp)
        if stamp is not None and not self._store.read_only:
            try:
                derived.save(self.folder, rows)
            except OSError:
                pass  # only a cache: stats works without it, just slower
        return rows

    def people(self) -> dict[str, tuple[str, str, str, str]]:
        """What stats needs of every prospect, read from the stored documents without making Prospects:
        id -> (tz, lead type, source, cadence), with the defaults of model.prospect_from_dict.
        From book.json's index: no prospect is parsed for it. Equal tuples are one object: a book has
        few distinct ones, and stats reads them per prospect (cheaper when they are few and shared)."""
        with self._lock, self._store.reading():
            rows = self._store.rows("prospects")
        shared = _Shared()
        return {pid: shared[(tz or "", _given(lead_type, "cold"), source or "", _given(cadence, "cold-call"))]
                for _, (pid, _status, _due, tz, lead_type, source, cadence) in rows}

    def add_activities(self, activities: Iterable[Activity]) -> None:
        """Bulk history (demo books, imports): one journal line, or one checkpoint when large."""
        rows = [activity_to_dict(a) for a in activities]
        with self._lock, self._store.writing():
            first = self._store.next_id("activities")
            self._store.commit([["activities", str(first + i), row] for i, row in enumerate(rows)])

    # ---- small settings kept with the data (call block, away days) -------------------

    def get_meta(self, key: str, default=None):
        with self._lock, self._store.reading():
            doc_id = self._meta.get(key)
            found = None if doc_id is None else self._store.table("meta")[doc_id]
        return default if found is None else found["value"]

    def set_meta(self, key: str, value) -> None:
        with self._lock, self._store.writing():
            doc_id = self._meta.get(key) or str(self._store.next_id("meta"))
            self._store.commit([["meta", doc_id, {"key": key, "value": value}]])


def _made_from(make, problem, row, path: Path, table: str):
    """A model object from a stored document; one of the wrong shape (read through an index whose
    checksum fits, so it was not checked when the file was read) is named, never a crash."""
    try:
        return make(row)
    except (KeyError, TypeError, ValueError, AttributeError):
        why = problem(row) or "it cannot be read"
        doc = row.get("id", "?") if isinstance(row, dict) else "?"
        raise BookDamaged(f"{path} is damaged ({table} document with id {doc!r} is of the wrong shape: {why}); "
                          "it was left as it is: run `cockpit doctor` to check the book and "
                          "`cockpit doctor --restore` to bring back the newest good backup") from None


def _given(value, default):
    """A stored field as prospect_from_dict reads it: the default only when the field is missing."""
    return default if value is None else value


class _Shared(dict):
    """shared[value] is the first value equal to it that was asked for."""

    def __missing__(self, value):
        self[value] = value
        return value
