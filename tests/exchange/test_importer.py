"""Planning an import: every row accepted, merged, skipped, rejected (with its row and reason) or blank."""

from __future__ import annotations

import pytest

from cockpit.actions import build_prospect
from cockpit.exchange.importer import Options, Planner
from cockpit.exchange.service import import_files, plan_files
from cockpit.storage import StorageError


def test_imported_prospects_get_their_cadence_first_step(fixture_path, rules, now, ids):
    plan = plan_files([fixture_path("hubspot.csv")], rules, now, new_id=ids)
    for p in plan.prospects:
        assert p.status == "new" and p.cadence == "cold-call" and p.attempt == 0
        assert p.next_step is not None and p.next_step.step == 1 and p.next_step.channel == "call"
    assert [p.id for p in plan.prospects] == ["p0001", "p0002", "p0003"]


def test_lead_type_cadence_and_tag_apply_to_every_row(fixture_path, rules, now):
    plan = plan_files([fixture_path("hubspot.csv")], rules, now,
                      options=Options(lead_type="web", tag="prospect"))
    assert {(p.lead_type, p.tag, p.cadence) for p in plan.prospects} == {("web", "prospect", "web-lead")}
    assert all(p.next_step.due == now for p in plan.prospects if rules.calendar.in_window(now, p.tz))
    plan = plan_files([fixture_path("hubspot.csv")], rules, now, options=Options(lead_type="web", tag="partner"))
    assert {(p.lead_type, p.tag, p.cadence) for p in plan.prospects} == {("web", "partner", "partner")}
    plan = plan_files([fixture_path("hubspot.csv")], rules, now, options=Options(cadence="stalled"))
    assert {p.cadence for p in plan.prospects} == {"stalled"}


def test_unknown_options_are_refused(rules, now):
    with pytest.raises(ValueError, match="unknown cadence 'nope'"):
        Planner(rules, now, Options(cadence="nope"))


def test_time_zone_comes_from_the_number_when_there_is_none(fixture_path, rules, now):
    dana, omar, lena = plan_files([fixture_path("hubspot.csv")], rules, now).prospects
    assert (dana.tz, omar.tz, lena.tz) == ("America/Los_Angeles", "Europe/London", "America/New_York")


def test_an_explicit_zone_wins_and_a_bad_one_is_reported(fixture_path, rules, now):
    plan = plan_files([fixture_path("custom.csv")], rules, now)
    oli, pia = plan.prospects
    assert oli.tz == "America/Chicago" and pia.tz == "Europe/London"
    assert [(w.row, w.message) for w in plan.warnings] == [
        (3, "time zone 'Mars/Olympus' is not an IANA zone; taken from the phone number instead")]


def test_several_phones_in_a_cell_and_extensions(fixture_path, rules, now):
    eli, fay, gus, hal = plan_files([fixture_path("several_phones.csv")], rules, now).prospects
    assert eli.phones == ("+14155550151", "+14155550152")
    assert fay.phones == ("+12125550199", "+442079460959")
    assert gus.phones == ("+14155550153;ext=204", "+14155550154;ext=12")
    assert hal.phones == ("+14155550155",)  # 4155550155.0: a number a spreadsheet turned into a float


def test_formula_text_is_stored_as_plain_text(fixture_path, rules, now):
    ivy, jo = plan_files([fixture_path("formulas.csv")], rules, now).prospects
    assert ivy.name == '=HYPERLINK("http://evil.example.com","Click me")'
    assert ivy.company == "+cmd|' /C calc'!A0" and ivy.title == "@SUM(1+1)" and ivy.research.notes == "-2+3"
    assert jo.research.notes == "=1+1"


def test_quoted_cells_keep_commas_and_newlines(fixture_path, rules, now):
    will = plan_files([fixture_path("quoted.csv")], rules, now).prospects[0]
    assert will.name == "Carter, Jr., Will" and will.company == "Acme, Inc." and will.title == 'Head of "Growth"'
    assert will.research.notes.count("\n") == 2


def test_a_shifted_row_is_rejected_not_guessed(fixture_path, rules, now):
    plan = plan_files([fixture_path("shifted.csv")], rules, now)
    assert [p.name for p in plan.prospects] == ["Alice Ng", "Cara Diaz"]  # a trailing empty cell is no shift
    assert [(r.row, r.reason.split(" (")[0]) for r in plan.rejected] == [
        (3, "5 cells but the header has 4 columns")]


