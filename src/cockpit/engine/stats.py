"""Timing is learned, not guessed: what the rep's own log says about when calls connect.

Every figure the stats screen and `cockpit stats` show comes from `compute_columns`. Pure: columns
in (no Activity objects, no storage, no clock: `now` is passed), frozen data out.

Design, for a log of hundreds of thousands of activities:
- Stats never re-reads and re-objectifies the whole history. It reads seven fields per activity
  (`Columns`: numpy arrays, strings as integer codes into a table of values), which the book keeps
  derived from its history and in step with the journal (storage/derived.py: a rebuildable cache
  in the book folder, loaded straight into arrays). `compute` (Activity objects) and
  `compute_rows` (rows in any order) give the same figures for tests and small logs.
- Every per-activity pass is a numpy operation (masks, `bincount`, `cumsum`), so it runs in C.
  Python loops only over groups (days, zone-days, blocks, lead types, distinct people) and over
  the activities of a day on which the clocks change.
- The columns come grouped by prospect, each prospect's rows in time order: a prospect's journey
  (attempt numbers, first connect, first no) is then one run of rows, read with running counts.
- Time zones: the offset at the start of each (zone, UTC day) is looked up once, not a conversion
  per activity; a day whose offset differs from the next day's start is one on which the clocks
  change, and there each activity is converted by itself. Exact for any offset.
- Averages of wrap-up times round as `math.fsum` over each group's values would, whatever the
  order: `bincount` sums settle nearly every group, fsum the few near a rounding boundary
  (`_wrap_means`); medians are the middle of numpy-sorted values with `statistics.median`'s arithmetic on Python
  floats: the figures of the plain loop to the last bit.
- Equal counts (lost reasons, funnel rows, lead types, blocks) are listed in the order first seen,
  going through prospects in history order: the order of the one-activity-at-a-time loop kept
  as the oracle in tests/engine/stats_reference.py.

numpy is imported inside the functions that compute, not with this module: every subcommand
imports this module (for `Stats`), and only stats should pay for numpy.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone
from itertools import count, repeat
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

from ..model import LEAD_TYPES, Activity, Prospect
from .block import CONNECTS, DIALS, Tally
from .calendar import UnknownZone, zone
from .outcomes import NOT_CALLS
from .rules import LeadTiming, Rules
from .timing import DECIDE_MIN_MEETINGS, DECISION_AHEAD, best_time_text, weekday_pattern

if TYPE_CHECKING:
    import numpy as np

MIN_DIALS = 20  # fewer dials than this and the figures would mislead
MIN_DAYS = 2
THIN_CELL = 5  # a heat-map cell with fewer dials is shown, but marked thin
SPARK_DAYS = 28
REFERENCE = {"attempts_to_reach": 8, "converted_by_6th_pct": 93}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_NAMES = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays")
TOUCHES = DIALS + ("email",)  # what counts as an attempt to reach someone
REPLIES = ("connected", "meeting", "callback")  # a no that came back: all three are touches

# One activity as stats reads it: (prospect id, UTC epoch seconds, history order, outcome, reason,
# block, wrap-up seconds or None, the cadence it counts for or ""). The book keeps these rows
# derived from its history.
Row = tuple[str, int, int, str, str, str, "float | None", str]
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
    lead_heat: dict[str, dict[tuple[int, int], Tally]] = field(default_factory=dict)  # the heat map by lead type


def compute(activities: Iterable[Activity], prospects: dict[str, Prospect], rules: Rules, now: datetime,
            start: date | None = None, end: date | None = None) -> Stats:
    """Stats from model objects (tests, small logs): the same figures as `compute_rows`."""
    return compute_rows(rows_of(activities), people_of(prospects.values()), rules, now, start, end)


def rows_of(activities: Iterable[Activity]) -> list[Row]:
    """Activities as rows, numbered in the order given (that order breaks ties between equal times)."""
    return [(a.prospect_id, int(a.at.timestamp()), n, a.outcome, a.reason or "", a.block or "", a.wrap_seconds,
             a.cadence or "") for n, a in enumerate(activities)]


def people_of(prospects: Iterable[Prospect]) -> dict[str, Person]:
    return {p.id: (p.tz, p.lead_type, p.source, p.cadence) for p in prospects}


def compute_rows(rows: Iterable[Row], people: Mapping[str, Person], rules: Rules, now: datetime,
                 start: date | None = None, end: date | None = None) -> Stats:
    """Stats from rows in any order: sorted (prospect, time, history order), then `compute_columns`."""
    return compute_columns(columns_of(sorted(rows)), people, rules, now, start, end)


class Columns(NamedTuple):
    """The activity log as columns, one entry per activity: numpy arrays of equal length.

    Strings are integer codes into a table of values: `outcomes[outcome[i]]` is activity i's
    outcome. Each table holds a value once; it may hold values no activity has (left by an undo).
    Rows are grouped by prospect, and each prospect's rows in time order (ties in history order);
    the groups may come in any order. The book keeps its derived rows this way, so stats never
    sorts the whole log.
    """
    prospect: np.ndarray  # integer codes into `prospects`
    at: np.ndarray  # int64, UTC epoch seconds
    seq: np.ndarray  # int64, history order: breaks ties in time, orders equal counts as first seen
    outcome: np.ndarray  # codes into `outcomes`
    reason: np.ndarray  # codes into `reasons` ("" for none)
    block: np.ndarray  # codes into `blocks` ("" for none)
    wrap: np.ndarray  # float64 wrap-up seconds; NaN where none was measured
    cadence: np.ndarray  # codes into `cadences`: the cadence the activity counts for ("": see _credited)
    prospects: Sequence[str]
    outcomes: Sequence[str]
    reasons: Sequence[str]
    blocks: Sequence[str]
    cadences: Sequence[str]


ARRAYS = ("prospect", "at", "seq", "outcome", "reason", "block", "wrap", "cadence")  # the per-activity fields


def encode(values: Sequence) -> tuple[np.ndarray, list]:
    """Values as int32 codes into a table of the distinct values, in order first seen (one hash each)."""
    import numpy as np

    index: defaultdict = defaultdict(count().__next__)
    codes = np.fromiter(map(index.__getitem__, values), np.int32, len(values))
    return codes, list(index)


def wraps_array(wraps: Iterable[float | None]) -> np.ndarray:
    import numpy as np

    return np.array([math.nan if w is None else w for w in wraps], np.float64)


def columns_of(rows: Sequence[Row]) -> Columns:
    """Rows already in `Columns` order (grouped by prospect, in time order) as Columns."""
    import numpy as np

    pid, pids = encode(list(map(itemgetter(0), rows)))
    outcome, outcomes = encode(list(map(itemgetter(3), rows)))
    reason, reasons = encode(list(map(itemgetter(4), rows)))
    block, blocks = encode(list(map(itemgetter(5), rows)))
    cadence, cadences = encode(list(map(itemgetter(7), rows)))
    ints = [np.fromiter(map(itemgetter(k), rows), np.int64, len(rows)) for k in (1, 2)]
    return Columns(pid, *ints, outcome, reason, block, wraps_array(map(itemgetter(6), rows)), cadence,
                   pids, outcomes, reasons, blocks, cadences)


def _touches_only(c: Columns) -> Columns:
    """The log without bookkeeping (snooze, note, edit): a snoozed step or a note is no dial, no
    attempt and no touch of the funnel. Rows keep their order (grouped by prospect, in time order)."""
    import numpy as np

    bookkeeping = [code for code, outcome in enumerate(c.outcomes) if outcome in NOT_CALLS]
    if not bookkeeping:
        return c
    keep = ~np.isin(c.outcome, bookkeeping)
    return c._replace(**{name: getattr(c, name)[keep] for name in ARRAYS})


def compute_columns(columns: Columns, people: Mapping[str, Person], rules: Rules, now: datetime,
                    start: date | None = None, end: date | None = None) -> Stats:
    """Every figure from the log as columns, in numpy passes over all activities.

    Time zones become UTC offsets once per (zone, UTC day), not once per activity; only a day on
    which the clocks change is looked up per activity. Counting is `bincount` over codes (group *
    number of outcomes + outcome), turned into Tallies once per group."""
    import numpy as np

    rep_tz = zone(rules.rep_tz)
    today = now.astimezone(rep_tz).date().toordinal() - EPOCH_ORDINAL
    c = _touches_only(columns)
    who = _People(c.prospects, people)
    credit = _credited(c, who)  # over the whole history: a follow-up counts for what got the conversation
    rep_days = _local_seconds(c.at, None, [rep_tz]) // DAY
    if start is not None or end is not None:
        lo = start.toordinal() - EPOCH_ORDINAL if start else -(1 << 62)
        hi = end.toordinal() - EPOCH_ORDINAL if end else 1 << 62
        keep = (rep_days >= lo) & (rep_days <= hi)
        c = c._replace(**{name: getattr(c, name)[keep] for name in ARRAYS})
        credit = credit._replace(code=credit.code[keep])
        rep_days = rep_days[keep]
    n, width = len(c.at), len(c.outcomes)
    flags = _outcome_flags(c.outcomes)  # outcome code -> (dial, connect, voicemail, meeting)
    total = _tallies(np.bincount(c.outcome, minlength=width)[None, :], flags,
                     _wrap_means(np.zeros(n, np.intp), c.wrap))[0]
    day_values, day_of_row = _groups(rep_days)
    if total.dials < MIN_DIALS or len(day_values) < MIN_DAYS:
        return Stats(start, end, False, f"Not enough calls yet: {total.dials} dials over {len(day_values)} days. "
                     f"The figures mean something from {MIN_DIALS} dials over {MIN_DAYS} days.", total)

    day_list = list(zip(map(date.fromordinal, (day_values + EPOCH_ORDINAL).tolist()),
                        _tallies(_counts(day_of_row, len(day_values), c.outcome, width), flags,
                                 _wrap_means(day_of_row, c.wrap)), strict=True))
    dials_on = {d.toordinal() - EPOCH_ORDINAL: t.dials for d, t in day_list}
    spark = [dials_on.get(d, 0) for d in range(today - SPARK_DAYS + 1, today + 1)]

    block_list = []
    in_block = np.array([b != "" for b in c.blocks], bool)[c.block] if c.blocks else np.zeros(n, bool)
    if in_block.any():
        rows = np.flatnonzero(in_block)
        codes, block_of_row = _groups(c.block[rows])
        tallies = _tallies(_counts(block_of_row, len(codes), c.outcome[rows], width), flags,
                           _wrap_means(block_of_row, c.wrap[rows]))
        first_at, first_seq = (_group_min(block_of_row, len(codes), col[rows]) for col in (c.at, c.seq))
        block_list = [(c.blocks[b], datetime.fromtimestamp(at, timezone.utc), t) for at, _seen, b, t in
                      sorted(zip(first_at.tolist(), first_seq.tolist(), codes.tolist(), tallies, strict=True))]

    # Each prospect's rows are one run: where the runs start and end, and the run of each row.
    starts = np.flatnonzero(np.concatenate(([True], c.prospect[1:] != c.prospect[:-1])))
    ends = np.append(starts[1:], n)
    run_of_row = np.repeat(np.arange(len(starts)), ends - starts)
    run_prospect = c.prospect[starts]
    run_seen = np.minimum.reduceat(c.seq, starts)  # when each prospect was first seen, in history order

    # Heat map: dials by the prospect's local weekday x hour.
    zones, known = [], {}
    for name in sorted(set(who.tz)):
        try:
            zones.append(zone(name))
            known[name] = len(zones) - 1
        except UnknownZone:
            pass  # no local hour to file these dials under
    zone_of_person = np.fromiter(map(known.get, who.tz, repeat(-1)), np.intp, len(who.tz))
    zone_of_row = zone_of_person[who.person][c.prospect]
    dialled = flags[:, 0].astype(bool)[c.outcome] & (zone_of_row >= 0)
    heat: dict[tuple[int, int], Tally] = {}
    lead_heat: dict[str, dict[tuple[int, int], Tally]] = {}
    if dialled.any():
        # The hour of the week, Monday 00:00 = 0 (1970-01-01, day 0, was a Thursday: 3 days in).
        local = _local_seconds(c.at[dialled], zone_of_row[dialled], zones, shift=3 * DAY)
        cells = local // HOUR % 168
        heat = _heat(cells, c.outcome[dialled], c.wrap[dialled], 1, flags, width)[0]
        by_lead = _heat(who.lead[c.prospect[dialled]] * 168 + cells, c.outcome[dialled], c.wrap[dialled],
                        len(who.leads), flags, width)
        lead_heat = {who.leads[k]: cells for k, cells in enumerate(by_lead) if cells}

    journeys = _journeys(c, who, _Runs(starts, ends, run_of_row, run_prospect, run_seen), credit)
    stats = Stats(start, end, True, "", total, day_list, block_list, spark, heat, *journeys, lead_heat=lead_heat)
    return _with_suggestions(stats, rules)


def _heat(cells: np.ndarray, outcome: np.ndarray, wrap: np.ndarray, groups: int, flags: np.ndarray,
          width: int) -> list[dict[tuple[int, int], Tally]]:
    """Heat maps from each row's group * 168 + hour of the week: per group, (weekday, hour) -> Tally
    of the cells that have a row."""
    import numpy as np

    counts = _counts(cells, groups * 168, outcome, width)
    tallies = _tallies(counts, flags, _wrap_means(cells, wrap))
    maps: list[dict[tuple[int, int], Tally]] = [{} for _ in range(groups)]
    for cell in np.flatnonzero(counts.any(axis=1)).tolist():
        maps[cell // 168][(cell % 168 // 24, cell % 24)] = tallies[cell]
    return maps


DAY, HOUR = 86400, 3600
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


class _Runs(NamedTuple):
    """Each prospect's rows are one run of the columns."""
    start: np.ndarray  # index of each run's first row
    end: np.ndarray  # one past its last row
    of_row: np.ndarray  # the run of each row
    prospect: np.ndarray  # the prospect code of each run
    seen: np.ndarray  # the smallest history number of each run: the order prospects were first seen in


