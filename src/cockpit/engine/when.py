"""The times a rep types: "tomorrow 3pm", "+2d", "next tue 10:00", "friday 11am", ISO.

dateutil reads the ISO forms but not these phrases, so this small reader does; every phrase is
read in the prospect's own time zone and returned as aware UTC.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

from dateutil.parser import isoparser
from dateutil.relativedelta import relativedelta
from dateutil.tz import resolve_imaginary

from .calendar import zone

ACCEPTED = ('accepted: "now", "3pm", "today 4pm", "tomorrow 15:30", "+2d", "+3h", "+30m", "+1w", '
            '"in 2 days", "tue 2pm", "next tue 10:00", "friday 11am", "noon", or ISO "2026-12-01 10:00" '
            '(a date alone is 09:00)')
DAY_DEFAULT = time(10, 0)  # a named day without a time: mid-morning, their time
WEEKDAYS = {name: n for n, names in enumerate((("mon", "monday"), ("tue", "tues", "tuesday"),
                                                ("wed", "weds", "wednesday"), ("thu", "thur", "thurs", "thursday"),
                                                ("fri", "friday"), ("sat", "saturday"), ("sun", "sunday")))
            for name in names}
UNITS = {"m": "minutes", "min": "minutes", "mins": "minutes", "minute": "minutes", "minutes": "minutes",
         "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
         "d": "days", "day": "days", "days": "days", "w": "weeks", "wk": "weeks", "week": "weeks", "weeks": "weeks"}
TIME = re.compile(r"^(?:(?P<noon>noon|midday)|(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>am|pm)?)$")
OFFSET = re.compile(r"^(?:\+|in\s+)(?P<n>\d+)\s*(?P<unit>[a-z]+)$")
# What looks like ISO 8601: a full date (2026-12-01, 20261201, 2026-W49-2), then maybe a time after T or a space.
ISO_LIKE = re.compile(r"^\d{4}-?(?:\d{2}-?\d{2}|W\d{2}(?:-?\d)?)(?:[T ].+)?$", re.IGNORECASE)


def _fail(text: str, why: str = "") -> ValueError:
    return ValueError(f"cannot read the time {text!r}{': ' + why if why else ''}; {ACCEPTED}")


def _time_of_day(text: str, original: str) -> time | None:
    """'3pm', '15:30', '10', 'noon' -> a time; None when `text` is not a time at all."""
    match = TIME.match(text)
    if not match:
        return None
    if match["noon"]:
        return time(12, 0)
    hour, minute = int(match["h"]), int(match["m"] or 0)
    if match["ampm"]:
        if not 1 <= hour <= 12:
            raise _fail(original, f"{hour}{match['ampm']} is not an hour")
        hour = hour % 12 + (12 if match["ampm"] == "pm" else 0)
    elif match["m"] is None:
        return None  # a bare number is not a time ("10" could be anything)
    if hour > 23 or minute > 59:
        raise _fail(original, "hours go to 23 and minutes to 59")
    return time(hour, minute)


def _local(day: date, at: time, tz) -> datetime:
    """`day` at wall-clock `at` in `tz`; a time the clocks skip (02:30 on a spring-forward night)
    moves forward by the gap, as a wall clock would."""
    return resolve_imaginary(datetime.combine(day, at, tzinfo=tz))


def _iso(text: str, original: str, tz) -> datetime | None:
    """ISO forms (dateutil's isoparser); a date alone means the start of their working morning, 09:00.
    None when `text` does not look like ISO at all; ValueError when it does but is not a real date."""
    if not ISO_LIKE.match(text):
        return None
    reader = isoparser()
    try:
        try:
            return _local(reader.parse_isodate(text), time(9, 0), tz)
        except ValueError:
            parsed = reader.isoparse(text)
    except ValueError as exc:
        raise _fail(original, f"not a real date or time ({exc})") from None
    return parsed if parsed.tzinfo else resolve_imaginary(parsed.replace(tzinfo=tz))


def parse_when(text: str, now: datetime, tz_name: str) -> datetime:
    """`text` read in `tz_name`, relative to `now`; ValueError with one line listing what is accepted."""
    original = text
    text = " ".join(text.strip().lower().replace(",", " ").split())
    if not text:
        raise _fail(original, "it is empty")
    tz = zone(tz_name)
    local_now = now.astimezone(tz)
    if text == "now":
        return now.astimezone(timezone.utc)
    iso = _iso(original.strip(), original, tz)
    if iso is not None:
        return iso.astimezone(timezone.utc)

    offset = OFFSET.match(text)
    if offset:
        unit = UNITS.get(offset["unit"])
        if unit is None:
            raise _fail(original, f"unknown unit {offset['unit']!r}")
        n = int(offset["n"])
        if unit in ("days", "weeks"):  # calendar days keep the time of day, across DST too
            moved = local_now.replace(tzinfo=None) + relativedelta(**{unit: n})
            return resolve_imaginary(moved.replace(tzinfo=tz)).astimezone(timezone.utc)
        return (now + timedelta(**{unit: n})).astimezone(timezone.utc)

    today = local_now.date()
    at = _time_of_day(text.removeprefix("at "), original)
    if at is not None:  # a time alone: today if still ahead, else tomorrow
        candidate = _local(today, at, tz)
        if candidate <= local_now:
            candidate = _local(today + timedelta(days=1), at, tz)
        return candidate.astimezone(timezone.utc)

    words = text.split(" ")
    strict_next = words[0] == "next" and len(words) > 1
    if strict_next:
        words = words[1:]
    day_word, rest = words[0], [w for w in words[1:] if w != "at"]  # "tomorrow at 3pm" reads as "tomorrow 3pm"
    at = _time_of_day("".join(rest), original) if rest else None
    if rest and at is None:
        raise _fail(original, f"{' '.join(rest)!r} is not a time of day")
    if day_word == "today" and not strict_next:
        day = today
    elif day_word == "tomorrow" and not strict_next:
        day = today + timedelta(days=1)
    elif day_word in WEEKDAYS:
        # "tue": the coming Tuesday, today if it is Tuesday and the time is still ahead;
        # "next tue": the coming Tuesday strictly after today.
        ahead = (WEEKDAYS[day_word] - today.weekday()) % 7
        if ahead == 0 and (strict_next or _local(today, at or DAY_DEFAULT, tz) <= local_now):
            ahead = 7
        day = today + timedelta(days=ahead)
    else:
        raise _fail(original)
    result = _local(day, at or DAY_DEFAULT, tz)
    if result <= local_now:
        raise _fail(original, "that time has already passed")
    return result.astimezone(timezone.utc)


# "wants pricing @ thu 3pm": the time agreed on a call, typed after an @ that starts a word (an
# e-mail address in the note, dana@acme.com, is not a time).
AGREED = re.compile(r"(?:^|\s)@\s*(?P<when>[^@]*)$")


def split_agreed(text: str) -> tuple[str, str]:
    """A connected note and the agreed time typed after it ('' when none): the screen's prompt and
    `cockpit log ID c --note` read it alike."""
    found = AGREED.search(text)
    if found is None:
        return text.strip(), ""
    return text[:found.start()].strip(), found.group("when").strip()