def test_rows_that_cannot_be_prospects_are_rejected_with_row_and_reason(fixture_path, rules, now):
    plan = plan_files([fixture_path("no_contact.csv")], rules, now)
    assert [(r.row, r.reason.split(" (")[0]) for r in plan.rejected] == [
        (2, "no name, no phone and no email: nothing to call or write"),
        (4, "invalid phone '12345' and no other phone or email"),
        (5, "invalid email 'not-an-email' and no other phone or email"),
    ]
    assert plan.blank == 1
    assert [p.name for p in plan.prospects] == ["Research Me", "Half Good", "+1 415-555-0181"]
    assert [(w.row, w.message) for w in plan.warnings] == [
        (3, "no phone or email: research a number before the first call"),
        (7, "phone '999' is not a valid number; left out"),
        (8, "no name: listed as +1 415-555-0181"),
    ]


def test_every_row_is_accounted_for(fixture_path, rules, now):
    for name in ("no_contact.csv", "duplicates.csv", "shifted.csv", "several_phones.csv"):
        plan = plan_files([fixture_path(name)], rules, now)
        assert len(plan.prospects) + len(plan.rejected) + len(plan.duplicates) + plan.blank == plan.rows


def test_duplicates_within_the_file_are_merged_never_doubled(fixture_path, rules, now, ids):
    plan = plan_files([fixture_path("duplicates.csv")], rules, now, new_id=ids)
    kim, leo, _other = plan.prospects
    assert [(d.row, d.of, d.match, d.action) for d in plan.duplicates] == [
        (3, "p0001", "email", "merged"),  # KIM@UMBRELLA... : e-mail case does not matter
        (4, "p0001", "phone", "merged"),  # +1 415-555-0171 is (415) 555-0171
        (6, "p0002", "name+company", "merged"),  # leo grant / stark industries
    ]
    assert kim.phones == ("+14155550171",) and leo.phones == ("+14155550172", "+14155550173")
    assert leo.email == "leo@stark.example.com"  # the duplicate brought what the first row lacked


def test_duplicates_of_the_book_are_skipped_and_reported(fixture_path, rules, now, book):
    there = build_prospect(rules, now, name="Already There", company="Elsewhere", phones=["(415) 555-0199"], pid="b0000001")
    book.add([there])
    report = import_files(book, rules, now, [fixture_path("duplicates.csv")])
    skipped = [d for d in report.plan.duplicates if d.where == "book"]
    assert [(d.row, d.of, d.match, d.action) for d in skipped] == [(7, "b0000001", "phone", "skipped")]
    assert book.count() == 1 + 2
    assert book.get("b0000001") == there  # the book's prospect is untouched


def test_importing_the_same_file_twice_adds_nothing_the_second_time(fixture_path, rules, now, book):
    first = import_files(book, rules, now, [fixture_path("hubspot.csv")])
    second = import_files(book, rules, now, [fixture_path("hubspot.csv")])
    assert len(first.plan.prospects) == 3 and second.plan.prospects == []
    assert len(second.plan.duplicates) == 3 and book.count() == 3


def test_ids_never_collide_even_when_the_generator_repeats(fixture_path, rules, now, book):
    book.add([build_prospect(rules, now, name="Old", phones=["(415) 555-0000"], pid="same")])
    draws = iter(["same", "same", "a", "a", "b", "c"])
    plan = plan_files([fixture_path("hubspot.csv")], rules, now, existing=book.prospects(), new_id=lambda: next(draws))
    assert [p.id for p in plan.prospects] == ["a", "b", "c"]


def test_dry_run_changes_nothing(fixture_path, rules, now, book):
    report = import_files(book, rules, now, [fixture_path("hubspot.csv")], dry_run=True)
    assert len(report.plan.prospects) == 3 and book.count() == 0


def test_one_batch_so_a_failed_write_leaves_the_book_as_it_was(fixture_path, rules, now, book, monkeypatch):
    calls = []

    def failing_add(prospects):
        calls.append(list(prospects))
        raise StorageError("disk full")

    monkeypatch.setattr(book, "add", failing_add)
    with pytest.raises(StorageError):
        import_files(book, rules, now, [fixture_path("hubspot.csv"), fixture_path("apollo.csv")])
    assert len(calls) == 1 and len(calls[0]) == 5  # everything in one call, never a part of it


def test_a_bad_file_among_several_stops_everything_before_a_write(fixture_path, rules, now, book, tmp_path):
    from cockpit.exchange.reader import ReadError

    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"Name,Phone\r\n" + b"Ann,(415) 555-0101\r\n" * 5000 + b'Bob,"(415) 555-0102\r\n')
    with pytest.raises(ReadError):
        import_files(book, rules, now, [fixture_path("hubspot.csv"), broken])
    assert book.count() == 0


def test_summary_line(fixture_path, rules, now):
    from cockpit.exchange.service import ImportReport

    plan = plan_files([fixture_path("no_contact.csv")], rules, now)
    assert ImportReport(plan, dry_run=False).summary() == (
        "Imported 3 prospects; 3 rows rejected; 3 warnings; 1 blank row ignored (CSV with usual column names).")
