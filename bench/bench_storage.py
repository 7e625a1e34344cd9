"""Storage benchmark: logging one outcome durably and opening the agenda, at 1k, 10k and 50k prospects.

Run by hand: `python bench/bench_storage.py [--sizes 1000,10000,50000] [--logs 100]`. Books are built
once with `cockpit demo` into $COCKPIT_BENCH_DIR (default /tmp/cockpit-bench) and copied per run.
Every figure is measured in the same run on the same disk, so ratios hold on a noisy machine.
The table goes into bench/RESULTS.md under "Storage".
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import compile_package, write_section  # noqa: E402

NOW = "2026-11-23T10:00:00-05:00"
COCKPIT = [str(Path(sys.executable).with_name("cockpit"))]
ROOT = Path(os.environ.get("COCKPIT_BENCH_DIR", "/tmp/cockpit-bench"))


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] * 1000


def build(n: int) -> Path:
    folder = ROOT / f"book-{n}"
    if not (folder / "book.json").exists():
        shutil.rmtree(folder, ignore_errors=True)
        env = {**os.environ, "COCKPIT_NOW": NOW}
        subprocess.run([*COCKPIT, "--book", str(folder), "demo", "--prospects", str(n), "--seed", "7"],
                       check=True, env=env, stdout=subprocess.DEVNULL)
    return folder


UTC_NOW = datetime.fromisoformat(NOW).astimezone(timezone.utc)


def due_ids(folder: Path, logs: int) -> list[str]:
    """The prospects each store logs for, in the same order: ones due in the next month."""
    from cockpit.storage import Book

    with Book(folder) as book:
        ids = [p.id for p in book.due(UTC_NOW + timedelta(days=30))]
    return (ids * (logs // len(ids) + 1))[:logs]


def engine_change(doc: dict, i: int, rules) -> tuple[dict, dict]:
    """What actions.log computes for outcome i: the engine's result as the two documents a store writes.

    The other stores run it too, so every line of the table is the same change, engine included,
    and the ratios compare storage with storage.
    """
    from cockpit.engine.outcomes import apply_outcome
    from cockpit.model import activity_to_dict, prospect_from_dict, prospect_to_dict

    result = apply_outcome(prospect_from_dict(doc), "connected", UTC_NOW + timedelta(minutes=i), rules)
    return activity_to_dict(result.activity), prospect_to_dict(result.prospect)


def cockpit_log(folder: Path, ids: list[str], rules) -> list[float]:
    from cockpit import actions
    from cockpit.storage import Book

    times = []
    with Book(folder) as book:
        for i, pid in enumerate(ids):
            start = time.perf_counter()
            actions.log(book, rules, pid, "connected", UTC_NOW + timedelta(minutes=i))
            times.append(time.perf_counter() - start)
    return times


def raw_tables(folder: Path) -> tuple[dict, dict]:
    from cockpit.storage import Book

    with Book(folder) as book:
        store = book._store
        return dict(store.table("prospects")), dict(store.table("activities"))


def tinydb_log(tmp: Path, prospects: dict, activities: dict, ids: list[str], rules, cap_runs: int,
               cap_seconds: float) -> list[float]:
    from tinydb import Query, TinyDB

    path = tmp / "tinydb.json"
    path.write_text(json.dumps({"prospects": prospects, "activities": activities}), encoding="utf-8")
    db = TinyDB(path)
    times, started = [], time.perf_counter()
    for i, pid in enumerate(ids[:cap_runs]):
        start = time.perf_counter()
        activity, prospect = engine_change(db.table("prospects").get(Query().id == pid), i, rules)
        db.table("activities").insert(activity)
        db.table("prospects").update(prospect, Query().id == pid)
        times.append(time.perf_counter() - start)
        if time.perf_counter() - started > cap_seconds and len(times) >= 3:
            break
    db.close()
    return times


def cockpit_write(folder: Path, ids: list[str], rules) -> list[float]:
    """The storage half alone: the engine runs untimed, Book.record (one journal line, fsync) is timed."""
    from cockpit.engine.outcomes import apply_outcome
    from cockpit.storage import Book

    times = []
    with Book(folder) as book:
        for i, pid in enumerate(ids):
            result = apply_outcome(book.get(pid), "connected", UTC_NOW + timedelta(hours=3, minutes=i), rules)
            start = time.perf_counter()
            book.record(result.prospect, result.activity)
            times.append(time.perf_counter() - start)
    return times


def sqlite_log(tmp: Path, prospects: dict, activities: dict, ids: list[str], rules) -> tuple[list[float], list[float]]:
    """(whole change, write alone): read, engine, insert + update + commit; the second times the last three."""
    con = sqlite3.connect(tmp / "book.sqlite", isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("CREATE TABLE prospects (id TEXT PRIMARY KEY, doc TEXT)")
    con.execute("CREATE TABLE activities (id TEXT PRIMARY KEY, prospect_id TEXT, doc TEXT)")
    con.execute("CREATE INDEX by_prospect ON activities (prospect_id)")
    con.execute("BEGIN")
    con.executemany("INSERT INTO prospects VALUES (?, ?)", ((d["id"], json.dumps(d)) for d in prospects.values()))
    con.executemany("INSERT INTO activities VALUES (?, ?, ?)",
                    ((d["id"], d["prospect_id"], json.dumps(d)) for d in activities.values()))
    con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the bulk load's WAL would slow the first timed commits
    times, writes = [], []
    for i, pid in enumerate(ids):
        start = time.perf_counter()
        con.execute("BEGIN")
        (doc,), = con.execute("SELECT doc FROM prospects WHERE id = ?", (pid,))
        activity, prospect = engine_change(json.loads(doc), i, rules)
        write = time.perf_counter()
        con.execute("INSERT INTO activities VALUES (?, ?, ?)", (activity["id"], pid, json.dumps(activity)))
        con.execute("UPDATE prospects SET doc = ? WHERE id = ?", (json.dumps(prospect), pid))
        con.execute("COMMIT")
        end = time.perf_counter()
        times.append(end - start)
        writes.append(end - write)
    con.close()
    return times, writes


def floor_log(tmp: Path, logs: int) -> list[float]:
    record = b"x" * 299 + b"\n"
    fd = os.open(tmp / "floor.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    times = []
    for _ in range(logs):
        start = time.perf_counter()
        os.write(fd, record)
        os.fsync(fd)
        times.append(time.perf_counter() - start)
    os.close(fd)
    return times


def process(argv: list[str], runs: int) -> float:
    env = {**os.environ, "COCKPIT_NOW": NOW}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, env=env, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--logs", type=int, default=100)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    ROOT.mkdir(parents=True, exist_ok=True)
    compile_package()
    rows, write_rows, agenda_rows, p95 = [], [], [], {}
    version = process([*COCKPIT, "--version"], args.runs)
    for n in sizes:
        source = build(n)
        work = ROOT / f"run-{n}"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(source, work / "book")
        mb = sum((work / "book" / f).stat().st_size for f in ("book.json", "history.json", "journal.jsonl")) / 1e6
        from cockpit import config

        rules = config.load(work / "book").rules()
        ids = due_ids(work / "book", args.logs)
        prospects, activities = raw_tables(work / "book")  # before cockpit logs: every store starts equal
        ours = cockpit_log(work / "book", ids, rules)
        ours_write = cockpit_write(work / "book", ids, rules)
        tiny = tinydb_log(work, prospects, activities, ids, rules, cap_runs=10 if n <= 1000 else 3, cap_seconds=20)
        lite, lite_write = sqlite_log(work, prospects, activities, ids, rules)
        floor = floor_log(work, args.logs)
        p95[n] = pct(ours, 95)
        rows.append(f"| {n} | {len(activities)} | {mb:.0f} | {pct(ours, 50):.2f} | {pct(ours, 95):.2f} | "
                    f"{pct(tiny, 50):.0f} ({len(tiny)} runs) | {pct(lite, 50):.2f} | {pct(lite, 95):.2f} | "
                    f"{pct(floor, 50):.2f} | {pct(floor, 95):.2f} | {pct(ours, 95) / pct(lite, 95):.1f}x | "
                    f"{pct(ours, 95) / pct(floor, 95):.1f}x |")
        write_rows.append(f"| {n} | {pct(ours_write, 50):.2f} | {pct(ours_write, 95):.2f} | "
                          f"{pct(lite_write, 50):.2f} | {pct(lite_write, 95):.2f} | "
                          f"{pct(ours_write, 95) / pct(lite_write, 95):.1f}x |")
        agenda_argv = [*COCKPIT, "--book", str(work / "book"), "agenda", "--json"]
        process(agenda_argv, 1)  # the first open of the day takes the daily backup
        agenda = process(agenda_argv, args.runs)
        agenda_rows.append(f"| {n} | {agenda:.0f} | {version:.0f} | {agenda / version:.2f}x |")
        print(rows[-1], agenda_rows[-1], flush=True)
        shutil.rmtree(work, ignore_errors=True)
    df = subprocess.run(["df", "-h", str(ROOT)], capture_output=True, text=True).stdout.strip().splitlines()[-1]
    flat = (f"p95 at {sizes[-1]} / p95 at {sizes[0]}: {p95[sizes[-1]] / p95[sizes[0]]:.2f}x"
            if len(sizes) > 1 else "")
    body = "\n".join([
        "`python bench/bench_storage.py` (bench/bench_storage.py)",
        "",
        "### Log one outcome durably (ms; insert activity + update prospect, fsynced)",
        "",
        "| prospects | activities | files (MB) | cockpit p50 | cockpit p95 | TinyDB JSONStorage p50 | "
        "sqlite WAL FULL p50 | sqlite p95 | append+fsync p50 | append+fsync p95 | cockpit/sqlite p95 | "
        "cockpit/floor p95 |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
        flat,
        "",
        "The write alone (ms; the engine's result ready, then one durable change): cockpit's Book.record "
        "(one journal line, fsync) against sqlite's insert + update + commit of the same two documents.",
        "",
        "| prospects | Book.record p50 | Book.record p95 | sqlite write p50 | sqlite write p95 | ratio p95 |",
        "|---:|---:|---:|---:|---:|---:|",
        *write_rows,
        "",
        "### `cockpit agenda --json` as a whole process vs `cockpit --version` (medians, ms)",
        "",
        "| prospects | agenda | --version | ratio |",
        "|---:|---:|---:|---:|",
        *agenda_rows,
        "",
        f"{args.logs} logs each. Cockpit logs through cockpit.actions.log (the CLI's and the TUI's path: read the "
        "prospect, run the engine, store the activity with its undo snapshot and the prospect, fsync). TinyDB's "
        "default storage and sqlite do the same change: read the prospect, run the same engine call, write the "
        "same two documents; the floor is one 300-byte append+fsync. TinyDB's default storage is capped (it "
        f"rewrites the whole file per write); {args.runs} process runs each, COCKPIT_NOW={NOW}.",
        f"Machine: nproc {os.cpu_count()}, Python {platform.python_version()}, {platform.system()}; "
        f"disk: `{df}`.",
        "Targets: log p95 at 50k <= 2x sqlite and <= 10x the floor; p95 at 50k <= 1.5x p95 at 1k; "
        "agenda at 10k <= 2x --version, at 50k <= 4x.",
    ])
    print(body)
    if not args.no_write:
        write_section("Storage", body)


if __name__ == "__main__":
    main()
