"""agenda: today's calls as text or JSON."""

from __future__ import annotations

from datetime import date

from .. import actions
from ..engine import queue
from ..engine.location import location_of
from ..engine.text import clean, count
from .base import UsageError, print_json, say, step_json


def register(sub) -> None:
    agenda = sub.add_parser("agenda", help="today's calls, overdue follow-ups and break-ups")
    agenda.add_argument("--date", default=None, help="YYYY-MM-DD (default: today, your time)")
    agenda.add_argument("--json", action="store_true", help="print JSON (for scripts) instead of text")
    agenda.set_defaults(run=run_agenda)


def build(ctx, day: date | None = None) -> queue.Agenda:
    return actions.agenda(ctx.book, ctx.rules, ctx.now, day)


def item_json(item: queue.Item, rules) -> dict:
    p = item.prospect
    where = location_of(p)
    return {
        "id": p.id, "name": p.name, "company": p.company, "phone": p.phone, "tz": p.tz,
        "zones": list(where.zones), "zone_certain": where.certain,
        "local_time": item.local_time.isoformat(timespec="seconds"), "status": p.status,
        "lead_type": p.lead_type, "cadence": p.cadence, "attempt": p.attempt,
        "attempts_max": rules.cadence(p.cadence).attempts_max if p.cadence in rules.cadences else 0,
        "researched": p.research.done, "callable_now": item.callable_now,
        "next_step": step_json(p.next_step, p.tz, rules), "priority_reason": item.reason,
    }


def run_agenda(args, ctx) -> int:
    day = None
    if args.date is not None:
        try:
            day = date.fromisoformat(args.date)
        except ValueError:
            raise UsageError(f"--date {args.date!r} is not a date; use YYYY-MM-DD") from None
    try:
        agenda = build(ctx, day)
    except OverflowError:
        raise UsageError(f"--date {args.date!r} is out of range; use a YYYY-MM-DD before 9999-12-31") from None
    if args.json:
        print_json({"date": agenda.day.isoformat(), "now": ctx.now.isoformat(timespec="seconds"),
                    "today": [item_json(i, ctx.rules) for i in agenda.today],
                    "overdue": [item_json(i, ctx.rules) for i in agenda.overdue],
                    "breakups": [item_json(i, ctx.rules) for i in agenda.breakups]})
        return 0
    print_text(agenda, ctx)
    return 0


def print_text(agenda: queue.Agenda, ctx) -> None:
    rules = ctx.rules
    say(f"{agenda.day:%A %d %B %Y} — {len(agenda.today)} due, {len(agenda.overdue)} overdue, "
        f"{count(len(agenda.breakups), 'break-up')} waiting  (your time: {rules.rep_tz})")
    if not agenda.today:
        say("  " + queue.explain_empty(ctx.book.prospects(), agenda, rules))
    for n, item in enumerate(agenda.today, 1):
        p = item.prospect
        flags = (("" if item.callable_now else " off-hours") + ("" if p.research.done else " no-research")
                 + ("" if location_of(p).certain else " zone-not-certain"))
        attempts = rules.cadence(p.cadence).attempts_max if p.cadence in rules.cadences else 0
        say(f"{n:>3}  {p.id}  {clean(p.name)[:18]:<18} {clean(p.company)[:18]:<18} {item.local_time:%H:%M}  "
              f"{p.attempt}/{attempts}  {p.next_step.channel:<8} {item.reason[:60]}{flags}")
    if agenda.breakups:
        say("Break-ups to confirm (cockpit log ID break-up):")
        for item in agenda.breakups:
            say(f"     {item.prospect.id}  {item.prospect.name} — {item.prospect.company}")
