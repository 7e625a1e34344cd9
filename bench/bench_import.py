"""Benchmark: `cockpit import` of a 50k-row HubSpot-shaped CSV into an empty book.

Each measurement runs in its own process (`python -m cockpit.cli ...` or a small holder), so its
peak resident memory (ru_maxrss) is its own:

  baseline  python with cockpit imported, no data
  hold      the 50k prospects alone, built in memory (what any import must hold for its one batch)
  dry-run   `cockpit import --dry-run`: read, plan, no write
  import    `cockpit import` into an empty book: read, plan, one write

Usage: python bench/bench_import.py [--rows 50000] [--write-results]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from results import write_section

NOW = "2026-11-23T10:00:00-05:00"
AREAS = ("415", "212", "312", "617", "206", "512", "303", "704", "646", "919", "860", "510")
FIRST = ("Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jade", "Kai", "Lena", "Milo", "Nia")
LAST = ("Ortiz", "Patel", "Quinn", "Reyes", "Stone", "Tran", "Ueda", "Vance", "Wong", "Xu", "Young", "Zeller")
HEADERS = ["Record ID", "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number", "Company Name",
           "Job Title", "Contact owner", "Lead Status", "Lifecycle Stage", "Create Date", "Original Source"]

HOLD = """
import resource, sys, time, json
from datetime import datetime
from cockpit.config import Config, builtin_cadences
from cockpit.engine.outcomes import new_prospect
from cockpit.model import Prospect
from cockpit.engine.phones import normalise, zone_for
rules = Config(timezone="America/New_York", cadences=builtin_cadences()).rules()
for area in %(areas)r:  # load the same phone metadata an import loads: libraries are not data
    zone_for(normalise(f"({area}) 555-0100", "US"))
now = datetime.fromisoformat("%(now)s")
n = %(rows)d
t = time.perf_counter()
held = []
if n:
    for i in range(n):
        area = %(areas)r[i %% %(nareas)d]
        held.append(new_prospect(Prospect(id="%%08x" %% i, name=f"Person {i}", company=f"Company {i // 3}",
                                          title="Head of Operations", phones=(f"+1{area}555{i %% 10000:04d}",),
                                          email=f"person{i}@company{i // 3}.example.com", tz="America/New_York"),
                                 now, rules))
print(json.dumps({"seconds": time.perf_counter() - t,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "count": len(held)}))
"""

WRAP = """
import resource, sys, time, json, io, contextlib
from cockpit.cli import main
t = time.perf_counter()
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(sys.argv[1:])
elapsed = time.perf_counter() - t
report = json.loads(out.getvalue())
print(json.dumps({"seconds": elapsed, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "code": code, "accepted": report["accepted"], "rejected": len(report["rejected"]),
                  "duplicates": len(report["duplicates"])}))
"""


def make_csv(path: Path, rows: int, seed: int = 7) -> None:
    """HubSpot's contact export: unique e-mails and numbers, a mobile for every other contact."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADERS)
        for i in range(rows):
            area = AREAS[i % len(AREAS)]
            exchange = 200 + (i // 10000) % 700
            phone = f"({area}) {exchange}-{i % 10000:04d}"
            mobile = f"{AREAS[(i + 5) % len(AREAS)]}.{exchange + 1}.{i % 10000:04d}" if i % 2 else ""
            first, last = FIRST[i % len(FIRST)], f"{rng.choice(LAST)}"
            w.writerow([str(1000 + i), first, last, f"{first}.{last}.{i}@company{i // 3}.example.com".lower(),
                        phone, mobile, f"Company {i // 3}, Inc.", "Head of Operations", "Sam Rep", "NEW", "lead",
                        "2026-10-01 09:12", "Organic search"])


def run(code: str, *args: str) -> dict:
    env = {**os.environ, "COCKPIT_NOW": NOW, "TZ": "America/New_York"}
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"bench step failed: {proc.stderr.strip()}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def hold(rows: int) -> dict:
    return run(HOLD % {"now": NOW, "rows": rows, "areas": AREAS, "nareas": len(AREAS)})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--write-results", action="store_true", help="replace the Import section of bench/RESULTS.md")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = tmp / "hubspot-contacts.csv"
        t = time.perf_counter()
        make_csv(source, args.rows)
        print(f"generated {args.rows} rows ({source.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t:.1f} s")
        base = hold(0)
        held = hold(args.rows)
        dry = run(WRAP, "--book", str(tmp / "dry"), "import", "--dry-run", "--json", str(source))
        real = run(WRAP, "--book", str(tmp / "book"), "import", "--json", str(source))
        book_mb = (tmp / "book" / "book.json").stat().st_size / 1e6 if (tmp / "book" / "book.json").exists() else 0

    mb = lambda kb: kb / 1024  # noqa: E731 - ru_maxrss is in KiB on Linux
    rows = [
        ("baseline: python + cockpit, no data", "", mb(base["maxrss_kb"]), ""),
        (f"hold {args.rows} prospects in memory", f"{held['seconds']:.1f}", mb(held["maxrss_kb"]),
         f"+{mb(held['maxrss_kb'] - base['maxrss_kb']):.0f}"),
        ("import --dry-run (read + plan)", f"{dry['seconds']:.1f}", mb(dry["maxrss_kb"]),
         f"+{mb(dry['maxrss_kb'] - base['maxrss_kb']):.0f}"),
        ("import into an empty book", f"{real['seconds']:.1f}", mb(real["maxrss_kb"]),
         f"+{mb(real['maxrss_kb'] - base['maxrss_kb']):.0f}"),
    ]
    table = ["| step | seconds | peak RSS (MB) | above baseline (MB) |", "|---|---:|---:|---:|"]
    table += [f"| {name} | {secs} | {peak:.0f} | {extra} |" for name, secs, peak, extra in rows]
    plan_extra = (dry["maxrss_kb"] - held["maxrss_kb"]) / 1024
    note = [
        f"{args.rows} HubSpot-shaped rows ({real['accepted']} accepted, {real['rejected']} rejected, "
        f"{real['duplicates']} duplicates); book.json {book_mb:.0f} MB. Machine: {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}. Each step is its own process; peak RSS is ru_maxrss.",
        "",
        f"Reading and planning cost {plan_extra:+.0f} MB over holding the {args.rows} prospects themselves "
        f"(about {plan_extra * 1024 / max(args.rows, 1):.1f} KB a prospect: the duplicate index, one entry per "
        "e-mail, phone and name+company). That is per accepted prospect, not per byte of file: the CSV is "
        "streamed (csv.reader over the open file, one row's cells at a time; the encoding check is a "
        "streaming pass too) and no row is kept once planned. Target 30 s: "
        f"{'met' if real['seconds'] < 30 else 'MISSED'} ({real['seconds']:.1f} s).",
        "",
        f"The full import's extra {(real['maxrss_kb'] - dry['maxrss_kb']) / 1024:.0f} MB over the dry run is "
        "the book's one batched write: Book.add turns every prospect into a dict and the journaled storage "
        "writes the whole snapshot at once (a batch this size skips the journal and checkpoints directly).",
    ]
    section = "\n".join(["## Import", "", "`python bench/bench_import.py` (bench/bench_import.py)", "", *table, "",
                         *note, ""])
    print(section)
    if args.write_results:
        write_section("Import", section.split("\n", 1)[1])
    return 0 if real["seconds"] < 30 else 1


if __name__ == "__main__":
    sys.exit(main())
