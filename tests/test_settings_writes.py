"""`cockpit config` writes durably, fails in one line, and creates a private book folder."""

from __future__ import annotations

import os
import stat

import pytest
from fsops import Recorder, disk_full, read_only

from cockpit import cli
from cockpit import config as cfg


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([*map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_config_change_is_fsynced_file_then_rename_then_folder(tmp_path, monkeypatch):
    book = tmp_path / "book"
    book.mkdir()
    cfg.write_default(book)
    rec = Recorder(monkeypatch)
    cfg.set_value(book, "rep_name", "Sam")
    [renamed] = rec.renamed_to(book / cfg.FILE_NAME)
    source = rec.events[renamed][1].split(" -> ")[0]
    assert rec.fsynced(source) and max(rec.fsynced(source)) < renamed, rec.events  # the new bytes, before
    assert any(i > renamed for i in rec.fsynced(book)), rec.events  # the rename itself, after


@pytest.mark.parametrize("failure", ["disk full", "read-only folder"])
def test_config_that_cannot_write_is_one_line_exit_1_old_file_intact_no_temp(tmp_path, monkeypatch, capsys, failure):
    book = tmp_path / "book"
    book.mkdir()
    cfg.write_default(book)
    cfg.set_value(book, "rep_name", "Sam")
    before = (book / cfg.FILE_NAME).read_bytes()
    if failure == "disk full":
        disk_full(monkeypatch)
    else:
        read_only(monkeypatch, book)
    code, out, err = run(capsys, "--book", book, "config", "rep_name", "Alex")
    assert code == 1, err
    assert out == "" and len(err.splitlines()) == 1, err
    assert "unexpected" not in err and "cockpit.toml" in err
    assert ("disk is full" if failure == "disk full" else "read-only") in err
    assert (book / cfg.FILE_NAME).read_bytes() == before
    assert sorted(p.name for p in book.iterdir()) == [cfg.FILE_NAME]  # no temp file left


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o277])
def test_the_book_folder_is_private_from_the_first_command_whatever_the_umask(tmp_path, capsys, umask):
    book = tmp_path / "data" / "cockpit" / "book"
    old = os.umask(umask)
    try:
        code, _out, err = run(capsys, "--book", book, "config", "rep_name", "Sam")
    finally:
        os.umask(old)
    assert code == 0, err
    for folder in (book, book.parent, book.parent.parent):  # every folder Cockpit created
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, (folder, oct(folder.stat().st_mode))
