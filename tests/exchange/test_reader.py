"""Real files: BOMs, Windows-1252, semicolons, tabs, quoted commas and newlines, and files that are not CSV."""

from __future__ import annotations

import pytest

from cockpit.exchange.reader import ReadError, open_file, sniff_delimiter


def rows(path):
    with open_file(path) as table:
        return table, list(table.rows())


def test_utf8_bom_and_semicolons(fixture_path):
    table, body = rows(fixture_path("bom_semicolon.csv"))
    assert (table.encoding, table.delimiter) == ("utf-8-sig", ";")
    assert table.headers[0] == "Nom"  # no BOM glued to the first header
    assert body[0][1][2] == "Société Générale d'Équipement"


def test_windows_1252_is_read_as_such(fixture_path):
    table, body = rows(fixture_path("windows1252.csv"))
    assert table.encoding == "cp1252"
    assert body[0][1][0] == "Zoë Ångström" and "“call after 3” – €20k" in body[0][1][4]


def test_tab_delimited(fixture_path):
    table, body = rows(fixture_path("tab.tsv"))
    assert table.delimiter == "\t" and body[1][1][1] == "Humongous Insurance"


def test_quoted_commas_and_newlines_stay_in_one_cell(fixture_path):
    table, body = rows(fixture_path("quoted.csv"))
    (number, first), (second_number, _second) = body
    assert first[1] == "Acme, Inc." and first[5] == "Line one of the notes,\nline two, with commas\nand a third"
    assert (number, second_number) == (2, 3)  # spreadsheet rows, not file lines


def test_excel_sep_line_is_honoured(fixture_path):
    table, body = rows(fixture_path("sep_line.csv"))
    assert table.delimiter == ";" and table.headers == ["Name", "Company", "Phone"]
    assert body == [(2, ["Nia Brooks", "Soylent, Inc.", "(415) 555-0191"])]


@pytest.mark.parametrize("line, delimiter", [("a,b;c", ","), ("a;b;c", ";"), ("a\tb\tc", "\t"), ('"a;b",c', ","),
                                             ("a|b|c", "|"), ("name", ",")])
def test_delimiter_is_sniffed_from_the_header(line, delimiter):
    assert sniff_delimiter(line) == delimiter


def test_a_bad_byte_far_down_the_file_still_means_windows_1252(tmp_path):
    path = tmp_path / "late.csv"
    path.write_bytes(b"Name,Phone\r\n" + b"Ann,(415) 555-0101\r\n" * 20000 + "Zoë,(415) 555-0102\r\n".encode("cp1252"))
    table, body = rows(path)
    assert table.encoding == "cp1252" and body[-1][1][0] == "Zoë"


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "u16.csv"
    path.write_text("Name\tPhone\r\nÅsa\t(415) 555-0101\r\n", encoding="utf-16")
    table, body = rows(path)
    assert table.delimiter == "\t" and body[0][1] == ["Åsa", "(415) 555-0101"]


@pytest.mark.parametrize("content, words", [
    (b"", "is empty"),
    (b"   \r\n\r\n", "is empty"),
    (b"PK\x03\x04rest-of-a-zip", r"workbook \(xlsx/ods\)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Excel workbook"),
    (b"\x00\x01\x02binary", "binary file"),
    (b'{"hello": 1}', "not a Cockpit export"),
    (b'[{"id": 1', "cannot be parsed"),
])
def test_files_that_are_not_contact_lists_are_refused_in_one_line(tmp_path, content, words):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=words) as err:
        open_file(path)
    assert "\n" not in str(err.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        open_file(tmp_path / "nope.csv")
    with pytest.raises(ReadError, match="is a folder"):
        open_file(tmp_path)


def test_an_unterminated_quote_is_a_read_error_with_a_row(tmp_path):
    path = tmp_path / "open_quote.csv"
    path.write_bytes(b"Name,Phone\r\n" + b"Ann,(415) 555-0101\r\n" * 5000 + b"Bob,\"(415) 555-0102\r\nCara,(415) 555-0103\r\n")
    with open_file(path) as table, pytest.raises(ReadError, match="row 5002 cannot be read"):
        list(table.rows())
