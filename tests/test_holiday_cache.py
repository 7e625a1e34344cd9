"""Holidays are computed once per country and year, then read back from the cache folder."""

from __future__ import annotations

from datetime import date

import pytest

from cockpit import holiday_cache


@pytest.fixture(autouse=True)
def fresh_memory():
    holiday_cache.public_holidays.cache_clear()
    holiday_cache.supported_countries.cache_clear()
    yield
    holiday_cache.public_holidays.cache_clear()
    holiday_cache.supported_countries.cache_clear()


def test_a_year_is_computed_once_and_read_back_from_the_cache():
    thanksgiving = date(2026, 11, 26)
    assert thanksgiving in holiday_cache.public_holidays("US", 2026)
    cached = holiday_cache.cache_dir() / "US-2026.json"
    assert cached.exists()
    # Prove the second read comes from the file: edit it and see the edit.
    cached.write_text('["2026-01-02"]', encoding="utf-8")
    holiday_cache.public_holidays.cache_clear()
    assert holiday_cache.public_holidays("US", 2026) == frozenset({date(2026, 1, 2)})


def test_a_damaged_cache_file_is_computed_again():
    path = holiday_cache.cache_dir() / "GB-2026.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    assert date(2026, 12, 25) in holiday_cache.public_holidays("GB", 2026)


def test_unknown_country_is_refused_and_listed_countries_are_known():
    assert "US" in holiday_cache.supported_countries() and "GB" in holiday_cache.supported_countries()
    with pytest.raises(holiday_cache.UnknownCountry, match="unknown country 'XX'"):
        holiday_cache.public_holidays("XX", 2026)
