"""Stats at ten years of calling: `cockpit stats --json` and the stats screen over ~500k activities.

Run by hand (not a test):  python bench/bench_stats.py [--prospects 50000] [--runs 5]

The machine is shared and noisy, so every figure is set against a reference measured in the
same run: `cockpit --version` as a whole process is the start-up floor, and "compute" is the
stats process minus that floor. The table goes into bench/RESULTS.md under "Stats".
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from results import write_section

NOW = "2026-11-23T10:00:00-05:00"


def run(args: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_of(args: list[str], env: dict, runs: int) -> float:
    return statistics.median(run(args, env) for _ in range(runs))


async def screen_times(folder: Path, runs: int) -> tuple[float, float]:
    """Median ms from pressing S to the stats screen painted, and to its figures shown."""
    from cockpit.app.app import CockpitApp
    from cockpit.app.screens.stats import StatsScreen
    from cockpit.storage import Book

    now = datetime.fromisoformat(NOW).astimezone(timezone.utc)
    painted, filled = [], []
    book = Book(folder)
    for _ in range(runs):
        app = CockpitApp(book, clock=lambda: now)
        async with app.run_test(size=(120, 50)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("S")
            await pilot.pause()
            assert isinstance(app.screen, StatsScreen)
            painted.append((time.perf_counter() - start) * 1000)
            await app.workers.wait_for_complete()
            await pilot.pause()
            filled.append((time.perf_counter() - start) * 1000)
    book.close()
    return statistics.median(painted), statistics.median(filled)


def count_activities(folder: Path) -> int:
    from cockpit.storage import Book

    with Book(folder) as book:
        return sum(1 for _ in book.activities())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prospects", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--book", type=Path, default=None, help="reuse a demo book already built here")
    args = parser.parse_args()

    env = {**os.environ, "COCKPIT_NOW": NOW}
    cockpit = [sys.executable, "-m", "cockpit.cli"]
    folder = args.book or Path(tempfile.mkdtemp(prefix="cockpit-bench-stats-")) / "book"
    if not (folder / "cockpit.toml").exists():
        started = time.perf_counter()
        subprocess.run([*cockpit, "--book", str(folder), "demo", "--prospects", str(args.prospects), "--seed", "7"],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        print(f"built {args.prospects} prospects in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    activities = count_activities(folder)

    floor = median_of([*cockpit, "--version"], env, args.runs)
    whole = median_of([*cockpit, "--book", str(folder), "stats", "--json"], env, args.runs)
    painted, filled = asyncio.run(screen_times(folder, max(3, args.runs // 2)))

    rows = [
        ("`cockpit --version` (start-up floor)", f"{floor * 1000:.0f} ms", ""),
        ("`cockpit stats --json`, whole process", f"{whole * 1000:.0f} ms", f"{whole / floor:.1f}x floor"),
        ("stats compute beyond start-up", f"{(whole - floor) * 1000:.0f} ms", "target < 1000 ms"),
        ("stats screen painted after `S`", f"{painted:.0f} ms", "target < 300 ms"),
        ("stats screen figures shown after `S`", f"{filled:.0f} ms", ""),
    ]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    table = [f"Book: {args.prospects} prospects, {activities} activities; {machine}; medians of {args.runs} runs.",
             "", "| measure | time | against |", "|---|---:|---|"]
    table += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    text = "\n".join(table)
    print(text)
    write_section("Stats", f"Command: `python bench/bench_stats.py --prospects {args.prospects}`\n\n{text}")


if __name__ == "__main__":
    main()
