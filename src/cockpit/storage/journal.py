"""JournalStorage: a TinyDB Storage that never loses an acknowledged write and stays fast as the book grows.

A book is a folder of three files:

- ``book.json``   hot state: every table but ``activities`` (prospects, meta), compact JSON, one
  prospect per line under an index, so opening it parses only the prospects asked for (snapshot.py);
- ``history.json`` the ``activities`` table, read only when history is asked for, in the same
  one-document-per-line layout (indexed by prospect), so a checkpoint copies the lines it did not
  change instead of parsing and encoding ten years of calls;
- ``journal.jsonl`` a write-ahead journal: a header line ``{"journal": 1, "gen": N}``, then one JSON
  line per change (``{"ops": [[table, doc_id, doc-or-null], ...]}``).

Every change is appended to the journal as ONE line (so an activity and the prospect update it
caused land together), flushed and fsynced before the call returns. A checkpoint rewrites the two
snapshots atomically (temp file, fsync, os.replace, fsync of the folder) with generation N+1, then
replaces the journal by an empty one of generation N+1. On load a snapshot whose generation equals
the journal's gets the journal replayed; one a generation ahead (a checkpoint cut short) is already
up to date. A last line without its newline is a write that was never
acknowledged: it is ignored, and cut away under the lock before the next append.

Several processes may share a book: each write takes an exclusive ``fcntl.flock`` on ``.lock`` and each
read a shared one, and before either the storage catches up on what others appended, or reloads when
another process checkpointed. A checkpoint is seen by the journal's header line, which carries the
generation and a random id of the checkpoint that wrote it; never by the file's inode number or size,
which the file system hands out again (ext4 reuses a freed inode number at once). A change that
reads, decides and writes (log an outcome: read the prospect, run the engine, store) runs inside
``transaction()``: one exclusive lock from the read to the write, so no other process writes between.

It is also a plain TinyDB Storage (``read()`` / ``write(data)``): ``TinyDB(folder, storage=JournalStorage)``
works, and TinyDB's own test suite runs against it (tools/tinydb_suite.py).
"""

from __future__ import annotations

import copy
import errno
import fcntl
import json
import os
import re
import secrets
import time
from contextlib import contextmanager
from pathlib import Path

from tinydb.storages import Storage

from .. import durable
from ..errors import BookDamaged, NewerBook, StorageError
from . import snapshot
from .snapshot import HEADER, _dumps

SCHEMA_VERSION = 1
HOT_FILE = "book.json"
HISTORY_FILE = "history.json"
JOURNAL_FILE = "journal.jsonl"
LOCK_FILE = ".lock"
HISTORY_TABLES = frozenset({"activities"})
CHECKPOINT_BYTES = 8 << 20     # a write checkpoints once the journal passes this
# ...unless the book's checkpoints wait for a quiet moment (the cockpit screen runs them between keys,
# `checkpoint_due`): then a write checkpoints only past this, so the journal stays bounded anyway.
QUIET_CHECKPOINT_BYTES = 4 * CHECKPOINT_BYTES
CLOSE_CHECKPOINT_BYTES = 1 << 20  # close() checkpoints past this (a short CLI run leaves a small journal)
BULK_OPS = 2000                # a batch this large skips the journal and is checkpointed directly
FILE_MODE = 0o600
DIR_MODE = 0o700





def damaged(path: Path, why: str) -> BookDamaged:
    return BookDamaged(f"{path} is damaged ({why}); it was left as it is: "
                       "run `cockpit doctor` to check the book and `cockpit doctor --restore` to bring back "
                       "the newest good backup")


os_error = durable.storage_error  # one wording for a full disk or a read-only folder
fsync_dir = durable.fsync_dir


def write_atomic(path: Path, data: bytes, *, per_process: bool = True) -> None:
    """The one durable write (unique temp O_EXCL|O_NOFOLLOW, fsync, rename, fsync of the folder)."""
    durable.write_atomic(path, data)


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise damaged(path, "the file is missing") from None


