"""demo, config, doctor, away: the book as a whole."""

from __future__ import annotations

from datetime import date

from .. import actions, durable
from .. import config as config_mod
from ..engine.text import count
from .base import UsageError, print_json, say


def register(sub) -> None:
    demo = sub.add_parser("demo", help="write a generated demo book into the book folder")
    demo.add_argument("--prospects", type=int, default=60, metavar="N", help="how many prospects (1 to 50000)")
    demo.add_argument("--seed", type=int, default=7, help="the same seed makes the same book")
    demo.set_defaults(run=run_demo)

    cfg = sub.add_parser("config", help="read or set a setting of the book")
    cfg.add_argument("key", nargs="?", help="a setting, e.g. rep_name, timezone, window_start; none lists them")
    cfg.add_argument("value", nargs="?", help="its new value; none prints the current one")
    cfg.set_defaults(run=run_config)

    doctor = sub.add_parser("doctor", help="check the book; --restore brings back the newest good backup")
    doctor.add_argument("--restore", action="store_true", help="bring back the newest good backup")
    doctor.set_defaults(run=run_doctor)

    away = sub.add_parser("away", help="shift every pending step out of your time off")
    away.add_argument("start", metavar="FROM", nargs="?", help="first day off, YYYY-MM-DD")
    away.add_argument("end", metavar="TO", nargs="?", help="last day off, YYYY-MM-DD")
    away.add_argument("--list", action="store_true", help="list your days off")
    away.add_argument("--cancel", action="store_true", help="take FROM..TO out of your days off")
    away.add_argument("--json", action="store_true", help="print JSON (for scripts) instead of text")
    away.set_defaults(run=run_away)


def run_demo(args, ctx) -> int:
    from ..demo import BookExists, generate

    if not 1 <= args.prospects <= 50_000:
        raise UsageError(f"--prospects {args.prospects} is out of range; accepted: 1 to 50000")
    try:
        made = generate(ctx.folder, args.prospects, args.seed, ctx.now)
    except BookExists as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise _storage_error(ctx.folder, exc) from None
    say(f"demo book with {count(made, 'prospect')} written to {ctx.folder}")
    return 0


def _storage_error(folder, exc: OSError):
    from ..storage import StorageError

    return StorageError(f"cannot open the book at {folder}: {exc.strerror or exc}")


def run_config(args, ctx) -> int:
    try:
        durable.make_private_dir(ctx.folder)  # 0700 from the first command, whatever the umask
        config_mod.write_default(ctx.folder)
    except OSError as exc:
        raise _storage_error(ctx.folder, exc) from None
    if args.key is None:
        values = [(key, _read(ctx.folder, key)) for key in config_mod.SETTABLE]
        for key, value in values:
            say(f"{key} = {value}")
        return 0
    if args.value is None:
        say(_read(ctx.folder, args.key))
        return 0
    config_mod.set_value(ctx.folder, args.key, args.value)
    say(f"{args.key} = {_read(ctx.folder, args.key)}")
    return 0


def _read(folder, key: str):
    import json
    import tomllib

    try:
        value = config_mod.read_value(folder, key)
        return json.dumps(value) if key == "dial_command" else value  # as it is set: JSON
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        path = folder / config_mod.FILE_NAME
        raise config_mod.ConfigError(f"{path}: not valid TOML ({exc}); fix the file or delete it "
                                     "to get the defaults") from None


def run_doctor(args, ctx) -> int:
    from ..doctor import run

    code, lines = run(ctx.folder, restore=args.restore)
    for line in lines:
        say(line)
    return code


def _day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{what} {text!r} is not a date; use YYYY-MM-DD") from None


def _stretches(days) -> list[tuple[date, date]]:
    """Days off as runs of consecutive days: [(first, last), ...]."""
    runs: list[tuple[date, date]] = []
    for day in sorted(days):
        if runs and (day - runs[-1][1]).days == 1:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def run_away(args, ctx) -> int:
    if args.list:
        if args.start or args.cancel:
            raise UsageError("--list takes no dates; give FROM TO to add time off, or --cancel FROM TO to remove it")
        runs = _stretches(config_mod.load(ctx.folder).holidays)
        if args.json:
            print_json([{"from": a.isoformat(), "to": b.isoformat()} for a, b in runs])
            return 0
        for first, last in runs:
            n = (last - first).days + 1
            say(f"{first} to {last} ({count(n, 'day')})" if n > 1 else f"{first}")
        if not runs:
            say("no days off: cockpit away FROM TO adds some")
        return 0
    if not (args.start and args.end):
        raise UsageError("give FROM and TO (YYYY-MM-DD), or --list")
    start, end = _day(args.start, "FROM"), _day(args.end, "TO")
    if args.cancel:
        if end < start:
            raise UsageError(f"TO {end} is before FROM {start}; give the first and the last day to take out")
        before = set(config_mod.load(ctx.folder).holidays)
        gone = {d for d in before if start <= d <= end}
        config_mod.remove_days_off(ctx.folder, gone)
        if args.json:
            print_json({"removed": sorted(d.isoformat() for d in gone)})
        else:
            say(f"{count(len(gone), 'day')} off taken out; steps already moved past them stay "
                "where they are, and what is scheduled from now on may fall on them.")
        return 0
    try:
        plan = actions.away(ctx.book, ctx.rules, start, end)
    except actions.InputError as exc:
        raise UsageError(str(exc)) from None
    except OverflowError:
        raise UsageError(f"FROM {start} TO {end} is out of range; give days off within the coming years") from None
    if args.json:
        print_json({"moved": [p.id for p in plan.moved], "kept_agreed": [p.id for p in plan.kept]})
        return 0
    say(f"{count(len(plan.moved), 'step')} moved past {end}; the days off are kept "
        "in the book's settings, so what is scheduled later skips them too.")
    if plan.kept:
        say(f"{len(plan.kept)} agreed times fall in your time off; they were kept — move them with the prospect:")
        for p in plan.kept:
            say(f"  {p.id}  {p.name} — {p.next_step.channel} {ctx.rules.calendar.local(p.next_step.due, p.tz):%a %d %b %H:%M}")
    return 0
