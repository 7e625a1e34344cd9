"""What a rep does to the book, shared by the command line and the cockpit screen.

Each function runs the engine and writes through the book, in that order, so the store
always holds what the engine decided. No Textual here, no TinyDB: just the two of them joined.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, datetime, timedelta

from .engine import outcomes as engine
from .engine import queue
from .engine.away import AwayPlan, shift_for_time_off
from .engine.block import Block
from .engine.calendar import UnknownZone, zone
from .engine.edits import EMAIL, EditRefused, edited  # noqa: F401 - EMAIL: add and import check addresses alike
from .engine.identity import same_person
from .engine.phones import BadPhone, normalise, zone_for
from .engine.rules import Rules
from .model import Activity, Prospect, from_iso, iso

MAX_AWAY_DAYS = 366


class InputError(ValueError):
    """What the rep typed cannot be used; the message says what is accepted."""


def log(book, rules: Rules, prospect_id: str, outcome: str, now: datetime, *, note: str = "",
        reason: str = "", when: datetime | None = None, months: int | None = None,
        block: str = "", wrap_seconds: float | None = None,
        talk_seconds: float | None = None) -> engine.Result:
    """Log an outcome: the engine decides, the book stores it durably, then the caller may say so.

    One transaction from reading the prospect to storing it: another process logging on the same
    prospect waits, then starts from this one's result (every attempt counts)."""
    with book.transaction():
        prospect = book.get(prospect_id)
        result = engine.apply_outcome(prospect, outcome, now, rules, note=note, reason=reason, when=when,
                                      months=months, block=block)
        if wrap_seconds is not None:
            result = replace(result, activity=replace(result.activity, wrap_seconds=round(wrap_seconds, 1)))
        if talk_seconds is not None:
            result = replace(result, activity=replace(result.activity, talk_seconds=round(talk_seconds, 1)))
        book.record(result.prospect, result.activity)
    return result


def undo_last(book) -> tuple[Activity, Prospect] | None:
    """Revert the last logged outcome; None when there is nothing to undo."""
    with book.transaction():
        activity = book.last_activity()
        if activity is None or not activity.before:
            return None
        restored = engine.undo(activity)
        book.revert(activity, restored)
    return activity, restored


def stats(book, rules: Rules, now: datetime, start: date | None = None, end: date | None = None):
    """The stats figures from the book's derived rows (plain columns, kept in step with the history)."""
    from .engine.stats import compute_columns

    return compute_columns(book.activity_columns(), book.people(), rules, now, start, end)


def accept_suggestion(folder, rules: Rules, change: dict):
    """Apply a stats suggestion the rep accepted: a new calling window, a cadence one attempt longer/shorter,
    or learned timing for a lead type (its best weekday and hour, the days its buyers take to decide)."""
    from . import config as config_mod

    if "window_start" in change:
        config_mod.set_value(folder, "window_start", change["window_start"])
        return config_mod.set_value(folder, "window_end", change["window_end"])
    if "cadence" in change:
        return config_mod.set_cadence_length(folder, rules.cadence(change["cadence"]), change["attempts"])
    if "timing" in change:
        return config_mod.set_timing(folder, change["timing"], best_time=change.get("best_time"),
                                     decide_days=change.get("decide_days"))
    raise InputError("this suggestion changes nothing by itself")


def agenda(book, rules: Rules, now: datetime, day: date | None = None) -> queue.Agenda:
    day = day or queue.rep_day(now, rules)
    return queue.build(book.due(queue.end_of_day(day, rules)), now, rules, day)


def book_state(book) -> tuple:
    """A fingerprint of the book, cheap enough to take every second (it reads the journal's first line).

    It changes with every write, this process's or another's (`cockpit log` in a shell): a screen that
    noted it after its own last read or write knows, when it differs, that someone else wrote. It comes
    from the journal's generation, never from inode numbers, which the file system hands out again.
    """
    return book.fingerprint()


def parse_when(text: str, now: datetime, tz_name: str) -> datetime:
    from .engine.when import parse_when as read

    try:
        return read(text, now, tz_name)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    except OverflowError:
        raise InputError(f"{text!r} is too far away; give a time within the next few years") from None


def build_prospect(rules: Rules, now: datetime, *, name: str, company: str = "", phones=(), email: str = "",
                   title: str = "", tz: str = "", lead_type: str = "cold", source: str = "",
                   tag: str = "prospect", pid: str | None = None) -> Prospect:
    """Validate what the rep typed and make a prospect with its first step."""
    if not name.strip():
        raise InputError("a prospect needs a name")
    numbers = []
    for raw in phones:
        if raw.strip():
            try:
                numbers.append(normalise(raw, rules.country))
            except BadPhone as exc:
                raise InputError(str(exc)) from None
    email = email.strip()
    if email and not EMAIL.match(email):
        raise InputError(f"{email!r} is not an email address (name@company.com)")
    if tz:
        try:
            zone(tz)
        except UnknownZone as exc:
            raise InputError(str(exc)) from None
    inferred = next((z for z in map(zone_for, numbers) if z), "")
    base = Prospect(id=pid or uuid.uuid4().hex[:8], name=name.strip(), company=company.strip(), title=title.strip(),
                    phones=tuple(numbers), email=email, tz=tz or inferred, lead_type=lead_type,
                    source=source, tag=tag)
    return engine.new_prospect(base, now, rules)


