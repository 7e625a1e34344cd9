"""A book is never made again over existing files, and a file of the wrong shape is named, not guessed at.

book.json marks a book. Missing, emptied or unreadable while history.json or the journal are still
there, it is a damaged book: exit 1, one line naming the file and `cockpit doctor --restore`, and
every file left byte for byte as it was (a new empty book would have replaced the history).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from cockpit.demo import generate
from cockpit.storage import Book

NOW = "2026-11-23T10:00:00-05:00"
FROZEN = datetime(2026, 11, 23, 15, tzinfo=timezone.utc)


def cockpit(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COCKPIT_NOW": NOW, "COCKPIT_HOME": str(folder)}
    return subprocess.run([sys.executable, "-m", "cockpit.cli", *args], capture_output=True, text=True, env=env)


def files_of(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in the book folder (backups included): its bytes and mtime."""
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".lock"}


@pytest.fixture
def folder(tmp_path) -> Path:
    folder = tmp_path / "book"
    generate(folder, n=30, now=FROZEN)
    with Book(folder) as book:
        book.checkpoint()  # history.json holds the demo's touches
        assert sum(1 for _ in book.activities()) > 0
    return folder


def assert_refused(folder: Path, result: subprocess.CompletedProcess, before) -> None:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1, result.stderr
    assert len(lines) == 1, lines
    assert "book.json" in lines[0] and "cockpit doctor --restore" in lines[0]
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    assert files_of(folder) == before


@pytest.mark.parametrize("command", [["agenda"], ["add", "Ana Costa", "--company", "Blue Freight", "--phone", "+1 415 555 0123"], ["undo"], ["config", "rep_name"]])
def test_a_missing_book_json_beside_the_history_is_damage_not_a_new_book(folder, command):
    (folder / "book.json").rename(folder.parent / "book.json.away")
    before = files_of(folder)
    result = cockpit(folder, *command)
    if command[0] == "config":  # settings live in cockpit.toml: reading one does not open the book
        assert result.returncode == 0
        assert files_of(folder) == before
        return
    assert_refused(folder, result, before)
    assert not (folder / "book.json").exists()


@pytest.mark.parametrize("content", [b"{}", b"", b"[]", b"{\"prospects\": {}}", b"\x00" * 64])
def test_an_unreadable_book_json_is_never_migrated_over_the_history(folder, content):
    (folder / "book.json").write_bytes(content)
    before = files_of(folder)
    result = cockpit(folder, "agenda")
    assert_refused(folder, result, before)


def test_a_real_old_format_book_is_still_migrated(tmp_path):
    """Version 0 was one TinyDB file with every table; alone in its folder it is migrated, history kept."""
    folder = tmp_path / "old"
    folder.mkdir()
    prospect = {"id": "p1", "name": "Ana Costa", "status": "new", "phones": ["+14155550123"]}
    activity = {"id": "a1", "prospect_id": "p1", "outcome": "voicemail", "at": "2026-11-20T15:00:00Z"}
    (folder / "book.json").write_text(json.dumps({"prospects": {"1": prospect}, "activities": {"1": activity}}))
    result = cockpit(folder, "show", "p1", "--json")
    assert result.returncode == 0, result.stderr
    with Book(folder) as book:
        assert [a.id for a in book.history("p1")] == ["a1"]


def test_a_missing_journal_is_damage(folder):
    (folder / "journal.jsonl").unlink()
    before = files_of(folder)
    result = cockpit(folder, "agenda")
    assert result.returncode == 1
    assert "journal.jsonl" in result.stderr and "--restore" in result.stderr
    assert files_of(folder) == before


JOURNAL_LINES = {
    "ops is a number": b'{"ops": 5}',
    "a non-numeric doc id": b'{"ops": [["prospects", "x1", {"id": "p"}]]}',
    "an op of two parts": b'{"ops": [["prospects", "1"]]}',
    "a document that is a list": b'{"ops": [["prospects", "1", [1, 2]]]}',
    "a line that is a list": b'[1, 2, 3]',
    "a table name that is a number": b'{"ops": [[7, "1", {}]]}',
}


@pytest.mark.parametrize("line", list(JOURNAL_LINES.values()), ids=list(JOURNAL_LINES))
def test_a_malformed_journal_line_is_named_with_its_place(folder, line):
    journal = folder / "journal.jsonl"
    good = journal.read_bytes()
    journal.write_bytes(good + line + b"\n")
    before = files_of(folder)
    result = cockpit(folder, "agenda")
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1, result.stderr
    assert len(lines) == 1 and "journal.jsonl" in lines[0] and f"byte {len(good)}" in lines[0]
    assert "unexpected" not in result.stderr and "Traceback" not in result.stderr
    assert files_of(folder) == before


def edit(path: Path, table: str, change) -> str:
    """Rewrite one document of a book file as an editor would (the index no longer fits: it is read whole)."""
    data = json.loads(path.read_bytes())
    doc_id = next(iter(data[table]))
    data[table][doc_id] = change(dict(data[table][doc_id]))
    path.write_text(json.dumps(data, indent=1))
    return doc_id


