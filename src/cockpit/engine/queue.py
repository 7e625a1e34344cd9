"""Today's list: who to call, in which order, and why each prospect stands where it does.

The priority lives in one function, `priority`, with a human-readable reason for each place:
speed-to-lead first, then overdue, meetings to confirm, engaged, working, nurture.

Who can be called now comes first: a prospect outside their calling hours (02:00 in Sydney) waits
below everyone callable, in the same priority order, so the cursor moving down after a key never
lands on them before the callable ones are done. The order lives here, not in the widget: the desk
predicts the list for keys pressed in a burst with `placed`, which must agree with `build`.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ..model import Prospect, utc
from .location import location_of
from .meetings import as_of
from .rules import Rules
from .schedule import is_pending_breakup
from .text import count

SPEED_TO_LEAD, OVERDUE, CONFIRM, ENGAGED, WORKING, NURTURE = range(6)
SPEED_TO_LEAD_WINDOW = timedelta(minutes=5)  # a web lead called inside it is about 9x likelier to convert
RANK_NAMES = ("speed to lead", "overdue", "confirm meeting", "engaged", "working", "nurture")


@dataclass(frozen=True)
class Item:
    prospect: Prospect
    rank: int
    reason: str
    callable_now: bool
    local_time: datetime
    late_by: timedelta  # zero when not yet due


@dataclass(frozen=True)
class Agenda:
    day: date
    now: datetime
    today: list[Item]
    overdue: list[Item]
    breakups: list[Item]
    # prospect id -> its item (in today, and overdue too when late, or in breakups): `placed` finds a
    # prospect's old place without scanning lists that an imported list can make 10,000 long.
    where: dict[str, Item] = field(default=None, compare=False, repr=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.where is None:
            object.__setattr__(self, "where", {i.prospect.id: i for i in (*self.today, *self.breakups)})


def humanize(delta: timedelta) -> str:
    """'2 d 3 h', '2 h 10 min', '12 min' — how late, at a glance."""
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min"


def is_speed_to_lead(p: Prospect) -> bool:
    return p.cadence == "web-lead" and p.attempt == 0 and p.status == "new"


def priority(p: Prospect, now: datetime, rules: Rules) -> tuple[int, str]:
    """Where `p` stands in today's list and why, in words the rep reads on screen."""
    step = p.next_step
    assert step is not None, "only prospects with a next step are ranked"
    late = now - step.due
    if is_speed_to_lead(p):
        age = max(now - (p.created or now), timedelta())
        if age < SPEED_TO_LEAD_WINDOW:
            return SPEED_TO_LEAD, f"new web lead ({humanize(age)} old): call within 5 minutes, 9x likelier to convert"
        # Never "within 5 minutes" to a lead that came in two days ago: the words must fit the clock.
        return SPEED_TO_LEAD, f"web lead waiting {humanize(age)}: call now, before it cools further"
    if late > timedelta(0):
        return OVERDUE, f"overdue by {humanize(late)}: {step.reason}"
    if step.channel == "confirm":
        return CONFIRM, step.reason
    attempts = rules.cadence(p.cadence).attempts_max if p.cadence in rules.cadences else 0
    if p.status in ("engaged", "meeting"):
        return ENGAGED, f"engaged: {step.reason}"
    if p.status == "nurture":
        return NURTURE, f"nurture: {step.reason}"
    if step.step:
        return WORKING, f"attempt {step.step} of {attempts} ({p.cadence}): {step.reason}"
    return WORKING, f"{p.status}: {step.reason}"


def end_of_day(day: date, rules: Rules) -> datetime:
    """The first moment after `day` in the rep's zone, as UTC."""
    return rules.calendar.at(day + timedelta(days=1), datetime.min.time(), rules.rep_tz)


def rep_day(now: datetime, rules: Rules) -> date:
    return rules.calendar.local(now, rules.rep_tz).date()


def item(p: Prospect, now: datetime, rules: Rules, zones: dict | None = None) -> Item:
    """`zones` keeps, per place (zones and country), what depends on nothing else (the time there now,
    and whether it is callable): a list of thousands shares a handful of places."""
    rank, reason = priority(p, now, rules)
    late = max(now - p.next_step.due, timedelta())
    key = (p.tz, p.zones, p.country)
    there = zones.get(key) if zones is not None else None
    if there is None:
        where = location_of(p)
        there = rules.calendar.is_open(now, where), rules.calendar.local(now, where)
        if zones is not None:
            zones[key] = there
    return Item(prospect=p, rank=rank, reason=reason, callable_now=there[0], local_time=there[1], late_by=late)