class _People:
    """What `people` says of each entry of the prospects table. Prospects share few distinct
    (zone, lead type, source, cadence) tuples, "persons": each prospect gets the code of its person
    (`person`), values are worked out once per person (`tz`: zone names) and spread to the
    prospects by indexing (`lead`, `funnel`: codes per prospect). A prospect missing from `people`
    is not `known`; its lead type is "unknown". The funnel shows source "" as "—"."""

    def __init__(self, prospects: Sequence[str], people: Mapping[str, Person]):
        import numpy as np

        self.person, persons = encode(list(map(people.get, prospects)))  # None: not in `people`
        self.known = np.array([p is not None for p in persons], bool)[self.person]
        persons = [("", "unknown", "", "") if p is None else p for p in persons]
        self.tz = [p[0] for p in persons]  # of each person
        self.lead, self.leads = self._spread([p[1] for p in persons])
        self.funnel = {"lead type": (self.lead, self.leads),
                       "source": self._spread([p[2] or "—" for p in persons]),
                       "cadence": self._spread([p[3] for p in persons])}

    def _spread(self, values: list[str]) -> tuple[np.ndarray, list[str]]:
        """Codes per prospect from a value per person; equal values share a code."""
        codes, table = encode(values)
        return codes[self.person], table


class _Credit(NamedTuple):
    code: np.ndarray  # per row: the cadence it counts for, a code into `values`
    values: list[str]


