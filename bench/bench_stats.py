"""Stats at ten years of calling: `cockpit stats --json` and the stats screen over ~500k activities.

Run by hand (not a test):  python bench/bench_stats.py [--prospects 50000] [--runs 5] [--book DIR]
(`cockpit demo --prospects 50000` makes about 600k activities, a book of years of calling; `--pad-to N` adds
copies of the book's prospects and their histories, under new ids, up to ~500k activities.)

The machine is shared and noisy, so every figure is set against a reference measured in the
same run: `cockpit --version` as a whole process is the start-up floor, and "compute" is the
stats process minus that floor. Stats reads the book's derived rows (storage/derived.py), so
three cases are timed: rows up to date; right after a `cockpit log` (the journal line is applied
to the rows); and the first run on a book without them (rebuilt from history.json and written).
The screen is timed on a first opening and on a reopening (last figures shown at once, then
fresh ones). The table goes into bench/RESULTS.md under "Stats" (--no-write to leave it).
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

from results import compile_package, write_section

NOW = "2026-11-23T10:00:00-05:00"


def run(args: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_of(args: list[str], env: dict, runs: int) -> float:
    return statistics.median(run(args, env) for _ in range(runs))


async def screen_times(folder: Path, runs: int) -> dict[str, float]:
    """Median ms from pressing S to: the first frame of the stats screen, figures on it (fresh, or the
    last ones on a reopening), fresh figures; for a first opening (no earlier figures) and a reopening.

    Times are taken by the screen's own steps, not by Pilot: `pilot.press`/`pause` wait until the
    process has been CPU-idle (up to 1 s), which a worker computing in a thread never is. The first
    frame is when the screen's `call_after_refresh` callback (`compute`) runs; figures are `show`."""
    from cockpit.app.app import CockpitApp
    from cockpit.app.screens import stats as stats_screen
    from cockpit.storage import Book

    screen_cls = stats_screen.StatsScreen
    steps: list[tuple[str, float]] = []
    compute, show = screen_cls.compute, screen_cls.show

    def timed_compute(self):
        steps.append(("painted", time.perf_counter()))
        return compute(self)

    def timed_show(self, s, fresh=True):
        steps.append(("fresh" if fresh else "figures", time.perf_counter()))
        return show(self, s, fresh)

    screen_cls.compute, screen_cls.show = timed_compute, timed_show
    now = datetime.fromisoformat(NOW).astimezone(timezone.utc)
    times: dict[str, list[float]] = {}
    book = Book(folder)
    try:
        for _ in range(runs):
            app = CockpitApp(book, clock=lambda: now)
            async with app.run_test(size=(120, 50)) as pilot:
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                for opening in ("first", "again"):
                    if opening == "first":
                        stats_screen._LAST.clear()
                    steps.clear()
                    start = time.perf_counter()
                    await pilot.press("S")
                    screen = app.screen
                    assert isinstance(screen, screen_cls)
                    while not screen.fresh:
                        await asyncio.sleep(0.001)
                    at = dict(steps)
                    at.setdefault("figures", at["fresh"])
                    for step in ("painted", "figures", "fresh"):
                        times.setdefault(f"{opening} {step}", []).append((at[step] - start) * 1000)
                    await app.workers.wait_for_complete()
                    await pilot.press("escape")
    finally:
        screen_cls.compute, screen_cls.show = compute, show
        book.close()
    return {k: statistics.median(v) for k, v in times.items()}


def count_activities(folder: Path) -> tuple[int, int, str]:
    """How many activities and prospects, and an active prospect to log an outcome for."""
    from cockpit.storage import Book

    with Book(folder) as book:
        pid = next(p.id for p in book.prospects() if p.status in ("new", "working", "engaged", "nurture"))
        return len(book.activity_columns().at), book.count(), pid


def pad(folder: Path, target: int) -> None:
    """Add copies of the book's prospects with their histories (new ids, same times) up to `target` activities."""
    from collections import defaultdict
    from dataclasses import replace

    from cockpit.storage import Book

    with Book(folder) as book:
        acts = list(book.activities())
        if len(acts) >= target:
            return
        history = defaultdict(list)
        for a in acts:
            history[a.prospect_id].append(a)
        prospects, copies, total, k = book.prospects(), [], len(acts), 0
        people = []
        while total < target:
            for p in prospects:
                if total >= target:
                    break
                new = f"{p.id}c{k}"
                people.append(replace(p, id=new))
                copies += [replace(a, id=f"{a.id}c{k}", prospect_id=new, before=None) for a in history[p.id]]
                total += len(history[p.id])
            k += 1
        book.add(people)
        book.add_activities(copies)


