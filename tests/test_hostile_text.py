"""Hostile names through the command line: shown as one line of plain text, stored and exported exactly.

Every name of tests/hostile_corpus.py goes in by `add` and by a CSV import, then out through
`agenda`, `show`, `log`, `undo`, `export` and `ics`: exit 0, no control character reaches the
terminal, no name starts a line of its own, and `--json` gives back the exact value."""

from __future__ import annotations

import csv
import json

import pytest
from hostile_corpus import HOSTILE, HUGE, raw_controls

from cockpit import cli

NOW = "2026-11-23T10:00:00-05:00"


@pytest.fixture
def run(monkeypatch, capsys):
    monkeypatch.setenv("COCKPIT_NOW", NOW)
    monkeypatch.setenv("COLUMNS", "100")  # the agenda fits its lines to the terminal: one width for every run

    def run(*argv: str, line_ends: set[str] = frozenset()) -> tuple[str, str]:
        code = cli.main(list(argv))
        out, err = capsys.readouterr()
        assert code == 0, err
        assert raw_controls(out) <= line_ends and not raw_controls(err), (argv, out[:200], err[:200])
        assert "Traceback" not in err and "unexpected" not in err
        return out, err

    return run


def add_all(run) -> dict[str, str]:
    ids = {}
    for n, (label, name) in enumerate(HOSTILE.items()):
        out, _ = run("add", name, "--company", f"{name} Ltd", "--phone", f"+1 212 555 {n:04d}")
        ids[label] = out.strip()
    return ids


def test_added_names_show_as_one_plain_line_each(run):
    ids = add_all(run)
    out, _ = run("agenda")
    rows = [line for line in out.splitlines() if any(pid in line for pid in ids.values())]
    assert len(rows) == len(HOSTILE)  # one line each: no name started a line of its own
    others = out.splitlines()[1:]
    others = [line for line in others if line not in rows]
    assert others and all(line.startswith(" " * 15) for line in others)  # the rest is each row's reason, indented
    assert "[reverse]Ben[/reve" in out  # markup shows as the text it is (the column is 18 wide)
    for pid in ids.values():
        shown, _ = run("show", pid)
        assert shown.splitlines()[0].endswith(f"[{pid}]")  # the name and company stayed on their line
        logged, _ = run("log", pid, "v")
        assert len(logged.strip().splitlines()) == 1
    run("undo")


def test_json_keeps_every_value_exactly(run):
    ids = add_all(run)
    out, _ = run("agenda", "--json")
    names = {item["id"]: item["name"] for item in json.loads(out)["today"]}
    assert {names[pid] for pid in ids.values()} == set(HOSTILE.values())
    for label, pid in ids.items():
        shown, _ = run("show", pid, "--json")
        assert json.loads(shown)["prospect"]["name"] == HOSTILE[label]
    exported, _ = run("export", "--format", "json")
    assert {p["name"] for p in json.loads(exported)["prospects"]} == set(HOSTILE.values())


def test_a_calendar_shows_names_as_plain_text(run):
    add_all(run)
    out, _ = run("ics", "--days", "30", line_ends={"\r"})  # RFC 5545 lines end in CRLF
    assert "BEGIN:VEVENT" in out
    assert "pwned\x07" not in out and "\x1b" not in out


def test_an_import_of_hostile_rows_and_a_megabyte_name(run, tmp_path):
    path = tmp_path / "leads.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["First Name", "Last Name", "Company", "Phone"])
        for n, name in enumerate(HOSTILE.values()):
            writer.writerow([name, "Lead", f"{name} Inc", f"+1 312 555 {n:04d}"])
        writer.writerow([HUGE, "Big", "Huge Inc", "+1 312 555 9999"])
    out, _ = run("import", str(path))
    assert str(len(HOSTILE) + 1) in out
    agenda, _ = run("agenda")
    assert max(len(line) for line in agenda.splitlines()) < 400  # a megabyte name is cut, not printed
    data, _ = run("agenda", "--json")
    assert any(item["name"].startswith(HUGE) for item in json.loads(data)["today"])


def test_an_argument_that_is_not_utf8_is_refused_in_one_line(monkeypatch, capsys):
    monkeypatch.setenv("COCKPIT_NOW", NOW)
    code = cli.main(["add", "Ana\udcff", "--company", "Blue", "--phone", "+1 415 555 0123"])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "not UTF-8" in err


def test_a_megabyte_name_is_cut_in_one_line_confirmations(run, tmp_path):
    """`log`, `undo` and an import's dry run name the prospect in a line; `show` and --json give it whole."""
    path = tmp_path / "huge.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["Name", "Company", "Phone"], [HUGE, HUGE, "+1 312 555 9999"]])
    planned, _ = run("import", str(path), "--dry-run")
    run("import", str(path))
    pid = json.loads(run("agenda", "--json")[0])["today"][0]["id"]
    logged, _ = run("log", pid, "v")
    undone, _ = run("undo")
    for out in (planned, logged, undone):
        assert max(len(line) for line in out.splitlines()) < 400, out[:200]
    assert json.loads(run("show", pid, "--json")[0])["prospect"]["name"] == HUGE


def test_a_file_whose_name_is_not_utf8_is_imported(run, tmp_path):
    """Only text that would be stored is refused when it is not UTF-8; a path is opened as it is."""
    path = tmp_path / "caf\udce9.csv"  # b"caf\xe9.csv", a Latin-1 name
    path.write_text("Name,Company,Phone\nAna Costa,Blue,+1 312 555 0142\n", encoding="utf-8")
    out, _ = run("import", str(path))
    assert "Imported 1 prospect" in out
