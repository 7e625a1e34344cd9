"""Business days, calling windows and time zones: where every date the engine picks comes from.

Business days skip weekends and holidays (the `holidays` package for the book's country
plus the dates listed in the book's config). A call is placed inside the prospect's calling
window, in their own time zone, and never outside the legal 08:00-21:00 whatever the
config says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.relativedelta import relativedelta
from dateutil.rrule import DAILY, FR, MO, TH, TU, WE, rrule

LEGAL_START = time(8, 0)
LEGAL_END = time(21, 0)
SLOT_MINUTES = 15  # times Cockpit picks itself are rounded up to a quarter hour


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
        object.__setattr__(self, "_business_days", {})  # (day, n) -> the answer: every log asks again

    # ---- days ---------------------------------------------------------------------

    def is_holiday(self, day: date) -> bool:
        if day in self.extra_holidays:
            return True
        return bool(self.country) and day in self.public_holidays(self.country, day.year)

    def is_business_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self.is_holiday(day)

    def add_business_days(self, day: date, n: int) -> date:
        """The n-th business day after `day`; for n=0, `day` itself or the next business day."""
        known = self._business_days.get((day, n))
        if known is None:
            known = self._business_days[(day, n)] = self._count_business_days(day, n)
        return known

    def _count_business_days(self, day: date, n: int) -> date:
        start = day if n == 0 else day + timedelta(days=1)
        wanted = max(n, 1)
        weekdays = rrule(DAILY, dtstart=datetime.combine(start, time()), byweekday=(MO, TU, WE, TH, FR))
        for candidate in weekdays:
            if not self.is_holiday(candidate.date()):
                wanted -= 1
                if wanted == 0:
                    return candidate.date()
        raise AssertionError("unreachable: rrule without an end never runs out")

    def previous_business_day(self, day: date) -> date:
        day -= timedelta(days=1)
        while not self.is_business_day(day):
            day -= timedelta(days=1)
        return day

    def add_months(self, day: date, months: int) -> date:
        return self.add_business_days(day + relativedelta(months=months), 0)

    # ---- the window -----------------------------------------------------------------

    @property
    def midday(self) -> time:
        """Where the morning half of the window ends and the afternoon half starts."""
        mid = (_minutes(self.window_start) + _minutes(self.window_end)) // 2
        return _time(mid - mid % SLOT_MINUTES)

    @property
    def last_slot(self) -> time:
        return _time(_minutes(self.window_end) - SLOT_MINUTES)

    def at(self, day: date, at: time, tz_name: str) -> datetime:
        """`day` at local time `at` in the zone, as UTC."""
        return datetime.combine(day, at, tzinfo=zone(tz_name)).astimezone(timezone.utc)

    def local(self, moment: datetime, tz_name: str) -> datetime:
        return moment.astimezone(zone(tz_name))

    def in_window(self, moment: datetime, tz_name: str) -> bool:
        local = self.local(moment, tz_name)
        return (self.is_business_day(local.date())
                and self.window_start <= local.time().replace(tzinfo=None) < self.window_end)

    def next_opening(self, moment: datetime, tz_name: str) -> datetime:
        """`moment` if it is callable, else the next time the window opens (as UTC)."""
        if self.in_window(moment, tz_name):
            return moment.astimezone(timezone.utc)
        local = self.local(moment, tz_name)
        day = local.date()
        if not (self.is_business_day(day) and local.time().replace(tzinfo=None) < self.window_start):
            day = self.add_business_days(day, 1)
        return self.at(day, self.window_start, tz_name)

    def place(self, day: date, at: time, tz_name: str) -> datetime:
        """A time Cockpit picks itself: on a business day, inside the window (as UTC)."""
        day = self.add_business_days(day, 0)
        clamped = min(max(at, self.window_start), self.last_slot)
        return self.at(day, clamped, tz_name)

    def slot_time(self, moment: datetime, tz_name: str) -> time:
        """The local time of `moment`, rounded up to the next quarter hour (for 'same time, later day')."""
        local = round_up(self.local(moment, tz_name))
        if local.date() != self.local(moment, tz_name).date():
            return self.last_slot
        return local.time().replace(tzinfo=None)

    def other_half(self, moment: datetime, tz_name: str) -> time:
        """The start of the half of the window the prospect was not tried in."""
        local = self.local(moment, tz_name).time().replace(tzinfo=None)
        return self.window_start if local >= self.midday else self.midday