PROSPECT_SHAPES = {
    "a list": lambda d: [d["id"], d["name"]],
    "no name": lambda d: {k: v for k, v in d.items() if k != "name"},
    "attempt as text": lambda d: {**d, "attempt": "three"},
    "phones as text": lambda d: {**d, "phones": "+1 415 555 0123"},
    "a name that is a number": lambda d: {**d, "name": 5},
    "a step without a due time": lambda d: {**d, "next_step": {"channel": "call"}},
    "a date that is not one": lambda d: {**d, "created": "last tuesday"},
}
ACTIVITY_SHAPES = {
    "no time": lambda d: {k: v for k, v in d.items() if k != "at"},
    "a time without a zone": lambda d: {**d, "at": "2026-11-20T10:00:00"},
    "a number": lambda d: 7,
}


SHAPES = [("book.json", "prospects", "agenda", label, change) for label, change in PROSPECT_SHAPES.items()] + [
    ("history.json", "activities", "stats", label, change) for label, change in ACTIVITY_SHAPES.items()]


@pytest.mark.parametrize(("file", "table", "command", "label", "change"), SHAPES, ids=[s[3] for s in SHAPES])
def test_a_document_of_the_wrong_shape_is_named_and_nothing_is_rewritten(folder, file, table, command, label,
                                                                         change):
    doc_id = edit(folder / file, table, change)
    before = files_of(folder)
    result = cockpit(folder, command)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1, result.stderr
    assert len(lines) == 1 and file in lines[0] and f"{table} document {doc_id}" in lines[0]
    assert "unexpected" not in result.stderr
    assert files_of(folder) == before


def test_a_journal_line_with_a_prospect_of_the_wrong_shape_is_named(folder):
    journal = folder / "journal.jsonl"
    good = journal.read_bytes()
    journal.write_bytes(good + b'{"ops": [["prospects", "1", {"id": "p1", "name": ["Ana"]}]]}\n')
    result = cockpit(folder, "agenda")
    assert result.returncode == 1
    assert f"byte {len(good)}" in result.stderr and "name is not text" in result.stderr


def test_a_bad_document_behind_a_fitting_index_is_named_when_read(folder):
    """An index whose checksum fits is not read whole; its documents are checked when made."""
    from cockpit.storage import ACTIVITY_INDEX, PROSPECT_INDEX, snapshot

    raw = (folder / "book.json").read_bytes()
    header, tables = snapshot.decode(raw, {"prospects": PROSPECT_INDEX, "activities": ACTIVITY_INDEX})
    prospects = {k: tables["prospects"][k] for k in tables["prospects"]}
    first = next(iter(prospects))
    pid = prospects[first]["id"]
    prospects[first] = {k: v for k, v in prospects[first].items() if k != "name"}
    header = {k: v for k, v in header.items() if k not in ("index", "crc")}
    (folder / "book.json").write_bytes(snapshot.encode(header, {**tables, "prospects": prospects},
                                                       {"prospects": PROSPECT_INDEX}))
    before = files_of(folder)
    result = cockpit(folder, "show", pid)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1, result.stderr
    assert "book.json" in lines[0] and "name is missing" in lines[0] and "unexpected" not in lines[0]
    assert files_of(folder) == before


def test_doctor_names_a_missing_book_json_and_restore_brings_the_book_back(folder):
    with Book(folder) as book:
        count = book.count()
    (folder / "book.json").rename(folder.parent / "book.json.away")
    checked = cockpit(folder, "doctor")
    assert checked.returncode == 1
    assert "book.json" in checked.stdout + checked.stderr and "missing" in checked.stdout + checked.stderr
    restored = cockpit(folder, "doctor", "--restore")
    assert restored.returncode == 0, restored.stdout + restored.stderr
    with Book(folder) as book:
        assert book.count() == count


def disk_full_after(monkeypatch, budget: int) -> None:
    """os.write takes `budget` more bytes, then says the disk is full (as a real full disk would)."""
    import errno

    real = os.write
    left = [budget]

    def write(fd, data):
        if left[0] <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        n = real(fd, bytes(data[:left[0]]))
        left[0] -= n
        return n

    monkeypatch.setattr(os, "write", write)


@pytest.mark.parametrize("spare", [0, 1, 10_000, "history", "history+hot"])
def test_a_bulk_import_on_a_full_disk_leaves_every_file_as_it_was(tmp_path, monkeypatch, spare):
    """A checkpoint writes all three new files before renaming any: the disk filling up after the
    new history.json (or after it and book.json) leaves the old set, and the close rewrites nothing."""
    from cockpit import config
    from cockpit.exchange.service import import_files
    from cockpit.storage import StorageError

    folder = tmp_path / "b"
    generate(folder, 20, 7, FROZEN)
    csv = tmp_path / "leads.csv"
    csv.write_text("name,company,phone\n" + "".join(f"Lead {i},Co {i},+1 212 555 {i % 10000:04d}\n"
                                                      for i in range(2500)))
    with Book(folder) as book:
        book.checkpoint()  # the history in history.json: the new one is about as long
    rules = config.load(folder).rules()
    names = ("book.json", "history.json", "journal.jsonl")
    before = {name: (folder / name).read_bytes() for name in names}
    budget = {"history": len(before["history.json"]) + 50,
              "history+hot": len(before["history.json"]) + len(before["book.json"]) + 500_000}.get(spare, spare)
    book = Book(folder)
    disk_full_after(monkeypatch, budget)
    with pytest.raises(StorageError, match="disk is full"):
        import_files(book, rules, FROZEN, [csv])
    book.close()  # on the way out too
    monkeypatch.undo()
    assert {name: (folder / name).read_bytes() for name in names} == before
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    with Book(folder) as again:
        assert again.count() == 20
