"""Public holidays, computed once per country and year and kept in the user's cache folder.

The `holidays` package takes about 50 ms to import and as long again to build a year, on every
start of every command. The dates of a year never change, so they are computed once and read
back from a small JSON file; the package is imported only on a miss.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from pathlib import Path

from . import durable


class UnknownCountry(ValueError):
    pass


def cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("cockpit") / "holidays"


def _read(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # missing or damaged: computed again, never fatal


def _write(path: Path, data) -> None:
    # Which countries a rep calls says something about their book: private like it (0700, 0600).
    try:
        durable.make_private_dir(path.parent)
        durable.write_atomic(path, json.dumps(data).encode("utf-8"))
    except OSError:
        pass  # a read-only cache only costs speed


@lru_cache(maxsize=1)
def supported_countries() -> frozenset[str]:
    path = cache_dir() / "countries.json"
    cached = _read(path)
    if isinstance(cached, list):
        return frozenset(cached)
    import holidays

    codes = sorted(holidays.list_supported_countries())
    _write(path, codes)
    return frozenset(codes)


@lru_cache(maxsize=64)
def public_holidays(country: str, year: int) -> frozenset[date]:
    """The public holidays of `country` in `year` (UnknownCountry for a code the package lacks)."""
    path = cache_dir() / f"{country}-{year}.json"
    cached = _read(path)
    if isinstance(cached, list):
        return frozenset(date.fromisoformat(d) for d in cached)
    import holidays

    try:
        days = holidays.country_holidays(country, years=year)
    except NotImplementedError:
        raise UnknownCountry(f"unknown country {country!r} for holidays (use a code such as US, GB, DE)") from None
    found = frozenset(days.keys())
    _write(path, sorted(d.isoformat() for d in found))
    return found
