"""Where a prospect is: the time zones their number leaves open, and the country whose holidays they keep.

A number pins down one zone (+1 212: New York) or leaves several (+1 907: Anchorage or Adak;
an Australian mobile: Perth to Sydney). Every date the calendar picks for a prospect is asked of
their `Location`, so a doubt about the zone is honoured everywhere, not guessed away.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from zoneinfo import TZPATH, ZoneInfo

from ..model import Prospect
from .phones import region_for, zone_for, zones_for


@dataclass(frozen=True)
class Location:
    zones: tuple[str, ...]  # the first is the one shown as "their time"; several: the zone is not certain
    country: str = ""  # ISO 3166 code whose public holidays they keep; "" = none known (the rep's only)

    @property
    def tz(self) -> str:
        return self.zones[0]

    @property
    def certain(self) -> bool:
        return len(self.zones) == 1


def locate(p: Prospect, rep_tz: str) -> Location:
    """Where `p` is as it enters the book: its zone, the zones its number leaves open, its country.

    A zone given (add --tz, an import's column) or pinned down by a number is certain; its country is
    the zone's (where they are, even on a number from elsewhere). A number that leaves several zones
    keeps them all, shown in the rep's own when it is one of them; its country is the number's
    (the zones may straddle borders, the number does not). No zone at all: the rep's."""
    if p.tz and p.zones:  # placed before (a prospect re-entering the book): its doubt stands
        return Location((p.tz, *(z for z in p.zones if z != p.tz)), p.country or _region(p.phones) or zone_country(p.tz))
    tz = p.tz or next((z for z in map(zone_for, p.phones) if z), "")
    doubt = () if tz else _open_zones(p.phones)
    if len(doubt) == 1:
        tz, doubt = doubt[0], ()
    if tz:
        return Location((tz,), p.country or zone_country(tz) or _region(p.phones))
    if doubt:
        tz = rep_tz if rep_tz in doubt else doubt[0]
        return Location((tz, *(z for z in doubt if z != tz)), p.country or _region(p.phones) or zone_country(tz))
    return Location((rep_tz,), p.country or _region(p.phones) or zone_country(rep_tz))


def _open_zones(phones: tuple[str, ...]) -> tuple[str, ...]:
    """The zones that fit every number leaving several (a mobile and a landline narrow it down)."""
    sets = [zones for zones in map(zones_for, phones) if zones]
    if not sets:
        return ()
    common = tuple(z for z in sets[0] if all(z in other for other in sets[1:]))
    return common or sets[0]


def _region(phones: tuple[str, ...]) -> str:
    return next((r for r in map(region_for, phones) if r), "")


def location_of(p: Prospect) -> Location:
    return _location(p.tz, p.zones, p.country)


@lru_cache(maxsize=4096)
def _location(tz: str, zones: tuple[str, ...], country: str) -> Location:
    # Books written before zones and countries were kept: the zone says the country.
    candidates = (tz, *(z for z in zones if z != tz)) if zones else (tz,)
    return Location(candidates, country or zone_country(tz))


def city(zone_name: str) -> str:
    """'Australia/Lord_Howe' -> 'Lord Howe': how a rep names a zone."""
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")


def zone_country(zone_name: str) -> str:
    """The country of an IANA zone ('' for one that is in no country, such as UTC)."""
    return _zone_countries().get(zone_name, "")


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    """zone.tab of the tz database: one country per zone (zone1970.tab lists several for a shared zone,
    e.g. Europe/Berlin for DE, DK, NO, SE). Read from the tzdata package, which Cockpit depends on
    (the same data on every platform, Windows too), else from the system's zoneinfo folders."""
    text = ""
    try:
        text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):
        for folder in TZPATH:
            try:
                text = (Path(folder) / "zone.tab").read_text(encoding="utf-8")
                break
            except OSError:
                continue
    found = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) >= 3 and not line.startswith("#"):
            found[fields[2]] = fields[0]
    return found


def west_to_east(where: Location, moment: datetime) -> list[str]:
    """Its zones by their clocks at `moment`, the earliest first (the order is stable for equal clocks)."""
    return sorted(where.zones, key=lambda z: moment.astimezone(ZoneInfo(z)).utcoffset())


def zone_names(where: Location, moment: datetime) -> str:
    """'Adak or Anchorage'; 'one of 42 zones from Pago Pago to Guam' when they are many."""
    names = [city(z) for z in west_to_east(where, moment)]
    if len(names) > 3:
        return f"one of {len(names)} zones from {names[0]} to {names[-1]}"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
