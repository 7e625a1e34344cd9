"""Business days, calling windows and time zones: where every date the engine picks comes from.

Business days skip weekends and holidays: the book's country's (the rep's), the prospect's own
country's (from the `holidays` package) and the dates listed in the book's config (the rep's days
off). A call is placed inside the prospect's calling window, in their own time zone, and never
outside the legal 08:00-21:00 whatever the config says.

Every method that depends on where the prospect is takes `where`: their `Location` (the zones
their number leaves open, their country) or a bare zone name (the book's holidays only). When the
zone is not certain, a time is inside the window only if it is inside the window of every zone
that may be theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.relativedelta import relativedelta
from dateutil.rrule import DAILY, FR, MO, TH, TU, WE, rrule

from .location import Location

LEGAL_START = time(8, 0)
LEGAL_END = time(21, 0)
SLOT_MINUTES = 15  # times Cockpit picks itself are rounded up to a quarter hour
SLOT = timedelta(minutes=SLOT_MINUTES)
# How far ahead to look for a time inside the windows of every zone a number may be in: past any
# run of holidays. Zones that never share one are known at once (their offsets are too far apart).
HORIZON_DAYS = 35
DAY = timedelta(days=1)


class UnknownZone(ValueError):
    pass


@lru_cache(maxsize=512)
def zone(name: str):
    """The tzinfo for an IANA name; UnknownZone for a name the tz database does not know.

    The standard library's zoneinfo (C-accelerated, ~10x faster than dateutil.tz in a 10k-row
    agenda); dateutil still does the date maths (rrule, relativedelta)."""
    try:
        if not name or name != name.strip() or name.startswith("/"):
            raise ValueError(name)
        return ZoneInfo(name)
    except (ValueError, ZoneInfoNotFoundError, IsADirectoryError, OSError):
        raise UnknownZone(f"unknown time zone {name!r} (use an IANA name such as America/New_York)") from None


def round_up(t: datetime, minutes: int = SLOT_MINUTES) -> datetime:
    t = t.replace(second=0, microsecond=0) + (timedelta(minutes=1) if (t.second or t.microsecond) else timedelta())
    extra = (-t.minute) % minutes
    return t + timedelta(minutes=extra)


def _one_zone(where: Location | str) -> Location:
    return where if isinstance(where, Location) else _bare(where)


@lru_cache(maxsize=512)
def _bare(tz_name: str) -> Location:
    return Location((tz_name,))


def _tz(where: Location | str) -> str:
    """The zone times are shown in: the prospect's own, or the first of those their number leaves open."""
    return where if isinstance(where, str) else where.tz


