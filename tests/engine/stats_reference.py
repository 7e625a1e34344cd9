"""The stats figures computed the plain way, one activity object at a time: the oracle the fast,
row-based engine (and the book's derived cache) must agree with. Suggestions are left out; they
are computed from these figures by the same function either way.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from cockpit.engine.block import CONNECTS, DIALS
from cockpit.engine.block import tally as _count
from cockpit.engine.rules import Rules
from cockpit.engine.stats import MIN_DAYS, MIN_DIALS, SPARK_DAYS, TOUCHES, Stats
from cockpit.model import Activity, Prospect


def reference(activities: Iterable[Activity], prospects: dict[str, Prospect], rules: Rules, now: datetime,
            start: date | None = None, end: date | None = None) -> Stats:
    cal = rules.calendar
    activities = list(activities)
    credit = _credits(activities, prospects)
    by_day: dict[date, list[Activity]] = defaultdict(list)
    by_block: dict[str, list[Activity]] = defaultdict(list)
    by_prospect: dict[str, list[Activity]] = defaultdict(list)
    heat_acts: dict[tuple[int, int], list[Activity]] = defaultdict(list)
    lead_heat_acts: dict[str, dict[tuple[int, int], list[Activity]]] = defaultdict(lambda: defaultdict(list))
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
            lead_heat_acts[p.lead_type][(local.weekday(), local.hour)].append(a)
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
    funnel = _funnel(by_prospect, prospects, credit)
    lead_heat = {lead: {cell: _count(acts) for cell, acts in cells.items()} for lead, cells in lead_heat_acts.items()}
    stats = Stats(start, end, True, "", total, days, blocks, spark, heat, first, met_at, funnel, decide, lost, nurture,
                  lead_heat=lead_heat)
    return stats


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


def _credits(activities: list[Activity], prospects) -> dict[int, str]:
    """id(activity) -> the cadence it counts for: its own, else that of the prospect's activity before
    it (over the whole history, in time order), else the prospect's cadence now."""
    by_prospect: dict[str, list[Activity]] = defaultdict(list)
    for a in activities:
        by_prospect[a.prospect_id].append(a)
    credit = {}
    for pid, acts in by_prospect.items():
        p = prospects.get(pid)
        last = p.cadence if p is not None else ""
        for a in sorted(acts, key=lambda a: a.at):
            last = a.cadence or last
            credit[id(a)] = last
    return credit


def _funnel(by_prospect, prospects, credit):
    groups: dict[str, dict[str, list[int]]] = {"lead type": defaultdict(lambda: [0, 0, 0]),
                                               "source": defaultdict(lambda: [0, 0, 0]),
                                               "cadence": defaultdict(lambda: [0, 0, 0])}
    for pid, acts in by_prospect.items():
        p = prospects.get(pid)
        if p is None:
            continue
        connected = any(a.outcome in CONNECTS for a in acts)
        met = any(a.outcome == "meeting" for a in acts)
        for by, value in (("lead type", p.lead_type), ("source", p.source or "—")):
            row = groups[by][value]
            row[0] += 1
            row[1] += connected
            row[2] += met
        for cadence in dict.fromkeys(credit[id(a)] for a in acts):  # each cadence once, in time order
            mine = [a for a in acts if credit[id(a)] == cadence]
            row = groups["cadence"][cadence]
            row[0] += 1
            row[1] += any(a.outcome in CONNECTS for a in mine)
            row[2] += any(a.outcome == "meeting" for a in mine)
    return {by: sorted(((v, *row) for v, row in rows.items()), key=lambda r: -r[1]) for by, rows in groups.items()}
