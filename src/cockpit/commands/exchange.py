"""import, export, ics: lists in, the plan out."""

from __future__ import annotations

import sys

from ..engine.text import count
from ..model import LEAD_TYPES, STATUSES, TAGS
from .base import UsageError, print_json, say

BAR_MIN_BYTES = 256 * 1024  # smaller files import in a blink: no bar


def register(sub) -> None:
    imp = sub.add_parser("import", help="import contacts from CRM exports (CSV) or a Cockpit JSON export")
    imp.add_argument("files", nargs="+", metavar="FILE", help="CSV exports of a CRM, or a Cockpit JSON export")
    imp.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                     help="read COLUMN as FIELD (name, first_name, last_name, company, title, phone, email, tz, "
                          "source, tag, lead_type, notes, ignore...); repeat for more")
    imp.add_argument("--dry-run", action="store_true", help="show exactly what would happen; write nothing")
    imp.add_argument("--lead-type", default="", choices=LEAD_TYPES,
                     help="lead type for every row (default: the file's Lead Type column, else cold)")
    imp.add_argument("--cadence", default="",
                     help="cadence for every imported prospect (default: from the tag, then the lead type)")
    imp.add_argument("--tag", default="", choices=TAGS,
                     help="tag for every row (default: the file's Tags, Type or Lifecycle Stage column, else prospect)")
    imp.add_argument("--json", action="store_true", help="print JSON (for scripts) instead of text")
    imp.set_defaults(run=run_import)

    exp = sub.add_parser("export", help="every prospect with contact lines, status, next step and research")
    exp.add_argument("--format", default="csv", choices=("csv", "json"), help="csv for spreadsheets and CRMs, json to import back")
    exp.add_argument("--status", action="append", default=[], metavar="STATUS",
                     help="only these statuses (repeat, or comma-separate): " + ", ".join(STATUSES))
    exp.add_argument("--include-dnc", action="store_true",
                     help="also export do-not-contact prospects (marked DO NOT CONTACT)")
    exp.add_argument("--out", metavar="FILE", help="write here (default: standard output); a new file unless --force")
    exp.add_argument("--force", action="store_true", help="replace an existing --out file")
    exp.set_defaults(run=run_export)

    ics = sub.add_parser("ics", help="next steps of the coming days as an iCalendar file")
    ics.add_argument("--days", type=int, default=7, metavar="N", help="how many days ahead (default 7)")
    ics.add_argument("--out", metavar="FILE", help="write here (default: standard output); a new file unless --force")
    ics.add_argument("--force", action="store_true", help="replace an existing --out file")
    ics.set_defaults(run=run_ics)


class ProgressBar:
    """A one-line bar on stderr, only on a terminal and only for files big enough to wait for."""

    def __init__(self, stream=sys.stderr, width: int = 30) -> None:
        self.stream, self.width, self.shown = stream, width, False

    def __call__(self, done: int, total: int) -> None:
        share = min(done / total, 1.0) if total else 1.0
        filled = int(share * self.width)
        self.stream.write(f"\rImporting [{'#' * filled}{'.' * (self.width - filled)}] {share:4.0%}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * (self.width + 20) + "\r")
            self.stream.flush()


def _wants_bar(paths: list[str]) -> bool:
    import os

    if not sys.stderr.isatty():
        return False
    try:
        return sum(os.path.getsize(p) for p in paths) >= BAR_MIN_BYTES
    except OSError:
        return False


def run_import(args, ctx) -> int:
    from ..exchange.formats import MappingError, parse_map
    from ..exchange.importer import Options
    from ..exchange.reader import ReadError
    from ..exchange.service import import_files

    try:
        mapping = parse_map(args.map)
    except MappingError as exc:
        raise UsageError(str(exc)) from None
    if args.cadence and args.cadence not in ctx.rules.cadences:
        raise UsageError(f"--cadence {args.cadence!r} is unknown; accepted: {', '.join(sorted(ctx.rules.cadences))}")
    bar = ProgressBar() if _wants_bar(args.files) else None
    try:
        report = import_files(ctx.book, ctx.rules, ctx.now, args.files, mapping=mapping, dry_run=args.dry_run,
                              options=Options(lead_type=args.lead_type, cadence=args.cadence, tag=args.tag),
                              progress=bar)
    except (ReadError, MappingError) as exc:
        raise UsageError(str(exc)) from None
    finally:
        if bar:
            bar.close()
    if args.json:
        print_json(report.to_json())
    else:
        for line in report.lines(ctx.rules, list_accepted=args.dry_run):
            say(line)
    return 0


def _statuses(values: list[str]) -> list[str]:
    wanted = [s.strip() for v in values for s in v.split(",") if s.strip()]
    for status in wanted:
        if status not in STATUSES:
            raise UsageError(f"--status {status!r} is unknown; accepted: {', '.join(STATUSES)}")
    return wanted


def run_export(args, ctx) -> int:
    from ..exchange import exporter
    from ..exchange.service import export_text, write_out

    statuses = _statuses(args.status)
    if "do-not-contact" in statuses and not args.include_dnc:
        raise UsageError("do-not-contact prospects are exported only with --include-dnc (they are marked so)")
    chosen = exporter.select(ctx.book.prospects(), statuses, include_dnc=args.include_dnc)
    _write(write_out, export_text(chosen, args.format), args.out, args.force)
    if args.out:
        say(f"{count(len(chosen), 'prospect')} written to {args.out} ({args.format})", file=sys.stderr)
    return 0


def run_ics(args, ctx) -> int:
    from ..exchange.service import calendar_bytes, write_out

    if not 1 <= args.days <= 366:
        raise UsageError(f"--days {args.days} is out of range; accepted: 1 to 366")
    _write(write_out, calendar_bytes(ctx.book.prospects(), ctx.rules, ctx.now, args.days), args.out, args.force)
    return 0


def _write(write_out, data, out, force: bool) -> None:
    from ..exchange.service import OutRefused

    # An export is data: exact to a pipe or a file; to a terminal it is shown as visible text only.
    stdout = sys.stdout if sys.stdout.isatty() else getattr(sys.stdout, "exact", sys.stdout)
    try:
        write_out(data, out, stdout, force=force)
    except OutRefused as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc.strerror or exc}; give a file in a folder you can write to") from None
