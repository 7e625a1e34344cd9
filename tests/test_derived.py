"""Stats' derived rows (storage/derived.py): the same figures with or without them, and never stale.

Every test compares the figures the book gives (from its derived rows) with the plain per-activity
computation over the history itself (tests/engine/stats_reference.py).
"""

from __future__ import annotations

import math
import os
import random
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cockpit import actions, config
from cockpit.demo import generate
from cockpit.engine.stats import compute, compute_rows, people_of, rows_of
from cockpit.model import Activity, Prospect
from cockpit.storage import Book
from cockpit.storage.derived import DERIVED_FILE

sys.path.insert(0, str(Path(__file__).parent / "engine"))
from stats_reference import reference  # noqa: E402

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)
ZONES = ("America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe", "America/St_Johns")
OUTCOMES = ("connected", "meeting", "voicemail", "no-answer", "callback", "gatekeeper", "wrong-number", "email",
            "not-interested", "break-up", "do-not-contact", "dead")


def figures(book: Book, rules, start=None, end=None):
    """What the book says (derived rows), without the suggestions (made from these figures either way)."""
    return replace(actions.stats(book, rules, NOW, start, end), suggestions=[])


def truth(book: Book, rules, start=None, end=None):
    """The plain computation over the history itself."""
    return reference(list(book.activities()), {p.id: p for p in book.prospects()}, rules, NOW, start, end)


def ordered(s):
    """The figures and the order of everything listed by count: equal dicts may list their keys in
    another order, and equal counts must come in the order first seen, as the reference has them."""
    return s, [list(d.items()) for d in (s.first_connect_attempts, s.meetings_by_attempt, s.funnel,
                                          s.days_to_meeting, s.lost_reasons)]


def remove(book: Book, activities: list[Activity]) -> None:
    """Remove activities as undo does: one journal line of removals."""
    with book._lock, book._store.writing():
        keys = [book._activity_key(a.id) for a in activities]
        book._store.commit([["activities", key, None] for key in keys if key is not None])


@pytest.fixture
def demo(tmp_path) -> Path:
    folder = tmp_path / "demo"
    generate(folder, 60, 7, NOW)
    return folder


@pytest.fixture
def demo_rules(demo):
    return config.load(demo).rules()


def history_loaded(book: Book) -> bool:
    return book._store._history_loaded


# ---- random logs ------------------------------------------------------------------------------

activity = st.tuples(
    st.integers(0, 8),                                    # prospect (p8 is not in the book)
    st.integers(0, 60 * 24 * 4 * 40),                     # quarter-minutes into 40 days: DST changes included
    st.sampled_from(OUTCOMES),
    st.sampled_from(("", "price", "timing", "budget")),
    st.sampled_from(("", "", "", "b1", "b2")),
    st.one_of(st.none(), st.floats(0, 600).map(lambda w: round(w, 1))),
    st.sampled_from(("", "", "cold-call", "web-lead")),   # the cadence it counts for; "": the one before
)
log = st.lists(activity, max_size=120)
people = st.lists(st.tuples(st.sampled_from(ZONES), st.sampled_from(("cold", "web", "referral")),
                            st.sampled_from(("", "hubspot")), st.sampled_from(("cold-call", "nurture"))),
                  min_size=8, max_size=8)
START = datetime(2026, 10, 20, tzinfo=timezone.utc)  # the clocks change on 25 Oct and 1 Nov in these zones


def make(log, people) -> tuple[list[Activity], dict[str, Prospect]]:
    prospects = {f"p{k}": Prospect(id=f"p{k}", name=f"P{k}", tz=tz, lead_type=lead, source=source, cadence=cadence)
                 for k, (tz, lead, source, cadence) in enumerate(people)}
    acts = [Activity(id=f"a{n}", prospect_id=f"p{p}", outcome=o, at=START + timedelta(seconds=15 * t), reason=r,
                     block=b, wrap_seconds=w, cadence=(cadence or [""])[0])
            for n, (p, t, o, r, b, w, *cadence) in enumerate(log)]
    return acts, prospects


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(log=log, people=people, window=st.tuples(st.integers(0, 45), st.integers(0, 45)), one=st.booleans())
def test_rows_give_the_figures_of_the_plain_computation(rules, log, people, window, one):
    if one:  # a single prospect: one run holds every row
        log = [(0, *rest) for _p, *rest in log]
    acts, prospects = make(log, people)
    first, last = sorted(window)
    start, end = date(2026, 10, 18) + timedelta(days=first), date(2026, 10, 18) + timedelta(days=last)
    for span in ((None, None), (start, end), (start, None), (None, end)):
        expected = ordered(reference(acts, prospects, rules, NOW, *span))
        assert ordered(replace(compute(acts, prospects, rules, NOW, *span), suggestions=[])) == expected
        shuffled = list(reversed(rows_of(acts)))  # any order in: the rows are sorted first
        assert ordered(replace(compute_rows(shuffled, people_of(prospects.values()), rules, NOW, *span),
                               suggestions=[])) == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(log=log, people=people, lost=st.sets(st.integers(0, 7), min_size=1))
