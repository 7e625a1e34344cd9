"""Stats on a generated log with known answers: the heat map and the suggestions say what the log says."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.engine.stats import compute
from cockpit.model import Activity, Prospect

NY = "America/New_York"


def _at(day: int, hour: int, minute: int = 10) -> datetime:
    # November 2026: the 3rd is a Tuesday, the 6th a Friday; New York is UTC-5 then.
    return datetime(2026, 11, day, hour + 5, minute, tzinfo=timezone.utc)


def _log(cells: dict[tuple[int, int], tuple[int, int]]) -> tuple[list[Activity], dict[str, Prospect]]:
    """cells: (day of month, local hour) -> (dials, connects); one prospect per dial."""
    acts, prospects = [], {}
    for (day, hour), (dials, connects) in cells.items():
        for n in range(dials):
            pid = f"p{day}-{hour}-{n}"
            prospects[pid] = Prospect(id=pid, name=pid, tz=NY, cadence="cold-call")
            outcome = "connected" if n < connects else "voicemail"
            acts.append(Activity(id=f"a-{pid}", prospect_id=pid, outcome=outcome, at=_at(day, hour)))
    return acts, prospects


def test_heat_map_shows_the_hours_that_connect(rules, now):
    acts, prospects = _log({(3, 10): (100, 40), (6, 16): (100, 5)})
    stats = compute(acts, prospects, rules, now)
    assert stats.enough
    tuesday_10, friday_16 = stats.heat[(1, 10)], stats.heat[(4, 16)]
    assert (tuesday_10.dials, tuesday_10.connects) == (100, 40)
    assert round(tuesday_10.rate, 2) == 0.40
    assert round(friday_16.rate, 2) == 0.05
    assert stats.total.dials == 200 and stats.total.connects == 45


def test_suggests_moving_the_window_to_the_hours_that_connect(rules, now):
    acts, prospects = _log({(3, 9): (60, 1), (4, 9): (60, 1), (3, 18): (60, 30), (4, 18): (60, 24)})
    stats = compute(acts, prospects, rules, now)
    window = [s for s in stats.suggestions if "window_start" in s.change]
    assert len(window) == 1
    # The nearest 8-hour window that holds 18:00 starts at 11:00.
    assert window[0].change == {"window_start": "11:00", "window_end": "19:00"}
    assert window[0].key == "1"


def test_no_window_suggestion_when_the_current_window_is_best(rules, now):
    acts, prospects = _log({(3, 10): (100, 40), (6, 16): (100, 5)})
    stats = compute(acts, prospects, rules, now)
    assert not [s for s in stats.suggestions if "window_start" in s.change]


def test_empty_and_one_day_logs_say_not_enough_calls_yet(rules, now):
    empty = compute([], {}, rules, now)
    assert not empty.enough and "Not enough calls yet" in empty.message
    acts, prospects = _log({(3, 10): (100, 40)})
    one_day = compute(acts, prospects, rules, now)
    assert not one_day.enough and "Not enough calls yet" in one_day.message
    assert one_day.heat == {}  # no figures that could mislead


def test_attempts_to_first_connect_and_meetings_by_attempt(rules, now):
    acts, prospects = [], {}
    start = datetime(2026, 11, 2, 15, tzinfo=timezone.utc)
    for n in range(30):
        pid = f"p{n}"
        prospects[pid] = Prospect(id=pid, name=pid, tz=NY, lead_type="web" if n % 2 else "cold", cadence="cold-call")
        tries = n % 4  # 0..3 silent attempts before the connect
        for k in range(tries):
            acts.append(Activity(f"{pid}-{k}", pid, "no-answer", start + timedelta(days=k)))
        acts.append(Activity(f"{pid}-c", pid, "connected", start + timedelta(days=tries)))
        if n % 3 == 0:
            acts.append(Activity(f"{pid}-m", pid, "meeting", start + timedelta(days=tries + 7)))
    stats = compute(acts, prospects, rules, now)
    assert stats.first_connect_attempts == {1: 8, 2: 8, 3: 7, 4: 7}
    assert sum(stats.meetings_by_attempt.values()) == 10
    assert set(stats.days_to_meeting) == {"cold", "web"}


def test_lost_reasons_and_nurture_results(rules, now):
    start = datetime(2026, 11, 2, 15, tzinfo=timezone.utc)
    acts, prospects = _log({(3, 10): (20, 5), (4, 10): (20, 5)})
    for n, reason in enumerate(("price", "price", "timing")):
        pid = f"lost{n}"
        prospects[pid] = Prospect(id=pid, name=pid, tz=NY)
        acts.append(Activity(f"{pid}-x", pid, "not-interested", start, reason=reason))
        acts.append(Activity(f"{pid}-v", pid, "voicemail", start + timedelta(days=180)))
        if n == 0:
            acts.append(Activity(f"{pid}-c", pid, "connected", start + timedelta(days=181)))
    stats = compute(acts, prospects, rules, now)
    assert stats.lost_reasons["price"] == 2 and stats.lost_reasons["timing"] == 1
    assert stats.nurture == (3, 1)


def test_accepting_a_suggestion_changes_the_book_settings_and_nothing_else(tmp_path, rules):
    from cockpit import actions, config

    config.write_default(tmp_path)
    before = (tmp_path / "cockpit.toml").read_text()
    changed = actions.accept_suggestion(tmp_path, rules, {"window_start": "11:00", "window_end": "19:00"})
    assert (changed.window_start.hour, changed.window_end.hour) == (11, 19)
    longer = actions.accept_suggestion(tmp_path, changed.rules(), {"cadence": "cold-call", "attempts": 9})
    assert longer.cadences["cold-call"].attempts_max == 9
    assert config.load(tmp_path).cadences["cold-call"].attempts_max == 9
    after = (tmp_path / "cockpit.toml").read_text()
    assert before.splitlines()[0] == after.splitlines()[0]  # the rep's comments survive


# ---- wrap-up averages: fast sums, the figure of fsum ---------------------------------------------

wrap_value = st.one_of(
    st.floats(0, 900, allow_nan=False),
    st.integers(0, 9000).map(lambda k: k / 20),  # means on the rounding boundaries: x.x5
    st.sampled_from((0.0, 12.25, 0.05, 0.15, 1e-300, 5e-324, 1e15, 2.0**53)),
    st.floats(-1e-3, 1e-3, allow_nan=False),  # signs around zero: 0.0 and -0.0 print differently
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.one_of(st.none(), wrap_value)), max_size=80))
def test_wrap_up_averages_are_those_of_fsum(rows):
    import numpy as np

    from cockpit.engine.stats import _wrap_means

    groups = np.array([g for g, _w in rows], np.intp)
    wraps = np.array([math.nan if w is None else w for _g, w in rows], np.float64)
    expected = {}
    for g in sorted({g for g, w in rows if w is not None}):
        values = [w for k, w in rows if k == g and w is not None]
        expected[g] = round(math.fsum(values) / len(values), 1)
    got = _wrap_means(groups, wraps)
    assert {k: repr(v) for k, v in got.items()} == {k: repr(v) for k, v in expected.items()}


def test_many_wrap_ups_on_a_rounding_boundary_are_exact():
    import numpy as np

    from cockpit.engine.stats import _wrap_means

    wraps = np.array([12.25] * 1000 + [0.1] * 999 + [0.2] * 1, np.float64)  # 12.25 rounds to 12.2
    groups = np.array([0] * 1000 + [1] * 1000, np.intp)
    expected = [round(math.fsum(wraps[:1000].tolist()) / 1000, 1), round(math.fsum(wraps[1000:].tolist()) / 1000, 1)]
    assert _wrap_means(groups, wraps) == dict(enumerate(expected))
