"""What the command line and the cockpit call: read the files, plan, write the book once.

Every file is opened and every --map checked before a row is planned, and the book is written in
one batch after the whole plan is made: an unreadable row on line 40,000 leaves the book exactly
as it was, and a dry run is the same plan without the write.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from .. import durable
from ..engine import queue
from ..engine.meetings import as_of
from ..engine.phones import display
from ..engine.rules import Rules
from ..engine.schedule import describe_step
from ..engine.text import IN_A_LINE, visible
from ..model import Prospect
from . import calendar_file, exporter
from .formats import COCKPIT_CSV, COCKPIT_JSON, MappingError, canon, detect, plan_columns
from .importer import Options, Plan, Planner
from .reader import CsvTable, JsonExport, open_file

Progress = Callable[[int, int], None]  # (bytes done, bytes in all files)
PROGRESS_EVERY = 2000  # rows

DEFAULT_OPTIONS = Options()  # frozen: safe to share as a default


@dataclass
class ImportReport:
    plan: Plan
    dry_run: bool

    @property
    def format(self) -> str:
        keys = list(dict.fromkeys(fmt.key for _file, fmt in self.plan.formats))
        return " + ".join(keys)

    def to_json(self) -> dict:
        p = self.plan
        return {
            "format": self.format,
            "files": [{"file": f, "format": fmt.key, "label": fmt.label} for f, fmt in p.formats],
            "dry_run": self.dry_run,
            "accepted": len(p.prospects),
            "rejected": [{"row": r.row, "reason": r.reason, "file": r.file} for r in p.rejected],
            "duplicates": [{"row": d.row, "of": d.of, "match": d.match, "action": d.action, "where": d.where,
                            "file": d.file} for d in p.duplicates],
            "warnings": [{"row": w.row, "message": w.message, "file": w.file} for w in p.warnings],
            "blank": p.blank,
            "ids": [x.id for x in p.prospects],
        }

    def summary(self) -> str:
        """One line: what happened (or would), for the cockpit's notification and the shell."""
        p = self.plan
        verb = "Would import" if self.dry_run else "Imported"
        parts = [f"{verb} {len(p.prospects)} prospect{'s' * (len(p.prospects) != 1)}"]
        merged = sum(d.action == "merged" for d in p.duplicates)
        skipped = len(p.duplicates) - merged
        if merged:
            parts.append(f"{merged} duplicate row{'s' * (merged != 1)} merged")
        if skipped:
            parts.append(f"{skipped} already in the book skipped")
        if p.rejected:
            parts.append(f"{len(p.rejected)} row{'s' * (len(p.rejected) != 1)} rejected")
        if p.warnings:
            parts.append(f"{len(p.warnings)} warning{'s' * (len(p.warnings) != 1)}")
        if p.blank:
            parts.append(f"{p.blank} blank row{'s' * (p.blank != 1)} ignored")
        labels = ", ".join(dict.fromkeys(fmt.label for _f, fmt in p.formats))
        return f"{'; '.join(parts)} ({labels})."

    def lines(self, rules: Rules, *, list_accepted: bool = False) -> list[str]:
        p = self.plan
        many = len(p.formats) > 1
        out = [f"Detected {fmt.label} ({fmt.key}) in {file}" for file, fmt in p.formats]
        if self.dry_run:
            out.append("Dry run: nothing was written (ids below are examples; a real import draws new ones).")
        out.append(self.summary())

        def where(file: str, row: int) -> str:
            return f"{file} row {row}" if many else f"row {row}"

        for r in p.rejected:
            out.append(f"  rejected   {where(r.file, r.row)}: {r.reason}")
        for d in p.duplicates:
            what = (f"already in the book as {d.of}: skipped" if d.where == "book"
                    else f"merged into {d.of}" if d.action == "merged" else f"same as {d.of} of this import: skipped")
            out.append(f"  duplicate  {where(d.file, d.row)}: same {d.match}, {what}")
        for w in p.warnings:
            out.append(f"  warning    {where(w.file, w.row)}: {w.message}")
        if list_accepted:
            for x in p.prospects:
                phone = display(x.phone) if x.phone else (x.email or "no contact line")
                company = f", {visible(x.company, IN_A_LINE)}" if x.company else ""
                tag = f"  {x.tag}" if x.tag != "prospect" else ""  # what the file's tag columns were read as
                out.append(f"  + {x.id}  {visible(x.name, IN_A_LINE)}{company}  {phone}{tag}  → "
                           f"{describe_step(x, x.next_step, rules)}")
        return out


def _check_mapping(tables: list[tuple[str, object]], mapping: dict[str, str]) -> None:
    seen = set()
    headers: list[str] = []
    for _name, table in tables:
        if isinstance(table, CsvTable):
            seen |= {canon(h) for h in table.headers}
            headers += [h for h in table.headers if h.strip() and h not in headers]
    missing = [column for column in mapping if column not in seen]
    if missing:
        raise MappingError(f"--map names column {missing[0]!r}, which is not in the file; "
                           f"its columns are: {', '.join(headers)}")


