"""Two months of a rep's calling, driven through the book: the selling rules hold after every step.

A US rep (New York) calls prospects in ten countries, two of them on numbers that leave several
zones (+1 907 is Anchorage or Adak; +61 8 Perth or Adelaide; an Australian mobile anywhere in
Australia). Over November and December 2026 (Thanksgiving, Christmas, Boxing Day, New Year) the rep
logs random outcomes on whoever is due, takes a week off, books meetings and logs how they went,
and now and then someone asks never to be called again. After every step, for every prospect:

- an active prospect has exactly one next step; a closed one has none;
- a step Cockpit picked itself is inside the calling window of every zone the number leaves open,
  on a business day there: not a weekend, not a public holiday of the prospect's own country or of
  the book's, not one of the rep's days off (times the prospect agreed to aside, with a warning;
  "confirm their time zone first" when those windows never meet);
- the day a voicemail promised is the day that was scheduled;
- no do-not-contact number or address is callable, and adding it again is refused.

The checks ask the `holidays` package and each zone's clock directly, not the calendar under test.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone
from functools import cache
from zoneinfo import ZoneInfo

import holidays as holidays_lib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cockpit import actions, config
from cockpit.engine import card, voicemail
from cockpit.engine.location import location_of
from cockpit.engine.meetings import started
from cockpit.engine.outcomes import MissingDetail, OutcomeRefused
from cockpit.model import Prospect
from cockpit.storage import Book

REP_TZ, BOOK_COUNTRY = "America/New_York", "US"
START = datetime(2026, 11, 2, 14, tzinfo=timezone.utc)  # Monday 09:00 in New York
DAYS = 61
WINDOW = (time(9), time(17))
LEGAL = (time(8), time(21))
PEOPLE = [  # name, company, phone, e-mail: ten countries
    ("Ava Reed", "Northwind", "+1 212 555 0101", "ava@northwind.example"),
    ("Liam Ortiz", "Bluebird", "+1 415 555 0102", ""),
    ("Noah Tallis", "Polar Freight", "+1 907 555 0103", "noah@polar.example"),  # Anchorage or Adak
    ("Chloe Martin", "Maple Data", "+1 416 555 0104", ""),
    ("Oliver Hughes", "Thames Works", "+44 20 7946 0105", "oliver@thames.example"),
    ("Lena Fischer", "Rhein Logistik", "+49 30 123456", ""),
    ("Camille Roux", "Seine Conseil", "+33 1 42 68 53 07", "camille@seine.example"),
    ("Priya Nair", "Deccan Soft", "+91 22 2345 6108", ""),
    ("Jack Wilson", "Swan Mining", "+61 8 9234 5109", "jack@swan.example"),  # Perth or Adelaide
    ("Mia Brown", "Harbour Retail", "+61 412 345 110", ""),  # anywhere in Australia
    ("Yuki Sato", "Kanto Denki", "+81 3 1234 5111", ""),
    ("Lucas Silva", "Paulista Agro", "+55 11 2345 6112", "lucas@paulista.example"),
]
OUTCOME_WEIGHTS = {"voicemail": 30, "no-answer": 20, "email": 8, "connected": 8, "callback": 5, "meeting": 6,
                   "gatekeeper": 3, "wrong-number": 2, "not-interested": 4, "break-up": 3, "do-not-contact": 2,
                   "dead": 1, "held": 4, "no-show": 2}
ZONE_FIRST = "confirm their time zone first"


@cache
def public_holidays(country: str, year: int) -> frozenset[date]:
    try:
        return frozenset(holidays_lib.country_holidays(country, years=year))
    except NotImplementedError:
        return frozenset()


def off_days(days_off: frozenset[date], country: str, day: date) -> bool:
    return day in days_off or day in public_holidays(BOOK_COUNTRY, day.year) or (
        bool(country) and day in public_holidays(country, day.year))


def problems_with_step(p: Prospect, days_off: frozenset[date]) -> list[str]:
    """Where a step Cockpit picked breaks the rules (an empty list when it keeps them)."""
    step, where = p.next_step, location_of(p)
    if step.agreed or step.channel == "debrief":  # their own time; the rep's own note after a meeting
        return []
    if step.channel == "confirm":  # a meeting's confirmation: before it, at a legal hour
        local = step.due.astimezone(ZoneInfo(p.tz)).time()
        return [] if step.due < p.meeting_at and LEGAL[0] <= local < LEGAL[1] else [f"confirm at {local}"]
    found = []
    for name in where.zones:
        local = step.due.astimezone(ZoneInfo(name))
        if local.weekday() >= 5 or off_days(days_off, where.country, local.date()):
            found.append(f"{step.channel} on {local:%a %d %b} in {name}: not a business day there")
        elif not WINDOW[0] <= local.time() < WINDOW[1] and not step.reason.startswith(ZONE_FIRST):
            found.append(f"{step.channel} at {local:%a %H:%M} in {name}: outside the calling window")
    return found


def check_book(book: Book, days_off: frozenset[date], blocked_phones: set[str], blocked_emails: set[str]) -> None:
    for p in book.prospects():
        if not p.active:
            assert p.next_step is None, f"{p.name} is {p.status} and still has a step"
            continue
        assert p.next_step is not None, f"{p.name} ({p.status}) has no next step"
        assert not problems_with_step(p, days_off), (p.name, p.tz, location_of(p), p.next_step,
                                                    problems_with_step(p, days_off))
        assert not set(p.phones) & blocked_phones, f"{p.name} is callable on a do-not-contact number"
        assert not (p.email and p.email.casefold() in blocked_emails), f"{p.name} has a do-not-contact address"


def details(outcome: str, p: Prospect, now: datetime, rng: random.Random) -> dict:
    if outcome in ("meeting", "callback"):
        local = now.astimezone(ZoneInfo(p.tz)) + timedelta(days=rng.randint(1, 6))
        return {"when": local.replace(hour=rng.choice((8, 10, 14, 16, 19)), minute=0, second=0, microsecond=0)}
    if outcome == "not-interested":
        return {"reason": rng.choice(("price", "timing", "vendor", "other")), "note": "they build it in-house"}
    if outcome in ("connected", "gatekeeper"):
        return {"note": "talked about their goals" if outcome == "connected" else "ask for the head of ops"}
    return {}


def simulate(folder, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    (folder / "cockpit.toml").parent.mkdir(parents=True, exist_ok=True)
    (folder / "cockpit.toml").write_text(f'timezone = "{REP_TZ}"\ncountry = "{BOOK_COUNTRY}"\n', encoding="utf-8")
    rules = config.load(folder).rules()
    seen: dict[str, int] = {}
    blocked_phones: set[str] = set()
    blocked_emails: set[str] = set()
    away_from = (START + timedelta(days=rng.randint(10, 40))).date()
    with Book(folder) as book:
        for name, company, phone, email in PEOPLE:
            actions.add(book, actions.build_prospect(rules, START, name=name, company=company, phones=[phone],
                                                     email=email))
        assert len({location_of(p).country for p in book.prospects()}) >= 8
        assert sum(not location_of(p).certain for p in book.prospects()) >= 3
        now, days_off = START, frozenset(config.load(folder).holidays)
        check_book(book, days_off, blocked_phones, blocked_emails)
        while now < START + timedelta(days=DAYS):
            now += timedelta(minutes=rng.choice((20, 45, 90, 180, 600)))
            if now.date() == away_from and not days_off:
                actions.away(book, rules, away_from + timedelta(days=1), away_from + timedelta(days=7))
                rules = config.load(folder).rules()  # as the next command or the screen reads it
                days_off = frozenset(config.load(folder).holidays)
                seen["away"] = 1
                check_book(book, days_off, blocked_phones, blocked_emails)
            due = [p for p in book.due(now) if p.active]
            if not due:
                continue
            p = rng.choice(due)
            outcome = rng.choices(list(OUTCOME_WEIGHTS), weights=list(OUTCOME_WEIGHTS.values()))[0]
            if p.meeting_at is not None and started(p, now) and p.status == "meeting":
                outcome = rng.choice(("held", "held", "no-show"))
            promise = None
            if outcome == "voicemail":
                shown = card.build(p, book.history(p.id), now, rules)
                promise = shown.script.promise if shown.script else None
            try:
                result = actions.log(book, rules, p.id, outcome, now, **details(outcome, p, now, rng))
            except (OutcomeRefused, MissingDetail, actions.InputError):
                seen["refused"] = seen.get("refused", 0) + 1
                continue
            seen[outcome] = seen.get(outcome, 0) + 1
            if promise is not None:
                step = result.next_step
                assert step is not None and step.due == promise.due, (p.name, promise, step)
                said = voicemail.when_phrase(promise.due, now, p.tz, rules)
                assert said == voicemail.when_phrase(step.due, now, p.tz, rules)
            if outcome == "do-not-contact":
                blocked_phones.update(p.phones)
                blocked_emails.update({p.email.casefold()} if p.email else set())
                again = actions.build_prospect(rules, now, name="Someone Else", company="Other Co", phones=[p.phones[0]])
                with pytest.raises(actions.InputError, match="asked not to be contacted"):
                    actions.add(book, again)
            check_book(book, days_off, blocked_phones, blocked_emails)
    return seen


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1))
def test_two_months_of_random_outcomes_keep_every_rule(tmp_path_factory, seed):
    seen = simulate(tmp_path_factory.mktemp("two-months") / "book", seed)
    assert seen.get("voicemail", 0) >= 10 and seen.get("away") == 1  # the run reached what it checks
