"""Shared fixtures. Every test runs against a book and config folder under tmp_path: never the rep's own."""

from __future__ import annotations

import os
from datetime import datetime, timezone

import pytest
from hypothesis import settings

from cockpit.config import Config, builtin_cadences

# Random-draw tests: CI (CI=true) replays the same examples on every clone, with no example database,
# so a green run stays green; a local run keeps exploring new draws and remembers its failures.
# HYPOTHESIS_PROFILE=ci reproduces CI's run locally.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

# A fixed clock: Monday 23 November 2026, 15:00 UTC (10:00 in New York, 07:00 in Los Angeles).
FROZEN = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def private_dirs(tmp_path, monkeypatch):
    home = tmp_path / "book"
    monkeypatch.setenv("COCKPIT_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("TZ", "America/New_York")
    monkeypatch.delenv("COCKPIT_NOW", raising=False)
    return home


@pytest.fixture
def shell(monkeypatch, capsys, private_dirs):
    """`cockpit ARGS` in this process at the frozen clock: (exit code, stdout, stderr), stripped."""
    from cockpit import cli

    monkeypatch.setenv("COCKPIT_NOW", FROZEN.isoformat())

    def run(*argv: str) -> tuple[int, str, str]:
        code = cli.main(list(argv))
        out, err = capsys.readouterr()
        return code, out.strip(), err.strip()
    return run


@pytest.fixture
def config() -> Config:
    return Config(timezone="America/New_York", cadences=builtin_cadences())


@pytest.fixture
def rules(config):
    return config.rules()


@pytest.fixture
def now() -> datetime:
    return FROZEN
