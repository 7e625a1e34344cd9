"""The cockpit screen's speed: outcome keypress to a repainted, durable screen, and start-up to first paint.

Run by hand (not a test): `python bench/bench_tui.py`. One run measures, on demo books of 1k and 10k
prospects written to real disk (`cockpit.demo.generate`, seed 7, at the test suite's frozen clock):

* keypress: `v` on the selected prospect, driven headless with `App.run_test` at 80x24. Each sample runs
  from just before the key is sent until the end of the first frame Textual painted (the screen's
  compositor refresh) after the screen handled `Saved` (the write has returned, so the outcome is
  durable): the frame that draws the changed rows. (`call_after_refresh` alone can fire before the
  widgets `Saved` changed are repainted, so the frame itself is timed.) Also shown: the moment the write
  returned (durable) and the first frame after the next prospect's research card was handled. Keys are
  pressed one after another (each waits for the previous one to settle), after 3 warm-up keys.
* start-up: a fresh `python` process per sample that opens the app headless (`App.run(headless=True)`)
  and exits at the first paint; elapsed is wall time from just before the parent spawns it. "first frame"
  is the main screen's first paint ("Loading the book…"); "list shown" the first paint with today's calls.
  The floor is a hello-world Textual app (one Label) started the same way. Samples are interleaved
  (hello, 1k, 10k, hello, ...) so the machine's noise falls on all of them alike; medians are reported.

Headless Textual composes every frame but does not turn it into terminal bytes; that cost is left out
for the floor and for the cockpit alike. The results table goes into bench/RESULTS.md under "## TUI".
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from results import RESULTS, compile_package, write_section

FROZEN = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)  # tests/conftest.py's clock: the demo's "today"

HEADING = "## TUI"
KEYPRESS_TARGET_MS = 50
FIND_HEADING = "## TUI: / find"
FIND_TARGET_MS = 50
# What a rep types into /: names, a company, digits of a number, an e-mail; each cleared key by key.
FIND_QUERIES = ("dana", "ito", "cedar", "415555", "walsh@", "okafor")


# ---- the child processes (start-up) ----------------------------------------------------------------


def child_hello(t0: float) -> None:
    from textual.app import App
    from textual.widgets import Label

    class Hello(App):
        def compose(self):
            yield Label("Hello, world")

        def on_mount(self) -> None:
            self.call_after_refresh(self.painted)

        def painted(self) -> None:
            print(f"first {time.time() - t0:.6f}")
            print(f"shown {time.time() - t0:.6f}")
            self.exit()

    Hello().run(headless=True, size=(80, 24))


def child_cockpit(t0: float, folder: str) -> None:
    # As `cockpit --book DIR` opens it (commands/tui.py: the book is opened after the first frame),
    # with the clock fixed on the demo's day.
    from cockpit.app.screens.main import MainScreen
    from cockpit.commands.base import Context
    from cockpit.commands.tui import build_app

    ctx = Context(folder=Path(folder))
    app = build_app(ctx.folder, ctx.config, clock=lambda: FROZEN)
    seen = {"first": False}
    mount, loaded = MainScreen.on_mount, MainScreen.on_loaded

    def on_mount(self) -> None:
        mount(self)
        self.call_after_refresh(lambda: seen["first"] or (print(f"first {time.time() - t0:.6f}"),
                                                          seen.update(first=True)))

    def on_loaded(self, message) -> None:
        loaded(self, message)

        def shown() -> None:
            print(f"shown {time.time() - t0:.6f}")
            app.exit()
        self.call_after_refresh(shown)

    MainScreen.on_mount, MainScreen.on_loaded = on_mount, on_loaded
    app.run(headless=True, size=(80, 24))
    if app.book is not None:
        app.book.close()


def start_once(kind: str, folder: Path | None) -> tuple[float, float]:
    command = [sys.executable, __file__, "--child", kind, "--t0"]
    extra = [str(folder)] if folder else []
    t0 = time.time()
    out = subprocess.run(command + [repr(t0)] + extra, capture_output=True, text=True, check=False,
                         env={**os.environ, "COCKPIT_NOW": FROZEN.isoformat()})
    times = dict(line.split() for line in out.stdout.splitlines() if line.startswith(("first ", "shown ")))
    if out.returncode != 0 or "shown" not in times:
        raise SystemExit(f"start-up child {kind} failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")
    return float(times["first"]), float(times["shown"])


# ---- keypresses (in process) -------------------------------------------------------------------------


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


async def keypresses(folder: Path, presses: int, warmup: int = 3) -> dict:
    importlib.import_module("cockpit.app")  # first, as in `cockpit`: it sets Textual's frame rate before Textual loads
    from textual.screen import Screen
    from textual.worker import WorkerCancelled, WorkerFailed

    from cockpit import config as config_mod
    from cockpit.app.app import CockpitApp
    from cockpit.app.screens import main as main_mod
    from cockpit.storage import Book

    book = Book(folder)
    marks: dict[str, float] = {}
    events = {name: asyncio.Event() for name in ("painted", "card", "failed")}
    record = book.record

    def timed_record(prospect, activity) -> None:
        record(prospect, activity)
        marks["durable"] = time.perf_counter()

    book.record = timed_record  # the write inside actions.log; it returns once the file is written

    saved, failed, card = main_mod.MainScreen.on_saved, main_mod.MainScreen.on_failed, main_mod.MainScreen.on_card_ready

    def on_saved(self, message) -> None:
        saved(self, message)
        marks["saved"] = time.perf_counter()

        def painted() -> None:
            marks["painted"] = time.perf_counter()
            events["painted"].set()
        self.call_after_refresh(painted)

    def on_failed(self, message) -> None:
        failed(self, message)
        marks["failed_text"] = message.text
        events["failed"].set()
        events["painted"].set()

    def on_card_ready(self, message) -> None:
        card(self, message)
        # The card of the prospect the cursor moved to (it may be handled before or after `Saved`).
        if message.card is not None and message.card.prospect.id == self.selected and "t0" in marks:
            marks["card_seen"] = time.perf_counter()

            def painted() -> None:
                marks.setdefault("card", time.perf_counter())
                events["card"].set()
            self.call_after_refresh(painted)

    main_mod.MainScreen.on_saved, main_mod.MainScreen.on_failed = on_saved, on_failed
    main_mod.MainScreen.on_card_ready = on_card_ready
    frame = Screen._compositor_refresh  # where a screen's changes become a painted frame

    def timed_frame(self) -> None:
        frame(self)
        marks["frame"] = time.perf_counter()
        if "saved" in marks:
            marks.setdefault("painted_frame", marks["frame"])
        if "card_seen" in marks:
            marks.setdefault("card_frame", marks["frame"])

    Screen._compositor_refresh = timed_frame

    async def settle(pilot) -> None:
        app = pilot.app
        for _ in range(100):
            await pilot.pause()
            busy = [w for w in app.workers if not w.is_finished]
            if not busy:
                return
            for worker in busy:
                try:
                    await worker.wait()
                except (WorkerCancelled, WorkerFailed):
                    pass

    samples: dict[str, list[float]] = {"painted": [], "durable": [], "card": [], "after_refresh": []}
    refused = 0
    app = CockpitApp(book, config_mod.load(folder), clock=lambda: FROZEN)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            today = len(app.main.agenda.today)
            for n in range(warmup + presses):
                marks.clear()
                for event in events.values():
                    event.clear()
                t0 = marks["t0"] = time.perf_counter()
                await pilot.press("v")
                await asyncio.wait_for(events["painted"].wait(), 60)
                if events["failed"].is_set():
                    refused += 1
                    await settle(pilot)
                    continue
                try:
                    await asyncio.wait_for(events["card"].wait(), 10)
                except asyncio.TimeoutError:
                    pass
                await settle(pilot)
                if n < warmup:
                    continue
                samples["painted"].append(max(marks["painted"], marks.get("painted_frame", 0)) - t0)
                samples["after_refresh"].append(marks["painted"] - t0)  # the earlier, looser end point
                samples["durable"].append(marks["durable"] - t0)
                if "card" in marks:
                    samples["card"].append(max(marks["card"], marks.get("card_frame", 0)) - t0)
    finally:
        main_mod.MainScreen.on_saved, main_mod.MainScreen.on_failed = saved, failed
        main_mod.MainScreen.on_card_ready = card
        Screen._compositor_refresh = frame
        book.close()
    return {"samples": samples, "refused": refused, "today": today}


async def find_keys(folder: Path, queries=FIND_QUERIES) -> dict:
    """Each key typed into /'s input to the end of the first frame painted after its search ran, and the
    same keys typed into a plain one-line prompt (an Input and nothing else: the floor) in the same app."""
    importlib.import_module("cockpit.app")
    from textual.screen import Screen
    from textual.widgets import Input
    from textual.worker import WorkerCancelled, WorkerFailed

    from cockpit import config as config_mod
    from cockpit.app.app import CockpitApp
    from cockpit.app.screens import find as find_mod
    from cockpit.app.screens.prompt import PromptScreen
    from cockpit.storage import Book

    book = Book(folder)
    state: dict = {"want": None, "t_frame": None}
    painted = asyncio.Event()
    search, frame = find_mod.FindScreen.search, Screen._compositor_refresh

    def timed_search(self, query: str) -> None:
        search(self, query)
        state["searched"] = query

    def timed_frame(self) -> None:
        frame(self)
        want = state["want"]
        if want is None or painted.is_set():
            return
        if isinstance(self, find_mod.FindScreen):
            done = state.get("searched") == want
        else:
            inputs = self.query(Input)
            done = bool(inputs) and inputs.first().value == want
        if done:
            state["t_frame"] = time.perf_counter()
            painted.set()

    async def settle(pilot) -> None:
        for _ in range(100):
            await pilot.pause()
            busy = [w for w in pilot.app.workers if not w.is_finished]
            if not busy:
                return
            for worker in busy:
                try:
                    await worker.wait()
                except (WorkerCancelled, WorkerFailed):
                    pass

    async def typed(pilot, samples: list[float]) -> None:
        for query in queries:
            keys = [*query] + ["backspace"] * len(query)
            values = [query[:i + 1] for i in range(len(query))] + [query[:i] for i in range(len(query) - 1, -1, -1)]
            for key, value in zip(keys, values, strict=True):
                painted.clear()
                state["want"] = value
                t0 = time.perf_counter()
                await pilot.press(key)
                await asyncio.wait_for(painted.wait(), 30)
                samples.append(state["t_frame"] - t0)
                state["want"] = None
                await settle(pilot)

    find_mod.FindScreen.search, Screen._compositor_refresh = timed_search, timed_frame
    result: dict = {"find": [], "floor": []}
    try:
        app = CockpitApp(book, config_mod.load(folder), clock=lambda: FROZEN)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.push_screen(PromptScreen("The floor: an input and nothing else"))
            await settle(pilot)
            await typed(pilot, result["floor"])
            app.pop_screen()
            await settle(pilot)
            t0 = time.perf_counter()
            await pilot.press("slash")
            await settle(pilot)  # the book read and indexed, in a worker
            result["index_s"] = time.perf_counter() - t0
            result["prospects"] = len(app.screen.index)
            await typed(pilot, result["find"])
            await pilot.press("escape")
            await settle(pilot)
            t0 = time.perf_counter()
            await pilot.press("slash")
            await settle(pilot)  # the index kept by the main screen: nothing read
            result["reopen_s"] = time.perf_counter() - t0
    finally:
        find_mod.FindScreen.search, Screen._compositor_refresh = search, frame
        book.close()
    return result


def find_report(n: int, result: dict) -> str:
    ms = lambda seconds: f"{seconds * 1000:.0f}"  # noqa: E731
    find, floor = result["find"], result["floor"]
    met = "met" if pct(find, 95) * 1000 <= FIND_TARGET_MS else "missed"
    lines = [FIND_HEADING, "", "`python bench/bench_tui.py --find-only` (bench/bench_tui.py; a full run measures it too)", "",
             "### A key typed into / to its matches painted", "",
             f"| prospects | keys | find p50 ms | find p95 ms | max ms | floor p50 ms | floor p95 ms | "
             f"p95 − floor p95 ms | first / (read + index) ms | next / (index kept) ms | target p95 ≤ {FIND_TARGET_MS} ms |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
             f"| {n} | {len(find)} | {ms(statistics.median(find))} | {ms(pct(find, 95))} | {ms(max(find))} | "
             f"{ms(statistics.median(floor))} | {ms(pct(floor, 95))} | {ms(pct(find, 95) - pct(floor, 95))} | "
             f"{ms(result['index_s'])} | {ms(result['reopen_s'])} | {met} |",
             "", f"Keys: {', '.join(FIND_QUERIES)}, each typed letter by letter and cleared with backspace "
             "(every key searches). Each sample runs from just before the key is sent to the end of the first "
             "frame painted after the search for the input's new text ran. The floor: the same keys typed "
             "into the one-line prompt (an Input alone), in the same app, in the same run.",
             f"Machine: {os.cpu_count()} cores (shared, noisy), Python {platform.python_version()}, "
             f"{platform.system()}; 80x24, headless."]
    return "\n".join(lines) + "\n"


# ---- the run --------------------------------------------------------------------------------------------


def build_books(root: Path, sizes: list[int]) -> dict[int, Path]:
    from cockpit.demo import generate

    books = {}
    for n in sizes:
        folder = root / f"book-{n}"
        if not (folder / "book.json").exists():
            t = time.perf_counter()
            generate(folder, n=n, seed=7, now=FROZEN)
            print(f"  demo book of {n} prospects: {time.perf_counter() - t:.1f} s", file=sys.stderr)
        books[n] = folder
    return books


def copy_book(src: Path, dst: Path) -> Path:
    import shutil

    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    return dst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--presses", type=int, default=60, help="measured keypresses per size (>= 50)")
    parser.add_argument("--starts", type=int, default=7, help="start-up samples per app")
    parser.add_argument("--dir", type=Path, help="where the demo books go (default: a temporary folder on disk)")
    parser.add_argument("--no-write", action="store_true", help="print the table, leave RESULTS.md alone")
    parser.add_argument("--find-size", type=int, default=50000, help="prospects in the book / searches")
    parser.add_argument("--find-only", action="store_true", help="measure / find only (its own section)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--t0", type=float, help=argparse.SUPPRESS)
    parser.add_argument("folder", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "hello":
        child_hello(args.t0)
        return 0
    if args.child == "cockpit":
        child_cockpit(args.t0, args.folder)
        return 0

    compile_package()
    root = args.dir or Path(tempfile.mkdtemp(prefix="cockpit-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    print(f"books in {root}", file=sys.stderr)
    if args.find_only:
        return run_find(args, root)
    books = build_books(root, args.sizes)

    # Start-up first (the books are as generated), interleaved so noise hits every app alike.
    starts: dict[str, list[tuple[float, float]]] = {"hello": [], **{str(n): [] for n in args.sizes}}
    for round_ in range(args.starts):
        starts["hello"].append(start_once("hello", None))
        for n in args.sizes:
            starts[str(n)].append(start_once("cockpit", books[n]))
        print(f"  start-up round {round_ + 1}/{args.starts}", file=sys.stderr)

    # Keypresses: each size on its own copy, so the start-up books stay as generated.
    presses = {}
    for n in args.sizes:
        work = copy_book(books[n], root / f"keys-{n}")
        presses[n] = asyncio.run(keypresses(work, args.presses))
        print(f"  keypresses at {n}: done", file=sys.stderr)

    table = report(args, books, starts, presses)
    print(table)
    if not args.no_write:
        write_results(table)
        print(f"written to {RESULTS}", file=sys.stderr)
    return run_find(args, root)


def run_find(args, root: Path) -> int:
    book = build_books(root, [args.find_size])[args.find_size]
    table = find_report(args.find_size, asyncio.run(find_keys(copy_book(book, root / f"find-{args.find_size}"))))
    print(table)
    if not args.no_write:
        write_section(FIND_HEADING.removeprefix("## "), table.removeprefix(FIND_HEADING))
        print(f"written to {RESULTS}", file=sys.stderr)
    return 0


def report(args, books, starts, presses) -> str:
    ms = lambda seconds: f"{seconds * 1000:.0f}"  # noqa: E731
    lines = [HEADING, "", "`python bench/bench_tui.py` (bench/bench_tui.py)", "",
             "### Outcome key (`v`) to repainted screen, outcome durable", "",
             f"| prospects | book.json (MB) | today's list | keys | p50 ms | p95 ms | max ms | durable p50 ms | "
             f"research card p50 ms | call_after_refresh p50 / p95 ms | target p95 ≤ {KEYPRESS_TARGET_MS} ms |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for n, result in presses.items():
        painted, durable, card, loose = (result["samples"][k] for k in ("painted", "durable", "card", "after_refresh"))
        size = (books[n] / "book.json").stat().st_size / 1e6
        met = "met" if pct(painted, 95) * 1000 <= KEYPRESS_TARGET_MS else "missed"
        card_p50 = ms(statistics.median(card)) if card else "–"
        lines.append(f"| {n} | {size:.1f} | {result['today']} | {len(painted)} | {ms(statistics.median(painted))} | "
                     f"{ms(pct(painted, 95))} | {ms(max(painted))} | {ms(statistics.median(durable))} | {card_p50} | "
                     f"{ms(statistics.median(loose))} / {ms(pct(loose, 95))} | {met if n == max(presses) else '–'} |")
    refused = sum(r["refused"] for r in presses.values())
    if refused:
        lines += ["", f"{refused} keys were refused by the engine and left out."]
    floor_first = statistics.median(s[0] for s in starts["hello"])
    lines += ["", "### Start-up to first painted screen (medians)", "",
              "| app | first frame ms | list shown ms | × floor (first frame) | × floor (list shown) | target |",
              "|---|---:|---:|---:|---:|---|",
              f"| hello-world Textual app (the floor) | {ms(floor_first)} | {ms(floor_first)} | 1.00 | 1.00 | |"]
    targets = {min(args.sizes): 1.5, max(args.sizes): 2.0}
    for n in args.sizes:
        first = statistics.median(s[0] for s in starts[str(n)])
        shown = statistics.median(s[1] for s in starts[str(n)])
        target = targets.get(n)
        verdict = ""
        if target:
            verdict = f"≤ {target}×: " + ("met" if shown / floor_first <= target else
                                           "first frame met, list missed" if first / floor_first <= target
                                           else "missed")
        lines.append(f"| cockpit, {n} prospects | {ms(first)} | {ms(shown)} | {first / floor_first:.2f} | "
                     f"{shown / floor_first:.2f} | {verdict} |")
    lines += ["", "p50/p95/max: from the key to the end of the first frame painted after `Saved` was handled (the "
              "changed rows on screen). The column before the target is the end point this bench used before: "
              "`call_after_refresh` from the `Saved` handler, which can fire before the changed widgets are repainted."]
    lines += ["", f"{args.starts} start-ups each, interleaved; keypresses at 80x24 after 3 warm-up keys. "
              f"Machine: {os.cpu_count()} cores (shared, noisy), Python {platform.python_version()}, "
              f"{platform.system()}. Headless Textual: frames are composed but not written to a terminal."]
    return "\n".join(lines) + "\n"


def write_results(table: str) -> None:
    """Replace the "## TUI" section of RESULTS.md; other sections are kept."""
    write_section(HEADING.removeprefix("## "), table.removeprefix(HEADING))


if __name__ == "__main__":
    sys.exit(main())