def test_dials_of_prospects_in_an_unknown_zone_are_left_out_of_the_heat_map_only(rules, log, people, lost):
    """A zone the tz database does not know gives no local hour: those dials count everywhere but
    in the heat map (the reference has no such case: it is built from two of its answers)."""
    acts, prospects = make(log, people)
    nowhere = {pid: replace(p, tz="Nowhere/Atlantis") if int(pid[1:]) in lost else p for pid, p in prospects.items()}
    expected = reference(acts, prospects, rules, NOW)
    if expected.enough:
        without = reference(acts, {pid: p for pid, p in prospects.items() if int(pid[1:]) not in lost}, rules, NOW)
        expected = replace(expected, heat=without.heat)
    assert ordered(replace(compute(acts, nowhere, rules, NOW), suggestions=[])) == ordered(expected)


@pytest.mark.parametrize("seed", range(4))
def test_a_larger_log_with_wrap_ups_and_blocks_everywhere(rules, seed):
    """Thousands of rows with unrounded wrap-up times: averages are math.fsum, to the last bit."""
    rng = random.Random(seed)
    prospects = {f"p{k}": Prospect(id=f"p{k}", name="P", tz=rng.choice(ZONES), lead_type=rng.choice(("cold", "web")),
                                   source=rng.choice(("", "list", "—")), cadence=rng.choice(("cold-call", "nurture")))
                 for k in range(150)}
    acts = [Activity(id=f"a{n}", prospect_id=f"p{rng.randrange(160)}", outcome=rng.choice(OUTCOMES),
                     at=START + timedelta(seconds=rng.randrange(40 * 86400)), reason=rng.choice(("", "price", "timing")),
                     block=rng.choice(("", f"b{rng.randrange(30)}")),
                     wrap_seconds=rng.choice((None, rng.uniform(0, 900), rng.random() * 1e-3)))
            for n in range(4000)]
    for span in ((None, None), (date(2026, 10, 24), date(2026, 11, 2))):
        expected = ordered(reference(acts, prospects, rules, NOW, *span))
        assert ordered(replace(compute(acts, prospects, rules, NOW, *span), suggestions=[])) == expected


def test_equal_counts_come_in_the_order_first_seen_in_a_range_after_most_of_the_history(rules, tmp_path):
    """Prospects first seen late in the history (past the number of rows in the range) still order
    equal counts by when they were first seen: p9 (timing, web) before p1 (price, cold)."""
    old = [Activity(id=f"o{k}", prospect_id="p0", outcome="voicemail", at=START + timedelta(hours=k)) for k in range(100)]
    late = datetime(2026, 11, 2, 15, tzinfo=timezone.utc)
    recent = []
    for pid, reason in (("p9", "timing"), ("p1", "price")):
        recent += [Activity(id=f"{pid}v{k}", prospect_id=pid, outcome="voicemail", at=late + timedelta(days=k % 2, minutes=k))
                   for k in range(12)]
        recent += [Activity(id=f"{pid}m", prospect_id=pid, outcome="meeting", at=late + timedelta(days=1, hours=2)),
                   Activity(id=f"{pid}x", prospect_id=pid, outcome="not-interested", reason=reason,
                            at=late + timedelta(days=1, hours=3))]
    prospects = {pid: Prospect(id=pid, name=pid, tz=ZONES[0], lead_type=lead, cadence="cold-call")
                 for pid, lead in (("p0", "cold"), ("p9", "web"), ("p1", "cold"))}
    acts, span = old + recent, (date(2026, 11, 1), None)
    expected = ordered(reference(acts, prospects, rules, NOW, *span))
    assert list(expected[0].lost_reasons) == ["timing", "price"] and list(expected[0].days_to_meeting) == ["web", "cold"]
    assert ordered(replace(compute(acts, prospects, rules, NOW, *span), suggestions=[])) == expected
    with Book(tmp_path / "late") as book:
        book.add(prospects.values())
        book.add_activities(acts)
        assert ordered(figures(book, rules, *span)) == ordered(truth(book, rules, *span))