def plan_files(paths: Iterable[str | Path], rules: Rules, now: datetime, *, options: Options = DEFAULT_OPTIONS,
               mapping: dict[str, str] | None = None, existing: Iterable[Prospect] = (),
               progress: Progress | None = None, new_id=None) -> Plan:
    """Open every file (ReadError), check --map (MappingError), then plan row by row."""
    mapping = mapping or {}
    tables: list[tuple[str, CsvTable | JsonExport]] = []
    try:
        for path in paths:
            tables.append((str(path), open_file(path)))
        _check_mapping(tables, mapping)
        planner = Planner(rules, now, options, existing, **({"new_id": new_id} if new_id else {}))
        total = sum(t.size for _n, t in tables) or 1
        done = 0
        for name, table in tables:
            if isinstance(table, JsonExport):
                planner.add_records(name, COCKPIT_JSON, enumerate(table.records, start=1))
            else:
                fmt = detect(table.headers)
                rows = _with_progress(table, done, total, progress)
                if fmt is COCKPIT_CSV and not mapping:
                    headers = table.headers
                    planner.add_records(name, fmt, ((n, exporter.record_from_csv(headers, cells)) for n, cells in rows))
                else:
                    known = {canon(h) for h in table.headers}
                    columns = plan_columns(table.headers, fmt, {c: f for c, f in mapping.items() if c in known})
                    if not any(c.field in ("name", "first_name", "last_name", "phone", "email") for c in columns):
                        raise MappingError(
                            f"{name}: no column looks like a name, phone or email (columns: "
                            f"{', '.join(h for h in table.headers if h)}); say which is which with "
                            "--map COLUMN=FIELD, e.g. --map 'Contact=name' --map 'Direct=phone'")
                    planner.add_rows(name, fmt, table.headers, columns, rows)
            done += table.size
            if progress:
                progress(done, total)
    finally:
        for _name, table in tables:
            if isinstance(table, CsvTable):
                table.close()
    return planner.plan


def _with_progress(table: CsvTable, offset: int, total: int, progress: Progress | None):
    if progress is None:
        yield from table.rows()
        return
    for count, item in enumerate(table.rows(), start=1):
        if count % PROGRESS_EVERY == 0:
            progress(offset + table.position(), total)
        yield item


def import_files(book, rules: Rules, now: datetime, paths: Iterable[str | Path], *, options: Options = DEFAULT_OPTIONS,
                 mapping: dict[str, str] | None = None, dry_run: bool = False,
                 progress: Progress | None = None) -> ImportReport:
    """Plan the import of `paths` against the book, then (unless a dry run) add it in one batch.

    The plan's duplicate check and the add are one transaction: two shells importing the same file
    at once add it once (the second sees the first's prospects as already there)."""
    if dry_run:
        plan = plan_files(paths, rules, now, options=options, mapping=mapping, existing=book.prospects(),
                          progress=progress)
        return ImportReport(plan, dry_run)
    with book.transaction():
        plan = plan_files(paths, rules, now, options=options, mapping=mapping, existing=book.prospects(),
                          progress=progress)
        if plan.prospects:
            book.add(plan.prospects)
    return ImportReport(plan, dry_run)


def import_one_for_cockpit(book, rules: Rules, now: datetime, path: str) -> str:
    """The cockpit's palette import: one file, defaults, the summary line (errors raise ReadError/MappingError)."""
    return import_files(book, rules, now, [Path(path).expanduser()]).summary()


# ---- out ----------------------------------------------------------------------------------------


class OutRefused(ValueError):
    """--out names something Cockpit will not write over; the message says what to do instead."""


def write_out(data: str | bytes, out: str | Path | None, stdout, *, force: bool = False) -> None:
    """To --out durably (a private temp file renamed over it), else to stdout. An existing file is
    replaced only with `force`; a link, a device or a folder never (as root, /dev/null is the system's)."""
    if out is None or str(out) == "-":
        if isinstance(data, bytes):
            stdout.flush()
            stdout.buffer.write(data)
            stdout.buffer.flush()
        else:
            stdout.write(data)
        return
    path = Path(out).expanduser()
    if os.path.lexists(path):
        if not durable.is_regular(path):
            raise OutRefused(f"{path} is not a regular file (a link, a device or a folder); Cockpit writes only "
                             "new files or replaces regular ones: give another --out")
        if not force:
            raise OutRefused(f"{path} already exists; add --force to replace it, or give another --out")
    durable.write_atomic(path, data if isinstance(data, bytes) else data.encode("utf-8"))


def export_text(prospects: Iterable[Prospect], fmt: str) -> str:
    import io

    buffer = io.StringIO(newline="")
    if fmt == "json":
        exporter.write_json(prospects, buffer)
    else:
        exporter.write_csv(prospects, buffer)
    return buffer.getvalue()


def calendar_bytes(prospects: Iterable[Prospect], rules: Rules, now: datetime, days: int) -> bytes:
    """Next steps from the start of the rep's today to `days` days from now."""
    start = queue.end_of_day(queue.rep_day(now, rules) - timedelta(days=1), rules)
    current = (as_of(p, now, rules) for p in prospects)  # a started meeting is "how did it go?", not "confirm"
    return calendar_file.to_ics(current, now, start, now + timedelta(days=days))
