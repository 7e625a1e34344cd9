"""Plan an import: rows in, prospects out, and an account of every row. Pure: no files, no book,
no clock (the caller passes `now` and what the book already holds).

Every row ends in exactly one of: accepted (a new prospect with its cadence's first step),
merged into an earlier row of the import, skipped as already in the book, rejected with its row
number and the reason, or counted as blank. Nothing is dropped silently: a contact line that
cannot be used on an otherwise good row is reported as a warning.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from sys import intern

from ..actions import EMAIL
from ..engine import identity
from ..engine import outcomes as engine
from ..engine.calendar import UnknownZone, zone
from ..engine.phones import BadPhone, display, normalise, zone_for
from ..engine.rules import Rules
from ..model import LEAD_TYPES, STATUSES, TAGS, Prospect, Research, prospect_from_dict
from . import labels
from .formats import Column, Format

_PHONE_SPLIT = re.compile(r"\s*(?::::|;(?!\s*ext)|,(?!\s*(?:ext|x)\b)|\||/|\n|\bor\b)\s*", re.IGNORECASE)
_EMAIL_SPLIT = re.compile(r"\s*(?::::|[,;|\s])\s*")
_EXCEL_FLOAT = re.compile(r"^\+?\d{6,15}\.0$")


@dataclass(frozen=True)
class Options:
    # Given, these hold for every row; empty, each row's own column decides (else cold, prospect).
    lead_type: str = ""
    cadence: str = ""  # empty: the tag, then the lead type decides (web -> web-lead), as for `cockpit add`
    tag: str = ""


@dataclass(frozen=True)
class Rejected:
    file: str
    row: int
    reason: str


@dataclass(frozen=True)
class Duplicate:
    file: str
    row: int
    of: str  # the id of the prospect it duplicates
    match: str  # id, email, phone or name+company
    action: str  # merged (into a prospect of this import) or skipped (already in the book)
    where: str  # "book" or "import"


@dataclass(frozen=True)
class Warning:
    file: str
    row: int
    message: str


@dataclass
class Plan:
    formats: list[tuple[str, Format]] = field(default_factory=list)
    prospects: list[Prospect] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    blank: int = 0
    rows: int = 0


def _default_id() -> str:
    return uuid.uuid4().hex[:8]


class Planner:
    """Feed it files one after another (add_rows / add_records), then read `.plan`.

    `existing` is what the book holds already (for duplicates and ids); `new_id` makes ids
    (tests pass a deterministic one)."""

    def __init__(self, rules: Rules, now: datetime, options: Options = Options(),
                 existing: Iterable[Prospect] = (), new_id: Callable[[], str] = _default_id):
        if options.lead_type and options.lead_type not in LEAD_TYPES:
            raise ValueError(f"unknown lead type {options.lead_type!r}; accepted: {', '.join(LEAD_TYPES)}")
        if options.tag and options.tag not in TAGS:
            raise ValueError(f"unknown tag {options.tag!r}; accepted: {', '.join(TAGS)}")
        if options.cadence and options.cadence not in rules.cadences:
            raise ValueError(f"unknown cadence {options.cadence!r}; accepted: {', '.join(sorted(rules.cadences))}")
        self.rules, self.now, self.options, self.new_id = rules, now, options, new_id
        self.plan = Plan()
        self._ids: set[str] = set()
        self._index: dict[str, dict] = {"id": {}, "email": {}, "phone": {}, "name+company": {}}
        self._zones: dict[str, str] = {}
        for p in existing:
            self._ids.add(p.id)
            self._remember(p, ("book", p.id))

    # ---- duplicates -----------------------------------------------------------------------

    # The index is one small dict per kind (keys: engine/identity.py). A value is a book id (str) or
    # the position of a prospect of this import (int).
    _keys = staticmethod(identity.keys)

    def _remember(self, p: Prospect, where: tuple[str, object]) -> None:
        value = where[1]
        for kind, key in self._keys(p):
            self._index[kind].setdefault(key, value)

    def _find(self, p: Prospect, kinds=("email", "phone", "name+company"),
              book_only=()) -> tuple[str, tuple[str, object]] | None:
        """The first earlier prospect sharing a key of `kinds` (`book_only` kinds match the book only)."""
        for kind, key in self._keys(p):
            if kind not in kinds and kind not in book_only:
                continue
            found = self._index[kind].get(key)
            if found is None:
                continue
            where = ("new", found) if isinstance(found, int) else ("book", found)
            if kind in kinds or where[0] == "book":
                return kind, where
        return None

    def _fresh_id(self) -> str:
        pid = self.new_id()
        while pid in self._ids:  # 8 hex digits collide now and then in a 50k list: never reuse one
            pid = self.new_id()
        self._ids.add(pid)
        return pid

    # ---- rows from a CRM or a spreadsheet -----------------------------------------------------

    def add_rows(self, file: str, fmt: Format, headers: list[str], columns: list[Column],
                 rows: Iterable[tuple[int, list[str]]]) -> None:
        self.plan.formats.append((file, fmt))
        width = len(headers)
        for number, cells in rows:
            self.plan.rows += 1
            if not any(c.strip() for c in cells):
                self.plan.blank += 1
                continue
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                self.plan.rejected.append(Rejected(file, number, f"{len(cells)} cells but the header has {width} "
                                                   "columns (a shifted row: a delimiter inside an unquoted value?)"))
                continue
            values: dict[str, list[str]] = {}
            for col in columns:
                if col.index < len(cells):
                    text = cells[col.index].strip()
                    if text:
                        values.setdefault(col.field, []).append(text)
            self._add_contact(file, number, values)

    def _add_contact(self, file: str, row: int, values: dict[str, list[str]]) -> None:
        first = {k: v[0] for k, v in values.items()}
        notes: list[str] = []

        phones, bad_phones = [], []
        for cell in values.get("phone", ()):
            for number in _phones_in(cell, self.rules.country):
                if number.startswith("!"):
                    bad_phones.append(number[1:])
                elif number not in phones:
                    phones.append(number)
        emails, bad_emails = [], []
        for cell in values.get("email", ()):
            for piece in filter(None, _EMAIL_SPLIT.split(cell)):
                piece = piece.strip("<>\"'()").removeprefix("mailto:")
                if EMAIL.match(piece):
                    if piece.casefold() not in (e.casefold() for e in emails):
                        emails.append(piece)
                elif piece:
                    bad_emails.append(piece)

        name = first.get("name") or " ".join(
            first[k] for k in ("first_name", "middle_name", "last_name") if first.get(k))
        if not phones and not emails:
            if bad_phones or bad_emails:
                bad = ", ".join(repr(x) for x in bad_phones + bad_emails)
                what = "phone" if bad_phones else "email"
                self.plan.rejected.append(Rejected(file, row, f"invalid {what} {bad} and no other phone or email "
                                                   "(write phones with a country code, e.g. +1 415 555 0123)"))
                return
            if not name:
                self.plan.rejected.append(Rejected(file, row, "no name, no phone and no email: nothing to call or write"))
                return
        for bad in bad_phones:
            self.plan.warnings.append(Warning(file, row, f"phone {bad!r} is not a valid number; left out"))
        for bad in bad_emails:
            self.plan.warnings.append(Warning(file, row, f"email {bad!r} is not an address; left out"))
        if not name:
            name = emails[0] if emails else display(phones[0])
            self.plan.warnings.append(Warning(file, row, f"no name: listed as {name}"))
        if not phones and not emails:
            self.plan.warnings.append(Warning(file, row, "no phone or email: research a number before the first call"))

        tz = first.get("tz", "")
        if tz:
            try:
                zone(tz)
            except UnknownZone:
                self.plan.warnings.append(Warning(file, row, f"time zone {tz!r} is not an IANA zone; "
                                                  "taken from the phone number instead"))
                tz = ""
        if not tz:
            tz = next(filter(None, map(self._zone_for, phones)), "")
        if len(emails) > 1:
            notes.append("Other emails: " + ", ".join(emails[1:]))
        research = {key: "\n".join(values[key]) for key in ("does", "why_now", "pains", "questions", "introducers")
                    if key in values}
        note_text = "\n".join(values.get("notes", []) + notes)
        if note_text:
            research["notes"] = note_text
        tag = self.options.tag or self._label(file, row, values.get("tag"), labels.tag_of, labels.unknown_tag,
                                              "prospect")
        lead_type = self.options.lead_type or self._label(file, row, values.get("lead_type"), labels.lead_type_of,
                                                          labels.unknown_lead_type, "cold")
        # Titles, sources and companies repeat down a list: one string each, not one per row.
        base = Prospect(id="", name=name, company=intern(first.get("company", "")), title=intern(first.get("title", "")),
                        phones=tuple(phones), email=emails[0] if emails else "", tag=tag,
                        lead_type=lead_type, source=intern(first.get("source", "")), tz=tz,
                        cadence=self.options.cadence, research=Research(**research))
        found = self._find(base)
        if found is not None:
            self._duplicate(file, row, base, *found)
            return
        prospect = engine.new_prospect(replace(base, id=self._fresh_id()), self.now, self.rules)
        self._remember(prospect, ("new", len(self.plan.prospects)))
        self.plan.prospects.append(prospect)

    def _label(self, file: str, row: int, cells: list[str] | None, read, unknown, default: str) -> str:
        """A row's tag or lead type from its columns; a value that names none is imported as the default,
        with a warning naming it (like a bad time zone: the row itself is good)."""
        if not cells:
            return default
        found = read(cells)
        if found is None:
            self.plan.warnings.append(Warning(file, row, unknown(cells, default)))
        return found or default

    def _zone_for(self, e164: str) -> str:
        prefix = e164.split(";")[0]
        if prefix not in self._zones:
            self._zones[prefix] = zone_for(prefix)
        return self._zones[prefix]

    def _duplicate(self, file: str, row: int, p: Prospect, match: str, where: tuple[str, object]) -> None:
        kind, ref = where
        if kind == "book":
            self.plan.duplicates.append(Duplicate(file, row, str(ref), match, "skipped", "book"))
            return
        target = self.plan.prospects[ref]
        merged = _merge(target, p)
        if merged is not target:
            self.plan.prospects[ref] = merged
            self._remember(merged, where)
        self.plan.duplicates.append(Duplicate(file, row, target.id, match, "merged", "import"))

    # ---- Cockpit's own exports: kept exactly (ids, status, next step, research) ------------------

    def add_records(self, file: str, fmt: Format, records: Iterable[tuple[int, dict]]) -> None:
        self.plan.formats.append((file, fmt))
        for number, record in records:
            self.plan.rows += 1
            try:
                prospect = _prospect_from_record(record)
            except (KeyError, TypeError, ValueError) as exc:
                self.plan.rejected.append(Rejected(file, number, f"not a Cockpit prospect ({_why(exc)})"))
                continue
            # A book's export is already free of doubles (colleagues may share a switchboard): within
            # it only the id counts; against the book, the id or the same email.
            found = self._find(prospect, kinds=("id",), book_only=("email",))
            if found is not None:
                match, (kind, ref) = found
                of = str(ref) if kind == "book" else self.plan.prospects[ref].id
                self.plan.duplicates.append(Duplicate(file, number, of, match, "skipped", kind if kind == "book" else "import"))
                continue
            self._ids.add(prospect.id)
            self._remember(prospect, ("new", len(self.plan.prospects)))
            self.plan.prospects.append(prospect)


def _why(exc: Exception) -> str:
    return f"missing {exc}" if isinstance(exc, KeyError) else str(exc)


def _prospect_from_record(record: dict) -> Prospect:
    if not str(record.get("id", "")).strip():
        raise KeyError("id")
    if not str(record.get("name", "")).strip():
        raise KeyError("name")
    prospect = prospect_from_dict(record)
    if prospect.status not in STATUSES:
        raise ValueError(f"status {prospect.status!r} is not one of {', '.join(STATUSES)}")
    if prospect.active and prospect.next_step is None:
        raise ValueError("an active prospect without a next step")
    return prospect


def _phones_in(cell: str, region: str) -> list[str]:
    """Every number in a cell, as E.164; a number that cannot be read comes back as '!raw'."""
    text = cell.strip().lstrip("'")
    if _EXCEL_FLOAT.match(text):
        text = text[:-2]
    try:
        return [normalise(text, region)]
    except BadPhone:
        pass
    found = []
    for piece in filter(None, (p.strip() for p in _PHONE_SPLIT.split(text))):
        try:
            found.append(normalise(piece.lstrip("'"), region))
        except BadPhone:
            found.append("!" + piece)
    return found or ["!" + text]


def _merge(target: Prospect, other: Prospect) -> Prospect:
    """A duplicate row adds what the first one lacked: more numbers, an email, a title, a company."""
    phones = target.phones + tuple(p for p in other.phones if p not in target.phones)
    changes = {}
    if phones != target.phones:
        changes["phones"] = phones
    for key in ("email", "company", "title", "source"):
        if not getattr(target, key) and getattr(other, key):
            changes[key] = getattr(other, key)
    if other.email and target.email and other.email.casefold() != target.email.casefold():
        extra = f"Other emails: {other.email}"
        if extra not in target.research.notes:
            notes = "\n".join(filter(None, (target.research.notes, extra)))
            changes["research"] = replace(target.research, notes=notes)
    return replace(target, **changes) if changes else target
