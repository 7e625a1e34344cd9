"""`add` never makes a do-not-contact person callable again (same email, phone, or name and company)."""

from __future__ import annotations

import pytest

from cockpit import cli
from cockpit.storage import Book

NOW = "2026-11-23T10:00:00-05:00"


@pytest.fixture
def blocked(monkeypatch, capsys, private_dirs):
    monkeypatch.setenv("COCKPIT_NOW", NOW)
    assert cli.main(["add", "Dana Reyes", "--company", "Blue Freight", "--phone", "+1 415 555 0123",
                     "--email", "dana@bluefreight.example"]) == 0
    pid = capsys.readouterr().out.strip()
    assert cli.main(["log", pid, "do-not-contact"]) == 0
    capsys.readouterr()
    return pid


@pytest.mark.parametrize("args", [
    ["Dana Reyes", "--company", "Blue Freight", "--phone", "+1 415 555 0123", "--email", "dana@bluefreight.example"],
    ["D. Reyes", "--company", "Other", "--phone", "+1 (415) 555-0123"],
    ["Someone", "--company", "Else", "--phone", "+1 212 555 0000", "--email", "DANA@bluefreight.example"],
    ["dana  reyes", "--company", "BLUE FREIGHT", "--phone", "+1 212 555 0001"],
], ids=["the same record", "the same phone", "the same email", "the same name and company"])
def test_adding_a_do_not_contact_person_again_is_refused(blocked, capsys, private_dirs, args):
    code = cli.main(["add", *args])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "asked not to be contacted" in err and blocked in err
    with Book(private_dirs) as book:
        assert [p.id for p in book.prospects()] == [blocked]


def test_someone_else_is_added(blocked, capsys, private_dirs):
    assert cli.main(["add", "Dana Reyes", "--company", "Other Co", "--phone", "+1 212 555 0002"]) == 0
    with Book(private_dirs) as book:
        assert len(book.prospects()) == 2
        assert [p.id for p in book.with_status("do-not-contact")] == [blocked]