class DuplicateProspect(InputError):
    """The person is in the book already (same email, phone, or name and company, as import decides)."""


def add(book, prospect: Prospect, *, allow_duplicate: bool = False) -> Prospect:
    """Add one prospect, unless they are a person who asked not to be contacted (same email, phone,
    or name and company as a do-not-contact prospect): a new record must not make them callable again.
    Someone already in the book is refused too, as import skips them, unless `allow_duplicate`
    (colleagues may share a switchboard); do-not-contact holds even then."""
    with book.transaction():
        blocked = same_person(prospect, book.with_status("do-not-contact"))
        if blocked is not None:
            other, kind = blocked
            raise InputError(f"{prospect.name} has the {kind.replace('+', ' and ')} of {other.name} [{other.id}], "
                             "who asked not to be contacted; not added (do-not-contact is for good)")
        if not allow_duplicate:
            found = same_person(prospect, book.prospects())
            if found is not None:
                other, kind = found
                raise DuplicateProspect(f"{prospect.name} has the {kind.replace('+', ' and ')} of {other.name} "
                                        f"[{other.id}], already in the book ({other.status}); not added")
        book.add([prospect])
    return prospect


def update_research(book, prospect_id: str, values: dict[str, str]) -> Prospect:
    """Replace the research form of one prospect (the pane's edit form)."""
    with book.transaction():
        prospect = book.get(prospect_id)
        fields = {key: value.strip() for key, value in values.items() if hasattr(prospect.research, key)}
        updated = replace(prospect, research=replace(prospect.research, **fields))
        book.update([updated])
    return updated


def away(book, rules: Rules, start: date, end: date) -> AwayPlan:
    """Move every pending step out of the rep's time off (agreed times are kept and listed)."""
    if end < start:
        raise InputError(f"TO {end} is before FROM {start}; give the first and the last day off")
    from . import config as config_mod

    if (end - start).days > MAX_AWAY_DAYS:
        raise InputError(f"{start} to {end} is more than {MAX_AWAY_DAYS} days; give a time off of a year at most")
    with book.transaction():
        plan = shift_for_time_off(book.prospects(), start, end, rules)
        book.update(plan.moved)
        # Remembered as days off in the book's settings, so what is scheduled later skips them too
        # (a voicemail logged tomorrow must not promise a call inside the time off).
        config_mod.add_days_off(book.folder, (start + timedelta(days=n) for n in range((end - start).days + 1)))
    return plan


def start_block(book, now: datetime, dials: int, minutes: int) -> Block:
    block = Block(id=uuid.uuid4().hex[:8], started=now, target_dials=dials, minutes=minutes)
    book.set_meta("block", {"id": block.id, "started": iso(block.started), "target_dials": dials,
                            "minutes": minutes})
    return block


def current_block(book, now: datetime) -> Block | None:
    """The call block still running at `now`, if any."""
    data = book.get_meta("block")
    if not data:
        return None
    block = Block(id=data["id"], started=from_iso(data["started"]), target_dials=int(data["target_dials"]),
                  minutes=int(data["minutes"]))
    return block if block.remaining(now).total_seconds() > 0 else None


def edit(book, rules: Rules, prospect_id: str, changes: dict, now: datetime, *, allow_duplicate: bool = False,
         activity_id: str | None = None) -> engine.Result:
    """Fix a prospect's record (engine/edits.py) in one transaction, stored as an "edit" activity that
    undo takes back. A number or e-mail of a do-not-contact person is refused, always; one already in
    the book for someone else is refused unless `allow_duplicate` (colleagues may share a switchboard)."""
    with book.transaction():
        prospect = book.get(prospect_id)
        try:
            result = edited(prospect, changes, now, rules, activity_id=activity_id)
        except EditRefused as exc:
            raise InputError(str(exc)) from None
        probe = _new_keys(prospect, result.prospect)
        others = [o for o in book.with_status("do-not-contact") if o.id != prospect.id]
        blocked = same_person(probe, others) if probe is not None else None
        if blocked is not None:
            other, kind = blocked
            raise InputError(f"that {kind.replace('+', ' and ')} is {other.name}'s [{other.id}], who asked not to be "
                             "contacted; not changed (do-not-contact is for good)")
        found = None if allow_duplicate or probe is None else same_person(
            probe, (o for o in book.prospects() if o.id != prospect.id))
        if found is not None:
            other, kind = found
            raise DuplicateProspect(f"that {kind.replace('+', ' and ')} is {other.name}'s [{other.id}], already in "
                                    f"the book ({other.status}); not changed")
        book.record(result.prospect, result.activity)
    return result


def _new_keys(old: Prospect, new: Prospect) -> Prospect | None:
    """Only what the edit brings in (new numbers, a new e-mail, a new name or company), to be checked
    against the book: what they already had was checked when it came in."""
    phones = tuple(n for n in new.phones if n not in old.phones)
    email = new.email if new.email.casefold() != old.email.casefold() else ""
    named = (new.name, new.company) != (old.name, old.company)
    if not (phones or email or named):
        return None
    return Prospect(id="", name=new.name if named else "", company=new.company if named else "",
                    phones=phones, email=email)