def test_an_empty_log_and_an_empty_range(rules, tmp_path):
    for span in ((None, None), (date(2026, 10, 20), date(2026, 10, 21))):
        assert replace(compute([], {}, rules, NOW, *span), suggestions=[]) == reference([], {}, rules, NOW, *span)
    acts, prospects = make([(0, 60 * k, "voicemail", "", "", 12.5) for k in range(40)], [ZONES[0:1] * 4] * 8)
    empty = (date(2027, 1, 1), None)
    assert replace(compute(acts, prospects, rules, NOW, *empty), suggestions=[]) == reference(acts, prospects, rules,
                                                                                               NOW, *empty)
    with Book(tmp_path / "empty") as book:  # no activity at all: the file holds no rows
        book.add(prospects.values())
        assert figures(book, rules) == truth(book, rules)
    with Book(tmp_path / "empty") as book:
        got = figures(book, rules)
        assert not history_loaded(book)  # read from the file
        assert got == truth(book, rules)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(log=log, people=people, cut=st.integers(0, 120), dropped=st.sets(st.integers(0, 119), max_size=30),
       gone=st.integers(0, 8), window=st.tuples(st.integers(0, 45), st.integers(0, 45)))
def test_the_book_gives_the_same_figures_with_and_without_its_derived_rows(rules, log, people, cut, dropped, gone,
                                                                            window):
    acts, prospects = make(log, people)
    first, last = sorted(window)
    span = (date(2026, 10, 18) + timedelta(days=first), date(2026, 10, 18) + timedelta(days=last))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "book"
        with Book(folder) as book:
            book.add(prospects.values())
            book.add_activities(acts[:cut])
            assert ordered(figures(book, rules)) == ordered(truth(book, rules))  # built from the history, then written
            book.add_activities(acts[cut:])  # journal lines past the stamp
            assert ordered(figures(book, rules)) == ordered(truth(book, rules))
            assert ordered(figures(book, rules, *span)) == ordered(truth(book, rules, *span))
        with Book(folder) as fresh:  # another process: the file plus the journal
            assert (folder / DERIVED_FILE).exists()
            assert ordered(figures(fresh, rules)) == ordered(reference(acts, prospects, rules, NOW))
            assert not history_loaded(fresh)
            # removals as undo makes them, some rows and every row of one prospect, read from the journal
            remove(fresh, [a for n, a in enumerate(acts) if n in dropped or a.prospect_id == f"p{gone}"])
            assert ordered(figures(fresh, rules)) == ordered(truth(fresh, rules))
            assert ordered(figures(fresh, rules, *span)) == ordered(truth(fresh, rules, *span))
        with Book(folder) as again:  # the file as it was written, and the additions and removals since
            assert ordered(figures(again, rules)) == ordered(truth(again, rules))


@pytest.mark.parametrize("few", [0, 4096])
def test_changes_are_merged_into_the_columns_grouped_by_prospect_in_time_order(monkeypatch, few):
    """Rows of the prospects the changes touch are taken out and put back sorted, by slices (few
    moved rows) or through a mask (many): the same columns either way, and the same as sorting all."""
    from cockpit.engine.stats import columns_of
    from cockpit.storage import derived

    monkeypatch.setattr(derived, "FEW_MOVED", few)
    rng = random.Random(5)
    rows = [(f"p{rng.randrange(40)}", rng.randrange(10**6), n, rng.choice(OUTCOMES), rng.choice(("", "price")),
             rng.choice(("", "b1")), rng.choice((None, rng.random())), rng.choice(("", "web-lead")))
            for n in range(1, 3000)]
    table = sorted(rows[:2000])
    merged = derived.DerivedRows(None, columns_of(table))
    removed = {row[2] for row in rng.sample(table, 300)} | {row[2] for row in table if row[0] == "p7"}
    merged.changes = {n: None for n in removed}
    merged.changes.update({row[2]: row for row in rows[2000:] + [("new", 5, 9999, "email", "", "", 3.5, "stalled")]})
    expected = sorted(row for row in rows + [("new", 5, 9999, "email", "", "", 3.5, "stalled")] if row[2] not in removed)
    columns = merged.columns()
    got = zip([columns.prospects[p] for p in columns.prospect.tolist()], columns.at.tolist(), columns.seq.tolist(),
              strict=True)
    assert sorted(got) == [row[:3] for row in expected]
    runs = [columns.prospects[p] for p in columns.prospect.tolist()]
    assert len(set(runs)) == len([p for k, p in enumerate(runs) if k == 0 or runs[k - 1] != p])  # grouped
    for k in range(1, len(runs)):
        if runs[k] == runs[k - 1]:
            assert (columns.at[k - 1], columns.seq[k - 1]) < (columns.at[k], columns.seq[k])  # in time order
    by_seq = {row[2]: row for row in expected}
    for k, seq in enumerate(columns.seq.tolist()):
        p, at, _, outcome, reason, block, wrap, cadence = by_seq[seq]
        assert (columns.outcomes[columns.outcome[k]], columns.reasons[columns.reason[k]],
                columns.blocks[columns.block[k]], columns.cadences[columns.cadence[k]]) == (outcome, reason, block, cadence)
        assert (wrap is None and math.isnan(columns.wrap[k])) or columns.wrap[k] == wrap


