"""Exported phones are numbers a dialer or a CRM reads as they are; every other risky cell stays escaped."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import given
from hypothesis import strategies as st

from cockpit.cli import main
from cockpit.exchange.exporter import FORMULA_STARTS, LIST_SEPARATOR, escape_phones, unescape_cell

NOW = "2026-11-23T10:00:00-05:00"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_e164_phones_are_exported_as_they_are_and_the_formulas_round_trip(capsys, monkeypatch, fixture_path, tmp_path):
    monkeypatch.setenv("COCKPIT_NOW", NOW)
    run(capsys, "import", str(fixture_path("formulas.csv")))
    run(capsys, "add", "Gus Berg", "--company", "Ext Co", "--phone", "+1 415 555 0153 ext. 204",
        "--phone", "+44 20 7946 0958")
    first = run(capsys, "export")
    by_name = {r["name"]: r for r in rows(first)}
    assert by_name["Jo Park"]["phones"] == "+14155550162"
    assert by_name["Gus Berg"]["phones"] == f"+14155550153;ext=204{LIST_SEPARATOR}+442079460958"
    ivy = next(r for n, r in by_name.items() if "HYPERLINK" in n)
    assert ivy["phones"] == "+14155550161"
    assert ivy["name"].startswith("'=") and ivy["company"].startswith("'+") and ivy["title"].startswith("'@")
    assert ivy["research_notes"] == "'-2+3" and by_name["Jo Park"]["research_notes"] == "'=1+1"
    # the export reads back into a fresh book and writes out the same bytes
    (tmp_path / "out.csv").write_text(first, newline="")
    fresh = ["--book", str(tmp_path / "fresh")]
    run(capsys, *fresh, "import", str(tmp_path / "out.csv"))
    assert run(capsys, *fresh, "export") == first


def test_a_phone_cell_that_is_not_a_number_stays_escaped(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("COCKPIT_NOW", NOW)
    hostile = {"id": "h1", "name": "Hal", "status": "new", "phones": ["+1+cmd|' /C calc'!A0"],
               "bad_phones": ["=2+5"], "next_step": {"channel": "call", "due": "2026-11-23T15:00:00+00:00"}}
    (tmp_path / "in.json").write_text(json.dumps({"format": "cockpit", "prospects": [hostile]}))
    run(capsys, "import", str(tmp_path / "in.json"))
    hal = rows(run(capsys, "export"))[0]
    assert hal["phones"] == "'+1+cmd|' /C calc'!A0" and hal["bad_phones"] == "'=2+5"


phone_like = st.one_of(
    st.from_regex(r"\+[0-9]{1,15}(;ext=[0-9]{1,6})?", fullmatch=True),
    st.text(min_size=1, max_size=20),
)


@given(st.lists(phone_like, min_size=1, max_size=3))
def test_a_phone_cell_is_either_only_numbers_or_cannot_run_as_a_formula(numbers):
    cell = escape_phones(LIST_SEPARATOR.join(numbers))
    if cell.startswith(FORMULA_STARTS):
        assert all(n.startswith("+") and n[1:].replace(";ext=", "").isdigit() for n in cell.split(LIST_SEPARATOR))
        assert "=" not in cell.replace(";ext=", "")
    if not LIST_SEPARATOR.join(numbers).startswith("'"):
        assert unescape_cell(cell) == LIST_SEPARATOR.join(numbers)