def _credited(c: Columns, who: _People) -> _Credit:
    """The cadence each activity counts for in the funnel: its own (Activity.cadence, the cadence in
    force at that touch), else that of the prospect's activity before, else the prospect's cadence now.

    An activity without one follows up a conversation (talking moves a web lead to the follow-up
    cadence before any step of it is made: its meetings count for the cadence that got the talk), or
    was logged before activities recorded it (then every one counts for the prospect's cadence now,
    as they always did). Rows are runs per prospect in time order, so "the one before" is a forward
    fill that each run's first row stops."""
    import numpy as np

    person, values = who.funnel["cadence"]
    index = {v: k for k, v in enumerate(values)}
    for name in c.cadences:
        if name:
            index.setdefault(name, len(index))
    table = np.array([index[name] if name else -1 for name in c.cadences] or [-1], np.int32)
    own = table[c.cadence]
    if (own >= 0).all():
        return _Credit(own, list(index))
    fallback = person.astype(np.int32)[c.prospect]
    if (own < 0).all():  # nothing recorded: the prospect's cadence now, as before activities kept it
        return _Credit(fallback, list(index))
    first = np.ones(len(own), bool)
    np.not_equal(c.prospect[1:], c.prospect[:-1], out=first[1:])
    anchor = (own >= 0) | first
    code = np.where(own >= 0, own, fallback)
    fill = np.maximum.accumulate(np.where(anchor, np.arange(len(own), dtype=np.int32), 0))
    return _Credit(code[fill], list(index))


