"""The command line takes a prospect by id, its start, a whole name, an e-mail or a number."""

from __future__ import annotations

import pytest

from cockpit import cli
from cockpit.storage import Book


@pytest.fixture
def shell(monkeypatch, capsys, private_dirs):
    monkeypatch.setenv("COCKPIT_NOW", "2026-11-23T10:00:00-05:00")

    def run(*argv: str) -> tuple[int, str, str]:
        code = cli.main(list(argv))
        out, err = capsys.readouterr()
        return code, out.strip(), err.strip()
    for name, company, phone in (("Dana Reyes", "Acme", "+1 415 555 0123"), ("Dana Li", "Beta", "+1 212 555 0100"),
                                 ("Sam Lee", "Acme", "+1 212 555 0101")):
        assert run("add", name, "--company", company, "--phone", phone)[0] == 0
    return run


def ids(private_dirs) -> dict[str, str]:
    with Book(private_dirs) as book:
        return {p.name: p.id for p in book.prospects()}


def test_show_and_log_take_a_whole_name_a_number_or_an_id_prefix(shell, private_dirs):
    dana = ids(private_dirs)["Dana Reyes"]
    for who in ("dana reyes", "(415) 555-0123", dana[:4]):
        code, out, _ = shell("show", who)
        assert code == 0 and out.splitlines()[0].endswith(f"[{dana}]"), who
    code, out, _ = shell("log", "Sam Lee", "v")
    assert code == 0 and out.startswith("Sam Lee: Voicemail logged")
    with Book(private_dirs) as book:
        assert book.get(ids(private_dirs)["Sam Lee"]).attempt == 1


def test_an_ambiguous_name_is_refused_listing_who_it_could_be_and_nothing_is_logged(shell, private_dirs):
    code, out, err = shell("log", "Dana", "v")
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert "could be 2 prospects" in err and "Dana Reyes [" in err and "Dana Li [" in err
    with Book(private_dirs) as book:
        assert all(p.attempt == 0 for p in book.prospects())
    code, _, err = shell("show", "Sam")
    assert code == 2 and "did you mean Sam Lee [" in err
    code, _, err = shell("show", "nobody")
    assert code == 2 and "no prospect is 'nobody'" in err
