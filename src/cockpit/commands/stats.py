"""stats: what the log says about when calls connect (the stats screen shows the same figures)."""

from __future__ import annotations

from datetime import date

from .. import actions
from ..engine.block import Tally
from ..engine.stats import REFERENCE, WEEKDAYS, Stats
from ..engine.text import count
from .base import UsageError, print_json


def register(sub) -> None:
    stats = sub.add_parser("stats", help="connect rates by hour and weekday, attempts, funnel, lost reasons")
    stats.add_argument("--from", dest="start", default=None, help="first day, YYYY-MM-DD")
    stats.add_argument("--to", dest="end", default=None, help="last day, YYYY-MM-DD")
    stats.add_argument("--json", action="store_true", help="print JSON (for scripts) instead of text")
    stats.add_argument("--accept", metavar="N", default=None,
                       help="accept suggestion N (the number shown before it) and change the book's settings")
    stats.set_defaults(run=run_stats)


def _day(text: str | None, what: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{what} {text!r} is not a date; use YYYY-MM-DD") from None


def counts_json(c: Tally) -> dict:
    return {"dials": c.dials, "connects": c.connects, "connect_rate": round(c.rate, 3),
            "voicemails": c.voicemails, "meetings": c.meetings, "avg_wrap_seconds": c.wrap_seconds}


def stats_json(s: Stats) -> dict:
    return {
        "from": s.start.isoformat() if s.start else None, "to": s.end.isoformat() if s.end else None,
        "enough": s.enough, "message": s.message, "total": counts_json(s.total),
        "days": [{"date": d.isoformat(), **counts_json(c)} for d, c in s.days],
        "blocks": [{"block": b, "started": t.isoformat(timespec="seconds"), **counts_json(c)} for b, t, c in s.blocks],
        "sparkline_dials": s.sparkline,
        "heatmap": [{"weekday": WEEKDAYS[wd], "hour": h, **counts_json(c)} for (wd, h), c in sorted(s.heat.items())],
        "first_connect_by_attempt": {str(k): v for k, v in s.first_connect_attempts.items()},
        "meetings_by_attempt": {str(k): v for k, v in s.meetings_by_attempt.items()},
        "reference": REFERENCE,
        "funnel": {by: [{"value": v, "touched": t, "connected": c, "meetings": m} for v, t, c, m in rows]
                   for by, rows in s.funnel.items()},
        "days_to_meeting": s.days_to_meeting, "lost_reasons": s.lost_reasons,
        "nurture": {"recontacted": s.nurture[0], "reengaged": s.nurture[1]},
        "suggestions": [{"key": x.key, "text": x.text, "change": x.change} for x in s.suggestions],
    }


def run_stats(args, ctx) -> int:
    start, end = _day(args.start, "--from"), _day(args.end, "--to")
    if start and end and end < start:
        raise UsageError(f"--to {end} is before --from {start}")
    s = actions.stats(ctx.book, ctx.rules, ctx.now, start, end)
    if args.accept is not None:
        return accept(s, args.accept, ctx, args.json)
    if args.json:
        print_json(stats_json(s))
        return 0
    if not s.enough:
        print(s.message)
        return 0
    t = s.total
    print(f"{count(t.dials, 'dial')}, {count(t.connects, 'connect')} ({t.rate:.0%}), "
          f"{count(t.voicemails, 'voicemail')}, {count(t.meetings, 'meeting')} over {count(len(s.days), 'day')}")
    print("\nConnect rate by their local hour (dials behind each figure):")
    hours = sorted({h for _wd, h in s.heat})
    print("      " + "".join(f"{h:>8}" for h in hours))
    for wd in range(7):
        cells = [s.heat.get((wd, h)) for h in hours]
        if any(cells):
            print(f"  {WEEKDAYS[wd]} " + "".join(f"{c.rate:>4.0%}/{c.dials:<3}" if c else f"{'':>8}" for c in cells))
    reached = sum(s.first_connect_attempts.values())
    print(f"\nFirst reached at attempt (of {reached} reached; the field: about "
          f"{REFERENCE['attempts_to_reach']} attempts, {REFERENCE['converted_by_6th_pct']}% of converted leads by the 6th):")
    running = 0
    for n, reached_here in s.first_connect_attempts.items():
        running += reached_here
        print(f"  {n:>2}: {reached_here:>5}  ({running / reached:.0%} by then)")
    if s.lost_reasons:
        print("\nLost reasons: " + ", ".join(f"{r} {n}" for r, n in s.lost_reasons.items()))
    print(f"Nurture: {s.nurture[0]} re-contacted after a no, {s.nurture[1]} re-engaged")
    for x in s.suggestions:
        print(f"Suggestion {x.key}: {x.text}" if x.key else f"Suggestion: {x.text}")
    if any(x.key for x in s.suggestions):
        print("Accept one with `cockpit stats --accept N`; nothing changes otherwise.")
    return 0


def accept(s: Stats, key: str, ctx, as_json: bool) -> int:
    """Accept the suggestion numbered `key`: the same one the stats screen accepts with that key."""
    picked = next((x for x in s.suggestions if x.key and x.key == key.strip()), None)
    if picked is None:
        keys = ", ".join(x.key for x in s.suggestions if x.key)
        shown = f"the suggestions now are {keys}" if keys else "there is no suggestion now"
        raise UsageError(f"--accept {key!r}: no suggestion has that number; {shown} (`cockpit stats` lists them)")
    try:
        actions.accept_suggestion(ctx.folder, ctx.rules, picked.change)
    except ValueError as exc:
        raise UsageError(f"suggestion {picked.key} was not accepted: {exc}") from None
    if as_json:
        print_json({"accepted": {"key": picked.key, "text": picked.text, "change": picked.change}})
    else:
        print(f"Accepted: {picked.text}")
    return 0
