"""Timing is learned, not guessed: what the rep's own log says about when calls connect.

Every figure the stats screen and `cockpit stats` show comes from `compute_columns`. Pure: plain
columns in (no Activity objects, no storage, no clock: `now` is passed), frozen data out.

Design, for a log of hundreds of thousands of activities:
- Stats never re-reads and re-objectifies the whole history. It reads seven plain fields per
  activity (`Columns`), which the book keeps derived from its history and in step with the journal
  (storage/derived.py: a rebuildable cache in the book folder, stamped with the files it came
  from). `compute` (Activity objects) and `compute_rows` (rows in any order) give the same figures
  for tests and small logs.
- The columns come grouped by prospect, each prospect's rows in time order: a prospect's journey
  (attempt numbers, first connect, first no) is then one run of rows, read with running counts.
- Time zones: an offset per (zone, UTC day), looked up once, not a conversion per activity; only
  on a day the clocks change is each activity converted by itself. Exact for any offset.
- Counting is `Counter` over `map`/`compress` chains, so the per-activity work runs in C.
- Equal counts (lost reasons, funnel rows, lead types, blocks) are listed in the order first seen,
  going through prospects in history order: the order the one-activity-at-a-time loop this
  replaced gave (tests/engine/stats_reference.py keeps it as the oracle).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from itertools import accumulate, compress, repeat
from operator import add, eq, floordiv, is_not, itemgetter, mod, mul, ne, sub
from typing import NamedTuple

from ..model import Activity, Prospect
from .block import CONNECTS, DIALS, Tally
from .calendar import UnknownZone, zone
from .rules import Rules

MIN_DIALS = 20  # fewer dials than this and the figures would mislead
MIN_DAYS = 2
THIN_CELL = 5  # a heat-map cell with fewer dials is shown, but marked thin
SPARK_DAYS = 28
REFERENCE = {"attempts_to_reach": 8, "converted_by_6th_pct": 93}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
TOUCHES = DIALS + ("email",)  # what counts as an attempt to reach someone

# One activity as stats reads it: (prospect id, UTC epoch seconds, history order, outcome, reason,
# block, wrap-up seconds or None). The book keeps these rows derived from its history.
Row = tuple[str, int, int, str, str, str, "float | None"]
Person = tuple[str, str, str, str]  # what stats needs of a prospect: (tz, lead type, source, cadence)


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
    """Stats from model objects (tests, small logs): the same figures as `compute_rows`."""
    return compute_rows(rows_of(activities), people_of(prospects.values()), rules, now, start, end)


def rows_of(activities: Iterable[Activity]) -> list[Row]:
    """Activities as rows, numbered in the order given (that order breaks ties between equal times)."""
    return [(a.prospect_id, int(a.at.timestamp()), n, a.outcome, a.reason or "", a.block or "", a.wrap_seconds)
            for n, a in enumerate(activities)]


def people_of(prospects: Iterable[Prospect]) -> dict[str, Person]:
    return {p.id: (p.tz, p.lead_type, p.source, p.cadence) for p in prospects}


def compute_rows(rows: Iterable[Row], people: Mapping[str, Person], rules: Rules, now: datetime,
                 start: date | None = None, end: date | None = None) -> Stats:
    """Stats from rows in any order: sorted (prospect, time, history order), then `compute_columns`."""
    rows = sorted(rows)
    columns = Columns(*(list(map(itemgetter(k), rows)) for k in range(7)))
    return compute_columns(columns, people, rules, now, start, end)


class Columns(NamedTuple):
    """The activity log as columns, one entry per activity.

    Grouped by prospect, and each prospect's rows in time order (ties in history order); the
    groups may come in any order. The book keeps its derived rows this way, so stats never sorts
    the whole log.
    """
    prospect: list[str]
    at: list[int]  # UTC epoch seconds
    seq: list[int]  # history order: breaks ties in time, and orders equal counts as first seen
    outcome: list[str]
    reason: list[str]
    block: list[str]
    wrap: list[float | None]


def compute_columns(columns: Columns, people: Mapping[str, Person], rules: Rules, now: datetime,
                    start: date | None = None, end: date | None = None) -> Stats:
    """Every figure from the log as columns, in passes that run in C.

    Time zones become UTC offsets once per (zone, UTC day), not once per activity; only a day on
    which the clocks change is looked up per activity. The passes are `map`/`compress` chains and
    `Counter`s; Python loops only over the rare rows (blocks, wrap-up times, meetings, lost deals).
    """
    rep_tz = zone(rules.rep_tz)
    today = now.astimezone(rep_tz).date().toordinal() - EPOCH_ORDINAL
    pids, ats, seqs, outcomes, reasons, blocks, wraps = columns
    rep_days = list(map(floordiv, _local_seconds(ats, None, [rep_tz]), repeat(DAY)))
    if start is not None or end is not None:
        lo = start.toordinal() - EPOCH_ORDINAL if start else -(1 << 62)
        hi = end.toordinal() - EPOCH_ORDINAL if end else 1 << 62
        mask = [lo <= d <= hi for d in rep_days]
        pids, ats, seqs, outcomes, reasons, blocks, wraps, rep_days = (
            list(compress(col, mask)) for col in (pids, ats, seqs, outcomes, reasons, blocks, wraps, rep_days))
    n = len(outcomes)
    by_outcome = Counter(outcomes)
    wrapped = list(compress(range(n), map(is_not, wraps, repeat(None))))
    total = _tally(by_outcome, [wraps[i] for i in wrapped])
    day_count = len(set(rep_days))
    if total.dials < MIN_DIALS or day_count < MIN_DAYS:
        return Stats(start, end, False, f"Not enough calls yet: {total.dials} dials over {day_count} days. "
                     f"The figures mean something from {MIN_DIALS} dials over {MIN_DAYS} days.", total)

    code = {o: k for k, o in enumerate(sorted(by_outcome))}
    names = sorted(code, key=code.get)
    codes = list(map(code.__getitem__, outcomes))
    width = len(code)

    day_wraps: dict[int, list[float]] = defaultdict(list)
    for i in wrapped:
        day_wraps[rep_days[i]].append(wraps[i])
    days = _tallies(Counter(map(add, map(mul, rep_days, repeat(width)), codes)), width, names, day_wraps)
    spark = [days[d].dials if d in days else 0 for d in range(today - SPARK_DAYS + 1, today + 1)]
    day_list = [(date.fromordinal(d + EPOCH_ORDINAL), t) for d, t in sorted(days.items())]

    block_rows: dict[str, list[int]] = defaultdict(list)
    for i in compress(range(n), blocks):  # few rows carry a block
        block_rows[blocks[i]].append(i)
    block_list = []
    for b, idx in block_rows.items():
        t = _tally(Counter(outcomes[i] for i in idx), [wraps[i] for i in idx if wraps[i] is not None])
        block_list.append((min(ats[i] for i in idx), min(seqs[i] for i in idx), b, t))
    block_list = [(b, datetime.fromtimestamp(at, timezone.utc), t) for at, _seen, b, t in sorted(block_list)]

    # Each prospect's rows are one run: where the runs start, and each prospect's first and last row.
    starts = [0, *compress(range(1, n), map(ne, pids[1:], pids))]
    ends = [*starts[1:], n]
    firsts = list(map(pids.__getitem__, starts))
    runs = Runs(dict(zip(firsts, starts, strict=True)), dict(zip(firsts, map(sub, ends, repeat(1)), strict=True)),
                # the smallest history number in each run: the order prospects were first seen in
                dict(zip(firsts, map(min, map(seqs.__getitem__, map(slice, starts, ends))), strict=True)))

    # Heat map: dials by the prospect's local weekday x hour.
    zones, known = [], {}
    for name in sorted(set(map(itemgetter(0), people.values()))):
        try:
            zones.append(zone(name))
            known[name] = len(zones) - 1
        except UnknownZone:
            pass  # no local hour to file these dials under
    zone_of = dict(zip(people, map(known.get, map(itemgetter(0), people.values())), strict=True))  # None: unknown
    dialled = list(map(frozenset(DIALS).__contains__, outcomes))
    if None in zone_of.values() or not people.keys() >= runs.first.keys():
        dialled = [d and zone_of.get(p) is not None for d, p in zip(dialled, pids, strict=True)]
    heat: dict[tuple[int, int], Tally] = {}
    if any(dialled):
        # The hour of the week, Monday 00:00 = 0 (1970-01-01, day 0, was a Thursday: 3 days in).
        local = _local_seconds(list(compress(ats, dialled)), list(map(zone_of.__getitem__, compress(pids, dialled))),
                               zones, shift=3 * DAY)
        cells = list(map(mod, map(floordiv, local, repeat(HOUR)), repeat(168)))
        cell_wraps: dict[int, list[float]] = defaultdict(list)
        dial_wraps = list(compress(wraps, dialled))
        for k in compress(range(len(cells)), map(is_not, dial_wraps, repeat(None))):
            cell_wraps[cells[k]].append(dial_wraps[k])
        counts = Counter(map(add, map(mul, cells, repeat(width)), compress(codes, dialled)))
        heat = {(c // 24, c % 24): t for c, t in _tallies(counts, width, names, cell_wraps).items()}

    first, met_at, decide, lost, nurture, funnel = _journeys(pids, ats, outcomes, reasons, people, runs)
    stats = Stats(start, end, True, "", total, day_list, block_list, spark, heat, first, met_at, funnel, decide,
                  lost, nurture)
    return _with_suggestions(stats, rules)


DAY, HOUR = 86400, 3600
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


class Runs(NamedTuple):
    first: dict[str, int]  # prospect -> index of its first row
    last: dict[str, int]  # prospect -> index of its last row
    seen: dict[str, int]  # prospect -> its smallest history number (when it was first seen)


def _offset(tz, t: int) -> int:
    return int(datetime.fromtimestamp(t, tz).utcoffset().total_seconds())


def _local_seconds(ats: list[int], zone_idx: list[int] | None, zones: list, shift: int = 0) -> list[int]:
    """Each UTC time (epoch seconds) as local epoch seconds in zones[zone_idx[i]] (zones[0] if None),
    plus `shift`.

    The offset is looked up once per (zone, UTC day); a day whose offset differs at its two ends
    (the clocks change) is looked up per time."""
    n = len(zones)
    keys = list(map(floordiv, ats, repeat(DAY)))
    if zone_idx is not None:
        keys = list(map(add, map(mul, keys, repeat(n)), zone_idx))
    offsets: dict[int, int] = {}
    changing: set[int] = set()
    for key in set(keys):
        day, z = divmod(key, n)
        a, b = _offset(zones[z], day * DAY), _offset(zones[z], day * DAY + DAY - 1)
        offsets[key] = a + shift
        if a != b:
            changing.add(key)
    local = list(map(add, ats, map(offsets.__getitem__, keys)))
    for i in compress(range(len(keys)), map(changing.__contains__, keys)):
        local[i] = ats[i] + _offset(zones[keys[i] % n], ats[i]) + shift
    return local


def _tally(by_outcome: Counter, wraps) -> Tally:
    wrap = round(math.fsum(wraps) / len(wraps), 1) if wraps else None
    return Tally(sum(by_outcome[o] for o in DIALS), sum(by_outcome[o] for o in CONNECTS),
                 by_outcome["voicemail"], by_outcome["meeting"], wrap)


def _tallies(counts: Counter, width: int, names: list[str], wraps: dict) -> dict:
    """Counts of key * width + outcome code -> key -> Tally."""
    grouped: dict = defaultdict(Counter)
    for combined, n in counts.items():
        key, outcome = divmod(combined, width)
        grouped[key][names[outcome]] += n
    return {key: _tally(counts, wraps.get(key, ())) for key, counts in grouped.items()}


def _journeys(pids, ats, outcomes, reasons, people, runs: Runs):
    """Per prospect, in order of time: the attempt that first connected, the attempts meetings came
    at, days from first touch to meeting, why they said no, and whether a no came back; and the
    funnel (touched, connected, met) by lead type, source and cadence.

    Rows are sorted by prospect then time, so a row's attempt number is the running count of
    touches minus the count before the prospect's first row. Equal counts are listed in the order
    they were first seen going through prospects in history order, each in time order: `seen`."""
    n = len(pids)
    rows = range(n)
    first_row, last_row, first_seq = runs

    def seen(i: int) -> tuple[int, int]:
        return first_seq[pids[i]], i

    is_touch = list(map(frozenset(TOUCHES).__contains__, outcomes))
    running = list(accumulate(is_touch))
    before = {p: running[i] - is_touch[i] for p, i in first_row.items()}

    connect_rows = list(compress(rows, map(frozenset(CONNECTS).__contains__, outcomes)))
    connect_rows.reverse()  # so that, per prospect, the first connect is written last and wins
    first_connect = {pids[i]: running[i] - before[pids[i]] for i in connect_rows}
    first = Counter(first_connect.values())

    met_at: Counter = Counter()
    decide: dict[str, list[float]] = defaultdict(list)
    decide_seen: dict[str, tuple[int, int]] = {}
    met = set()
    for i in compress(rows, map(eq, outcomes, repeat("meeting"))):
        p = pids[i]
        met.add(p)
        met_at[running[i] - before[p]] += 1
        person = people.get(p)
        lead = person[1] if person else "unknown"
        decide[lead].append((ats[i] - ats[first_row[p]]) / DAY)
        decide_seen[lead] = min(decide_seen.get(lead, (n, n)), seen(i))

    lost: Counter = Counter()
    lost_seen: dict[str, tuple[int, int]] = {}
    no_rows = list(compress(rows, map(frozenset(("not-interested", "break-up")).__contains__, outcomes)))
    for i in no_rows:
        reason = (reasons[i] or "other") if outcomes[i] == "not-interested" else "no response (break-up)"
        lost[reason] += 1
        lost_seen[reason] = min(lost_seen.get(reason, (n, n)), seen(i))
    no_rows.reverse()
    first_no = {pids[i]: i for i in no_rows}
    replied = frozenset(("connected", "meeting", "callback")).__contains__  # all three are touches
    after_no = [(i + 1, last_row[p] + 1) for p, i in first_no.items()]
    recontacted = sum(any(is_touch[a:b]) for a, b in after_no)
    reengaged = sum(any(map(replied, outcomes[a:b])) for a, b in after_no)

    known = list(first_row) if people.keys() >= first_row.keys() else [p for p in first_row if p in people]
    touched = list(map(people.__getitem__, known))
    c_flags = list(map(first_connect.__contains__, known))
    m_flags = list(map(met.__contains__, known))
    by_seen = sorted(known, key=first_seq.__getitem__)  # equal counts: the value first seen comes first
    funnel = {}
    for by, values in (("lead type", [t[1] for t in touched]), ("source", [t[2] or "—" for t in touched]),
                       ("cadence", [t[3] for t in touched])):
        all_, conn, mets = Counter(values), Counter(compress(values, c_flags)), Counter(compress(values, m_flags))
        value_of = dict(zip(known, values, strict=True))
        order = {v: k for k, v in enumerate(dict.fromkeys(map(value_of.__getitem__, by_seen)))}
        funnel[by] = sorted(((v, k, conn[v], mets[v]) for v, k in all_.items()), key=lambda r: (-r[1], order[r[0]]))
    medians = {lead: round(statistics.median(decide[lead]), 1) for lead in sorted(decide, key=decide_seen.get)}
    lost_reasons = dict(sorted(lost.items(), key=lambda kv: (-kv[1], lost_seen[kv[0]])))
    return (dict(sorted(first.items())), dict(sorted(met_at.items())), medians, lost_reasons,
            (recontacted, reengaged), funnel)


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
