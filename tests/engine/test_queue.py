"""Today's list: priority order with a reason, overdue oldest first, break-ups apart, closed never."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest
from dateutil import tz as dtz
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cockpit.config import Config, builtin_cadences
from cockpit.engine import queue
from cockpit.engine.outcomes import OUTCOMES, MissingDetail, OutcomeRefused, apply_outcome, new_prospect
from cockpit.model import NextStep, Prospect

PHONE = "+12125550100"  # a working number: a prospect without one is researched, not called
NY = "America/New_York"


def at(y, mo, d, h, mi=0, z=NY) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=dtz.gettz(z)).astimezone(timezone.utc)


def make(pid, rules, when, **kw):
    return new_prospect(Prospect(phones=(PHONE,), id=pid, name=kw.pop("name", pid), tz=kw.pop("tz", NY), **kw), when, rules)


def due(p, moment, channel="call", **kw):
    return replace(p, next_step=NextStep(channel, moment, kw.pop("reason", "r"), **kw))


@pytest.fixture
def book(rules, now):
    """One prospect per rank, all due today (Mon 23 Nov, 10:00 New York)."""
    earlier = now - timedelta(days=3)
    web = make("web", rules, now - timedelta(minutes=2), lead_type="web")
    overdue_old = due(apply_outcome(make("old", rules, earlier), "voicemail", earlier, rules).prospect,
                      now - timedelta(days=2))
    overdue_new = due(apply_outcome(make("late", rules, earlier), "voicemail", earlier, rules).prospect,
                      now - timedelta(hours=1))
    met = apply_outcome(make("meet", rules, earlier), "meeting", earlier, rules, when=at(2026, 11, 24, 14)).prospect
    engaged = due(apply_outcome(make("eng", rules, earlier), "connected", earlier, rules).prospect, at(2026, 11, 23, 15))
    working = due(apply_outcome(make("work", rules, earlier), "voicemail", earlier, rules).prospect, at(2026, 11, 23, 11), step=2)
    nurture = due(apply_outcome(make("nur", rules, earlier), "not-interested", earlier, rules, reason="price").prospect,
                  at(2026, 11, 23, 12))
    return [nurture, working, engaged, met, overdue_new, overdue_old, web]


def test_priority_order_speed_overdue_confirm_engaged_working_nurture(book, rules, now):
    agenda = queue.build(book, now, rules)
    assert [i.prospect.id for i in agenda.today] == ["web", "old", "late", "meet", "eng", "work", "nur"]
    assert [i.rank for i in agenda.today] == [queue.SPEED_TO_LEAD, queue.OVERDUE, queue.OVERDUE, queue.CONFIRM,
                                              queue.ENGAGED, queue.WORKING, queue.NURTURE]


def test_each_item_carries_a_reason(book, rules, now):
    reasons = {i.prospect.id: i.reason for i in queue.build(book, now, rules).today}
    assert all(reasons.values())
    assert "web lead" in reasons["web"] and "5 minutes" in reasons["web"]
    assert reasons["old"].startswith("overdue by 2 d")
    assert "confirm the meeting" in reasons["meet"]
    assert reasons["eng"].startswith("engaged")
    assert reasons["work"].startswith("attempt 2 of 8")
    assert reasons["nur"].startswith("nurture")


def test_overdue_oldest_first_with_how_late(book, rules, now):
    agenda = queue.build(book, now, rules)
    # the web lead added 2 minutes ago is late too (but stays first in today, as speed to lead)
    assert [i.prospect.id for i in agenda.overdue] == ["old", "late", "web"]
    assert [i.late_by for i in agenda.overdue] == [timedelta(days=2), timedelta(hours=1), timedelta(minutes=2)]


@pytest.mark.parametrize("final", ["do-not-contact", "dead"])
def test_closed_prospects_are_never_in_any_list(book, rules, now, final):
    closed = [apply_outcome(p, final, now, rules).prospect for p in book]
    # even with a stale next step left on them, they stay out
    stale = [due(p, now - timedelta(hours=1)) for p in closed] + [due(closed[0], now, channel="break-up")]
    for prospects in (closed, stale):
        agenda = queue.build(prospects, now, rules)
        assert agenda.today == [] and agenda.overdue == [] and agenda.breakups == []


def test_pending_break_ups_are_in_breakups_not_today(book, rules, now):
    p = make("bu", rules, now - timedelta(days=30))
    t = now - timedelta(days=30)
    while p.next_step.channel != "break-up":
        t = max(t, p.next_step.due) + timedelta(minutes=1)
        p = apply_outcome(p, "voicemail", t, rules).prospect
    p = due(p, now - timedelta(hours=2), channel="break-up")
    agenda = queue.build(book + [p], now, rules)
    assert [i.prospect.id for i in agenda.breakups] == ["bu"]
    assert "bu" not in [i.prospect.id for i in agenda.today]
    assert "bu" not in [i.prospect.id for i in agenda.overdue]


def test_steps_due_after_the_day_are_not_in_today(rules, now):
    p = due(make("later", rules, now), at(2026, 11, 24, 9))
    assert queue.build([p], now, rules).today == []
    assert [i.prospect.id for i in queue.build([p], now, rules, day=date(2026, 11, 24)).today] == ["later"]


def test_a_web_lead_added_outside_the_window_is_first_at_the_opening(book, rules):
    saturday = at(2026, 11, 21, 11)
    lead = make("sat", rules, saturday, lead_type="web")
    assert lead.next_step.due == at(2026, 11, 23, 9)
    monday = at(2026, 11, 23, 9, 5)
    others = [p for p in book if p.id != "web"]
    agenda = queue.build(others + [lead], monday, rules)
    assert agenda.today[0].prospect.id == "sat"
    assert agenda.today[0].rank == queue.SPEED_TO_LEAD
    # and it is first even before the opening, when nothing is callable yet
    sunday = at(2026, 11, 22, 20)
    early = queue.build(others + [lead], sunday, rules, day=date(2026, 11, 23))
    assert early.today[0].prospect.id == "sat"


def test_a_nurture_recontact_appears_in_today_on_its_date(rules, now):
    p = apply_outcome(make("n", rules, now), "not-interested", now, rules, reason="timing").prospect
    recontact = p.next_step.due
    day = rules.calendar.local(recontact, rules.rep_tz).date()
    assert day == date(2027, 5, 24)
    morning = at(2027, 5, 24, 8)
    agenda = queue.build([p], morning, rules)
    assert [i.prospect.id for i in agenda.today] == ["n"]
    assert agenda.today[0].rank == queue.NURTURE
    assert queue.build([p], at(2027, 5, 21, 16), rules).today == []  # the business day before: not yet


def test_callable_now_follows_the_prospects_window(rules, now):
    ny = make("ny", rules, now)
    la = make("la", rules, now, tz="America/Los_Angeles")
    la = due(la, now)
    items = {i.prospect.id: i for i in queue.build([ny, la], now, rules).today}
    assert items["ny"].callable_now and not items["la"].callable_now
    assert items["la"].local_time.hour == 7


def test_explain_empty(rules, now):
    assert "nothing due and nothing scheduled" in queue.explain_empty([], queue.build([], now, rules), rules)
    p = due(make("x", rules, now), at(2026, 11, 25, 10))
    assert "nothing due today" in queue.explain_empty([p], queue.build([p], now, rules), rules)


@pytest.mark.parametrize("delta, text", [
    (timedelta(minutes=12), "12 min"), (timedelta(hours=2), "2 h"), (timedelta(hours=2, minutes=10), "2 h 10 min"),
    (timedelta(days=2), "2 d"), (timedelta(days=2, hours=3), "2 d 3 h"),
])
def test_humanize(delta, text):
    assert queue.humanize(delta) == text


# ---- one prospect placed again (what a keypress does) against the whole list built again ----------

PLACE_RULES = Config(timezone=NY, cadences=builtin_cadences()).rules()
PLACE_NOW = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)
ZONES = (NY, "Europe/London", "Asia/Kolkata", "America/Los_Angeles")
a_prospect = st.tuples(
    st.sampled_from(ZONES), st.sampled_from(("cold", "web")),
    st.integers(min_value=-7 * 24 * 60, max_value=-1),   # created this many minutes before now
    st.lists(st.tuples(st.sampled_from(tuple(OUTCOMES)), st.integers(min_value=1, max_value=3 * 24 * 60)), max_size=6),
    st.integers(min_value=-3 * 24 * 60, max_value=24 * 60),  # the next step moved to now + this many minutes
)


def grow(n: int, spec) -> Prospect:
    zone, lead, created, outcomes, due_shift = spec
    when = PLACE_NOW + timedelta(minutes=created)
    p = new_prospect(Prospect(phones=(PHONE,), id=f"p{n}", name=f"P {n % 3}", tz=zone, lead_type=lead), when, PLACE_RULES)
    for outcome, gap in outcomes:
        when = min(when + timedelta(minutes=gap), PLACE_NOW)
        try:
            p = apply_outcome(p, outcome, when, PLACE_RULES, reason="price", when=when + timedelta(days=1)).prospect
        except (OutcomeRefused, MissingDetail):
            pass
    if p.next_step is not None and due_shift % 2:
        p = replace(p, next_step=replace(p.next_step, due=(PLACE_NOW + timedelta(minutes=due_shift)).replace(microsecond=0)))
    return p


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs=st.lists(a_prospect, min_size=1, max_size=25), pick=st.integers(min_value=0),
       change=a_prospect)
def test_placing_one_prospect_again_is_building_the_list_again(specs, pick, change):
    prospects = [grow(n, spec) for n, spec in enumerate(specs)]
    agenda = queue.build(prospects, PLACE_NOW, PLACE_RULES)
    k = pick % len(prospects)
    changed = replace(grow(k, change), id=prospects[k].id)  # the same prospect, in another state
    prospects[k] = changed
    expected = queue.build(prospects, PLACE_NOW, PLACE_RULES)
    got = queue.placed(agenda, changed, PLACE_RULES)
    assert got == expected  # today, overdue and break-ups, each in its order
    assert got.where == expected.where


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs=st.lists(a_prospect, min_size=1, max_size=25))
def test_callable_now_comes_first_keeping_the_priority_within_each_group(specs):
    agenda = queue.build([grow(n, spec) for n, spec in enumerate(specs)], PLACE_NOW, PLACE_RULES)
    flags = [i.callable_now for i in agenda.today]
    assert flags == sorted(flags, reverse=True)  # every callable one above every one who waits
    for group in (True, False):
        items = [i for i in agenda.today if i.callable_now is group]
        ranks = [(i.rank, i.prospect.next_step.due) for i in items]
        assert ranks == sorted(ranks)


def test_a_prospect_in_the_night_waits_below_a_callable_one_of_lower_rank(rules, now):
    sydney = due(make("syd", rules, now, tz="Australia/Sydney"), now - timedelta(hours=2))  # overdue, 04:00 there
    ny = due(make("ny", rules, now), now + timedelta(hours=1))  # working, callable now
    agenda = queue.build([sydney, ny], now, rules)
    assert [(i.prospect.id, i.callable_now) for i in agenda.today] == [("ny", True), ("syd", False)]
    assert agenda.today[1].rank < agenda.today[0].rank  # higher priority, but waiting for their morning


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs=st.lists(a_prospect, min_size=1, max_size=25), shown=st.integers(min_value=0, max_value=30))
def test_an_overdue_prospect_is_shown_once_in_today_or_in_the_overdue_pane(specs, shown):
    agenda = queue.build([grow(n, spec) for n, spec in enumerate(specs)], PLACE_NOW, PLACE_RULES)
    listed = [i.prospect.id for i in agenda.today[:shown]]
    apart = [i.prospect.id for i in queue.overdue_apart(agenda, shown)]
    assert not set(listed) & set(apart)
    assert sorted(set(listed) & {i.prospect.id for i in agenda.overdue} | set(apart)) == \
        sorted(i.prospect.id for i in agenda.overdue)
    assert apart == [i.prospect.id for i in agenda.overdue if i.prospect.id in apart]  # oldest first still