def read_json(path: Path, raw: bytes | None = None):
    if raw is None:
        raw = read_bytes(path)
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise damaged(path, f"not valid JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get(HEADER), dict):
        raise damaged(path, "not a Cockpit book file")
    for name, table in data.items():
        if name == HEADER:
            continue
        if not isinstance(table, dict):
            raise damaged(path, f"table {name!r} is not a table of documents")
        for doc_id, doc in table.items():
            if not isinstance(doc, dict):
                raise damaged(path, f"{name} document {doc_id} is of the wrong shape: it is not an object")
    return data


class JournalStorage(Storage):
    def __init__(self, path, create_dirs: bool = False, encoding=None, access_mode: str = "r+", *,
                 create: bool = True, before_migration=None, indexes: dict | None = None,
                 checks: dict | None = None, **_ignored):
        self.folder = Path(path)
        self._journal_path = str(self.folder / JOURNAL_FILE)  # stat'ed before every read and write
        self.indexes: dict[str, snapshot.Fields] = dict(indexes or {})  # table -> fields indexed in book.json
        # table -> check(document) -> why it is not one ("" if it is): run on documents read whole or
        # replayed from the journal (what an editor or another program may have written), never on the
        # indexed lines this storage wrote itself.
        self.checks: dict = dict(checks or {})
        self.read_only = access_mode == "r"
        self._tables: dict[str, dict] = {}      # loaded tables, str doc_id -> document
        self._history_loaded = False
        self._pending: list[list] = []           # ops for history tables not loaded yet
        self._next_ids: dict[str, int] = {}
        self._gen = 0
        self._journal_head = b""  # the journal's header line as read: another checkpoint changes it
        self._held = 0            # depth of transaction(): the exclusive lock is ours until it ends
        self._journal_pos = 0     # end of the last complete line read
        self._journal_end = 0     # size of the file seen (a torn tail sits between pos and end)
        self._hot_gen = self._hist_gen = 0
        self.before_migration = before_migration  # called (folder, version) before migrating: a backup
        self.listeners: list = []  # listener(table, doc_id, old, new) on each change; (None, ...) on a reload
        self.prune = None  # prune(activities table) before a checkpoint writes it
        self.checkpointed = None  # checkpointed() once a checkpoint has written the snapshots
        self.quiet_checkpoints = False  # True: checkpoints wait for the owner to call them (up to a cap)
        self._lock_fd = None
        self._needs_repair = False
        self._unindexed = False  # a snapshot was read whole (older layout, other index, hand edit)
        self.schema = SCHEMA_VERSION
        try:
            if not self.folder.is_dir():
                if not create or self.read_only:
                    raise StorageError(f"no book at {self.folder}")
                self.folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
            self._refuse_without_hot_file()
            if not (self.folder / HOT_FILE).exists() and (not create or self.read_only):
                raise StorageError(f"no book at {self.folder}")
            self._open_lock()
            exclusive = not self.read_only and not (self.folder / HOT_FILE).exists()
            with self._locked(exclusive):
                if not (self.folder / HOT_FILE).exists():
                    if self.read_only or not create:
                        raise StorageError(f"no book at {self.folder}")
                    self._refuse_without_hot_file()  # again under the lock: nobody creates it meanwhile
                    self._create()
                version = _file_version(self.folder / HOT_FILE)
                if version < SCHEMA_VERSION:
                    if not exclusive:
                        fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
                        exclusive = True
                    self._migrate(version)
                self._load()
                self._repair(exclusive)
                self._reindex(exclusive)
        except OSError as exc:
            self._close_lock()
            raise os_error(self.folder, exc, "open the book at") from None
        except BaseException:
            self._close_lock()
            raise

    # ---- files ------------------------------------------------------------------------

    def _open_lock(self) -> None:
        path = self.folder / LOCK_FILE
        # O_NOFOLLOW: a symlink planted at .lock is refused, never followed to its target.
        try:
            self._lock_fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, FILE_MODE)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise durable.storage_error(path, exc, "lock the book with") from None
            self._lock_fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)  # a read-only folder: reads still lock

    def _close_lock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    @contextmanager
    def _locked(self, exclusive: bool):
        if self._held:  # inside transaction(): the exclusive lock is already ours
            yield
            return
        fcntl.flock(self._lock_fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    def _refuse_without_hot_file(self) -> None:
        """book.json marks a book; without it, history.json or the journal beside it are a book whose
        first file is lost, not a place for a new book: creating one would write over the history."""
        if (self.folder / HOT_FILE).exists():
            return
        left = [name for name in (HISTORY_FILE, JOURNAL_FILE) if (self.folder / name).exists()]
        if left:
            raise damaged(self.folder / HOT_FILE, f"the file is missing, but {' and '.join(left)} "
                                                  f"{'is' if len(left) == 1 else 'are'} still there")

    def _create(self) -> None:
        os.chmod(self.folder, DIR_MODE)
        header = {"schema": SCHEMA_VERSION, "gen": 0, "next_ids": {}}
        write_atomic(self.folder / HISTORY_FILE, snapshot.encode(header, {"activities": {}}, self.indexes))
        write_atomic(self.folder / JOURNAL_FILE, journal_header(0))
        write_atomic(self.folder / HOT_FILE, snapshot.encode(header, {}, self.indexes))  # last: it marks a book

    def _migrate(self, version: int) -> None:
        """Bring an older book up to SCHEMA_VERSION, one step at a time, after a backup of it."""
        if self.read_only:
            raise StorageError(f"{self.folder} holds an older book (version {version}) and was opened read-only")
        if self.before_migration is not None:
            self.before_migration(self.folder, version)
        while version < SCHEMA_VERSION:
            MIGRATIONS[version](self.folder)
            version = _file_version(self.folder / HOT_FILE)

    def _read_snapshot(self, path: Path) -> tuple[dict, dict]:
        """(header, tables) of a snapshot: through its index when it has a sound one, else parsed whole."""
        raw = read_bytes(path)
        indexed = snapshot.decode(raw, self.indexes)
        if indexed is not None:
            return indexed
        tables = read_json(path, raw)
        header = tables.pop(HEADER)
        for name, check in self.checks.items():
            for doc_id, doc in tables.get(name, {}).items():
                why = check(doc)
                if why:
                    raise damaged(path, f"{name} document {doc_id} is of the wrong shape: {why}")
        self._unindexed = self._unindexed or any(name in self.indexes for name in tables)
        return header, tables

    def _load(self) -> None:
        """Read book.json and the journal (history stays on disk until asked for)."""
        header, hot = self._read_snapshot(self.folder / HOT_FILE)
        schema = header.get("schema")
        if not isinstance(schema, int) or schema > SCHEMA_VERSION:
            raise NewerBook(f"{self.folder / HOT_FILE} was written by a newer Cockpit (book version {schema}, "
                            f"this one knows {SCHEMA_VERSION}); update Cockpit to open it")
        self.schema = schema
        self._tables = hot
        self._hot_gen = header.get("gen", 0)
        self._next_ids = dict(header.get("next_ids", {}))
        self._history_loaded = False
        self._pending = []
        self._read_journal(from_start=True)
        self._needs_repair = self._hot_gen != self._gen or peek_gen(self.folder / HISTORY_FILE) != self._gen
        for listener in self.listeners:
            listener(None, None, None, None)

    def _journal_header(self, fd) -> tuple[int, bytes]:
        """(generation, header line) of the open journal."""
        path = self.folder / JOURNAL_FILE
        first = _head_line(fd)
        if first is None:
            raise damaged(path, "its first line is cut short or is not a journal header")
        try:
            head = json.loads(first)
            gen = head["gen"]
            if not isinstance(head, dict) or type(gen) is not int or gen < 0:
                raise TypeError
            return gen, first
        except (ValueError, KeyError, TypeError):
            raise damaged(path, "its first line is not a journal header") from None

    def _read_journal(self, from_start: bool) -> None:
        path = self.folder / JOURNAL_FILE
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            raise damaged(path, "the file is missing") from None
        try:
            st = os.fstat(fd)
            if from_start:
                gen, head = self._journal_header(fd)
                if not (gen <= self._hot_gen <= gen + 1):
                    raise damaged(self.folder / HOT_FILE, f"generation {self._hot_gen} does not fit the journal's {gen}")
                self._gen, self._journal_head, self._journal_pos = gen, head, len(head)
            self._journal_end = st.st_size
            if st.st_size <= self._journal_pos:
                return
            raw = os.pread(fd, st.st_size - self._journal_pos, self._journal_pos)
        finally:
            os.close(fd)
        lines = raw.split(b"\n")
        lines.pop()  # after the last newline: empty, or a torn line nobody was told about
        offset = self._journal_pos
        entries = []
        for line in lines:
            # A line is written with its newline in one call: one that ends in a newline was
            # complete, fsynced and acknowledged. If it does not parse, the file was damaged
            # afterwards; refusing keeps it intact (dropping it would lose an acknowledged write).
            try:
                entry = json.loads(line)
            except (ValueError, UnicodeDecodeError):
                raise damaged(path, f"the line at byte {offset} does not parse") from None
            why = _bad_ops(entry) or self._bad_docs(entry["ops"])
            if why:
                raise damaged(path, f"the line at byte {offset} is not a change ({why})")
            entries.append(entry["ops"])
            offset += len(line) + 1
        for ops in entries:  # all checked first: a bad line leaves memory as it was
            self._apply(ops, replay=True)
        self._journal_pos = offset

    def _load_history(self) -> None:
        if self._history_loaded:
            return
        path = self.folder / HISTORY_FILE
        header, hist = self._read_snapshot(path)
        self._hist_gen = header.get("gen", 0)
        if not (self._gen <= self._hist_gen <= self._gen + 1):
            raise damaged(path, f"generation {self._hist_gen} does not fit the journal's {self._gen}")
        for name in HISTORY_TABLES:
            self._tables[name] = hist.get(name, {})
        self._history_loaded = True
        pending, self._pending = self._pending, []
        if self._hist_gen == self._gen:
            self._apply([op for op in pending if op[0] in HISTORY_TABLES], replay=True)
        for listener in self.listeners:
            listener("activities", None, None, None)

    # ---- applying changes -----------------------------------------------------------------

    def _apply(self, ops, replay: bool = False) -> None:
        hot_behind = not replay or self._hot_gen == self._gen
        for op in ops:
            name, doc_id, doc = op
            if doc_id is not None:
                self._next_ids[name] = max(self._next_ids.get(name, 1), int(doc_id) + 1)
            if name in HISTORY_TABLES:
                if not self._history_loaded:
                    self._pending.append(op)
                    continue
                if replay and self._hist_gen != self._gen:
                    continue
            elif not hot_behind:
                continue
            if doc_id is None:  # [name, None, None] drops a table, [name, None, {}] empties it
                if doc is None:
                    self._tables.pop(name, None)
                else:
                    self._tables[name] = {}
                for listener in self.listeners:
                    listener(name, None, None, None)
                continue
            table = self._tables.setdefault(name, {})
            old = table.pop(doc_id, None) if doc is None else table.get(doc_id)
            if doc is not None:
                table[doc_id] = doc
            for listener in self.listeners:
                listener(name, doc_id, old, doc)

    def catch_up(self) -> None:
        """Take in what other processes wrote since we last looked (call under the lock)."""
        path = self._journal_path
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            raise damaged(path, "the file is missing") from None
        try:
            size = os.fstat(fd).st_size
            head = _head_line(fd)
        finally:
            os.close(fd)
        if head != self._journal_head or size < self._journal_pos:
            self._load()  # another process checkpointed (or restored a backup): snapshots and journal are new
        elif size != self._journal_pos:
            self._read_journal(from_start=False)

    def _bad_docs(self, ops) -> str:
        for name, doc_id, doc in ops:
            check = self.checks.get(name)
            why = check(doc) if check is not None and doc is not None else ""
            if why:
                return f"{name} document {doc_id} is of the wrong shape: {why}"
        return ""

    def _same_journal(self, fd) -> None:
        """Refuse to write on a view older than the files: the journal is still the one we read."""
        if _head_line(fd) != self._journal_head:
            raise StorageError(f"{self.folder} was changed by another process while this one was writing; "
                               "nothing was written: try again")

    def _repair(self, exclusive: bool) -> None:
        """Finish a checkpoint a crash cut short (a snapshot a generation ahead of the journal)."""
        if not self._needs_repair or self.read_only:
            return
        if not exclusive:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
        self._load()
        if self._needs_repair:
            self.checkpoint(locked=True)
        if not exclusive:
            fcntl.flock(self._lock_fd, fcntl.LOCK_SH)

    def _reindex(self, exclusive: bool) -> None:
        """A snapshot read whole (an older layout, or edited by hand) is written again with its index,
        once, so the next open reads only what it needs."""
        if not self._unindexed or self.read_only:
            return
        if not exclusive:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
        try:
            self.catch_up()
            self.checkpoint(locked=True)
        except StorageError:
            pass  # a full disk or read-only folder: the book reads as it is, only slower
        finally:
            if not exclusive:
                fcntl.flock(self._lock_fd, fcntl.LOCK_SH)

    @contextmanager
    def reading(self):
        if self._held:  # a transaction caught up when it began, and nobody else writes until it ends
            yield
            return
        with self._locked(exclusive=False):
            self.catch_up()
            self._repair(exclusive=False)
            yield

    @contextmanager
    def transaction(self):
        """One exclusive lock, caught up once, for everything inside: reads see the newest book and no
        other process writes until the block ends (read the prospect, run the engine, store)."""
        if self._held:
            self._held += 1
            try:
                yield
            finally:
                self._held -= 1
            return
        with self._locked(exclusive=True):
            self.catch_up()
            self._repair(exclusive=True)
            self._held = 1
            try:
                yield
            finally:
                self._held = 0

    def table(self, name: str) -> dict:
        """The live table (str doc_id -> document): read it, never change it."""
        if name in HISTORY_TABLES:
            self._load_history()
        return self._tables.get(name, {})

    def rows(self, name: str) -> list[tuple[str, tuple]]:
        """(doc_id, row of the fields indexed for `name`) for every document, parsing as few as it can."""
        return snapshot.rows(self.table(name), self.indexes[name])

    def next_id(self, name: str) -> int:
        if name not in self._next_ids:
            ids = self.table(name).keys()
            self._next_ids[name] = max(map(int, ids), default=0) + 1
        return self._next_ids[name]

    def commit(self, ops: list[list]) -> None:
        """Make `ops` durable as one journal line, then apply them. Call under `writing()`."""
        if not ops:
            return
        if self.read_only:
            raise StorageError(f"{self.folder} was opened read-only")
        if len(ops) >= BULK_OPS and len({op[0] in HISTORY_TABLES for op in ops}) == 1:
            # One file's worth of bulk (an import, a demo): a checkpoint is atomic per file and
            # cheaper than a journal line of megabytes.
            self._apply(ops)
            self.checkpoint(locked=True)
            return
        line = _dumps({"ops": ops}).encode() + b"\n"
        path = self.folder / JOURNAL_FILE
        try:
            fd = os.open(path, os.O_RDWR)
        except OSError as exc:
            raise os_error(path, exc, "write to") from None
        try:
            start = self._journal_pos
            self._same_journal(fd)
            try:
                if self._journal_end != start:
                    os.ftruncate(fd, start)  # cut away a torn line nobody was told about
                view = memoryview(line)
                pos = start
                while view:
                    n = os.pwrite(fd, view, pos)
                    view, pos = view[n:], pos + n
                os.fsync(fd)
            except OSError as exc:
                try:
                    os.ftruncate(fd, start)
                    os.fsync(fd)
                except OSError:
                    pass  # a line without its newline is ignored on the next read anyway
                self._journal_end = os.fstat(fd).st_size
                raise os_error(path, exc, "write to") from None
        finally:
            os.close(fd)
        self._journal_pos = self._journal_end = start + len(line)
        self._apply(ops)
        if self._journal_pos > (QUIET_CHECKPOINT_BYTES if self.quiet_checkpoints else CHECKPOINT_BYTES):
            self.checkpoint(locked=True)

    @contextmanager
    def writing(self):
        if self._held:
            yield
            return
        with self._locked(exclusive=True):
            self.catch_up()
            self._repair(exclusive=True)
            yield

    # ---- checkpoint -------------------------------------------------------------------------

    def checkpoint(self, locked: bool = False) -> None:
        """Rewrite the snapshots atomically at generation N+1 and start an empty journal."""
        if not locked:
            with self.writing():
                return self.checkpoint(locked=True)
        self._load_history()
        if self.prune is not None:
            for name in HISTORY_TABLES:
                self.prune(self._tables.setdefault(name, {}))
        gen = self._gen + 1
        header = {"schema": SCHEMA_VERSION, "gen": gen, "next_ids": self._next_ids}
        hot = {k: v for k, v in self._tables.items() if k not in HISTORY_TABLES}
        hist = {k: self._tables.get(k, {}) for k in HISTORY_TABLES}
        head = journal_header(gen)
        try:
            fd = os.open(self.folder / JOURNAL_FILE, os.O_RDONLY)
            try:
                self._same_journal(fd)  # never write tables older than the files
            finally:
                os.close(fd)
            # All three written and fsynced before the first rename: a full disk leaves the old set.
            durable.write_set([(self.folder / HISTORY_FILE, snapshot.encode(header, hist, self.indexes)),
                               (self.folder / HOT_FILE, snapshot.encode(header, hot, self.indexes)),
                               (self.folder / JOURNAL_FILE, head)])
        except OSError as exc:
            # The old journal still holds every change; reload from disk so memory matches it.
            self._load()
            raise os_error(self.folder, exc, "write a checkpoint of") from None
        self._gen = self._hot_gen = self._hist_gen = gen
        self._unindexed = False
        self.schema = SCHEMA_VERSION
        self._journal_head = head
        self._journal_pos = self._journal_end = len(head)
        if self.checkpointed is not None:
            self.checkpointed()

    def fingerprint(self) -> tuple:
        return self._journal_head, self._journal_pos

    def journal_size(self) -> int:
        return self._journal_pos

    def checkpoint_due(self) -> bool:
        """The journal is past the size at which a write would checkpoint it."""
        return not self.read_only and self._journal_pos > CHECKPOINT_BYTES

    # ---- the TinyDB Storage interface ---------------------------------------------------------

    def read(self):
        with self.reading():
            self._load_history()
            tables = copy.deepcopy(self._tables)
        return tables or None

    def write(self, data) -> None:
        if self.read_only:
            raise IOError('Cannot write to the database. Access mode is "r"')
        with self.writing():
            self._load_history()
            ops = [[name, None, None] for name in self._tables.keys() - data.keys()]
            for name, new in data.items():
                new = {str(k): v for k, v in new.items()}
                old = self._tables.get(name)
                if old is None or not new:
                    if old is None or old:
                        ops.append([name, None, {}])
                    old = {}
                ops += [[name, k, None] for k in old.keys() - new.keys()]
                ops += [[name, k, copy.deepcopy(v)] for k, v in new.items() if old.get(k) != v]
            self.commit(ops)

    def close(self) -> None:
        if self._lock_fd is None:
            return
        try:
            if not self.read_only and self._journal_pos > CLOSE_CHECKPOINT_BYTES:
                self.checkpoint()
        finally:
            self._close_lock()


def journal_header(gen: int) -> bytes:
    """A new journal's first line. The id is new at every checkpoint, so a journal that another
    process rewrote never reads as the one we had, whatever its generation, inode or size."""
    return _dumps({"journal": 1, "gen": gen, "id": secrets.token_hex(8)}).encode() + b"\n"


def _head_line(fd) -> bytes | None:
    """The journal's first line, with its newline; None when it has none within 4 KiB."""
    line = b""
    while b"\n" not in line:
        chunk = os.pread(fd, 512, len(line))
        if not chunk or len(line) > 4096:
            return None
        line += chunk
    return line[: line.index(b"\n") + 1]


def _bad_ops(entry) -> str:
    """Why a parsed journal line is not a change ({"ops": [[table, doc_id, doc-or-null], ...]}); "" if it is."""
    if not isinstance(entry, dict) or not isinstance(entry.get("ops"), list):
        return 'no list of "ops"'
    for op in entry["ops"]:
        if not (isinstance(op, list) and len(op) == 3 and isinstance(op[0], str)):
            return f"{_short(op)} is not [table, id, document]"
        _, doc_id, doc = op
        if doc_id is None:
            if doc not in (None, {}):
                return f"{_short(op)} gives a whole table without an id"
        elif not (isinstance(doc_id, str) and doc_id.isdigit() and doc_id.isascii()):
            return f"document id {_short(doc_id)} is not a number"
        elif doc is not None and not isinstance(doc, dict):
            return f"document {doc_id} is not an object"
    return ""


def _short(value) -> str:
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= 40 else text[:37] + "..."


def peek_gen(path: Path):
    """The generation in a snapshot's header (written first), without parsing the whole file."""
    try:
        with open(path, "rb") as f:
            head = f.read(300)
    except FileNotFoundError:
        return None
    found = re.search(rb'"gen":(\d+)', head)
    return int(found.group(1)) if found else None


def _file_version(path: Path) -> int:
    """The schema version of book.json: its header says; a TinyDB file without one is version 0.

    Version 0 was one file: with history.json or the journal beside it, a book.json without a header
    is a damaged book (``{}`` from an editor, say), never one to migrate over the history."""
    with open(path, "rb") as f:
        head = f.read(300)
    if head.startswith(b'{"' + HEADER.encode() + b'"'):
        found = re.search(rb'"schema":(-?\d+)', head)
        return int(found.group(1)) if found else SCHEMA_VERSION
    alone = not any((path.parent / name).exists() for name in (HISTORY_FILE, JOURNAL_FILE))
    return 0 if alone and head.lstrip().startswith(b"{") else SCHEMA_VERSION  # else _load names the damage


def _migrate_0_to_1(folder: Path) -> None:
    """Version 0 (one TinyDB JSONStorage file, book.json) to 1: history split off, a journal, a header."""
    path = folder / HOT_FILE
    try:
        data = json.loads(path.read_bytes() or b"{}")
    except (ValueError, UnicodeDecodeError) as exc:
        raise damaged(path, f"not valid JSON: {exc}") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise damaged(path, "not a TinyDB book")
    header = {"schema": 1, "gen": 0, "next_ids": {}}
    hist = {HEADER: header, **{k: data.pop(k, {}) for k in HISTORY_TABLES}}
    write_atomic(folder / HISTORY_FILE, _dumps(hist).encode())
    write_atomic(folder / JOURNAL_FILE, journal_header(0))
    write_atomic(path, _dumps({HEADER: header, **data}).encode())  # last: until then it is still version 0
    os.chmod(folder, DIR_MODE)


MIGRATIONS = {0: _migrate_0_to_1}


def now_stamp() -> str:
    return time.strftime("%Y-%m-%d-%H%M%S")
