"""Next steps as an iCalendar file (icalendar), for the rep's own calendar.

One event per active prospect's next step in the coming days. The UID is stable per prospect and
step (id, cadence, attempt number, channel), so importing a newer file moves an event that was
rescheduled instead of adding a second one, while a step already done keeps its own event.
Times are UTC; the description holds the phone numbers and the research summary. Do-not-contact
and dead prospects never appear: they have no next step.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from ..engine.phones import display
from ..engine.text import clean
from ..model import RESEARCH_FIELDS, Prospect, utc

PRODID = "-//Cockpit//next steps//EN"
DURATION = {"call": timedelta(minutes=15), "confirm": timedelta(minutes=10), "email": timedelta(minutes=10),
            "break-up": timedelta(minutes=10), "research": timedelta(minutes=20), "debrief": timedelta(minutes=5)}
VERB = {"call": "Call", "email": "Email", "confirm": "Confirm the meeting with", "break-up": "Break-up for",
        "research": "Research", "debrief": "How did the meeting go with"}


def uid(p: Prospect) -> str:
    step = p.next_step
    return f"{p.id}-{p.cadence or 'none'}-{step.step}-{step.channel}@cockpit"


def window(prospects: Iterable[Prospect], start: datetime, end: datetime) -> list[Prospect]:
    """Active prospects whose next step is due in [start, end), soonest first."""
    start, end = utc(start), utc(end)
    chosen = [p for p in prospects if p.active and p.next_step is not None and start <= p.next_step.due < end]
    return sorted(chosen, key=lambda p: (p.next_step.due, p.id))


def description(p: Prospect) -> str:
    step = p.next_step
    lines = [step.reason] if step.reason else []
    good = [n for n in p.phones if n not in p.bad_phones]
    lines += [f"Phone: {display(n)}" for n in good] or ["Phone: none yet (research a number)"]
    if p.email:
        lines.append(f"Email: {p.email}")
    if p.title or p.company:
        lines.append(", ".join(x for x in (p.title, p.company) if x))
    lines.append(f"Status: {p.status}, {p.lead_type} lead, cadence {p.cadence}, attempt {p.attempt}")
    research = [(label, getattr(p.research, key).strip()) for key, label in RESEARCH_FIELDS]
    filled = [(label, text) for label, text in research if text]
    if filled:
        lines.append("Research:")
        lines += [f"  {label}: {text}" for label, text in filled]
    else:
        lines.append("Research: none yet (do the homework before the call)")
    lines.append(f"Cockpit id: {p.id}")
    return "\n".join(clean(line) for line in lines)  # a calendar shows text: no control characters


def build(prospects: Iterable[Prospect], now: datetime) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Cockpit next steps")
    stamp = utc(now)
    for p in prospects:
        step = p.next_step
        event = Event()
        event.add("uid", uid(p))
        event.add("dtstamp", stamp)
        event.add("dtstart", utc(step.due))
        event.add("dtend", utc(step.due) + DURATION.get(step.channel, timedelta(minutes=15)))
        who = f"{p.name} ({p.company})" if p.company else p.name
        event.add("summary", clean(f"{VERB.get(step.channel, step.channel.title())} {who}"))
        event.add("description", description(p))
        event.add("categories", [step.channel])
        if p.phone:
            event.add("location", display(p.phone))
        cal.add_component(event)
    return cal


def to_ics(prospects: Iterable[Prospect], now: datetime, start: datetime, end: datetime) -> bytes:
    """The next steps due in [start, end) (the caller starts at the rep's midnight, so the morning's
    overdue steps are in it too)."""
    return build(window(prospects, start, end), now).to_ical()
