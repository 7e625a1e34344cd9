"""Who is calling, set from the shell: `cockpit config rep_company/rep_phone/value` and what `show` says."""

from __future__ import annotations

import json

import pytest

from cockpit import cli
from cockpit import config as cfg

NOW = "2026-11-23T10:00:00-05:00"


@pytest.fixture
def book(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COCKPIT_NOW", NOW)
    folder = tmp_path / "book"
    assert cli.main(["--book", str(folder), "add", "Dana Reyes", "--company", "Acme", "--phone", "+1 212 555 0100"]) == 0
    capsys.readouterr()
    return folder


def run(capsys, book, *argv) -> tuple[int, str, str]:
    code = cli.main(["--book", str(book), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def voicemail_of(capsys, book) -> dict:
    code, out, _ = run(capsys, book, "show", "Dana Reyes", "--json")
    assert code == 0
    return json.loads(out)["voicemail"]


def test_setting_the_call_back_number_changes_the_next_voicemail(capsys, book):
    assert run(capsys, book, "config", "rep_name", "Jo")[0] == 0
    before = voicemail_of(capsys, book)
    assert "rep_phone" in before["missing"] and "415" not in before["text"]
    assert run(capsys, book, "config", "rep_phone", "+1 415 555 0100")[0] == 0
    after = voicemail_of(capsys, book)
    assert "it's Jo on 415 555 0100" in after["text"] and "rep_phone" not in after["missing"]
    assert 8 <= after["seconds"] <= 14 and after["promise"]["channel"] == "call"
    assert cfg.load(book).rep_phone == "+14155550100"  # kept as E.164, whatever way it was typed


@pytest.mark.parametrize("key, value, said", [
    ("rep_phone", "12", "rep_phone: '12' is not a valid phone number"),
    ("value", "one\ntwo", "value: one line of text, please"),
    ("rep_company", "x" * 81, "rep_company must be one line of text of at most 80 characters"),
])
def test_a_bad_setting_is_one_line_and_the_file_is_kept(capsys, book, key, value, said):
    path = book / cfg.FILE_NAME
    kept = path.read_bytes()
    code, _, err = run(capsys, book, "config", key, value)
    assert code != 0 and said in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert path.read_bytes() == kept


def test_show_says_what_the_script_leaves_out_until_it_is_set(capsys, book):
    code, out, _ = run(capsys, book, "show", "Dana Reyes")
    assert code == 0
    lines = out.splitlines()
    voicemail = next(line for line in lines if line.strip().startswith("voicemail ("))
    assert "our team" not in voicemail and voicemail.strip().endswith("no thanks.")
    assert any(line.strip().startswith("Left out until you set your name") for line in lines)
