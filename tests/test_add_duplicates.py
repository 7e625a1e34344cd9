"""`add` finds duplicates the way import does (same email, phone, or name and company) and writes nothing."""

from __future__ import annotations

import pytest

from cockpit import actions, cli
from cockpit.storage import Book

NOW = "2026-11-23T10:00:00-05:00"
DANA = ["Dana Reyes", "--company", "Blue Freight", "--phone", "+1 415 555 0123", "--email", "dana@bluefreight.example"]


@pytest.fixture
def dana(monkeypatch, capsys, private_dirs):
    monkeypatch.setenv("COCKPIT_NOW", NOW)
    assert cli.main(["add", *DANA]) == 0
    pid = capsys.readouterr().out.strip()
    assert cli.main(["log", pid, "voicemail"]) == 0  # an active prospect being worked
    capsys.readouterr()
    return pid


def ids(folder) -> list[str]:
    with Book(folder) as book:
        return sorted(p.id for p in book.prospects())


@pytest.mark.parametrize("args, match", [
    (DANA, "email"),
    (["D. Reyes", "--company", "Other", "--phone", "+1 (415) 555-0123"], "phone"),
    (["Someone", "--company", "Else", "--phone", "+1 212 555 0000", "--email", "DANA@bluefreight.example"], "email"),
    (["dana  reyes", "--company", "BLUE FREIGHT", "--phone", "+1 212 555 0001"], "name and company"),
], ids=["the same record", "the same phone", "the same email", "the same name and company"])
def test_adding_someone_already_in_the_book_is_refused_in_one_line(dana, capsys, private_dirs, args, match):
    code = cli.main(["add", *args])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1
    assert f"has the {match} of Dana Reyes [{dana}], already in the book (working); not added" in err
    assert "--allow-duplicate" in err and "Traceback" not in err
    assert ids(private_dirs) == [dana]


def test_allow_duplicate_adds_them_anyway(dana, capsys, private_dirs):
    assert cli.main(["add", "Sol Reyes", "--company", "Blue Freight", "--phone", "+1 415 555 0123",
                     "--allow-duplicate"]) == 0
    assert len(ids(private_dirs)) == 2


def test_allow_duplicate_never_lets_a_do_not_contact_person_back(dana, capsys, private_dirs):
    assert cli.main(["log", dana, "do-not-contact"]) == 0
    capsys.readouterr()
    assert cli.main(["add", *DANA, "--allow-duplicate"]) == 2
    assert "asked not to be contacted" in capsys.readouterr().err
    assert ids(private_dirs) == [dana]


def test_the_screen_refuses_a_duplicate_through_the_same_action(dana, private_dirs, rules, now):
    # the cockpit's add form calls actions.add: it refuses the same way and writes nothing
    again = actions.build_prospect(rules, now, name="Dana Reyes", company="Blue Freight", phones=["+14155550123"])
    with Book(private_dirs) as book, pytest.raises(actions.DuplicateProspect, match=dana):
        actions.add(book, again)
    assert ids(private_dirs) == [dana]
