"""The pre-call card: everything the research pane shows for one prospect, as plain data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..model import RESEARCH_FIELDS, Activity, Prospect
from . import breakup, voicemail
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
    local = cal.local(now, p.tz)
    return Card(
        prospect=p, contact=contact, local_time=f"{local:%a %H:%M} {local.tzname() or ''} ({p.tz})",
        callable_now=cal.in_window(now, p.tz),
        why=priority(p, now, rules)[1] if p.active and p.next_step else p.status,
        research=[(label, getattr(p.research, key)) for key, label in RESEARCH_FIELDS],
        missing_research=not p.research.done, next_step=describe_step(p, p.next_step, rules, now)
        + (f" — {p.next_step.reason}" if p.next_step else ""),
        script=script, breakup_message=message, history=lines, touches=len(history),
    )
