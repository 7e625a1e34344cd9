"""`cockpit import`, `export` and `ics` end to end in a temporary book: the contract and every error path."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from icalendar import Calendar

from cockpit.cli import main

NOW = "2026-11-23T10:00:00-05:00"


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setenv("COCKPIT_NOW", NOW)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def demo_book(tmp_path, capsys):
    folder = tmp_path / "demo"
    assert run(capsys, "--book", str(folder), "demo", "--prospects", "80")[0] == 0
    return folder


def test_import_json_report(capsys, fixture_path):
    data = run_json(capsys, "import", str(fixture_path("no_contact.csv")))
    assert data["format"] == "csv" and data["accepted"] == 3 and len(data["ids"]) == 3
    assert [(r["row"], r["reason"].split(" (")[0]) for r in data["rejected"]] == [
        (2, "no name, no phone and no email: nothing to call or write"),
        (4, "invalid phone '12345' and no other phone or email"),
        (5, "invalid email 'not-an-email' and no other phone or email")]
    assert data["duplicates"] == [] and data["dry_run"] is False
    agenda = run_json(capsys, "agenda")
    assert {i["id"] for i in agenda["today"]} == set(data["ids"])  # each imported prospect has its first step


def test_import_says_which_format_it_detected(capsys, fixture_path):
    code, out, _err = run(capsys, "import", str(fixture_path("pipedrive.csv")))
    assert code == 0 and out.startswith("Detected Pipedrive people export (pipedrive) in ")
    assert "Imported 2 prospects" in out


def test_dry_run_shows_each_prospect_and_writes_nothing(capsys, fixture_path, private_dirs):
    code, out, _err = run(capsys, "import", "--dry-run", str(fixture_path("duplicates.csv")))
    assert code == 0 and "Dry run: nothing was written" in out and "Would import 3 prospects" in out
    assert out.count("\n  + ") == 3 and "same email, merged into" in out
    assert run_json(capsys, "agenda")["today"] == []
    data = run_json(capsys, "import", "--dry-run", str(fixture_path("hubspot.csv")))
    assert data["dry_run"] is True and data["accepted"] == 3
    assert run_json(capsys, "agenda")["today"] == []


def test_options_reach_every_prospect(capsys, fixture_path):
    data = run_json(capsys, "import", str(fixture_path("tab.tsv")), "--lead-type", "referral", "--tag", "partner",
                    "--cadence", "stalled")
    shown = [run_json(capsys, "show", pid)["prospect"] for pid in data["ids"]]
    assert {(p["lead_type"], p["tag"], p["cadence"]) for p in shown} == {("referral", "partner", "stalled")}


def test_map_overrides_a_column(capsys, fixture_path):
    data = run_json(capsys, "import", str(fixture_path("tab.tsv")), "--map", "Position=ignore", "--map",
                    "Organisation=title")
    p = run_json(capsys, "show", data["ids"][0])["prospect"]
    assert (p["company"], p["title"]) == ("", "Trey Research")


@pytest.mark.parametrize("argv, words", [
    (["import", "/nowhere/contacts.csv"], "/nowhere/contacts.csv: no such file"),
    (["import", "{tmp}/book.xlsx"], "is a spreadsheet workbook"),
    (["import", "{fixtures}/tab.tsv", "--map", "Position=fax"], "unknown field 'fax'; fields are name,"),
    (["import", "{fixtures}/tab.tsv", "--map", "Nope=phone"], "--map names column 'nope', which is not in the file"),
    (["import", "{fixtures}/tab.tsv", "--cadence", "sometimes"], "--cadence 'sometimes' is unknown; accepted:"),
    (["import", "{tmp}/nothing.csv"], "no column looks like a name, phone or email"),
    (["export", "--status", "hot"], "--status 'hot' is unknown; accepted: new, working,"),
    (["export", "--status", "new,do-not-contact"], "exported only with --include-dnc"),
    (["export", "--format", "xml"], "invalid choice: 'xml'"),
    (["export", "--out", "/nowhere/at/all.csv"], "cannot write /nowhere/at/all.csv"),
    (["ics", "--days", "0"], "--days 0 is out of range"),
])
def test_errors_are_one_line_and_exit_2(capsys, tmp_path, fixture_path, argv, words):
    (tmp_path / "book.xlsx").write_bytes(b"PK\x03\x04 a zip")
    (tmp_path / "nothing.csv").write_text("Colour,Size\nred,9\n")
    fixtures = fixture_path("x").parent
    argv = [a.format(tmp=tmp_path, fixtures=fixtures) for a in argv]
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("cockpit: ") and err.count("\n") == 1 and words in err, err


def test_no_traceback_from_a_real_process(tmp_path):
    env_book = tmp_path / "b"
    proc = subprocess.run([sys.executable, "-m", "cockpit.cli", "--book", str(env_book), "import", str(tmp_path)],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1


def test_export_leaves_do_not_contact_out_unless_asked_and_marks_them(capsys, demo_book):
    book = ["--book", str(demo_book)]
    plain = json.loads(run(capsys, *book, "export", "--format", "json")[1])["prospects"]
    everyone = json.loads(run(capsys, *book, "export", "--format", "json", "--include-dnc")[1])["prospects"]
    dnc = [p for p in everyone if p["status"] == "do-not-contact"]
    assert dnc and all(p["do_not_contact"] for p in dnc)
    assert all(p["status"] != "do-not-contact" and not p["do_not_contact"] for p in plain)
    assert len(plain) + len(dnc) == len(everyone)
    rows = list(csv.DictReader(io.StringIO(run(capsys, *book, "export", "--include-dnc")[1])))
    assert {r["do_not_contact"] for r in rows if r["status"] == "do-not-contact"} == {"DO NOT CONTACT"}


def test_export_status_filter(capsys, demo_book):
    out = run(capsys, "--book", str(demo_book), "export", "--format", "json", "--status", "nurture,meeting")[1]
    statuses = {p["status"] for p in json.loads(out)["prospects"]}
    assert statuses <= {"nurture", "meeting"} and statuses


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_round_trip_export_import_export_is_identical(capsys, demo_book, tmp_path, fmt):
    first, second = tmp_path / f"first.{fmt}", tmp_path / f"second.{fmt}"
    assert run(capsys, "--book", str(demo_book), "export", "--format", fmt, "--include-dnc", "--out", str(first))[0] == 0
    fresh = ["--book", str(tmp_path / "fresh")]
    data = run_json(capsys, *fresh, "import", str(first))
    assert data["format"] == f"cockpit-{fmt}" and data["rejected"] == [] and data["duplicates"] == []
    assert run(capsys, *fresh, "export", "--format", fmt, "--include-dnc", "--out", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()
    # and a second import of the same export adds nothing: every id is already there
    again = run_json(capsys, *fresh, "import", str(first))
    assert again["accepted"] == 0 and {d["match"] for d in again["duplicates"]} == {"id"}


def test_json_import_keeps_ids_status_next_step_and_research(capsys, demo_book, tmp_path):
    out = tmp_path / "all.json"
    run(capsys, "--book", str(demo_book), "export", "--format", "json", "--out", str(out))
    original = {p["id"]: p for p in json.loads(out.read_text())["prospects"]}
    run(capsys, "--book", str(tmp_path / "fresh"), "import", str(out))
    for pid in list(original)[:10]:
        shown = run_json(capsys, "--book", str(tmp_path / "fresh"), "show", pid)
        assert shown["prospect"]["status"] == original[pid]["status"]
        assert shown["prospect"]["research"] == original[pid]["research"]
        assert (shown["next_step"] or {}).get("channel") == (original[pid]["next_step"] or {}).get("channel")


def test_csv_export_escapes_formulas(capsys, fixture_path):
    run(capsys, "import", str(fixture_path("formulas.csv")))
    out = run(capsys, "export")[1]
    rows = list(csv.DictReader(io.StringIO(out)))
    ivy = next(r for r in rows if "HYPERLINK" in r["name"])
    assert ivy["name"] == '\'=HYPERLINK("http://evil.example.com","Click me")'
    assert ivy["company"] == "'+cmd|' /C calc'!A0" and ivy["title"] == "'@SUM(1+1)"
    assert ivy["research_notes"] == "'-2+3" and ivy["phones"] == "+14155550161"  # a number, not a formula
    for row in rows:
        assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for k, v in row.items() if k != "phones")


def test_ics_parses_back_with_stable_uids_utc_and_descriptions(capsys, demo_book, tmp_path):
    book = ["--book", str(demo_book)]
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert run(capsys, *book, "ics", "--days", "14", "--out", str(first))[0] == 0
    assert run(capsys, *book, "ics", "--days", "14", "--out", str(second))[0] == 0
    cal = Calendar.from_ical(first.read_bytes())
    events = cal.walk("VEVENT")
    assert events and cal["VERSION"] == "2.0" and cal["PRODID"]
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids)) and all(u.endswith("@cockpit") for u in uids)
    assert uids == [str(e["UID"]) for e in Calendar.from_ical(second.read_bytes()).walk("VEVENT")]
    everyone = {p["id"]: p for p in json.loads(run(capsys, *book, "export", "--format", "json", "--include-dnc")[1])["prospects"]}
    for event in events:
        start = event.decoded("DTSTART")
        assert start.utcoffset().total_seconds() == 0 and event.decoded("DTEND") > start
        for key in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "DESCRIPTION"):
            assert key in event
        pid = str(event["UID"]).split("-")[0]
        p = everyone[pid]
        assert p["status"] not in ("do-not-contact", "dead")
        text = str(event["DESCRIPTION"])
        assert "Phone: " in text and "Research" in text and f"Cockpit id: {pid}" in text
    assert "BEGIN:VEVENT" in run(capsys, *book, "ics")[1]


def test_progress_bar_only_on_a_terminal_and_for_large_files(fixture_path, rules, now, tmp_path, monkeypatch):
    from cockpit.commands.exchange import ProgressBar, _wants_bar
    from cockpit.exchange.service import plan_files

    big = tmp_path / "big.csv"
    big.write_text("Name,Phone\n" + "".join(f"P {i},(415) 555-{i % 10000:04d}\n" for i in range(12000)))
    assert not _wants_bar([str(big)])  # pytest's stderr is not a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert _wants_bar([str(big)]) and not _wants_bar([str(fixture_path("hubspot.csv"))])
    stream = io.StringIO()
    bar = ProgressBar(stream)
    plan_files([big], rules, now, progress=bar)
    bar.close()
    text = stream.getvalue()
    assert "Importing [" in text and "100%" in text and text.endswith("\r")
