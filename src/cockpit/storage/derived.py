"""Rows derived from the history for stats: a rebuildable cache in the book folder, never its source of truth.

`cockpit stats` and the stats screen read every activity. Parsing history.json (70 MB after years
of calling) and making 300k objects of it took seconds, while the figures need seven plain fields
of each activity. This module keeps those fields as columns in one file of the book folder,
``derived-activities.bin``, and brings them up to date from the journal.

What the file holds: one row (prospect, UTC epoch seconds, doc id, outcome, reason, block, wrap-up,
the cadence it counts for) per activity of history.json plus the journal up to a byte offset, grouped by prospect and in time
order within each prospect (what engine.stats.Columns asks for), and a stamp naming what it was
derived from: history.json (generation, inode, size, mtime) and the journal (inode, generation,
offset). The columns are fixed-width binary (int64 times and doc ids, int32 codes into the tables
of prospect ids, outcomes, reasons, blocks and cadences kept in the header, float64 wrap-up with NaN for
none), so loading is `numpy.frombuffer` over the file's bytes: no object per activity.

How it stays right (every read runs under the book's lock, after the storage caught up):

- If the stamp's history.json and journal are the ones on disk, the journal lines past the offset
  are applied: an added activity is a new row, undo's removal drops one. That is how a log, an undo
  or another process's write reaches the figures. The changes are kept aside and folded into the
  arrays when stats asks (`DerivedRows.columns`): the prospects they touch are taken out and put
  back at the end, their rows sorted again; every other prospect's run is kept as it is.
- Anything else (no file, another history.json, a damaged or foreign file, a journal op that empties
  the table) and the book rebuilds the rows from the history itself and rewrites the file. Never an
  error: a cache that cannot be read or written only costs time.
- A checkpoint writes a new history.json; the book rolls its rows forward to it and rewrites the
  file (Book._prune_before / Book._checkpointed), so the next stats does not rebuild.
- Activities are only ever added and removed (undo), never edited in place (a checkpoint drops old
  undo snapshots, a field stats does not read), so a row is known by its doc id.

The file is written atomically (temp file, fsync, rename, fsync of the folder), mode 0600, and
carries a CRC-32 of its payload, so a torn or edited file is recognised and rebuilt.

numpy is imported by the functions that need it, not with this module: every command opens the
book (and so imports this module), only stats reads the rows.
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .journal import HISTORY_FILE, JOURNAL_FILE, peek_gen, write_atomic

if TYPE_CHECKING:
    from ..engine.stats import Columns, Row

DERIVED_FILE = "derived-activities.bin"
MAGIC = b"cockpit-derived-activities 3\n"  # 2: numpy columns, wrap-up in the body; 3: the cadence
ACTIVITIES = "activities"
FEW_MOVED = 4096  # up to this many rows moved by changes, the rest is copied as slices, not through a mask

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
            doc.get("block") or "", doc.get("wrap_seconds"), doc.get("cadence") or "")


@dataclass
class DerivedRows:
    """The base columns (grouped by prospect, in time order) and the changes read from the journal since."""
    stamp: Stamp | None  # None: what is on disk could not be named (read it again next time)
    base: Columns
    changes: dict[int, Row | None] = field(default_factory=dict)  # doc id -> row added, or None: removed

    @classmethod
    def from_table(cls, table: dict, stamp: Stamp) -> DerivedRows:
        """The slow path: every document of the loaded history."""
        from ..engine.stats import columns_of

        return cls(stamp, columns_of(sorted(row_of(k, d) for k, d in table.items())))

    def __len__(self) -> int:
        return len(self.base.seq)

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

    def _merged(self) -> Columns:
        """The columns with the changes folded in, still grouped by prospect in time order.

        Prospects the changes touch are taken out of the base and appended, their rows sorted
        again; every other prospect's run is kept as it is. New strings go at the end of their
        table, so the base's codes stay valid."""
        base = self.base
        if not self.changes:
            return base
        import numpy as np

        from ..engine.stats import ARRAYS, wraps_array

        added = [row for row in self.changes.values() if row is not None]
        new, tables = {}, {}
        for name, k in (("prospect", 0), ("outcome", 3), ("reason", 4), ("block", 5), ("cadence", 7)):
            table = getattr(base, name + "s")
            if added:
                index = {v: i for i, v in enumerate(table)}
                new[name] = np.array([index.setdefault(row[k], len(index)) for row in added], np.int32)
                table = list(index)
            else:
                new[name] = np.zeros(0, np.int32)
            tables[name + "s"] = table
        new["at"], new["seq"] = (np.array([row[k] for row in added], np.int64) for k in (1, 2))
        new["wrap"] = wraps_array(row[6] for row in added)
        hit = np.isin(base.seq, np.fromiter(self.changes, np.int64, len(self.changes)))
        touched = np.zeros(len(tables["prospects"]), bool)
        touched[base.prospect[hit]] = touched[new["prospect"]] = True
        moved = np.flatnonzero(touched[base.prospect])  # the rows of the touched prospects: few
        again = moved[~hit[moved]]  # those that stay
        extra = {name: np.concatenate((getattr(base, name)[again], new[name])) for name in ARRAYS}
        order = np.lexsort((extra["seq"], extra["at"], extra["prospect"]))
        if len(moved) <= FEW_MOVED:  # every other row is kept, in the stretches between: one copy per column
            kept = [(a, b) for a, b in zip([0, *(moved + 1).tolist()], [*moved.tolist(), len(base.seq)], strict=True)
                    if a < b]
            return base._replace(**{name: np.concatenate([getattr(base, name)[a:b] for a, b in kept]
                                                         + [extra[name][order]]) for name in ARRAYS}, **tables)
        stay = np.ones(len(base.seq), bool)
        stay[moved] = False
        return base._replace(**{name: np.concatenate((getattr(base, name)[stay], extra[name][order]))
                                for name in ARRAYS}, **tables)

    def fold(self) -> DerivedRows:
        """The same rows with the changes made part of the base (what gets written)."""
        return DerivedRows(self.stamp, self._merged())

    def columns(self) -> Columns:
        """The columns stats reads; the changes are folded into the base, so they are merged once."""
        self.base, self.changes = self._merged(), {}
        return self.base