def after_a_log(cockpit: list[str], folder: Path, pid: str, env: dict, runs: int) -> float:
    """Median seconds of `stats --json` right after a `cockpit log` (undone after each run, untimed)."""
    times = []
    for _ in range(runs):
        subprocess.run([*cockpit, "--book", str(folder), "log", pid, "no-answer"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        times.append(run([*cockpit, "--book", str(folder), "stats", "--json"], env))
        subprocess.run([*cockpit, "--book", str(folder), "undo"], env=env, check=True, stdout=subprocess.DEVNULL)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prospects", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--book", type=Path, default=None, help="reuse a demo book already built here")
    parser.add_argument("--no-write", action="store_true", help="print the table, leave bench/RESULTS.md")
    parser.add_argument("--pad-to", type=int, default=0, metavar="N",
                        help="add copies of the book's prospects and histories up to about N activities")
    args = parser.parse_args()

    compile_package()
    env = {**os.environ, "COCKPIT_NOW": NOW}
    cockpit = [sys.executable, "-m", "cockpit.cli"]
    folder = args.book or Path(tempfile.mkdtemp(prefix="cockpit-bench-stats-")) / "book"
    if not (folder / "cockpit.toml").exists():
        started = time.perf_counter()
        subprocess.run([*cockpit, "--book", str(folder), "demo", "--prospects", str(args.prospects), "--seed", "7"],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        print(f"built {args.prospects} prospects in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    if args.pad_to:
        started = time.perf_counter()
        pad(folder, args.pad_to)
        print(f"padded to {args.pad_to} activities in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    stats = [*cockpit, "--book", str(folder), "stats", "--json"]
    (folder / "derived-activities.bin").unlink(missing_ok=True)
    floor = median_of([*cockpit, "--version"], env, args.runs)
    rebuilt = run(stats, env)  # no derived rows: read history.json, write them
    activities, prospects, pid = count_activities(folder)
    whole = median_of(stats, env, args.runs)
    only_open = f"import cockpit.cli; from cockpit.storage import Book; Book({str(folder)!r}).close()"
    opened = median_of([sys.executable, "-c", only_open], env, args.runs)
    logged = after_a_log(cockpit, folder, pid, env, args.runs)
    screen = asyncio.run(screen_times(folder, max(3, args.runs // 2)))

    def beyond(seconds: float) -> str:
        return f"{(seconds - floor) * 1000:.0f} ms"

    rows = [
        ("`cockpit --version` (start-up floor)", f"{floor * 1000:.0f} ms", "1.0x floor"),
        ("`cockpit stats --json`, whole process", f"{whole * 1000:.0f} ms", f"{whole / floor:.1f}x floor"),
        ("stats compute beyond start-up", beyond(whole), "target < 1000 ms"),
        ("… of which opening the book (a process that only opens it)", beyond(opened), f"{opened / floor:.1f}x floor"),
        ("… right after a `cockpit log` (journal applied)", beyond(logged), f"{logged / floor:.1f}x floor"),
        ("… first run, derived rows rebuilt and written", beyond(rebuilt), f"{rebuilt / floor:.1f}x floor, once"),
        ("stats screen painted after `S` (first opening)", f"{screen['first painted']:.0f} ms", "target < 300 ms"),
        ("stats screen figures shown (first opening)", f"{screen['first figures']:.0f} ms", ""),
        ("stats screen painted after `S` (reopening)", f"{screen['again painted']:.0f} ms", "target < 300 ms"),
        ("… last figures shown (reopening)", f"{screen['again figures']:.0f} ms", ""),
        ("… fresh figures shown (reopening)", f"{screen['again fresh']:.0f} ms", ""),
    ]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    table = [f"Book: {prospects} prospects, {activities} activities; {machine}; medians of {args.runs} runs.",
             "", "| measure | time | against |", "|---|---:|---|"]
    table += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    text = "\n".join(table)
    print(text)
    if not args.no_write:
        padded = f" --pad-to {args.pad_to}" if args.pad_to else ""
        heading = "Stats" + (f" at about {args.pad_to} activities" if args.pad_to else "")
        write_section(heading, f"Command: `python bench/bench_stats.py --prospects {args.prospects}{padded}`\n\n{text}")


if __name__ == "__main__":
    main()
