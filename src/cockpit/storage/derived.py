"""Rows derived from the history for stats: a rebuildable cache in the book folder, never its source of truth.

`cockpit stats` and the stats screen read every activity. Parsing history.json (70 MB after years
of calling) and making 300k objects of it took seconds, while the figures need seven plain fields
of each activity. This module keeps those fields as columns in one file of the book folder,
``derived-activities.bin``, and brings them up to date from the journal.

What the file holds: one row (prospect, UTC epoch seconds, doc id, outcome, reason, block, wrap-up)
per activity of history.json plus the journal up to a byte offset, grouped by prospect and in time
order within each prospect (what engine.stats.Columns asks for), and a stamp naming what it was
derived from: history.json (generation, inode, size, mtime) and the journal (inode, generation,
offset).

How it stays right (every read runs under the book's lock, after the storage caught up):

- If the stamp's history.json and journal are the ones on disk, the journal lines past the offset
  are applied: an added activity is a new row, undo's removal drops one. That is how a log, an undo
  or another process's write reaches the figures.
- Anything else (no file, another history.json, a damaged or foreign file, a journal op that empties
  the table) and the book rebuilds the rows from the history itself and rewrites the file. Never an
  error: a cache that cannot be read or written only costs time.
- A checkpoint writes a new history.json; the book rolls its rows forward to it and rewrites the
  file (Book._prune_before / Book._checkpointed), so the next stats does not rebuild.
- Activities are only ever added and removed (undo), never edited in place (a checkpoint drops old
  undo snapshots, a field stats does not read), so a row is known by its doc id.

The file is written atomically (temp file, fsync, rename, fsync of the folder), mode 0600, and
carries a CRC-32 of its payload, so a torn or edited file is recognised and rebuilt.
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from array import array
from dataclasses import dataclass, field
from datetime import datetime
from itertools import compress, repeat
from operator import itemgetter, not_
from pathlib import Path
from typing import TYPE_CHECKING

from .journal import HISTORY_FILE, JOURNAL_FILE, peek_gen, write_atomic

if TYPE_CHECKING:
    from ..engine.stats import Columns, Row

DERIVED_FILE = "derived-activities.bin"
MAGIC = b"cockpit-derived-activities 1\n"
ACTIVITIES = "activities"

Stamp = tuple  # ((history gen, inode, size, mtime_ns), (journal inode, gen), journal offset)


def history_id(folder: Path) -> tuple | None:
    path = Path(folder) / HISTORY_FILE
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (peek_gen(path), st.st_ino, st.st_size, st.st_mtime_ns)


def journal_id(folder: Path) -> tuple | None:
    path = Path(folder) / JOURNAL_FILE
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            head = json.loads(f.readline())
        return (st.st_ino, int(head["gen"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def stamp_now(folder: Path, offset: int) -> Stamp | None:
    """The stamp of what is on disk now, the journal read up to `offset` (call under the book's lock)."""
    hist, jour = history_id(folder), journal_id(folder)
    if hist is None or jour is None or hist[0] != jour[1]:
        return None  # a checkpoint cut short: the storage repairs it; rebuild until then
    return (hist, jour, offset)


def _epoch(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())


def row_of(doc_id: str, doc: dict) -> Row:
    return (doc["prospect_id"], _epoch(doc["at"]), int(doc_id), doc["outcome"], doc.get("reason") or "",
            doc.get("block") or "", doc.get("wrap_seconds"))


@dataclass
class DerivedRows:
    """The base columns (sorted by prospect, time, doc id) and the changes read from the journal since."""
    stamp: Stamp | None  # None: what is on disk could not be named (read it again next time)
    pid: list[str]
    at: list[int]
    seq: list[int]
    outcome: list[str]
    reason: list[str]
    block: list[str]
    wrap: list
    changes: dict[int, Row | None] = field(default_factory=dict)  # doc id -> row added, or None: removed

    @classmethod
    def from_table(cls, table: dict, stamp: Stamp) -> DerivedRows:
        """The slow path: every document of the loaded history."""
        rows = sorted(row_of(k, d) for k, d in table.items())
        return cls(stamp, *(list(map(itemgetter(k), rows)) for k in range(7)))

    def __len__(self) -> int:
        return len(self.seq)

    def catch_up(self, folder: Path) -> bool:
        """Apply the journal lines written since the stamp; False if the stamp is not what is on disk."""
        if self.stamp is None:
            return False
        hist, jour, offset = self.stamp
        if history_id(folder) != hist or journal_id(folder) != jour:
            return False
        try:
            with open(Path(folder) / JOURNAL_FILE, "rb") as f:
                if os.fstat(f.fileno()).st_size < offset:
                    return False
                f.seek(offset)
                raw = f.read()
        except OSError:
            return False
        end = raw.rfind(b"\n") + 1  # a last line without its newline was never acknowledged
        try:
            for line in raw[:end].splitlines():
                for name, doc_id, doc in json.loads(line)["ops"]:
                    if name != ACTIVITIES:
                        continue
                    if doc_id is None:
                        return False  # the whole table dropped or emptied: rebuild
                    self.changes[int(doc_id)] = None if doc is None else row_of(doc_id, doc)
        except (ValueError, KeyError, TypeError):
            return False
        self.stamp = (hist, jour, offset + end)
        return True

    def _merged(self) -> list[list]:
        """All seven columns with the changes folded in, still grouped by prospect in time order.

        Prospects the changes touch are taken out of the base and appended, their rows sorted
        again; every other prospect's run is kept as it is."""
        base = [self.pid, self.at, self.seq, self.outcome, self.reason, self.block, self.wrap]
        if not self.changes:
            return base
        changed = self.changes
        hit = list(map(changed.__contains__, self.seq))
        affected = {row[0] for row in changed.values() if row is not None}
        affected.update(compress(self.pid, hit))
        moved = list(map(affected.__contains__, self.pid))
        extra = [row for row in zip(*(compress(col, moved) for col in base), strict=True) if row[2] not in changed]
        extra += [row for row in changed.values() if row is not None]
        extra.sort()
        keep = list(map(not_, moved))
        return [list(compress(col, keep)) + list(map(itemgetter(k), extra)) for k, col in enumerate(base)]

    def fold(self) -> DerivedRows:
        """The same rows with the changes made part of the base (what gets written)."""
        return DerivedRows(self.stamp, *self._merged())

    def columns(self) -> Columns:
        from ..engine.stats import Columns

        return Columns(*self._merged())


# ---- the file ------------------------------------------------------------------------------------

_CODES = ("pid", "outcome", "reason", "block")  # string columns stored as indexes into a list of values


def save(folder: Path, rows: DerivedRows) -> None:
    """Write the rows (changes folded in) atomically, mode 0600. Raises OSError; callers ignore it."""
    rows = rows.fold()
    header: dict = {"stamp": rows.stamp, "n": len(rows), "byteorder": sys.byteorder}
    payload = [array("q", rows.seq), array("q", rows.at)]
    for name in _CODES:
        column = getattr(rows, name)
        values = sorted(set(column))
        index = {v: k for k, v in enumerate(values)}
        header[name] = values
        payload.append(array("i", map(index.__getitem__, column)))
    header["wrap"] = [[i, w] for i, w in enumerate(rows.wrap) if w is not None]
    body = b"".join(a.tobytes() for a in payload)
    header["crc"] = zlib.crc32(body)
    write_atomic(Path(folder) / DERIVED_FILE, MAGIC + json.dumps(header).encode() + b"\n" + body, per_process=True)


def load(folder: Path) -> DerivedRows | None:
    """The rows in the file, or None when it is missing, damaged or not ours (then: rebuild)."""
    try:
        raw = (Path(folder) / DERIVED_FILE).read_bytes()
    except OSError:
        return None
    try:
        if not raw.startswith(MAGIC):
            return None
        end = raw.index(b"\n", len(MAGIC))
        header = json.loads(raw[len(MAGIC):end])
        body = memoryview(raw)[end + 1:]
        n = header["n"]
        if header["byteorder"] != sys.byteorder or len(body) != n * 32 or zlib.crc32(body) != header["crc"]:
            return None
        columns = {}
        offset = 0
        for name, code in (("seq", "q"), ("at", "q"), *((name, "i") for name in _CODES)):
            column = array(code)
            column.frombytes(body[offset:offset + n * column.itemsize])
            offset += n * column.itemsize
            columns[name] = column.tolist() if code == "q" else list(map(header[name].__getitem__, column))
        wrap = list(repeat(None, n))
        for i, w in header["wrap"]:
            wrap[i] = w
        hist, jour, offset = header["stamp"]
        stamp = (tuple(hist), tuple(jour), offset)
    except (ValueError, KeyError, TypeError, IndexError, OverflowError):
        return None
    return DerivedRows(stamp, columns["pid"], columns["at"], columns["seq"], columns["outcome"], columns["reason"],
                       columns["block"], wrap)