def _spread(moment: datetime, zones: tuple[str, ...]) -> timedelta:
    """How far apart the zones' clocks are at `moment`, around the date line too (+13 and -11 are 0 h)."""
    day = 24 * 60
    offsets = sorted({int(moment.astimezone(zone(z)).utcoffset().total_seconds() // 60) % day for z in zones})
    gaps = [b - a for a, b in zip(offsets, offsets[1:], strict=False)] + [offsets[0] + day - offsets[-1]]
    return timedelta(minutes=day - max(gaps))


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _time(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


@lru_cache(maxsize=64)
def _package_holidays(country: str, year: int) -> frozenset[date]:
    """The default source of public holidays: the `holidays` package, imported on first use."""
    import holidays as holidays_lib

    try:
        return frozenset(holidays_lib.country_holidays(country, years=year).keys())
    except NotImplementedError:
        raise ValueError(f"unknown country {country!r} for holidays (use a code such as US, GB, DE)") from None


@dataclass(frozen=True)
class Calendar:
    country: str = "US"
    extra_holidays: frozenset[date] = frozenset()
    window_start: time = time(9, 0)
    window_end: time = time(17, 0)
    # (country, year) -> public holidays; the book passes a cached source, tests the package itself
    public_holidays: Callable[[str, int], frozenset[date]] = field(default=_package_holidays, compare=False,
                                                                  repr=False)

    def __post_init__(self) -> None:
        # The legal cap wins over any config: never call before 08:00 or after 21:00.
        start = max(self.window_start, LEGAL_START)
        end = min(self.window_end, LEGAL_END)
        if _minutes(end) - _minutes(start) < SLOT_MINUTES:
            raise ValueError(
                f"calling window {self.window_start:%H:%M}-{self.window_end:%H:%M} leaves no time "
                "inside 08:00-21:00 (use HH:MM-HH:MM, e.g. 09:00-17:00)")
        object.__setattr__(self, "window_start", start)
        object.__setattr__(self, "window_end", end)
        # (day, n, their country) -> the answer: every log asks again
        object.__setattr__(self, "_business_days", {})
        object.__setattr__(self, "_their_years", {})  # (country, year) -> the prospect's country's holidays
        object.__setattr__(self, "_spans", {})  # what `_common` found: an import asks it of every row

    # ---- days ---------------------------------------------------------------------

    def _theirs(self, where: Location | str | None) -> str:
        """The prospect's country when its holidays come on top of the book's, else ''."""
        country = "" if where is None or isinstance(where, str) else where.country
        return "" if country == self.country else country

    def _their_holidays(self, country: str, year: int) -> frozenset[date]:
        days = self._their_years.get((country, year))
        if days is None:
            try:
                days = self.public_holidays(country, year)
            except ValueError:
                days = frozenset()  # a country the holidays package does not know: the rep's days only
            self._their_years[(country, year)] = days
        return days

    def is_holiday(self, day: date, where: Location | str | None = None) -> bool:
        """A day off for the rep (their days off, the book's country's holidays) or, given `where`,
        a public holiday where the prospect is."""
        if day in self.extra_holidays:
            return True
        if self.country and day in self.public_holidays(self.country, day.year):
            return True
        theirs = self._theirs(where)
        return bool(theirs) and day in self._their_holidays(theirs, day.year)

    def is_business_day(self, day: date, where: Location | str | None = None) -> bool:
        return day.weekday() < 5 and not self.is_holiday(day, where)

    def add_business_days(self, day: date, n: int, where: Location | str | None = None) -> date:
        """The n-th business day after `day`; for n=0, `day` itself or the next business day."""
        theirs = self._theirs(where)
        known = self._business_days.get((day, n, theirs))
        if known is None:
            known = self._business_days[(day, n, theirs)] = self._count_business_days(day, n, where)
        return known

    def _count_business_days(self, day: date, n: int, where: Location | str | None) -> date:
        start = day if n == 0 else day + timedelta(days=1)
        wanted = max(n, 1)
        weekdays = rrule(DAILY, dtstart=datetime.combine(start, time()), byweekday=(MO, TU, WE, TH, FR))
        for candidate in weekdays:
            if not self.is_holiday(candidate.date(), where):
                wanted -= 1
                if wanted == 0:
                    return candidate.date()
        raise AssertionError("unreachable: rrule without an end never runs out")

    def previous_business_day(self, day: date, where: Location | str | None = None) -> date:
        day -= timedelta(days=1)
        while not self.is_business_day(day, where):
            day -= timedelta(days=1)
        return day

    def add_months(self, day: date, months: int, where: Location | str | None = None) -> date:
        return self.add_business_days(day + relativedelta(months=months), 0, where)

    # ---- the window -----------------------------------------------------------------

    @property
    def midday(self) -> time:
        """Where the morning half of the window ends and the afternoon half starts."""
        mid = (_minutes(self.window_start) + _minutes(self.window_end)) // 2
        return _time(mid - mid % SLOT_MINUTES)

    @property
    def last_slot(self) -> time:
        return _time(_minutes(self.window_end) - SLOT_MINUTES)

    def at(self, day: date, at: time, where: Location | str) -> datetime:
        """`day` at local time `at` in their zone (the first one when it is not certain), as UTC."""
        return datetime.combine(day, at, tzinfo=zone(_tz(where))).astimezone(timezone.utc)

    def local(self, moment: datetime, where: Location | str) -> datetime:
        return moment.astimezone(zone(_tz(where)))

    def _open(self, moment: datetime, zone_name: str, where, start: time, end: time) -> bool:
        local = moment.astimezone(zone(zone_name))
        return start <= local.time() < end and self.is_business_day(local.date(), where)

    def in_window(self, moment: datetime, where: Location | str) -> bool:
        """Inside the calling window on a business day, in every zone that may be theirs."""
        loc = _one_zone(where)
        return all(self._open(moment, z, where, self.window_start, self.window_end) for z in loc.zones)

    def closed_reason(self, moment: datetime, where: Location | str) -> str:
        """Why `moment` is not a time to call them, in a few words ('' when it is one): a Thanksgiving
        call is not "outside their hours", it is on a holiday."""
        if self.in_window(moment, where):
            return ""
        day = self.local(moment, where).date()
        if day in self.extra_holidays:
            return "on your time off"
        if day.weekday() >= 5:
            return "on a weekend"
        if self.is_holiday(day, where):
            return "on a public holiday"
        return "outside their calling hours"

    def is_open(self, moment: datetime, where: Location | str) -> bool:
        """A time Cockpit would pick itself: inside the window or, when their zones share none, inside the
        hours it falls back to (see `next_opening`)."""
        return self.in_window(moment, where) or (not _one_zone(where).certain
                                                 and self.next_opening(moment, where) == moment)

    def next_opening(self, moment: datetime, where: Location | str) -> datetime:
        """`moment` if it is callable, else the next time the window opens (as UTC).

        When their number leaves several zones: the next time inside the window of every one; when
        those windows never meet, the next time legal (08:00-21:00) in every one, else the next
        opening of the window in the zone shown. Such a time is not inside every window: the step
        there is for confirming their zone first (schedule.zone_checked)."""
        loc = _one_zone(where)
        if not loc.certain:
            for start, end in self._hours():
                found = self._next_common(moment, where, loc.zones, start, end)
                if found is not None:
                    return found
        return self._next_in(moment, loc.tz, where)

    def _next_in(self, moment: datetime, tz_name: str, where) -> datetime:
        if self._open(moment, tz_name, where, self.window_start, self.window_end):
            return moment.astimezone(timezone.utc)
        local = self.local(moment, tz_name)
        day = local.date()
        if not (self.is_business_day(day, where) and local.time() < self.window_start):
            day = self.add_business_days(day, 1, where)
        return self.at(day, self.window_start, tz_name)

    def place(self, day: date, at: time, where: Location | str) -> datetime:
        """A time Cockpit picks itself: on a business day, inside the window (as UTC).

        When their zone is not certain: on `day`, or the next day with a slot inside the window of every
        zone, at the slot nearest to `at` in the zone shown (else falling back as `next_opening` does)."""
        day = self.add_business_days(day, 0, where)
        clamped = min(max(at, self.window_start), self.last_slot)
        loc = _one_zone(where)
        if not loc.certain:
            for start, end in self._hours():
                found = self._slot_common(day, clamped, where, loc.zones, start, end)
                if found is not None:
                    return found
        return self.at(day, clamped, loc.tz)

    def _hours(self) -> tuple[tuple[time, time], ...]:
        """The hours asked of every zone, best first: the calling window, then the legal hours."""
        return (self.window_start, self.window_end), (LEGAL_START, LEGAL_END)

    def _apart(self, probe: datetime, zones: tuple[str, ...], start: time, end: time, room: timedelta) -> bool:
        """Whether the zones' clocks are too far apart, in summer and in winter, for [start, end) to
        leave `room` in all of them: then no day needs searching."""
        length = timedelta(minutes=_minutes(end) - _minutes(start))
        return all(_spread(p, zones) + max(room, timedelta(minutes=1)) > length
                   for p in (probe, probe + timedelta(days=182)))

    def _next_common(self, moment: datetime, where, zones: tuple[str, ...], start: time, end: time) -> datetime | None:
        if self._apart(moment, zones, start, end, timedelta(0)):
            return None
        first = self.local(moment, zones[0]).date()
        for n in range(HORIZON_DAYS):
            spans = self._common(first + n * DAY, where, zones, start, end)
            found = min((max(a, moment) for a, b in spans if b > moment), default=None)
            if found is not None:
                return found.astimezone(timezone.utc)
        return None

    def _slot_common(self, day: date, at: time, where, zones: tuple[str, ...], start: time, end: time) -> datetime | None:
        if self._apart(self.at(day, at, zones[0]), zones, start, end, SLOT):
            return None
        for n in range(HORIZON_DAYS):
            target = self.at(day + n * DAY, at, zones[0])
            slots = [min(max(target, a), b - SLOT) for a, b in self._common(day + n * DAY, where, zones, start, end)
                     if b - a >= SLOT]
            if slots:
                return min(slots, key=lambda t: (abs(t - target), t))
        return None

    def _common(self, day: date, where, zones: tuple[str, ...], start: time, end: time) -> list[tuple[datetime, datetime]]:
        """The stretches of `day` (in the first zone) inside [start, end) on a business day in every zone, as UTC."""
        key = (day, zones, self._theirs(where), start, end)
        known = self._spans.get(key)
        if known is None:
            known = self._spans[key] = self._intersect(day, where, zones, start, end)
        return known

    def _intersect(self, day: date, where, zones: tuple[str, ...], start: time, end: time) -> list[tuple[datetime, datetime]]:
        if not self.is_business_day(day, where):
            return []
        spans = [(self.at(day, start, zones[0]), self.at(day, end, zones[0]))]
        for z in zones[1:]:
            theirs = [(self.at(d, start, z), self.at(d, end, z)) for d in (day - DAY, day, day + DAY)
                      if self.is_business_day(d, where)]
            spans = [(max(a, c), min(b, e)) for a, b in spans for c, e in theirs if max(a, c) < min(b, e)]
            if not spans:
                break
        return spans

    def slot_time(self, moment: datetime, where: Location | str) -> time:
        """The local time of `moment`, rounded up to the next quarter hour (for 'same time, later day')."""
        local = round_up(self.local(moment, where))
        if local.date() != self.local(moment, where).date():
            return self.last_slot
        return local.time().replace(tzinfo=None)

    def other_half(self, moment: datetime, where: Location | str) -> time:
        """The start of the half of the window the prospect was not tried in."""
        local = self.local(moment, where).time().replace(tzinfo=None)
        return self.window_start if local >= self.midday else self.midday