# ---- what must invalidate them ----------------------------------------------------------------

def test_a_logged_outcome_and_its_undo_show_at_once(demo, demo_rules):
    with Book(demo) as book:
        before = figures(book, demo_rules)
        pid = next(p.id for p in book.prospects() if p.status in ("new", "working") and p.phone)
        actions.log(book, demo_rules, pid, "voicemail", NOW)
        logged = figures(book, demo_rules)
        assert logged.total.dials == before.total.dials + 1
        assert logged.total.voicemails == before.total.voicemails + 1
        assert logged == truth(book, demo_rules)
        assert actions.undo_last(book) is not None  # undo deletes the activity
        assert figures(book, demo_rules) == before == truth(book, demo_rules)


def test_another_process_writing_the_book_is_seen(demo, demo_rules):
    with Book(demo) as mine, Book(demo) as theirs:
        before = figures(mine, demo_rules)
        pid = next(p.id for p in theirs.prospects() if p.status in ("new", "working") and p.phone)
        actions.log(theirs, demo_rules, pid, "meeting", NOW, when=NOW + timedelta(days=2))
        after = figures(mine, demo_rules)
        assert after.total.meetings == before.total.meetings + 1
        assert after == truth(mine, demo_rules)
        actions.undo_last(theirs)
        assert figures(mine, demo_rules) == before


def test_another_process_checkpointing_is_seen(demo, demo_rules):
    with Book(demo) as mine, Book(demo) as theirs:
        figures(mine, demo_rules)
        pid = next(p.id for p in theirs.prospects() if p.status in ("new", "working") and p.phone)
        actions.log(theirs, demo_rules, pid, "connected", NOW)
        theirs._store.checkpoint()  # a new history.json and an empty journal
        assert figures(mine, demo_rules) == truth(mine, demo_rules)


def test_a_checkpoint_rolls_the_rows_forward_so_the_next_reader_does_not_reread_history(demo, demo_rules):
    with Book(demo) as book:
        figures(book, demo_rules)
        pid = next(p.id for p in book.prospects() if p.status in ("new", "working") and p.phone)
        actions.log(book, demo_rules, pid, "no-answer", NOW)
        book._store.checkpoint()
        expected = truth(book, demo_rules)
    with Book(demo) as fresh:
        assert figures(fresh, demo_rules) == expected
        assert not history_loaded(fresh)  # the rows were written for the new history.json
        actions.undo_last(fresh)  # removes an activity that is now in the written rows
        assert figures(fresh, demo_rules) == truth(fresh, demo_rules)
        assert figures(fresh, demo_rules).total.dials == expected.total.dials - 1


def test_a_bulk_write_that_skips_the_journal_is_not_missed(demo, demo_rules):
    with Book(demo) as book:
        figures(book, demo_rules)
        pid = book.prospects()[0].id
        bulk = [Activity(id=f"bulk{n}", prospect_id=pid, outcome="no-answer", at=NOW - timedelta(minutes=n))
                for n in range(2500)]  # past BULK_OPS: checkpointed directly, never a journal line
        book.add_activities(bulk)
        assert figures(book, demo_rules) == truth(book, demo_rules)
    with Book(demo) as fresh:
        assert figures(fresh, demo_rules) == truth(fresh, demo_rules)


