"""Fixing a record: a prospect's name, company, title, e-mail, numbers, zone, tag and lead type.

`edited` validates the changes as `add` does, recomputes what depends on them and returns the
prospect with an "edit" activity that keeps `before` (undo is exact). What follows from a change:

- numbers or zone: where they are (zone, the zones their number leaves open, country). A zone given
  by hand stays when only the numbers change; a zone that came from the old numbers follows the new.
- tag or lead type: the cadence, when the prospect is still on the one their old tag and lead type
  gave (a new or working prospect, not a nurture or a follow-up). A new cadence starts at step 1, as
  a new prospect of that kind would; otherwise the attempt number is kept.
- the next step: a time they agreed to is never moved. Otherwise a step that waited for a number
  becomes a call once one works, a call with no working number becomes research, and a step outside
  the calling window of their (new) zone moves to its next opening.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import replace
from datetime import datetime

from ..model import LEAD_TYPES, TAGS, Activity, NextStep, Prospect, prospect_to_dict, utc
from . import meetings
from .calendar import UnknownZone, zone
from .location import locate, location_of
from .outcomes import CONFIRM_RETRY, LABELS, Result
from .outcomes import _confirm_reason as confirm_reason
from .phones import BadPhone, display, normalise
from .reachable import reachable, with_number
from .rules import Rules
from .schedule import cadence_step, describe_step, is_zone_check, zone_checked

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
TEXT_FIELDS = ("name", "company", "title", "email")
FIELDS = (*TEXT_FIELDS, "phones", "add_phones", "bad_phones", "wrong_phones", "tz", "tag", "lead_type")
WHAT_CAN_CHANGE = ("name, company, title, email, phones (in dialling order), a number added, "
                   "a number marked wrong, zone, tag, lead type")


class EditRefused(ValueError):
    """The change cannot be made; the message says what was wrong and what is accepted."""


class NothingChanged(EditRefused):
    """Every value given is what the record says already."""


def edited(prospect: Prospect, changes: dict, now: datetime, rules: Rules, *,
           activity_id: str | None = None) -> Result:
    """`prospect` with `changes` made, its place and next step recomputed, and the "edit" activity.

    changes (each optional): name, company, title, email (text; "" clears all but the name);
    phones (the numbers in order, callable; numbers marked wrong before stay, at the end, unless
    bad_phones is given too); add_phones (more callable numbers); bad_phones (exactly the wrong ones);
    wrong_phones (mark these wrong); tz ("" = from the number); tag; lead_type."""
    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise EditRefused(f"cannot change {', '.join(unknown)}; can change: {WHAT_CAN_CHANGE}")
    if not prospect.active:
        raise EditRefused(f"{prospect.name} is {prospect.status}: their record is kept as it is")
    now = utc(now).replace(microsecond=0)
    updated = _fields(prospect, changes)
    updated = _numbers(updated, changes, rules)
    updated = _placed(prospect, updated, changes, rules)
    updated = _cadence(prospect, updated, rules)
    if prospect_to_dict(updated) == prospect_to_dict(prospect):
        raise NothingChanged(f"nothing to change: {prospect.name}'s record says that already")
    updated = replace(updated, next_step=_next_step(prospect, updated, now, rules))
    note, short = describe(prospect, updated)
    activity = Activity(id=activity_id or uuid.uuid4().hex, prospect_id=prospect.id, outcome="edit", at=now,
                        channel="edit", attempt=updated.attempt, note=note, before=prospect_to_dict(prospect))
    summary = f"{LABELS['edit']} {updated.name}: {short} → {describe_step(updated, updated.next_step, rules, now)}"
    return Result(prospect=updated, activity=activity, next_step=updated.next_step, summary=summary)


# ---- validation ---------------------------------------------------------------------------------


def _fields(p: Prospect, changes: dict) -> Prospect:
    values = {key: " ".join(str(changes[key]).split()) for key in TEXT_FIELDS if key in changes}
    if "name" in values and not values["name"]:
        raise EditRefused("a prospect needs a name; give the name you would greet them by")
    email = values.get("email", "")
    if email and not EMAIL.match(email):
        raise EditRefused(f"{email!r} is not an email address (name@company.com, or empty for none)")
    tag, lead = changes.get("tag", p.tag), changes.get("lead_type", p.lead_type)
    if tag not in TAGS:
        raise EditRefused(f"tag {tag!r} is not one; accepted: {', '.join(TAGS)}")
    if lead not in LEAD_TYPES:
        raise EditRefused(f"lead type {lead!r} is not one; accepted: {', '.join(LEAD_TYPES)}")
    tz = str(changes.get("tz", "")).strip()
    if tz:
        try:
            zone(tz)
        except UnknownZone as exc:
            raise EditRefused(f"{exc}; give an IANA zone such as America/Chicago, or empty for the number's") from None
    return replace(p, **values, tag=tag, lead_type=lead)


def _number(raw: str, rules: Rules) -> str:
    try:
        return normalise(raw, rules.country)
    except BadPhone as exc:
        raise EditRefused(str(exc)) from None


def _numbers(p: Prospect, changes: dict, rules: Rules) -> Prospect:
    """The numbers in dialling order and which are wrong (a number is listed once)."""
    def read(key: str) -> list[str]:
        return list(dict.fromkeys(_number(raw, rules) for raw in changes.get(key) or () if str(raw).strip()))

    phones, bad = list(p.phones), [n for n in p.bad_phones if n in p.phones]
    if "phones" in changes:
        given = read("phones")
        kept_wrong = [] if "bad_phones" in changes else [n for n in bad if n not in given]
        phones, bad = given + kept_wrong, kept_wrong
    for number in read("add_phones"):
        phones = phones if number in phones else [*phones, number]
        bad = [n for n in bad if n != number]  # given as working: no longer marked wrong
    if "bad_phones" in changes:
        bad = read("bad_phones")
    for number in read("wrong_phones"):
        bad = bad if number in bad else [*bad, number]
    strays = [n for n in bad if n not in phones]
    if strays:
        listed = ", ".join(map(display, phones)) or "none"
        raise EditRefused(f"{display(strays[0])} is not one of {p.name}'s numbers, so it cannot be marked wrong "
                          f"(their numbers: {listed})")
    return replace(p, phones=tuple(phones), bad_phones=tuple(n for n in phones if n in bad))


# ---- what follows from a change -------------------------------------------------------------------


def _inferred(p: Prospect, rules: Rules) -> bool:
    """Did `p`'s zone come from its numbers (or the rep's), rather than given by hand?"""
    guess = locate(replace(p, tz="", zones=(), country=""), rules.rep_tz)
    return guess.zones == location_of(p).zones


def _placed(old: Prospect, new: Prospect, changes: dict, rules: Rules) -> Prospect:
    tz = str(changes.get("tz", "")).strip()
    if "tz" in changes:
        where = locate(replace(new, tz=tz, zones=(), country=""), rules.rep_tz)
    elif new.phones != old.phones and _inferred(old, rules):
        where = locate(replace(new, tz="", zones=(), country=""), rules.rep_tz)
    else:
        return new
    return replace(new, tz=where.tz, zones=() if where.certain else where.zones, country=where.country)


def _cadence(old: Prospect, new: Prospect, rules: Rules) -> Prospect:
    """A tag or lead type that maps to another cadence: start it at step 1, as a new prospect of that kind."""
    if (new.tag, new.lead_type) == (old.tag, old.lead_type) or old.status not in ("new", "working"):
        return new
    if old.cadence != rules.cadence_for(old.tag, old.lead_type):
        return new  # on a cadence of its own (imported with one, after a meeting): kept
    cadence = rules.cadence_for(new.tag, new.lead_type)
    return new if cadence == old.cadence else replace(new, cadence=cadence, attempt=0)


def _next_step(old: Prospect, new: Prospect, now: datetime, rules: Rules) -> NextStep | None:
    step = new.next_step
    if step is None or step.agreed:
        return step  # a time they agreed to is theirs
    if new.cadence != old.cadence:
        step = cadence_step(new, now, rules)
    elif step.channel == "research" and not old.phone and new.phone:
        step = with_number(new, new.phone, now, rules).next_step  # it waited for a number
    else:
        step = _unchecked(step)
        where = location_of(new)
        if location_of(old) != where and step.channel == "confirm" and new.meeting_at is not None:
            # "the meeting on Thu 11:00 their time" is said in their (new) time
            step = replace(step, reason=confirm_reason(new, rules, retry=CONFIRM_RETRY in step.reason))
        if location_of(old) != where and step.channel != "debrief" and not rules.calendar.in_window(step.due, where):
            due = rules.calendar.next_opening(max(step.due, now), where)
            if step.channel == "confirm" and new.meeting_at is not None:  # before the meeting, or the last legal time
                step = meetings.confirmation(new, due, now, rules, step.reason)
            else:
                step = replace(step, due=due)
    return zone_checked(new, reachable(new, step, now, rules), rules)


def _unchecked(step: NextStep) -> NextStep:
    """The step without "confirm their time zone first" (checked again against the new zone)."""
    if is_zone_check(step) and "; then " in step.reason:
        return replace(step, reason=step.reason.split("; then ", 1)[1])
    return step


# ---- in words ------------------------------------------------------------------------------------


def describe(old: Prospect, new: Prospect) -> tuple[str, str]:
    """What changed: in full for the history ("phone +1 415-555-0123 → +1 415-555-0199; zone
    America/Chicago"), and short for the bar ("phone → +1 415-555-0199; zone America/Chicago")."""
    full, short = [], []

    def both(text: str, brief: str | None = None) -> None:
        full.append(text)
        short.append(brief or text)

    for key in TEXT_FIELDS:
        before, after = getattr(old, key), getattr(new, key)
        if before != after:
            word = "e-mail" if key == "email" else key
            both(f"{word} {before or '(none)'} → {after or '(none)'}", f"{word} → {after or '(none)'}")
    if old.phone != new.phone and (new.phone or old.phone not in new.bad_phones):  # else: "marked wrong" says it
        dialled = display(new.phone) if new.phone else "(none)"
        if not old.phone:
            both(f"phone {dialled}, number added")
        else:
            both(f"phone {display(old.phone)} → {dialled}", f"phone → {dialled}")
    added = [n for n in new.phones if n not in old.phones and n != new.phone]
    gone = [n for n in old.phones if n not in new.phones]
    wrong = [n for n in new.bad_phones if n not in old.bad_phones]
    fixed = [n for n in old.bad_phones if n in new.phones and n not in new.bad_phones and n != new.phone]
    for numbers, words in ((added, "added"), (wrong, "marked wrong"), (fixed, "working again"), (gone, "removed")):
        if numbers:
            both(f"{', '.join(map(display, numbers))} {words}")
    if old.phone == new.phone and not (added or gone or wrong or fixed) and old.phones != new.phones:
        both("numbers reordered")
    if location_of(old) != location_of(new) and old.tz != new.tz:
        both(f"zone {new.tz}")
    elif location_of(old) != location_of(new):
        both(f"zones {', '.join(location_of(new).zones)}")
    if old.tag != new.tag:
        both(f"tag {old.tag} → {new.tag}", f"tag → {new.tag}")
    if old.lead_type != new.lead_type:
        both(f"lead type {old.lead_type} → {new.lead_type}", f"lead type → {new.lead_type}")
    if old.cadence != new.cadence:
        both(f"cadence {old.cadence} → {new.cadence}, from step 1", f"cadence {new.cadence} from step 1")
    return "; ".join(full), "; ".join(short)

