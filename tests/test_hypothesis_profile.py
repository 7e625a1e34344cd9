"""Random-draw tests are deterministic in CI and keep exploring locally (tests/conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).parent
PROBE = ("import sys; sys.path.insert(0, sys.argv[1]); import conftest; from hypothesis import settings; "
         "print(settings.default.derandomize, settings.default.database is None)")


def profile_under(**env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if k not in ("CI", "HYPOTHESIS_PROFILE")} | env
    out = subprocess.run([sys.executable, "-c", PROBE, str(TESTS)], env=environ, capture_output=True,
                         text=True, check=True)
    return out.stdout.strip()


def test_ci_replays_the_same_draws_and_keeps_no_example_database():
    assert profile_under(CI="true") == "True True"


def test_a_local_run_draws_anew_and_remembers_failures():
    assert profile_under() == "False False"


def test_the_ci_profile_can_be_asked_for_locally():
    assert profile_under(HYPOTHESIS_PROFILE="ci") == "True True"
