"""What every command shares: the clock, the book, the rules, and one way to fail."""

from __future__ import annotations

import os
import sys
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path

from .. import config as config_mod
from .. import paths
from ..engine.text import clean, clean_lines, json_text
from ..model import activity_to_dict, next_step_to_dict, prospect_to_dict


class UsageError(Exception):
    """Bad input from the user: one line, exit 2."""


NOW_YEARS = (1970, 2999)


def clock() -> datetime:
    """Now, aware UTC; COCKPIT_NOW (ISO-8601 with offset) overrides it for demos and tests."""
    text = os.environ.get("COCKPIT_NOW", "").strip()
    if not text:
        return datetime.now(timezone.utc)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"COCKPIT_NOW={text!r} is not an ISO-8601 time; use e.g. 2026-11-23T10:00:00-05:00") from None
    if moment.tzinfo is None:
        raise UsageError(f"COCKPIT_NOW={text!r} has no offset; add one, e.g. 2026-11-23T10:00:00-05:00")
    # Schedules reach years ahead (nurture re-contacts, 18 months): a clock near year 9999 would
    # overflow deep in the date maths, so it is refused here, as the bad input it is.
    if not NOW_YEARS[0] <= moment.year <= NOW_YEARS[1]:
        raise UsageError(f"COCKPIT_NOW={text!r} is out of range; give a time in the years "
                         f"{NOW_YEARS[0]} to {NOW_YEARS[1]}, e.g. 2026-11-23T10:00:00-05:00")
    return moment.astimezone(timezone.utc)


class Context:
    """Opened lazily, so `--help` and `--version` touch nothing."""

    def __init__(self, book_arg: str | None = None, folder: Path | None = None):
        self.folder = folder or paths.book_dir(book_arg)
        self.now = clock()

    @cached_property
    def book(self):
        from ..storage import Book

        book = Book(self.folder)
        config_mod.write_default(self.folder)
        return book

    @cached_property
    def config(self) -> config_mod.Config:
        return config_mod.load(self.folder)

    @cached_property
    def rules(self):
        return self.config.rules()

    def prospect(self, prospect_id: str):
        """The prospect an argument names: its id, the first characters of it, a whole name, an e-mail or
        a number; an ambiguous one is refused, listing who it could be."""
        from ..engine.find import MIN_ID_PREFIX, listed, named
        from ..storage import UnknownProspect

        try:
            return self.book.get(prospect_id)
        except UnknownProspect:
            pass
        one, candidates = named(self.book.prospects(), prospect_id)
        if one is not None:
            return one
        if len(candidates) == 1:
            raise UsageError(f"{prospect_id!r} is not an id, a whole name, an e-mail or a number; "
                             f"did you mean {listed(candidates)}?")
        if candidates:
            raise UsageError(f"{prospect_id!r} could be {len(candidates)} prospects: {listed(candidates)}; "
                             "give the id (or more of it), the whole name, the e-mail or the number")
        raise UsageError(f"no prospect is {prospect_id!r} in {self.folder} (by id, at least {MIN_ID_PREFIX} "
                         "of its characters, whole name, e-mail or number); `cockpit agenda` lists ids")


def print_json(data) -> None:
    # Indented for a person at a terminal; compact (the C encoder, several times faster) for scripts.
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json_text(data, indent=indent) + "\n")


def say(line: str = "", file=None) -> None:
    """Print one line that carries the rep's data (names, companies, notes) as one line of visible
    text: a newline or an escape sequence in a name never starts a line or reaches the terminal."""
    print(clean(line), file=file or sys.stdout)


def warn(message: str) -> None:
    say(f"cockpit: {message}", file=sys.stderr)


class VisibleOnly:
    """The command line's stdout and stderr: whatever a command writes reaches the terminal as visible
    text, lines kept (the last guard; `say` keeps each line one line). Bytes (an export) pass as they are."""

    def __init__(self, stream) -> None:
        self._stream = stream
        self.exact = stream  # for data written to a pipe or a file (an export), unchanged

    def write(self, text: str) -> int:
        self._stream.write(clean_lines(text))
        return len(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def public_activity(activity) -> dict:
    data = activity_to_dict(activity)
    data.pop("before", None)  # the undo snapshot is the book's business, not the reader's
    return data


def prospect_json(prospect, rules) -> dict:
    data = prospect_to_dict(prospect)
    data.pop("next_step", None)
    if prospect.cadence in rules.cadences:
        data["attempts_max"] = rules.cadence(prospect.cadence).attempts_max
    return data


def step_json(step, tz_name: str, rules) -> dict | None:
    """A next step with its due time in the prospect's own offset."""
    data = next_step_to_dict(step)
    if data is not None:
        data["due"] = rules.calendar.local(step.due, tz_name).isoformat(timespec="seconds")
    return data
