"""The pre-call card: everything the research pane shows for one prospect, as plain data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..model import RESEARCH_FIELDS, Activity, Prospect
from . import breakup, voicemail
from .calendar import zone
from .location import Location, city, location_of, west_to_east
from .meetings import as_of
from .outcomes import OutcomeRefused, apply_outcome
from .phones import display
from .queue import priority
from .rules import Rules
from .schedule import describe_step, is_pending_breakup

HISTORY_SHOWN = 8


@dataclass(frozen=True)
class Card:
    prospect: Prospect
    contact: list[tuple[str, str]]
    local_time: str
    callable_now: bool
    why: str
    research: list[tuple[str, str]]
    missing_research: bool
    next_step: str
    script: voicemail.Script | None
    breakup_message: str
    history: list[str]
    touches: int


def build(p: Prospect, history: list[Activity], now: datetime, rules: Rules, rep_name: str = "") -> Card:
    cal = rules.calendar
    p = as_of(p, now, rules)
    contact = [("phone", display(n) + ("  (wrong number)" if n in p.bad_phones else "")) for n in p.phones]
    if p.email:
        contact.append(("email", p.email))
    tags = ", ".join(x for x in (p.tag, f"{p.lead_type} lead", p.source and f"from {p.source}") if x)
    contact.append(("tags", tags))
    script = None
    message = ""
    if is_pending_breakup(p):
        message = breakup.message(p, rep_name)
    elif p.active:
        try:
            promise = apply_outcome(p, "voicemail", now, rules).next_step
            script = voicemail.script(p, promise, now, rules, rep_name)
        except OutcomeRefused:
            script = None
    lines = [f"{cal.local(a.at, rules.rep_tz):%d %b %H:%M} {a.outcome}" + (f" ({a.reason})" if a.reason else "")
             + (f": {a.note}" if a.note else "") for a in reversed(history[-HISTORY_SHOWN:])]
    where = location_of(p)
    return Card(
        prospect=p, contact=contact, local_time=local_time(where, now),
        callable_now=cal.is_open(now, where),
        why=priority(p, now, rules)[1] if p.active and p.next_step else p.status,
        research=[(label, getattr(p.research, key)) for key, label in RESEARCH_FIELDS],
        missing_research=not p.research.done, next_step=describe_step(p, p.next_step, rules, now)
        + (f" — {p.next_step.reason}" if p.next_step else ""),
        script=script, breakup_message=message, history=lines, touches=len(history),
    )


def local_time(where: Location, now: datetime) -> str:
    """'Mon 10:00 EST (America/New_York)'; with a doubt, every clock their number leaves open:
    'Tue 02:15 Perth / 04:45 Adelaide (zone not certain)'."""
    if where.certain:
        local = now.astimezone(zone(where.tz))
        return f"{local:%a %H:%M} {local.tzname() or ''} ({where.tz})"
    clocks: dict[str, list[str]] = {}  # one clock, the cities showing it
    for z in west_to_east(where, now):
        clocks.setdefault(f"{now.astimezone(zone(z)):%a %H:%M}", []).append(city(z))
    shown = [f"{clock} {', '.join(cities)}" for clock, cities in clocks.items()]
    first_day = shown[0][:4]
    shown = [shown[0]] + [s[4:] if s.startswith(first_day) else s for s in shown[1:]]  # the day once
    if len(shown) > 3:
        return f"{shown[0]} to {shown[-1]} ({len(where.zones)} zones; zone not certain)"
    return " / ".join(shown) + " (zone not certain)"
