"""From a file on disk to rows of cells, as real exports are written.

UTF-8 with or without a BOM, UTF-16 with a BOM, else Windows-1252; comma, semicolon, tab or pipe
delimited (sniffed from the header; Excel's "sep=;" first line is honoured); quoted fields with
commas and newlines. Rows are streamed, never all held at once. Cockpit's own JSON export is
recognised by its first character and read whole (it is the lossless format).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SNIFF_BYTES = 64 * 1024
DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
# Bytes Windows-1252 leaves undefined: a file holding them is read as Latin-1 instead.
_CP1252_HOLES = tuple(bytes([b]) for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D))

csv.field_size_limit(16 * 1024 * 1024)


class ReadError(ValueError):
    """The file cannot be read as a contact list; the message names it and says what is accepted."""


def sniff_encoding(path: Path) -> str:
    """utf-8-sig / utf-16 by BOM; utf-8 if the whole file decodes as UTF-8 (checked in a streaming
    pass, so a bad byte on row 40,000 is found); else cp1252 (latin-1 if it has cp1252's holes)."""
    with open(path, "rb") as f:
        head = f.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        f.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        holes = False
        try:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                holes = holes or any(h in chunk for h in _CP1252_HOLES)
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                holes = holes or any(h in chunk for h in _CP1252_HOLES)
            return "latin-1" if holes else "cp1252"
    return "utf-8"


def sniff_delimiter(first_line: str) -> str:
    """The delimiter that splits the header into the most columns (a tie keeps the comma)."""
    best, width = ",", 0
    for delimiter in DELIMITERS:
        cells = next(csv.reader([first_line], delimiter=delimiter), [])
        if len(cells) > width:
            best, width = delimiter, len(cells)
    return best


@dataclass
class CsvTable:
    """An open CSV: its headers and a stream of (row number, cells). Row numbers are the ones a
    spreadsheet shows: the header is row 1."""

    path: Path
    encoding: str
    delimiter: str
    headers: list[str]
    size: int
    _file: io.TextIOWrapper = field(repr=False)
    _reader: Iterator[list[str]] = field(repr=False)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        number = 1
        try:
            for cells in self._reader:
                number += 1
                yield number, cells
        except csv.Error as exc:
            raise ReadError(f"{self.path}: row {number + 1} cannot be read ({exc}); "
                            "is a quote left open? Save the sheet again as CSV") from None
        except UnicodeDecodeError as exc:
            raise ReadError(f"{self.path}: row {number + 1} is not {self.encoding} text ({exc.reason})") from None

    def position(self) -> int:
        """Bytes read so far (for a progress bar)."""
        try:
            return self._file.buffer.tell()
        except (OSError, ValueError):
            return 0

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> CsvTable:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@dataclass
class JsonExport:
    path: Path
    records: list[dict]
    size: int


def _refuse_binary(path: Path, head: bytes) -> None:
    if head.startswith(b"PK\x03\x04"):
        raise ReadError(f"{path} is a spreadsheet workbook (xlsx/ods), not CSV; save it as CSV and import that")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError(f"{path} is an old Excel workbook (xls), not CSV; save it as CSV and import that")
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ReadError(f"{path} is a binary file, not CSV; accepted: CSV (comma, semicolon or tab) "
                        "or a Cockpit JSON export")


def open_file(path: str | Path) -> CsvTable | JsonExport:
    """Open a contact file; ReadError (one line) if it is missing, empty, binary or has no header."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ReadError(f"{path} is a folder; give a CSV or JSON file")
        with open(path, "rb") as f:
            head = f.read(SNIFF_BYTES)
        _refuse_binary(path, head)
        encoding = sniff_encoding(path)
    except FileNotFoundError:
        raise ReadError(f"{path}: no such file") from None
    except PermissionError:
        raise ReadError(f"{path}: permission denied (cannot read it)") from None
    except OSError as exc:
        raise ReadError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    text_head = head.decode(encoding, errors="replace").lstrip("\ufeff")
    if not text_head.strip():
        raise ReadError(f"{path} is empty; a CSV needs a header row and one row per contact")
    if text_head.lstrip()[:1] in ("[", "{"):
        return _read_json(path, encoding, size)
    return _open_csv(path, encoding, size, text_head)


def _open_csv(path: Path, encoding: str, size: int, text_head: str) -> CsvTable:
    first_line = text_head.splitlines()[0] if text_head else ""
    skip_sep_line = first_line.strip().lower().startswith("sep=") and len(first_line.strip()) == 5
    if skip_sep_line:
        delimiter = first_line.strip()[4]
        header_line = (text_head.splitlines() + [""])[1]
    else:
        header_line = first_line
        delimiter = sniff_delimiter(header_line)
    f = open(path, encoding=encoding, newline="")
    try:
        if skip_sep_line:
            f.readline()
        reader = csv.reader(f, delimiter=delimiter, strict=True)
        headers = next(reader, None)
    except (csv.Error, UnicodeDecodeError) as exc:
        f.close()
        raise ReadError(f"{path}: the header row cannot be read ({exc})") from None
    if not headers or not any(h.strip() for h in headers):
        f.close()
        raise ReadError(f"{path} has no header row; the first row must name the columns (Name, Company, Phone...)")
    headers = [h.replace("\ufeff", "").strip() for h in headers]
    return CsvTable(path, encoding, delimiter, headers, size, f, reader)


def _read_json(path: Path, encoding: str, size: int) -> JsonExport:
    try:
        with open(path, encoding=encoding) as f:
            data = json.load(f)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ReadError(f"{path} looks like JSON but cannot be parsed ({exc}); "
                        "accepted: a Cockpit JSON export or a CSV") from None
    records = data.get("prospects") if isinstance(data, dict) else data
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise ReadError(f"{path} is JSON but not a Cockpit export "
                        '({"format": "cockpit", "prospects": [...]} or a list of prospects)')
    return JsonExport(path, records, size)
