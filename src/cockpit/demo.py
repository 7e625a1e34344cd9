"""A generated demo book: prospects in several time zones and every state, with research and history.

Every prospect's history is played through the real engine from a random start, so the demo
book obeys the same rules as a real one. Deterministic for a seed: the same seed and clock give
the same ids and data.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path

from . import config as config_mod
from . import durable
from .engine.outcomes import ALLOWED_DURING_BREAKUP, OutcomeRefused, apply_outcome, new_prospect
from .engine.phones import BadPhone, normalise
from .engine.reachable import with_number
from .engine.schedule import is_pending_breakup
from .model import LOST_REASONS, Activity, Prospect, Research, utc
from .storage import Book

FIRST = ("Ana", "Ben", "Chloe", "Dev", "Elena", "Femi", "Grace", "Hiro", "Ines", "Jon", "Kara", "Luis",
         "Maya", "Nikhil", "Olga", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Victor", "Wen", "Yusuf")
LAST = ("Adams", "Brandt", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen",
        "Khan", "Lopez", "Murphy", "Nakamura", "Okafor", "Patel", "Rossi", "Schmidt", "Tanaka", "Walsh")
COMPANY_A = ("Blue", "North", "Bright", "Iron", "Cedar", "Summit", "Harbor", "Pioneer", "Atlas", "Lumen")
COMPANY_B = ("Logistics", "Dental", "Software", "Foods", "Analytics", "Clinics", "Freight", "Robotics",
             "Insurance", "Studios")
TITLES = ("VP Sales", "Head of Operations", "CFO", "Office Manager", "IT Director", "COO", "Founder",
          "Procurement Lead", "Sales Manager")
# (number pattern, zone) — zones are inferred from the number, as for a real import
PHONES = (
    ("+1212555{:04d}", "America/New_York"), ("+1415555{:04d}", "America/Los_Angeles"),
    ("+1312555{:04d}", "America/Chicago"), ("+1303555{:04d}", "America/Denver"),
    ("+4420794{:05d}", "Europe/London"), ("+49301234{:04d}", "Europe/Berlin"),
    ("+61291234{:03d}", "Australia/Sydney"),
)
# Who is calling in the demo's scripts (cockpit config sets a real book's).
DEMO_REP = {"rep_name": "Sam", "rep_company": "Northwind", "rep_phone": "+1 646 555 0100",
            "value": "we help sales teams stop losing deals to slow follow-up"}
# Said to them, as the research form asks for it: the voicemail says "about your new Denver office".
WHY_NOW = ("your new Denver office", "your Series B round last month", "your new VP of Sales since June",
           "your move to a new ERP", "your hiring ten reps this quarter", "the recall in the news")
PAINS = ("slow quoting", "reps ramp too slowly", "missed follow-ups", "manual reporting", "churn in year one")
QUESTIONS = ("Who owns the budget?", "What did you try last year?", "What happens if nothing changes?")
LEAD_TYPES = (("cold", 70), ("web", 10), ("referral", 15), ("partner", 5))
# How often each outcome follows a dial in the generated history: voicemail is most calls.
WEIGHTS = (("voicemail", 72), ("no-answer", 48), ("email", 28), ("connected", 16), ("meeting", 6),
           ("callback", 6), ("gatekeeper", 6), ("wrong-number", 2), ("not-interested", 8),
           ("do-not-contact", 1), ("dead", 1))


MAX_HISTORY = 40
# Nurture touches every three months would give a years-old prospect dozens of activities; reps
# close most long before that. Past this many touches, in a prospect's second year or later,
# each further touch may be the last.
CLOSE_AFTER = 10
# A full-time caller adds about 20 prospects a working day, some 450 a month. A large demo book is
# that rep's book after years of calling: the newest month is working its first cadence and the
# rest have run theirs (won, lost, nurtured, dead). A small one is mostly fresh, to show a lively day.
NEW_PER_MONTH = 450
# A few prospects in every book show the two moments a newcomer should see at once.
SHOWCASE_WEB_LEADS = (1, 7)
SHOWCASE_BREAKUPS = (3, 11)
DEMO_TIMEZONE = "America/New_York"


class BookExists(Exception):
    pass


def _pick(rng: random.Random, weighted) -> str:
    names, weights = zip(*weighted, strict=True)
    return rng.choices(names, weights)[0]


def _prospect(rng: random.Random, pid: str, index: int) -> Prospect:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    company = f"{rng.choice(COMPANY_A)} {rng.choice(COMPANY_B)}"
    pattern, tz = rng.choice(PHONES)
    phone = pattern.format(index % (10 ** pattern.count("0")))
    researched = rng.random() < 0.7
    research = Research(
        does=f"{company} sells {company.split()[1].lower()} services to mid-size firms",
        why_now=rng.choice(WHY_NOW), pains=rng.choice(PAINS), questions=rng.choice(QUESTIONS),
        introducers=rng.choice(("", f"{rng.choice(FIRST)} at {rng.choice(COMPANY_A)} Partners")),
    ) if researched else Research()
    return Prospect(
        id=pid, name=f"{first} {last}", company=company, title=rng.choice(TITLES), phones=(phone,),
        email=f"{first.lower()}.{last.lower()}@{company.replace(' ', '').lower()}.example",
        lead_type=_pick(rng, LEAD_TYPES), source=rng.choice(("list", "website", "event", "referral")),
        tag=rng.choice(("prospect",) * 8 + ("client", "partner")), tz=tz, research=research,
    )


def _silent_until_breakup(p: Prospect, now: datetime, rules) -> tuple[Prospect, list[Activity]]:
    """A prospect who never answered: every attempt made, the break-up due today (for the demo's queue)."""
    for days in range(18, 60):
        start = new_prospect(p, now - timedelta(days=days), rules)
        current, acts = start, []
        while current.next_step.channel != "break-up":
            result = apply_outcome(current, "voicemail" if current.next_step.channel == "call" else "email",
                                   current.next_step.due, rules, activity_id=f"{p.id}-{len(acts):02d}")
            current = result.prospect
            acts.append(replace(result.activity, before=None))
        if rules.calendar.local(current.next_step.due, rules.rep_tz).date() == rules.calendar.local(now, rules.rep_tz).date():
            return current, acts
    return current, acts


def _history(rng: random.Random, p: Prospect, now: datetime, rules, slack: timedelta,
             closing: bool = False) -> tuple[Prospect, list[Activity]]:
    """Play outcomes through the engine, each logged when its step fell due, until the prospect's
    next step lies ahead (or at most `slack` behind: the rep's overdue follow-ups)."""
    activities: list[Activity] = []
    cal = rules.calendar
    start_of_today = cal.at(cal.local(now, rules.rep_tz).date(), time(0), rules.rep_tz)
    for n in range(MAX_HISTORY):
        step = p.next_step
        if step is None or not p.active or step.due >= start_of_today - slack:
            break
        at = max(step.due, p.created) + timedelta(minutes=rng.randint(0, 90))
        if at >= now:
            break
        if not p.phone and step.channel == "research":
            # The rep did the research: a right number, called from then on (as the edit command does).
            found = _right_number(rng, p)
            if found is None:
                break
            p = with_number(p, found, at, rules)
            continue
        outcome = "break-up" if is_pending_breakup(p) else _pick(rng, WEIGHTS)
        if closing and n >= CLOSE_AFTER and rng.random() < 0.35 or n == MAX_HISTORY - 1:
            outcome = "dead"  # nobody is chased forever: at MAX_HISTORY touches the rep closes them
        if is_pending_breakup(p) and rng.random() < 0.4:
            outcome = rng.choice(ALLOWED_DURING_BREAKUP[:4])
        when = None
        if outcome in ("meeting", "callback"):
            when = rules.calendar.place(rules.calendar.add_business_days(
                rules.calendar.local(at, p.tz).date(), rng.randint(1, 8)), rules.calendar.window_start, p.tz)
        reason = rng.choice(LOST_REASONS)
        said = "they are building it in-house" if outcome == "not-interested" and reason == "other" else ""
        try:
            result = apply_outcome(p, outcome, at, rules, when=when, reason=reason,
                                   note=said, activity_id=f"{p.id}-{n:02d}")
        except OutcomeRefused:
            break
        p = result.prospect
        activities.append(replace(result.activity, before=None))  # demo history is not undoable
    return p, activities


def _right_number(rng: random.Random, p: Prospect) -> str | None:
    """Another valid number beside the wrong one (the same line's last digits changed)."""
    wrong = p.bad_phones[-1] if p.bad_phones else ""
    for _ in range(5):
        try:
            found = normalise(wrong[:-2] + f"{rng.randint(0, 99):02d}")
        except BadPhone:
            continue
        if found not in p.bad_phones:
            return found
    return None


def generate(folder: Path, n: int = 60, seed: int = 7, now: datetime | None = None) -> int:
    """Write a demo book of `n` prospects into `folder`; refuses a folder that already holds a book."""
    folder = Path(folder)
    if Book.exists(folder):
        raise BookExists(f"{folder} already holds a book; demo writes only into a new folder")
    now = utc(now or datetime.now().astimezone())
    durable.make_private_dir(folder)
    config_mod.write_default(folder)
    config_mod.set_value(folder, "timezone", DEMO_TIMEZONE)
    for key, value in DEMO_REP.items():
        config_mod.set_value(folder, key, value)
    rules = config_mod.load(folder).rules()
    rng = random.Random(seed)
    fresh_share = min(0.75, NEW_PER_MONTH / max(n, 1))
    book_days = max(300, n * 30 // NEW_PER_MONTH)
    fresh_web_share = min(0.3, 100 / max(n, 1))  # a handful of new web leads this morning, not hundreds
    ids: set[str] = set()
    prospects, history = [], []
    for index in range(n):
        pid = f"{rng.getrandbits(32):08x}"
        while pid in ids:
            pid = f"{rng.getrandbits(32):08x}"
        ids.add(pid)
        base = _prospect(rng, pid, index)
        if index in SHOWCASE_BREAKUPS:
            # a prospect's cadence ends in the break-up; a client's or a partner's repeats
            p, acts = _silent_until_breakup(replace(base, tag="prospect"), now, rules)
            prospects.append(p)
            history.extend(acts)
            continue
        if index in SHOWCASE_WEB_LEADS:
            base = replace(base, lead_type="web", source="website", tz="America/Chicago",
                           phones=(PHONES[2][0].format(index),))
        if base.lead_type == "web" and (index in SHOWCASE_WEB_LEADS or rng.random() < fresh_web_share):
            created = now - timedelta(minutes=rng.randint(1, 40))  # fresh web leads: speed to lead
        else:
            days = rng.randint(0, 30) if rng.random() < fresh_share else rng.randint(30, book_days)
            created = now - timedelta(days=days, minutes=rng.randint(0, 600))
        # Most of the book is on schedule; about one in four is a little behind.
        slack = timedelta(hours=rng.randint(1, 72)) if rng.random() < 0.25 else timedelta(0)
        p = new_prospect(base, created, rules)
        p, acts = _history(rng, p, now, rules, slack, closing=now - created > timedelta(days=365))
        prospects.append(p)
        history.extend(acts)
    with Book(folder) as book:
        book.add(prospects)
        book.add_activities(history)
    return len(prospects)
