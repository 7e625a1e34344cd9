"""Fixture files and a fresh book for the exchange tests."""

from __future__ import annotations

from itertools import count
from pathlib import Path

import pytest

from cockpit.storage import Book

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_path():
    return lambda name: FIXTURES / name


@pytest.fixture
def book(private_dirs):
    with Book(private_dirs) as b:
        yield b


@pytest.fixture
def ids():
    """Deterministic ids: p0001, p0002, ..."""
    numbers = count(1)
    return lambda: f"p{next(numbers):04d}"