def _offset(tz, t: int) -> int:
    return int(datetime.fromtimestamp(t, tz).utcoffset().total_seconds())


def _offsets_at(tz, times: np.ndarray) -> np.ndarray:
    """`_offset` of many times, the per-time calls chained with `map` (no Python frame each)."""
    import numpy as np

    looked = map(timedelta.total_seconds, map(datetime.utcoffset, map(datetime.fromtimestamp, times.tolist(), repeat(tz))))
    return np.fromiter(looked, np.float64, len(times)).astype(np.int64)


def _day_offsets(tz, days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For UTC days (sorted, distinct): the offset at each day's start and at the next day's start.
    A next day that is in `days` too is not looked up again."""
    import numpy as np

    after_day = days + 1
    at = np.minimum(np.searchsorted(days, after_day), len(days) - 1)
    known = days[at] == after_day
    looked = _offsets_at(tz, np.concatenate((days, after_day[~known])) * DAY)
    start, after = looked[:len(days)], np.empty(len(days), np.int64)
    after[known] = start[at[known]]
    after[~known] = looked[len(days):]
    return start, after


def _local_seconds(ats: np.ndarray, zone_idx: np.ndarray | None, zones: list, shift: int = 0) -> np.ndarray:
    """Each UTC time (epoch seconds) as local epoch seconds in zones[zone_idx[i]] (zones[0] if None),
    plus `shift`.

    The offset is looked up once per (zone, UTC day), at the day's start; a day whose offset differs
    from the next day's start (the clocks change in it, or at midnight UTC) is looked up per time."""
    import numpy as np

    n = len(zones)
    keys = ats // DAY
    if zone_idx is not None:
        keys = keys * n + zone_idx
    values, key_of_row = _groups(keys)
    offsets, changing = np.zeros(len(values), np.int64), np.zeros(len(values), bool)
    for z, tz in enumerate(zones):
        mine = values % n == z
        if mine.any():
            start, after = _day_offsets(tz, values[mine] // n)
            offsets[mine], changing[mine] = start + shift, start != after
    local = ats + offsets[key_of_row]
    if changing.any():
        rows = np.flatnonzero(changing[key_of_row])
        local[rows] = [t + _offset(zones[key % n], t) + shift for t, key in zip(ats[rows].tolist(),
                                                                             keys[rows].tolist(), strict=True)]
    return local


def _groups(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys, sorted, and for each row the index of its key among them.

    Keys that span a short range (days, hours, zone-days) are placed by a table, not sorted."""
    import numpy as np

    if not len(keys):
        return keys[:0], np.zeros(0, np.intp)
    lo, hi = int(keys.min()), int(keys.max())
    if hi - lo <= 4 * len(keys) + 4096:
        present = np.zeros(hi - lo + 1, bool)
        present[keys - lo] = True
        index = np.cumsum(present) - 1
        return np.flatnonzero(present) + lo, index[keys - lo]
    values, inverse = np.unique(keys, return_inverse=True)
    return values, inverse.reshape(-1)


def _counts(group: np.ndarray, groups: int, outcome: np.ndarray, width: int) -> np.ndarray:
    """How many rows of each group had each outcome: groups x outcome codes."""
    import numpy as np

    return np.bincount(group * width + outcome, minlength=groups * width).reshape(groups, width)


def _group_min(group: np.ndarray, groups: int, values: np.ndarray) -> np.ndarray:
    import numpy as np

    out = np.full(groups, np.iinfo(values.dtype).max, values.dtype)
    np.minimum.at(out, group, values)
    return out


def _outcome_flags(outcomes: Sequence[str]) -> np.ndarray:
    """For each outcome code: is it a dial, a connect, a voicemail, a meeting (0/1, outcome codes x 4)."""
    import numpy as np

    dials, connects = frozenset(DIALS), frozenset(CONNECTS)
    return np.array([(o in dials, o in connects, o == "voicemail", o == "meeting") for o in outcomes],
                    np.int64).reshape(len(outcomes), 4)


def _tallies(counts: np.ndarray, flags: np.ndarray, wraps: dict[int, float]) -> list[Tally]:
    """A Tally per group (row of `counts`), with its average wrap-up from `wraps` if it has one."""
    return [Tally(*sums, wraps.get(k)) for k, sums in enumerate((counts @ flags).tolist())]


def _wrap_means(group: np.ndarray, wrap: np.ndarray) -> dict[int, float]:
    """The average wrap-up of each group that has one, to 0.1 s, as `round(math.fsum(values) / n, 1)`
    gives it, whatever the order of the values.

    Sums by `bincount` (in C, not exact) settle nearly every group: the exact mean lies within a
    proven error bound of the sum's, and when both ends of that interval round alike, so does the
    exact mean. A group whose interval crosses a rounding boundary is summed again with fsum."""
    import numpy as np

    has = ~np.isnan(wrap)
    if not has.any():
        return {}
    group, wrap = group[has], wrap[has]
    size = int(group.max()) + 1
    n = np.bincount(group, minlength=size)
    present = np.flatnonzero(n)
    n = n[present]
    mean = np.bincount(group, wrap, size)[present] / n
    # Sequential summation errs by at most (n - 1)u * sum|x|; fsum and the divisions add a few u
    # more (u = 2**-53). Twice that, so the interval's own rounding cannot matter.
    slack = (n + 4) * 2.0**-52 * np.bincount(group, np.abs(wrap), size)[present] / n
    means = {}
    unsure = []
    for key, m, low, high in zip(present.tolist(), mean.tolist(), (mean - slack).tolist(), (mean + slack).tolist(),
                                 strict=True):
        rounded = round(m, 1)
        if _alike(round(low, 1), rounded) and _alike(rounded, round(high, 1)):
            means[key] = rounded
        else:
            unsure.append(key)
    if unsure:
        again = np.zeros(size, bool)
        again[unsure] = True
        rows = again[group]
        group, wrap = group[rows], wrap[rows]
        order = np.argsort(group, kind="stable")
        group, values = group[order], wrap[order].tolist()
        cuts = (np.flatnonzero(np.diff(group)) + 1).tolist()
        for key, a, b in zip(group[[0, *cuts]].tolist(), [0, *cuts], [*cuts, len(values)], strict=True):
            means[key] = round(math.fsum(values[a:b]) / (b - a), 1)
    return means


def _alike(a: float, b: float) -> bool:
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)  # 0.0 and -0.0 print differently


def _firsts(rows: np.ndarray, run_of_row: np.ndarray) -> np.ndarray:
    """Of `rows` (ascending), the first in each run."""
    import numpy as np

    runs = run_of_row[rows]
    return rows[np.concatenate(([True], runs[1:] != runs[:-1]))] if len(rows) else rows


def _histogram(values: np.ndarray) -> dict[int, int]:
    import numpy as np

    keys, counts = np.unique(values, return_counts=True)
    return dict(zip(keys.tolist(), counts.tolist(), strict=True))


def _first_seen(keys: np.ndarray, order: np.ndarray, size: int) -> np.ndarray:
    """For each key code: its position in `order` (row indexes, in the order of seeing) at its first
    appearance; keys never seen get the largest position."""
    import numpy as np

    out = np.full(size, len(order), np.intp)
    np.minimum.at(out, keys[order], np.arange(len(order)))
    return out


def _journeys(c: Columns, who: _People, runs: _Runs, credit: _Credit):
    """Per prospect, in order of time: the attempt that first connected, the attempts meetings came
    at, days from first touch to meeting, why they said no, and whether a no came back; and the
    funnel (touched, connected, met) by lead type and source (of the prospect) and cadence (the one
    each activity counts for: a prospect counts once under every cadence it was touched in).

    Rows are grouped by prospect in time order, so a row's attempt number is the running count of
    touches minus the count before its prospect's first row. Equal counts are listed in the order
    they were first seen going through prospects in history order, each in time order."""
    import numpy as np

    code = {o: k for k, o in enumerate(c.outcomes)}

    def rows_with(*outcomes: str) -> np.ndarray:
        wanted = np.zeros(len(c.outcomes) + 1, bool)
        wanted[[code.get(o, -1) for o in outcomes]] = True  # -1: the spare last entry, never an outcome
        return wanted[:-1][c.outcome]

    is_touch = rows_with(*TOUCHES)
    running = np.cumsum(is_touch)
    attempt = running - (running[runs.start] - is_touch[runs.start])[runs.of_row]

    is_connect, is_meeting = rows_with(*CONNECTS), rows_with("meeting")
    connects = _firsts(np.flatnonzero(is_connect), runs.of_row)  # each prospect's first connect
    first = _histogram(attempt[connects])
    connected = np.zeros(len(runs.start), bool)
    connected[runs.of_row[connects]] = True

    meetings = np.flatnonzero(is_meeting)
    met_at = _histogram(attempt[meetings])
    met = np.zeros(len(runs.start), bool)
    met[runs.of_row[meetings]] = True
    meeting_run = runs.of_row[meetings]
    lead = who.lead[runs.prospect[meeting_run]]
    days = (c.at[meetings] - c.at[runs.start[meeting_run]]) / DAY
    lead_seen = _group_min(lead, len(who.leads), runs.seen[meeting_run])
    medians = {}
    by_lead = np.lexsort((days, lead))  # each lead type's days in ascending order
    cuts = np.flatnonzero(np.diff(lead[by_lead])) + 1
    for rows in sorted(np.split(by_lead, cuts) if len(by_lead) else [], key=lambda rows: lead_seen[lead[rows[0]]]):
        medians[who.leads[lead[rows[0]]]] = round(_median(days[rows]), 1)

    said_no = rows_with("not-interested", "break-up")
    no_rows = np.flatnonzero(said_no)
    labels: dict[str, int] = {}
    label_of_reason = np.array([labels.setdefault(r or "other", len(labels)) for r in c.reasons], np.intp)
    break_up = labels.setdefault("no response (break-up)", len(labels))
    label = np.where(rows_with("not-interested")[no_rows], label_of_reason[c.reason[no_rows]], break_up)
    seen = _first_seen(label, np.lexsort((no_rows, runs.seen[runs.of_row[no_rows]])), len(labels))
    names, counts = list(labels), np.bincount(label, minlength=len(labels)).tolist()
    lost = {names[k]: counts[k]
            for k in sorted((k for k, v in enumerate(counts) if v), key=lambda k: (-counts[k], seen[k]))}

    first_no = _firsts(no_rows, runs.of_row)
    last = runs.end[runs.of_row[first_no]] - 1
    replied = np.cumsum(rows_with(*REPLIES))
    recontacted = int(np.count_nonzero(running[last] > running[first_no]))
    reengaged = int(np.count_nonzero(replied[last] > replied[first_no]))

    known = np.flatnonzero(who.known[runs.prospect])  # runs of prospects in `people`
    by_seen = known[np.argsort(runs.seen[known], kind="stable")]
    funnel = {}
    for by, (value_of, values) in who.funnel.items():
        if by == "cadence":
            funnel[by] = _cadence_funnel(c, who, runs, credit, is_connect, is_meeting)
            continue
        value = value_of[runs.prospect[known]]
        touched = np.bincount(value, minlength=len(values))
        reached = np.bincount(value[connected[known]], minlength=len(values))
        meetings_of = np.bincount(value[met[known]], minlength=len(values))
        order = _first_seen(value_of[runs.prospect], by_seen, len(values))
        funnel[by] = [(values[v], int(touched[v]), int(reached[v]), int(meetings_of[v]))
                      for v in sorted(np.flatnonzero(touched).tolist(), key=lambda v: (-touched[v], order[v]))]
    return first, met_at, funnel, medians, lost, (recontacted, reengaged)


def _cadence_funnel(c: Columns, who: _People, runs: _Runs, credit: _Credit, connect: np.ndarray,
                    meeting: np.ndarray) -> list[tuple[str, int, int, int]]:
    """Funnel rows by the cadence each activity counts for: prospects touched, connected and met under
    it, most touched first; equal counts in the order first seen (prospects in history order, each
    in time order)."""
    import numpy as np

    width, known = len(credit.values), who.known[c.prospect]
    pair = runs.of_row * width + credit.code  # (prospect, cadence) of each row

    def hits(rows: np.ndarray) -> np.ndarray:
        """prospects x cadences: has the prospect a row in `rows` under the cadence?"""
        hit = np.zeros(len(runs.start) * width, bool)
        hit[pair[rows]] = True
        return hit.reshape(len(runs.start), width)

    touched_by = hits(known)
    touched, reached, met = (m.sum(axis=0) for m in (touched_by, hits(connect & known), hits(meeting & known)))
    # First seen: the first prospect (in history order) touched under it, then its first row there.
    order = np.argsort(runs.seen, kind="stable")
    first_run = order[touched_by[order].argmax(axis=0)]
    seen = {v: (int(np.flatnonzero(order == run)[0]),
                int(np.argmax(credit.code[runs.start[run]:runs.end[run]] == v)))
            for v, run in enumerate(first_run.tolist()) if touched[v]}
    return [(credit.values[v], int(touched[v]), int(reached[v]), int(met[v]))
            for v in sorted(seen, key=lambda v: (-touched[v], seen[v]))]


def _median(ascending: np.ndarray) -> float:
    """statistics.median of values already sorted, with its arithmetic on Python floats."""
    middle = len(ascending) // 2
    if len(ascending) % 2:
        return float(ascending[middle])
    return (float(ascending[middle - 1]) + float(ascending[middle])) / 2


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
    learned = [*_weekday_suggestions(stats, rules), *_decision_suggestions(stats, rules)]
    # Keys 3 to 9 (1 and 2 stay the window's and the cadence's); more wait until these are settled.
    suggestions += [replace(x, key=str(n)) for n, x in enumerate(learned[:7], 3)]
    return Stats(**{**stats.__dict__, "suggestions": suggestions})


def _weekday_suggestions(stats: Stats, rules: Rules) -> list[Suggestion]:
    """An hour of the week a lead type's connects gather in (timing.weekday_pattern): a preferred
    calling day and hour for it, which its cadence calls move to when the week allows."""
    found = []
    for lead in sorted(set(stats.lead_heat) & set(LEAD_TYPES)):
        pattern = weekday_pattern(stats.lead_heat[lead], rules.calendar)
        if pattern is None:
            continue
        at = time(pattern.hour)
        accepted = rules.timing.get(lead, LeadTiming())
        if (accepted.weekday, accepted.at) == (pattern.weekday, at):
            continue
        found.append(Suggestion("", (
            f"Call your {lead} leads on {DAY_NAMES[pattern.weekday]} at {at:%H:%M} their time: {pattern.connects} of "
            f"their {pattern.lead_connects} connects came then ({pattern.connects / pattern.dials:.0%} of those dials, "
            f"{pattern.other_rate:.0%} on other days). Accept to have their cadence calls wait for that hour, within the same week."),
            {"timing": lead, "best_time": best_time_text(pattern.weekday, at)}))
    return found


def _decision_suggestions(stats: Stats, rules: Rules) -> list[Suggestion]:
    """Days from first touch to meeting per lead type: a value follow-up as that day approaches."""
    met = {value: meetings for value, _touched, _connected, meetings in stats.funnel.get("lead type", [])}
    found = []
    for lead, days in sorted(stats.days_to_meeting.items()):
        decide = round(days)
        if lead not in LEAD_TYPES or decide < 3 or met.get(lead, 0) < DECIDE_MIN_MEETINGS:
            continue
        if rules.timing.get(lead, LeadTiming()).decide_days == decide:
            continue
        found.append(Suggestion("", (
            f"Your {lead} leads decide in about {decide} days ({met[lead]} booked a meeting): follow up with "
            f"something of value at day {decide - DECISION_AHEAD} for those you have talked to."),
            {"timing": lead, "decide_days": decide}))
    return found


def window_label(start: time, end: time) -> str:
    return f"{start:%H:%M}-{end:%H:%M}"
