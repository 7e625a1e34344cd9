"""agenda: today's calls as text or JSON."""

from __future__ import annotations

import shutil
import textwrap
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


NAME_WIDTH = 18  # name and company columns at 80 columns; wider terminals give them more


def fitted(text: str, width: int) -> str:
    """`text` in `width` columns: cut with an ellipsis rather than mid-word without a sign."""
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def print_text(agenda: queue.Agenda, ctx) -> None:
    """One line per call (its place, who, when there, the attempt, the channel), then why, wrapped at
    the terminal's width under it: nothing runs past the edge, no word is cut in half."""
    rules = ctx.rules
    width = max(60, shutil.get_terminal_size((100, 24)).columns)
    names = max(8, NAME_WIDTH + max(-10, min(12, (width - 80) // 2)))
    heading = (f"{agenda.day:%A %d %B %Y} — {len(agenda.today)} due, {len(agenda.overdue)} overdue, "
               f"{count(len(agenda.breakups), 'break-up')} waiting (your time: {rules.rep_tz})")
    for line in textwrap.wrap(heading, width - 1, subsequent_indent="  ", break_long_words=False):
        say(line)
    if not agenda.today:
        for line in textwrap.wrap(queue.explain_empty(ctx.book.prospects(), agenda, rules), width - 1,
                                  initial_indent="  ", subsequent_indent="  ", break_long_words=False):
            say(line)
    reason_wrap = textwrap.TextWrapper(width=width - 1, initial_indent=" " * 15, subsequent_indent=" " * 15,
                                       break_long_words=False, break_on_hyphens=False)
    for n, item in enumerate(agenda.today, 1):
        p = item.prospect
        flags = ("" if item.callable_now else "off-hours", "" if p.research.done else "no-research",
                 "" if location_of(p).certain else "zone-not-certain")  # one word each: never split
        attempts = rules.cadence(p.cadence).attempts_max if p.cadence in rules.cadences else 0
        say(f"{n:>3}  {p.id}  {fitted(clean(p.name), names):<{names}} {fitted(clean(p.company), names):<{names}} "
            f"{item.local_time:%H:%M}  {p.attempt}/{attempts}  {p.next_step.channel}")
        for line in reason_wrap.wrap(" · ".join((clean(item.reason), *filter(None, flags)))):
            say(line)
    if agenda.breakups:
        say("Break-ups to confirm (cockpit log ID break-up):")
        for item in agenda.breakups:
            p = item.prospect
            say(fitted(f"     {p.id}  {clean(p.name)}" + (f" — {clean(p.company)}" if p.company else ""), width - 1))