def build(prospects: Iterable[Prospect], now: datetime, rules: Rules, day: date | None = None) -> Agenda:
    """Today's calls (due by the end of `day`, priority order), overdue (oldest first), break-ups."""
    now = utc(now)
    day = day or rep_day(now, rules)
    cutoff = end_of_day(day, rules)
    today, breakups, zones = [], [], {}
    for p in prospects:
        p = as_of(p, now, rules)  # a meeting that has started asks how it went, never "confirm"
        if not p.active or p.next_step is None or p.next_step.due >= cutoff:
            continue
        entry = item(p, now, rules, zones)
        (breakups if is_pending_breakup(p) else today).append(entry)
    today.sort(key=today_order)
    overdue = sorted((i for i in today if i.late_by > timedelta(0)), key=overdue_order)
    breakups.sort(key=breakup_order)
    return Agenda(day=day, now=now, today=today, overdue=overdue, breakups=breakups)


# The orders of the three lists; the id last, so that any two prospects have one order whatever
# order the book handed them over in (and `placed` lands a prospect where `build` would).
def today_order(i: Item) -> tuple:
    return not i.callable_now, i.rank, i.prospect.next_step.due, i.prospect.name, i.prospect.id


def overdue_order(i: Item) -> tuple:
    return i.prospect.next_step.due, i.rank, i.prospect.name, i.prospect.id


def breakup_order(i: Item) -> tuple:
    return i.prospect.next_step.due, i.prospect.name, i.prospect.id


def overdue_apart(agenda: Agenda, shown: int | None) -> list[Item]:
    """The overdue pane: overdue prospects not already among today's first `shown` rows (all of
    today's when None). Each prospect appears once on screen: today's list keeps the overdue ones
    (coloured, "overdue by ..."), the pane holds only those the list has no room for."""
    if not agenda.overdue:
        return []
    listed = {i.prospect.id for i in (agenda.today if shown is None else agenda.today[:shown])}
    return [i for i in agenda.overdue if i.prospect.id not in listed]


def placed(agenda: Agenda, p: Prospect, rules: Rules) -> Agenda:
    """`agenda` with one prospect's new state in it, as `build` would place it at the agenda's own time.

    What an outcome (or its undo) changes: that prospect's place, nobody else's. Cheap enough for
    every keypress; `build` stays for everything else (a new minute, another process's changes).
    """
    old = agenda.where.get(p.id)
    today, overdue, breakups = (_without(agenda.today, old, today_order), _without(agenda.overdue, old, overdue_order),
                                _without(agenda.breakups, old, breakup_order))
    where = dict(agenda.where)
    where.pop(p.id, None)
    p = as_of(p, agenda.now, rules)
    if p.active and p.next_step is not None and p.next_step.due < end_of_day(agenda.day, rules):
        entry = where[p.id] = item(p, agenda.now, rules)
        if is_pending_breakup(p):
            insort(breakups, entry, key=breakup_order)
        else:
            insort(today, entry, key=today_order)
            if entry.late_by > timedelta(0):
                insort(overdue, entry, key=overdue_order)
    return Agenda(day=agenda.day, now=agenda.now, today=today, overdue=overdue, breakups=breakups, where=where)


def _without(items: list[Item], old: Item | None, order) -> list[Item]:
    """A copy of `items` without `old`, found by bisecting on its key: no two items share one."""
    if old is not None:
        k = bisect_left(items, order(old), key=order)
        if k < len(items) and items[k].prospect.id == old.prospect.id:
            return items[:k] + items[k + 1:]
    return list(items)  # not in this list


def explain_empty(prospects: Iterable[Prospect], agenda: Agenda, rules: Rules) -> str:
    """Why today's list has nothing to call now: outside hours, or when the next step is."""
    waiting = [i for i in agenda.today if not i.callable_now]
    if agenda.today and len(waiting) == len(agenda.today):
        openings = [(rules.calendar.next_opening(agenda.now, location_of(i.prospect)), i.prospect) for i in waiting]
        first, p = min(openings, key=lambda pair: pair[0])
        local = rules.calendar.local(first, p.tz)
        return (f"{len(waiting)} due but outside their calling hours; next callable "
                f"{local:%a %H:%M} their time ({p.name})")
    if agenda.today:
        return ""
    # The next step still ahead, as it stands now (a started meeting asks how it went); a pending
    # break-up already due is not "next", it is waiting (B).
    shown = (as_of(p, agenda.now, rules) for p in prospects if p.active and p.next_step is not None)
    upcoming = [p for p in shown if p.next_step.due > agenda.now and not is_pending_breakup(p)]
    waiting = f"; {count(len(agenda.breakups), 'break-up')} waiting for you to confirm (B)" if agenda.breakups else ""
    if not upcoming:
        if waiting:
            return "nothing to call today" + waiting
        return "nothing due and nothing scheduled: add a prospect (a), import a list, or try cockpit --demo"
    first = min(upcoming, key=lambda p: p.next_step.due)
    nxt = rules.calendar.local(first.next_step.due, rules.rep_tz)
    return f"nothing due today: next step {first.next_step.channel} {first.name} {nxt:%A %d %b %H:%M} your time" + waiting
