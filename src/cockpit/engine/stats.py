"""Timing is learned, not guessed: what the rep's own log says about when calls connect.

One pass over the activity log (oldest first) gives every figure the stats screen and
`cockpit stats` show. Pure: activities and prospects in, frozen data out.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from ..model import Activity, Prospect
from .block import CONNECTS, DIALS, Tally
from .block import tally as _count  # one counting rule for blocks, days and cells
from .rules import Rules

MIN_DIALS = 20  # fewer dials than this and the figures would mislead
MIN_DAYS = 2
THIN_CELL = 5  # a heat-map cell with fewer dials is shown, but marked thin
SPARK_DAYS = 28
REFERENCE = {"attempts_to_reach": 8, "converted_by_6th_pct": 93}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
TOUCHES = DIALS + ("email",)  # what counts as an attempt to reach someone


@dataclass(frozen=True)
class Suggestion:
    key: str  # the one key that accepts it on the stats screen
    text: str
    change: dict  # what accepting writes to the book's settings


@dataclass(frozen=True)
class Stats:
    start: date | None
    end: date | None
    enough: bool
    message: str
    total: Tally
    days: list[tuple[date, Tally]] = field(default_factory=list)
    blocks: list[tuple[str, datetime, Tally]] = field(default_factory=list)
    sparkline: list[int] = field(default_factory=list)  # dials per day, the last SPARK_DAYS days
    heat: dict[tuple[int, int], Tally] = field(default_factory=dict)  # (weekday, local hour)
    first_connect_attempts: dict[int, int] = field(default_factory=dict)  # attempt n -> prospects first reached
    meetings_by_attempt: dict[int, int] = field(default_factory=dict)
    funnel: dict[str, list[tuple[str, int, int, int]]] = field(default_factory=dict)  # by -> (value, touched, connected, met)
    days_to_meeting: dict[str, float] = field(default_factory=dict)  # lead type -> median days
    lost_reasons: dict[str, int] = field(default_factory=dict)
    nurture: tuple[int, int] = (0, 0)  # (re-contacted after a no, re-engaged)
    suggestions: list[Suggestion] = field(default_factory=list)


def compute(activities: Iterable[Activity], prospects: dict[str, Prospect], rules: Rules, now: datetime,
            start: date | None = None, end: date | None = None) -> Stats:
    cal = rules.calendar
    by_day: dict[date, list[Activity]] = defaultdict(list)
    by_block: dict[str, list[Activity]] = defaultdict(list)
    by_prospect: dict[str, list[Activity]] = defaultdict(list)
    heat_acts: dict[tuple[int, int], list[Activity]] = defaultdict(list)
    chosen: list[Activity] = []
    for a in activities:
        day = cal.local(a.at, rules.rep_tz).date()
        if (start and day < start) or (end and day > end):
            continue
        chosen.append(a)
        by_day[day].append(a)
        by_prospect[a.prospect_id].append(a)
        if a.block:
            by_block[a.block].append(a)
        p = prospects.get(a.prospect_id)
        if a.outcome in DIALS and p is not None:
            local = cal.local(a.at, p.tz)
            heat_acts[(local.weekday(), local.hour)].append(a)
    total = _count(chosen)
    if total.dials < MIN_DIALS or len(by_day) < MIN_DAYS:
        return Stats(start, end, False, f"Not enough calls yet: {total.dials} dials over {len(by_day)} days. "
                     f"The figures mean something from {MIN_DIALS} dials over {MIN_DAYS} days.", total)
    days = sorted((d, _count(acts)) for d, acts in by_day.items())
    today = cal.local(now, rules.rep_tz).date()
    spark = [len([a for a in by_day.get(today - timedelta(days=n), []) if a.outcome in DIALS])
             for n in range(SPARK_DAYS - 1, -1, -1)]
    blocks = sorted(((b, min(a.at for a in acts), _count(acts)) for b, acts in by_block.items()), key=lambda x: x[1])
    heat = {cell: _count(acts) for cell, acts in heat_acts.items()}
    first, met_at, decide, lost, nurture = _journeys(by_prospect, prospects)
    funnel = _funnel(by_prospect, prospects)
    stats = Stats(start, end, True, "", total, days, blocks, spark, heat, first, met_at, funnel, decide, lost, nurture)
    return _with_suggestions(stats, rules)


def _journeys(by_prospect, prospects):
    """Per prospect, in order: the attempt that first connected, the attempt a meeting came at,
    days from first touch to meeting, why they said no, and whether a no came back."""
    first: Counter = Counter()
    met_at: Counter = Counter()
    decide: dict[str, list[float]] = defaultdict(list)
    lost: Counter = Counter()
    recontacted = reengaged = 0
    for pid, acts in by_prospect.items():
        acts.sort(key=lambda a: a.at)
        attempt, connected, said_no, came_back = 0, False, False, False
        touched_after_no = False
        for a in acts:
            if a.outcome in TOUCHES:
                attempt += 1
            if a.outcome in CONNECTS and not connected:
                connected = True
                first[attempt] += 1
            if a.outcome == "meeting":
                met_at[attempt] += 1
                p = prospects.get(pid)
                lead = p.lead_type if p else "unknown"
                decide[lead].append((a.at - acts[0].at).total_seconds() / 86400)
            if said_no and a.outcome in TOUCHES:
                touched_after_no = True
                came_back = came_back or a.outcome in ("connected", "meeting", "callback")
            if a.outcome == "not-interested":
                lost[a.reason or "other"] += 1
                said_no = True
            elif a.outcome == "break-up":
                lost["no response (break-up)"] += 1
                said_no = True
        recontacted += touched_after_no
        reengaged += came_back
    medians = {lead: round(statistics.median(days), 1) for lead, days in decide.items()}
    return dict(sorted(first.items())), dict(sorted(met_at.items())), medians, dict(lost.most_common()), (recontacted, reengaged)


def _funnel(by_prospect, prospects):
    groups: dict[str, dict[str, list[int]]] = {"lead type": defaultdict(lambda: [0, 0, 0]),
                                               "source": defaultdict(lambda: [0, 0, 0]),
                                               "cadence": defaultdict(lambda: [0, 0, 0])}
    for pid, acts in by_prospect.items():
        p = prospects.get(pid)
        if p is None:
            continue
        connected = any(a.outcome in CONNECTS for a in acts)
        met = any(a.outcome == "meeting" for a in acts)
        for by, value in (("lead type", p.lead_type), ("source", p.source or "—"), ("cadence", p.cadence)):
            row = groups[by][value]
            row[0] += 1
            row[1] += connected
            row[2] += met
    return {by: sorted(((v, *row) for v, row in rows.items()), key=lambda r: -r[1]) for by, rows in groups.items()}


def best_window(heat: dict[tuple[int, int], Tally], length_hours: int, near: int = 9) -> tuple[int, float] | None:
    """The start hour of the `length_hours` window (inside 08:00-21:00) with the most connects;
    among equals, the one nearest to `near` (the current start), so nothing moves without cause."""
    by_hour: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for (_day, hour), c in heat.items():
        by_hour[hour][0] += c.dials
        by_hour[hour][1] += c.connects
    options = []
    for start in range(8, 21 - length_hours + 1):
        dials = sum(by_hour[h][0] for h in range(start, start + length_hours))
        connects = sum(by_hour[h][1] for h in range(start, start + length_hours))
        if dials:
            options.append((connects, -abs(start - near), start))
    if not options:
        return None
    connects, _distance, start = max(options)
    return start, connects


def _with_suggestions(stats: Stats, rules: Rules) -> Stats:
    cal = rules.calendar
    suggestions: list[Suggestion] = []
    length = max(1, (cal.window_end.hour * 60 + cal.window_end.minute - cal.window_start.hour * 60 - cal.window_start.minute) // 60)
    found = best_window(stats.heat, length, cal.window_start.hour)
    if found is not None:
        start, connects = found
        current = best_window({k: v for k, v in stats.heat.items()
                               if cal.window_start.hour <= k[1] < cal.window_start.hour + length}, length)
        now_connects = current[1] if current else 0
        if start != cal.window_start.hour and connects >= max(now_connects * 1.15, now_connects + 3):
            window = (f"{start:02d}:00", f"{start + length:02d}:00")
            suggestions.append(Suggestion(
                "1", f"Call {window[0]}-{window[1]} their time: those hours connected {connects} times "
                f"against {now_connects} in your window now.", {"window_start": window[0], "window_end": window[1]}))
    cold = rules.cadences.get("cold-call")
    reached = sum(stats.first_connect_attempts.values())
    if cold is not None and reached >= 10:
        last = cold.attempts_max
        at_last = stats.first_connect_attempts.get(last, 0)
        late = sum(n for a, n in stats.first_connect_attempts.items() if a >= last - 1)
        if at_last / reached >= 0.10:
            suggestions.append(Suggestion(
                "2", f"Add a 9th attempt to cold-call: {at_last} of {reached} prospects first answered at attempt {last}.",
                {"cadence": "cold-call", "attempts": last + 1}))
        elif late == 0 and reached >= 30:
            suggestions.append(Suggestion(
                "2", f"Drop the last cold-call attempt: none of {reached} prospects first answered after attempt {last - 2}.",
                {"cadence": "cold-call", "attempts": last - 1}))
    for lead, days in sorted(stats.days_to_meeting.items()):
        if days >= 3:
            suggestions.append(Suggestion(
                "", f"{lead} leads here decide in about {days:.0f} days: schedule the follow-up at day {max(1, round(days) - 2)}.",
                {}))
    return Stats(**{**stats.__dict__, "suggestions": suggestions})


def window_label(start: time, end: time) -> str:
    return f"{start:%H:%M}-{end:%H:%M}"
