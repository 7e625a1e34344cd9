"""The pre-call card: everything the research pane shows for one prospect, as plain data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ..model import RESEARCH_FIELDS, Activity, Prospect
from . import breakup, voicemail, words
from .calendar import UnknownZone, zone
from .location import Location, city, location_of, west_to_east
from .meetings import as_of
from .outcomes import NOT_CALLS, OutcomeRefused, apply_outcome
from .phones import display
from .queue import priority
from .rep import Rep
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
    opener: str = ""  # what to say when they pick up (a call step)
    objections: tuple = ()  # templates.Objection notes for this tag and cadence
    email: words.Draft | None = None  # the draft, when the step is an e-mail


def build(p: Prospect, history: list[Activity], now: datetime, rules: Rules, rep: Rep | None = None) -> Card:
    cal = rules.calendar
    p = as_of(p, now, rules)
    contact = [("phone", display(n) + ("  (wrong number)" if n in p.bad_phones else "")) for n in sorted(p.phones, key=lambda n: n in p.bad_phones)]  # the one dialled first
    if p.email:
        contact.append(("email", p.email))
    tags = ", ".join(x for x in (p.tag, f"{p.lead_type} lead", p.source and f"from {p.source}") if x)
    contact.append(("tags", tags))
    rep = rep if rep is not None else Rep()
    script = None
    message = opener = ""
    email = None
    if is_pending_breakup(p):
        message = breakup.message(p, rules.templates, rep, history)
    elif p.active:
        try:
            promise = apply_outcome(p, "voicemail", now, rules).next_step
            script = voicemail.script(p, promise, now, rules, rep, history)
        except (OutcomeRefused, UnknownZone):  # a record from before zones were kept: no script to preview
            script = None
        opener = words.opener(p, rules, rep, history)
        if p.next_step is not None and p.next_step.channel == "email":
            email = words.email_draft(p, rules, rep, history)
    lines = [history_line(a, rules) for a in reversed(history[-HISTORY_SHOWN:])]
    where = location_of(p)
    why = priority(p, now, rules)[1] if p.active and p.next_step else p.status
    reason = p.next_step.reason if p.next_step else ""
    return Card(
        prospect=p, contact=contact, local_time=local_time(where, now),
        callable_now=cal.is_open(now, where), why=why,
        research=[(label, getattr(p.research, key)) for key, label in RESEARCH_FIELDS],
        missing_research=not p.research.done,
        next_step=next_line(p, now, rules) + (f" — {reason}" if reason and reason not in why else ""),  # said once
        script=script, breakup_message=message, history=lines,
        touches=sum(a.outcome not in NOT_CALLS for a in history),  # a note or a snooze is no touch
        opener=opener, objections=words.objections(p, rules) if p.active else (), email=email,
    )


def history_line(a: Activity, rules: Rules) -> str:
    """'04 Dec 10:15 voicemail', '04 Dec 10:20 note: wants a demo in March' (your time)."""
    cal = rules.calendar
    line = f"{cal.local(a.at, rules.rep_tz):%d %b %H:%M} {a.outcome}"
    if a.outcome == "snooze" and a.when is not None:
        line += f" to {cal.local(a.when, rules.rep_tz):%a %d %b %H:%M}"
    return line + (f" ({a.reason})" if a.reason else "") + (f": {a.note}" if a.note else "")


def next_line(p: Prospect, now: datetime, rules: Rules) -> str:
    """'call Thu 26 Nov 10:00 their time (09:00 yours), attempt 4/8': both clocks, each named."""
    text = describe_step(p, p.next_step, rules, now)
    step = p.next_step
    if step is None:
        return text
    theirs = rules.calendar.local(step.due, location_of(p))
    yours = rules.calendar.local(step.due, rules.rep_tz)
    certain = location_of(p).certain
    clock = re.search(r"\d\d:\d\d( \S+ time)?", text)  # the due time (and a city when the zone is not certain)
    if clock is None:
        return text
    said = " their time" if certain else ""
    if theirs.replace(tzinfo=None) != yours.replace(tzinfo=None):
        said += f" ({yours:%H:%M} yours)" if theirs.date() == yours.date() else f" ({yours:%a %H:%M} yours)"
    elif certain:
        said += " (yours too)"
    return text[:clock.end()] + said + text[clock.end():]


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
