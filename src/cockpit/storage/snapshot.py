"""The hot snapshot (book.json) in a layout that opens without parsing every prospect.

book.json stays one plain JSON document (any JSON tool reads it, a person can edit it), written
one document per line with an index in the header:

    {"_cockpit":{"schema":1,"gen":7,"next_ids":{...},"index":{...},"crc":123}
    ,"meta":{"1":{...},"2":{...}}
    ,"prospects":{
    "1":{...},
    "2":{...}
    }
    }

For each indexed table the header lists its doc ids in order and, per document, the few fields
the book asks of all of them at once (storage.PROSPECT_INDEX, ACTIVITY_INDEX). Opening a book then
parses the header and only the documents asked for: today's agenda in a ten-year book reads a few
hundred prospects, not fifty thousand. history.json is written the same way.

The header also holds the CRC-32 of everything after its line. A file whose CRC does not match
(edited by hand, cut short) or that has no index (an older book) is parsed whole, as before, and
written again with its index when the book is opened (journal.py, _reindex). The index is never
trusted over the documents it covers.
"""

from __future__ import annotations

import copy
import json
import zlib
from collections.abc import Iterator, MutableMapping

HEADER = "_cockpit"
OPENING = b'{"' + HEADER.encode() + b'":'

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # compact, the C encoder

# Index fields: paths into a document, e.g. ("next_step", "due"); a missing step gives None.
Fields = tuple[tuple[str, ...], ...]


def field_row(doc: dict, fields: Fields) -> tuple:
    row = []
    for path in fields:
        value = doc
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        row.append(value)
    return tuple(row)


class LazyTable(MutableMapping):
    """A table read from an indexed snapshot: each document is parsed the first time it is asked for.

    `_docs` maps doc_id to the document, or to its line of the file until then; `_rows` holds the
    index row of every document that has not changed since the snapshot was written.
    """

    __slots__ = ("_docs", "_rows")

    def __init__(self, docs: dict, rows: dict):
        self._docs = docs
        self._rows = rows

    def __getitem__(self, key: str) -> dict:
        doc = self._docs[key]
        if type(doc) is bytes:
            doc = self._docs[key] = _parse_line(key, doc)
        return doc

    def __setitem__(self, key: str, doc: dict) -> None:
        self._docs[key] = doc
        self._rows.pop(key, None)

    def __delitem__(self, key: str) -> None:
        del self._docs[key]
        self._rows.pop(key, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._docs)

    def __len__(self) -> int:
        return len(self._docs)

    def __contains__(self, key) -> bool:
        return key in self._docs

    def keys(self):
        return self._docs.keys()

    def __reversed__(self) -> Iterator[str]:
        return reversed(self._docs)

    def changed(self) -> int:
        """How many documents were added or replaced since the snapshot was read."""
        return len(self._docs) - len(self._rows)

    def rows(self, fields: Fields) -> list[tuple[str, tuple]]:
        """(doc_id, index row) of every document, parsing none that the index still covers."""
        rows, docs = self._rows, self._docs
        if len(rows) == len(docs):  # nothing added or changed since the snapshot: the index is whole
            return list(rows.items())
        return [(key, rows[key] if key in rows else field_row(self[key], fields)) for key in docs]

    def line(self, key: str) -> bytes:
        """The document as a line of the file: untouched ones are copied, not encoded again."""
        doc = self._docs[key]
        if type(doc) is bytes:
            return doc[:-1] if doc.endswith(b",") else doc
        return _record(key, doc)

    def __deepcopy__(self, memo) -> dict:
        return {key: copy.deepcopy(self[key], memo) for key in self._docs}


def rows(table, fields: Fields) -> list[tuple[str, tuple]]:
    if isinstance(table, LazyTable):
        return table.rows(fields)
    return [(key, field_row(doc, fields)) for key, doc in table.items()]


def _record(key: str, doc: dict) -> bytes:
    return (_dumps(key) + ":" + _dumps(doc)).encode()


def _parse_line(key: str, line: bytes) -> dict:
    start = len(_dumps(key).encode()) + 1
    return json.loads(line[start:-1] if line.endswith(b",") else line[start:])


def encode(header: dict, tables: dict, indexes: dict[str, Fields]) -> bytes:
    """book.json for `tables`: documents of indexed tables one per line, the index in the header."""
    body: list[bytes] = []
    index = {}
    for name, table in tables.items():
        fields = indexes.get(name)
        opening = b"," + _dumps(name).encode() + b":"
        if fields is None:
            body.append(opening + _dumps(dict(table.items())).encode())
            continue
        index[name] = {"line": len(body), "fields": [list(f) for f in fields], "keys": list(table.keys())}
        body.append(opening + b"{")
        lines = [table.line(key) for key in table] if isinstance(table, LazyTable) else \
            [_record(key, doc) for key, doc in table.items()]
        if lines:
            body.append(b",\n".join(lines))
        body.append(b"}")
        cols = list(zip(*(row for _, row in rows(table, fields)), strict=True)) or [() for _ in fields]
        index[name]["cols"] = [list(col) for col in cols]
    body.append(b"}")
    tail = b"\n" + b"\n".join(body)
    header = {**header, "index": index, "crc": zlib.crc32(tail)}
    return OPENING + _dumps(header).encode() + tail


def decode(raw: bytes, indexes: dict[str, Fields]) -> tuple[dict, dict] | None:
    """(header, tables) from an indexed book.json, or None when it must be parsed whole."""
    end = raw.find(b"\n")
    if end < 0 or not raw.startswith(OPENING):
        return None
    try:
        header = json.loads(raw[len(OPENING):end])
    except (ValueError, UnicodeDecodeError):
        return None
    index = header.get("index") if isinstance(header, dict) else None
    if not isinstance(index, dict) or header.get("crc") != zlib.crc32(memoryview(raw)[end:]):
        return None
    try:
        return header, _tables(raw.split(b"\n")[1:], index, indexes)
    except (ValueError, UnicodeDecodeError, KeyError, TypeError, IndexError):
        return None  # written by us (the CRC says so) but not in a shape this version reads


def _tables(lines: list[bytes], index: dict, indexes: dict[str, Fields]) -> dict:
    starts = {entry["line"]: name for name, entry in index.items()}
    tables: dict = {}
    i, last = 0, len(lines) - 1
    if lines[last] != b"}":
        raise ValueError("the file does not end where its index says")
    while i < last:
        name = starts.get(i)
        if name is None:
            tables.update(json.loads(b"{" + lines[i][1:] + b"}"))
            i += 1
            continue
        entry = index[name]
        if entry["fields"] != [list(f) for f in indexes.get(name, ())]:
            raise ValueError(f"table {name} is indexed on other fields")
        keys = entry["keys"]
        stop = i + 1 + len(keys)
        if lines[stop] != b"}":
            raise ValueError(f"table {name} does not have the lines its index lists")
        rows = dict(zip(keys, zip(*entry["cols"], strict=True), strict=True)) if keys else {}
        tables[name] = LazyTable(dict(zip(keys, lines[i + 1:stop], strict=True)), rows)
        i = stop + 1
    return tables