# ---- the file ------------------------------------------------------------------------------------

# The columns in the order of the file, each with its type in the machine's byte order (the header
# names it); codes index the header's tables; a wrap-up of NaN was not measured.
_LAYOUT = (("seq", "=i8"), ("at", "=i8"), ("prospect", "=i4"), ("outcome", "=i4"), ("reason", "=i4"),
           ("block", "=i4"), ("wrap", "=f8"), ("cadence", "=i4"))
_TABLES = {"prospect": "pid", "outcome": "outcome", "reason": "reason", "block": "block",
           "cadence": "cadence"}  # column -> header key
_ROW_BYTES = 44


def save(folder: Path, rows: DerivedRows) -> None:
    """Write the rows (changes folded in) atomically, mode 0600. Raises OSError; callers ignore it."""
    import numpy as np

    columns = rows.fold().base
    header: dict = {"stamp": rows.stamp, "n": len(columns.seq), "byteorder": sys.byteorder}
    for name, key in _TABLES.items():
        header[key] = list(getattr(columns, name + "s"))
    body = b"".join(np.ascontiguousarray(getattr(columns, name), code).tobytes()
                    for name, code in _LAYOUT)
    header["crc"] = zlib.crc32(body)
    write_atomic(Path(folder) / DERIVED_FILE, MAGIC + json.dumps(header).encode() + b"\n" + body, per_process=True)


def load(folder: Path) -> DerivedRows | None:
    """The rows in the file, or None when it is missing, damaged or not ours (then: rebuild)."""
    try:
        raw = (Path(folder) / DERIVED_FILE).read_bytes()
    except OSError:
        return None
    import numpy as np

    from ..engine.stats import Columns

    try:
        if not raw.startswith(MAGIC):
            return None
        end = raw.index(b"\n", len(MAGIC))
        header = json.loads(raw[len(MAGIC):end])
        n = header["n"]
        body = memoryview(raw)[end + 1:]
        if header["byteorder"] != sys.byteorder or len(body) != n * _ROW_BYTES or zlib.crc32(body) != header["crc"]:
            return None
        columns, offset = {}, end + 1
        for name, code in _LAYOUT:
            columns[name] = np.frombuffer(raw, code, n, offset)  # the file's bytes, not copied
            offset += n * np.dtype(code).itemsize
        tables = {}
        for name, key in _TABLES.items():
            table = header[key]
            codes = columns[name]
            if (not set(map(type, table)) <= {str} or len(set(table)) != len(table)
                    or (n and (int(codes.min()) < 0 or int(codes.max()) >= len(table)))):
                return None
            tables[name + "s"] = table
        hist, jour, offset = header["stamp"]
        stamp = (tuple(hist), tuple(jour), offset)
    except (ValueError, KeyError, TypeError, IndexError, OverflowError):
        return None
    return DerivedRows(stamp, Columns(**columns, **tables))
