"""Stats' derived rows (storage/derived.py): the same figures with or without them, and never stale.

Every test compares the figures the book gives (from its derived rows) with the plain per-activity
computation over the history itself (tests/engine/stats_reference.py).
"""

from __future__ import annotations

import os
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
)
log = st.lists(activity, max_size=120)
people = st.lists(st.tuples(st.sampled_from(ZONES), st.sampled_from(("cold", "web")),
                            st.sampled_from(("", "hubspot")), st.sampled_from(("cold-call", "nurture"))),
                  min_size=8, max_size=8)
START = datetime(2026, 10, 20, tzinfo=timezone.utc)  # the clocks change on 25 Oct and 1 Nov in these zones


def make(log, people) -> tuple[list[Activity], dict[str, Prospect]]:
    prospects = {f"p{k}": Prospect(id=f"p{k}", name=f"P{k}", tz=tz, lead_type=lead, source=source, cadence=cadence)
                 for k, (tz, lead, source, cadence) in enumerate(people)}
    acts = [Activity(id=f"a{n}", prospect_id=f"p{p}", outcome=o, at=START + timedelta(seconds=15 * t), reason=r,
                     block=b, wrap_seconds=w) for n, (p, t, o, r, b, w) in enumerate(log)]
    return acts, prospects


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(log=log, people=people, window=st.tuples(st.integers(0, 45), st.integers(0, 45)))
def test_rows_give_the_figures_of_the_plain_computation(rules, log, people, window):
    acts, prospects = make(log, people)
    first, last = sorted(window)
    start, end = date(2026, 10, 18) + timedelta(days=first), date(2026, 10, 18) + timedelta(days=last)
    for span in ((None, None), (start, end), (start, None)):
        expected = reference(acts, prospects, rules, NOW, *span)
        assert replace(compute(acts, prospects, rules, NOW, *span), suggestions=[]) == expected
        shuffled = list(reversed(rows_of(acts)))  # any order in: the rows are sorted first
        assert replace(compute_rows(shuffled, people_of(prospects.values()), rules, NOW, *span),
                       suggestions=[]) == expected


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(log=log, people=people, cut=st.integers(0, 120))
def test_the_book_gives_the_same_figures_with_and_without_its_derived_rows(rules, log, people, cut):
    acts, prospects = make(log, people)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "book"
        with Book(folder) as book:
            book.add(prospects.values())
            book.add_activities(acts[:cut])
            assert figures(book, rules) == truth(book, rules)  # built from the history, then written
            book.add_activities(acts[cut:])  # journal lines past the stamp
            assert figures(book, rules) == truth(book, rules)
        with Book(folder) as fresh:  # another process: the file plus the journal
            assert (folder / DERIVED_FILE).exists()
            assert figures(fresh, rules) == reference(acts, prospects, rules, NOW)
            assert not history_loaded(fresh)


# ---- what must invalidate them ----------------------------------------------------------------

def test_a_logged_outcome_and_its_undo_show_at_once(demo, demo_rules):
    with Book(demo) as book:
        before = figures(book, demo_rules)
        pid = next(p.id for p in book.prospects() if p.status in ("new", "working"))
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
        pid = next(p.id for p in theirs.prospects() if p.status in ("new", "working"))
        actions.log(theirs, demo_rules, pid, "meeting", NOW, when=NOW + timedelta(days=2))
        after = figures(mine, demo_rules)
        assert after.total.meetings == before.total.meetings + 1
        assert after == truth(mine, demo_rules)
        actions.undo_last(theirs)
        assert figures(mine, demo_rules) == before


def test_another_process_checkpointing_is_seen(demo, demo_rules):
    with Book(demo) as mine, Book(demo) as theirs:
        figures(mine, demo_rules)
        pid = next(p.id for p in theirs.prospects() if p.status in ("new", "working"))
        actions.log(theirs, demo_rules, pid, "connected", NOW)
        theirs._store.checkpoint()  # a new history.json and an empty journal
        assert figures(mine, demo_rules) == truth(mine, demo_rules)


def test_a_checkpoint_rolls_the_rows_forward_so_the_next_reader_does_not_reread_history(demo, demo_rules):
    with Book(demo) as book:
        figures(book, demo_rules)
        pid = next(p.id for p in book.prospects() if p.status in ("new", "working"))
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

@pytest.mark.parametrize("damage", ["garbage", "cut", "flipped", "other byte order"])
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