def test_a_history_replaced_under_the_same_name_is_not_trusted(demo, demo_rules, tmp_path):
    """doctor --restore brings back other files: the stamp no longer matches, the rows are rebuilt."""
    other = tmp_path / "other"
    generate(other, 30, 11, NOW)
    with Book(demo) as book:
        figures(book, demo_rules)
    for name in ("book.json", "history.json", "journal.jsonl"):
        (demo / name).write_bytes((other / name).read_bytes())
    with Book(demo) as book:
        assert figures(book, demo_rules) == truth(book, demo_rules)


# ---- the file -----------------------------------------------------------------------------------

@pytest.mark.parametrize("damage", ["garbage", "cut", "flipped", "other byte order", "older format"])
def test_a_damaged_file_is_rebuilt_silently(demo, demo_rules, damage):
    with Book(demo) as book:
        expected = figures(book, demo_rules)
    path = demo / DERIVED_FILE
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"\x00" * 100)
    elif damage == "cut":
        path.write_bytes(data[: len(data) - 7])
    elif damage == "flipped":
        path.write_bytes(data[:-5] + bytes([data[-5] ^ 1]) + data[-4:])
    elif damage == "older format":
        path.write_bytes(data.replace(b"cockpit-derived-activities 3\n", b"cockpit-derived-activities 2\n", 1))
    else:
        swapped = b'"big"' if b'"little"' in data else b'"little"'
        path.write_bytes(data.replace(b'"little"', swapped).replace(b'"big"', swapped, 1))
    with Book(demo) as book:
        assert figures(book, demo_rules) == expected
    with Book(demo) as book:
        assert figures(book, demo_rules) == expected
        assert not history_loaded(book)  # rewritten whole


def test_the_file_is_private_and_written_whole(demo, demo_rules):
    with Book(demo) as book:
        figures(book, demo_rules)
    path = demo / DERIVED_FILE
    assert path.stat().st_mode & 0o777 == 0o600
    assert not [p.name for p in demo.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_book_still_gives_figures(demo, demo_rules):
    from cockpit.storage.derived import load

    with Book(demo) as book:
        expected = figures(book, demo_rules)
    (demo / DERIVED_FILE).unlink()
    demo.chmod(0o500)
    try:
        with Book(demo, create=False) as book:
            assert figures(book, demo_rules) == expected
    finally:
        demo.chmod(0o700)
    assert load(demo) is None  # nothing could be written, and nothing failed


@pytest.mark.parametrize("zone", ZONES)
def test_days_on_which_the_clocks_change_file_each_call_under_its_own_hour(rules, zone):
    """Offsets are looked up once per zone and day, except on the days the clocks change (25 Oct and
    1 Nov 2026 in New York and London, 4 Oct on Lord Howe): there each call is converted by itself."""
    prospects = {"p": Prospect(id="p", name="P", tz=zone)}
    acts = []
    for day in (date(2026, 10, 3), date(2026, 10, 4), date(2026, 10, 25), date(2026, 11, 1)):
        midnight = datetime(day.year, day.month, day.day, tzinfo=timezone.utc) - timedelta(hours=14)
        acts += [Activity(id=f"{day}-{k}", prospect_id="p", outcome="connected" if k % 11 < 3 else "voicemail",
                          at=midnight + timedelta(minutes=15 * k)) for k in range(4 * 40)]
    expected = reference(acts, prospects, rules, NOW)
    assert expected.enough
    assert replace(compute(acts, prospects, rules, NOW), suggestions=[]) == expected


def test_people_reads_the_index_as_prospects_are_read_from_their_documents(tmp_path):
    with Book(tmp_path / "b") as book:
        book.add([Prospect(id="a", name="A", cadence="", lead_type=""), Prospect(id="b", name="B", tz="Europe/Paris"),
                  Prospect(id="c", name="C", lead_type="web", source="site", cadence="web-lead")])
        assert book.people() == people_of(book.prospects())


def test_a_temp_file_left_by_a_process_that_died_mid_write_is_removed_by_the_next_write(demo, demo_rules):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    orphan = demo / f".{DERIVED_FILE}.{dead}.tmp"
    alive = demo / f".{DERIVED_FILE}.{os.getppid()}.tmp"  # a process still writing its own: left alone
    orphan.write_bytes(b"half a file")
    alive.write_bytes(b"being written")
    (demo / DERIVED_FILE).unlink(missing_ok=True)
    with Book(demo) as book:
        actions.stats(book, demo_rules, NOW)  # rebuilds the rows and writes the file
    assert (demo / DERIVED_FILE).exists()
    assert not orphan.exists() and alive.exists()
