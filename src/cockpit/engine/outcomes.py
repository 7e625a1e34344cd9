"""The outcome table: one logged outcome -> the prospect's new state, the activity, the next step.

Every rule of PRODUCT.md's outcome table lives here, and nowhere else. The functions take
`now` (aware) and the book's `Rules`; they never read a clock or touch storage.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from ..model import LOST_REASONS, Activity, NextStep, Prospect, prospect_from_dict, prospect_to_dict, utc
from . import meetings, snooze
from .location import city, locate, location_of, zone_names
from .reachable import number_problem, reachable
from .rules import NURTURE_MONTHS, TAG_CADENCES, Rules
from .schedule import breakup_step, cadence_step, describe_step, first_step, is_pending_breakup, zone_checked

# name -> default key, in the order the key bar shows them
OUTCOMES: dict[str, str] = {
    "connected": "c", "meeting": "m", "held": "h", "no-show": "o", "voicemail": "v", "no-answer": "n",
    "callback": "l", "gatekeeper": "g", "wrong-number": "w", "email": "e", "not-interested": "x",
    "break-up": "b", "do-not-contact": "d", "dead": "D",
    "snooze": "z",
}
KEY_TO_OUTCOME = {key: name for name, key in OUTCOMES.items()}
LABELS = {
    "connected": "Connected", "meeting": "Meeting booked", "voicemail": "Voicemail",
    "no-answer": "No answer", "callback": "Call back later", "gatekeeper": "Gatekeeper",
    "wrong-number": "Wrong number", "email": "Email sent", "not-interested": "Not interested",
    "break-up": "Break-up", "do-not-contact": "Do not contact", "dead": "Dead",
    "held": "Meeting held", "no-show": "No-show",
    "snooze": "Snoozed", "note": "Note",
}
LABELS["edit"] = "Edited"  # a record fixed (engine/edits.py): not a call, never counted as one
ATTEMPTS = ("voicemail", "no-answer", "email")  # each counts one attempt of the cadence
# What may still be logged while a break-up waits for confirmation.
ALLOWED_DURING_BREAKUP = ("break-up", "connected", "meeting", "callback", "not-interested",
                          "do-not-contact", "dead", "held", "no-show", "snooze", "note")
MEETING_OUTCOMES = ("held", "no-show")  # how a meeting went: logged once it has started
NEEDS_WHEN = ("meeting", "callback", "snooze")
# Bookkeeping, not touches: never a dial, a connect or an attempt anywhere a touch counts (the block
# tally, stats, learned timing, the card's touches, export). "edit" is written by actions.edit.
NOT_CALLS = ("snooze", "note", "edit")


class OutcomeRefused(ValueError):
    """The outcome cannot be logged for this prospect in its current state."""


class MissingDetail(ValueError):
    """The outcome needs a detail (a time, a reason) that was not given or is not valid."""


@dataclass(frozen=True)
class Result:
    prospect: Prospect
    activity: Activity
    next_step: NextStep | None
    summary: str
    warning: str = ""


def outcome_name(text: str) -> str:
    """An outcome name from its name or its key (v, voicemail); ValueError lists what is accepted."""
    if text in OUTCOMES:
        return text
    if text in KEY_TO_OUTCOME:
        return KEY_TO_OUTCOME[text]
    if text in _HANDLERS:  # a note has no key of its own on the bar (N opens the editor)
        return text
    accepted = ", ".join(f"{name} ({key})" for name, key in OUTCOMES.items())
    raise ValueError(f"unknown outcome {text!r}; accepted: {accepted}")


def _to_second(moment: datetime) -> datetime:
    """UTC, whole seconds: what the book stores, so undo (which goes through the stored form) is exact."""
    return utc(moment).replace(microsecond=0)


def new_prospect(prospect: Prospect, now: datetime, rules: Rules) -> Prospect:
    """A prospect as it enters the book: a cadence from its lead type and its first step."""
    now = _to_second(now)
    # An explicit cadence (import --cadence) wins; else the tag (client, partner), else the lead type (web).
    cadence = prospect.cadence if prospect.cadence in rules.cadences else rules.cadence_for(prospect.tag, prospect.lead_type)
    # The prospect's zone: explicit, else the one their phone pins down, else every zone it leaves
    # open, else the rep's; and the country whose public holidays they keep.
    where = locate(prospect, rules.rep_tz)
    fresh = replace(prospect, status="new", cadence=cadence, attempt=0, created=utc(now), tz=where.tz,
                    zones=() if where.certain else where.zones, country=where.country)
    return replace(fresh, next_step=zone_checked(fresh, reachable(fresh, first_step(fresh, now, rules), now, rules), rules))


def apply_outcome(prospect: Prospect, outcome: str, now: datetime, rules: Rules, *, note: str = "",
                  reason: str = "", when: datetime | None = None, months: int | None = None,
                  block: str = "", activity_id: str | None = None) -> Result:
    """Log `outcome` for `prospect` at `now`: always returns a prospect with exactly one next
    step, or an explicit final status (do-not-contact, dead) with none."""
    outcome = outcome_name(outcome)
    now = _to_second(now)
    stored, prospect = prospect, meetings.as_of(prospect, now, rules)  # a started meeting is "how did it go?"
    if outcome == "note":  # a note changes nothing of the prospect, whatever their status
        return _note_result(stored, note, now, block, activity_id)
    if not prospect.active:
        raise OutcomeRefused(f"{prospect.name} is {prospect.status}: no outcome can be logged (only undo)")
    if is_pending_breakup(prospect) and outcome not in ALLOWED_DURING_BREAKUP:
        raise OutcomeRefused(
            f"a break-up is pending for {prospect.name}: log break-up (b) to confirm it, or one of "
            + ", ".join(name for name in ALLOWED_DURING_BREAKUP if name != "break-up"))
    no_number = number_problem(prospect, outcome)
    if no_number:
        raise OutcomeRefused(no_number)
    if outcome in NEEDS_WHEN and when is None:
        raise MissingDetail(f"{outcome} needs a time: --when \"tomorrow 3pm\", \"+2d\", \"next tue 10:00\" or an ISO date")
    if when is not None:
        when = _to_second(when)
        if when < now:  # "now" is a time they can agree to: call right back
            raise MissingDetail(f"the time for {outcome} has already passed; give a time after now")

    handler = _HANDLERS[outcome]
    updated, step, extra_note = handler(prospect, now, rules, note=note, reason=reason, when=when, months=months)
    step = zone_checked(updated, reachable(updated, step, now, rules), rules)  # no number: research; then the zones
    updated = replace(updated, next_step=step)
    activity = Activity(
        id=activity_id or uuid.uuid4().hex, prospect_id=prospect.id, outcome=outcome, at=now,
        channel=_channel(outcome),
        attempt=updated.attempt, note=note or extra_note, when=step.due if outcome == "snooze" else when, block=block,
        reason=reason if outcome == "not-interested" else "",  # a reason belongs to a "no" only
        before=prospect_to_dict(stored), cadence=_counts_for(prospect),  # before: what the book held (exact undo)
    )
    warning = "" if outcome == "snooze" else _agreed_warning(updated, when, rules)  # a snooze lands in the window
    summary = f"{LABELS[outcome]} logged → {describe_step(updated, step, rules, now)}"
    if outcome == "snooze":
        summary = f"Snoozed {updated.name} → {_snoozed_to(updated, step, now, rules)}"
    if outcome == "meeting":  # the rep hears the confirmation time, and must also see the meeting's
        summary = (f"{LABELS[outcome]} for {rules.calendar.local(when, location_of(updated)):%a %d %b %H:%M} "
                   f"their time → {describe_step(updated, step, rules, now)}")
    return Result(prospect=updated, activity=activity, next_step=step, summary=summary, warning=warning)


def _channel(outcome: str) -> str:
    if outcome in NOT_CALLS:
        return outcome  # bookkeeping: no channel was used
    if outcome in ("email", "break-up"):
        return outcome
    return "meeting" if outcome in MEETING_OUTCOMES else "call"


def _counts_for(p: Prospect) -> str:
    """The cadence a touch of `p` counts for in the funnel: the one in force, except while a conversation
    is followed up. Talking moves a web lead or a nurture prospect to the follow-up cadence
    (_follow_up_cadence) before any step of it is made; until one is, the touches follow up what the
    old cadence got, and count for it: "" (engine.stats credits the touch before)."""
    following_up = p.status in ("engaged", "meeting") and p.attempt == 0
    return "" if following_up else p.cadence


def undo(activity: Activity) -> Prospect:
    """The prospect exactly as it was before `activity` was logged."""
    if not activity.before:
        raise OutcomeRefused("this activity has no saved state to return to")
    return prospect_from_dict(activity.before)


# ---- one function per row of the outcome table ------------------------------------


def _meeting_ahead(p: Prospect, now) -> bool:
    return p.status == "meeting" and p.meeting_at is not None and p.meeting_at > now


def _attempt(p: Prospect, now, rules, *, outcome: str, note: str = "", **_):
    """voicemail / no-answer / email: attempt +1, next touch per cadence (or the break-up)."""
    if _meeting_ahead(p, now):
        return p, _confirm_again(p, now, rules, note), ""
    if meetings.started(p, now) and p.cadence not in meetings.AFTER_MEETING:
        # The deal went quiet after a meeting: a patient, value-adding cadence, not a barrage. (After a
        # held meeting or a no-show, their own cadences go on; stalled follows the post-meeting one.)
        p = replace(p, cadence=meetings.STALLED, attempt=0, status="engaged")
    cadence = rules.cadence(p.cadence)
    attempt = p.attempt + 1
    if attempt >= cadence.attempts_max and cadence.then == "repeat":
        attempt = 0
    status = "working" if p.status == "new" else p.status
    updated = replace(p, attempt=attempt, status=status)
    if attempt >= cadence.attempts_max and cadence.then != "break-up":
        # The cadence hands over to the one its `then` names (quiet after the post-meeting follow-ups: stalled).
        handed = replace(updated, cadence=cadence.then, attempt=0)
        return handed, cadence_step(handed, now, rules), ""
    if attempt >= cadence.attempts_max:
        return updated, breakup_step(updated, now, rules), ""
    return updated, cadence_step(updated, now, rules, retry_other_half=(outcome == "no-answer")), ""


def _voicemail(p, now, rules, **kw):
    return _attempt(p, now, rules, outcome="voicemail")


def _no_answer(p, now, rules, **kw):
    return _attempt(p, now, rules, outcome="no-answer")


def _email(p, now, rules, **kw):
    return _attempt(p, now, rules, outcome="email")


def _follow_up_cadence(p: Prospect) -> str:
    # Speed-to-lead and nurture touches are for reaching someone; once they talk, follow up normally
    # (a client or a partner on their own cadence, never the cold one).
    return TAG_CADENCES.get(p.tag, "cold-call") if p.cadence in ("web-lead", "nurture") else p.cadence


def _connected(p, now, rules, *, note, when, **_):
    meeting_ahead = _meeting_ahead(p, now)
    updated = replace(p, status="meeting" if meeting_ahead else "engaged", attempt=0,
                      cadence=_follow_up_cadence(p), lost_reason="")
    if when is not None:
        step = NextStep("call", when, _with_note("call at the time you agreed", note), agreed=True)
    elif meeting_ahead:
        step = _after_talk(updated, now, rules, note)
    else:
        cal, where = rules.calendar, location_of(p)
        day = cal.add_business_days(cal.local(now, where).date(), 2, where)
        due = cal.place(day, cal.slot_time(now, where), where)
        step = NextStep("call", due, _with_note("follow up on your conversation", note))
    return updated, step, ""


def _meeting(p, now, rules, *, when, note, **_):
    updated = replace(p, status="meeting", attempt=0, meeting_at=when, cadence=_follow_up_cadence(p), lost_reason="")
    return updated, _noted(_confirm_step(updated, now, rules), note), ""


def _day_before(p: Prospect, rules) -> datetime:
    """The business day before the meeting, at the meeting's time inside their window."""
    cal, where = rules.calendar, location_of(p)
    local = cal.local(p.meeting_at, where)
    return cal.place(cal.previous_business_day(local.date(), where), local.time().replace(tzinfo=None), where)


def _confirm_reason(p: Prospect, rules, retry: bool = False) -> str:
    local = rules.calendar.local(p.meeting_at, p.tz)
    return f"confirm the meeting on {local:%a %d %b %H:%M} their time" + (f": {CONFIRM_RETRY}" if retry else "")


def _confirm_step(p: Prospect, now, rules) -> NextStep:
    """Confirm the meeting the previous business day, inside the window; too late for that, at the next
    opening of the window if it comes before the meeting (meetings.confirmation says what happens if not)."""
    due = _day_before(p, rules)
    if due < now:
        due = rules.calendar.next_opening(now, location_of(p))
    return meetings.confirmation(p, due, now, rules, _confirm_reason(p, rules))


def _after_talk(p: Prospect, now, rules, note: str) -> NextStep:
    """A conversation while a meeting is ahead: a confirmation still to come stays (or is planned, when
    they talked before the business day before); a talk from then on was the confirmation, so the next
    step is asking how the meeting went, right after it."""
    step = p.next_step
    if step is not None and step.channel == "confirm" and step.due > now:
        return step
    day_before = _day_before(p, rules)
    if day_before > now:
        return _noted(NextStep("confirm", day_before, _confirm_reason(p, rules)), note)
    return _noted(meetings.debrief_step(p, rules), note)


CONFIRM_RETRY = "try again"


def _confirm_again(p: Prospect, now, rules, note: str) -> NextStep:
    """A missed call or an email while a meeting is ahead: the meeting stands, so this was a try at
    confirming it, not a cold attempt. A confirmation not yet due stays (so does a meeting already
    confirmed); one that was due is tried once more two hours later (or at the next opening; see
    meetings.confirmation when that is after the meeting). After that the rep stops chasing: the next
    step is asking how the meeting went, right after it (they may come anyway)."""
    step = p.next_step
    if step is not None and (step.channel == meetings.DEBRIEF or (step.channel == "confirm" and step.due > now)):
        return step
    if step is not None and step.channel == "confirm" and CONFIRM_RETRY in step.reason:
        return _noted(meetings.debrief_step(p, rules), note)
    retry = rules.calendar.next_opening(now + timedelta(hours=2), location_of(p))
    return _noted(meetings.confirmation(p, retry, now, rules, _confirm_reason(p, rules, retry=True)), note)


def _meeting_outcome_refused(p: Prospect, now, rules, outcome: str) -> None:
    """held / no-show: only for a meeting that was booked, has started and has no outcome yet."""
    if p.meeting_at is None:
        raise OutcomeRefused(f"{p.name} has no meeting booked: {outcome} is logged after a meeting you booked "
                             "(meeting, with its time)")
    local = rules.calendar.local(p.meeting_at, p.tz)
    if p.meeting_at > now:
        raise OutcomeRefused(f"{p.name}'s meeting is on {local:%a %d %b %H:%M} their time: log {outcome} "
                             "once it has started")
    if p.status != "meeting":
        raise OutcomeRefused(f"{p.name}'s meeting on {local:%a %d %b} already has an outcome: log {outcome} "
                             "after the next meeting you book")


def _held(p, now, rules, **_):
    """The meeting took place: five value follow-ups (80% of sales need about five after the first meeting)."""
    _meeting_outcome_refused(p, now, rules, "held")
    updated = replace(p, status="engaged", cadence=meetings.POST_MEETING, attempt=0, lost_reason="")
    return updated, cadence_step(updated, now, rules), ""


def _no_show(p, now, rules, **_):
    """They did not come: a few tries to rebook, then the usual break-up and nurture."""
    _meeting_outcome_refused(p, now, rules, "no-show")
    updated = replace(p, status="engaged", cadence=meetings.REBOOK, attempt=0, lost_reason="")
    return updated, cadence_step(updated, now, rules), ""


def _callback(p, now, rules, *, when, note, **_):
    status = p.status if p.status in ("engaged", "meeting") else "engaged"
    updated = replace(p, status=status, cadence=_follow_up_cadence(p), attempt=0, lost_reason="")
    return updated, NextStep("call", when, _with_note("they asked you to call back at this time", note), agreed=True), ""


def _gatekeeper(p, now, rules, *, note, **_):
    who = note.strip() or "the person the gatekeeper named"
    updated = replace(p, status="working" if p.status == "new" else p.status)
    due = rules.calendar.next_opening(now, location_of(p))
    step = NextStep("call", due, f"call {who} (referred by the gatekeeper)")  # not a cadence attempt
    return updated, step, ""


def _wrong_number(p, now, rules, **_):
    bad = p.phone
    updated = replace(p, bad_phones=p.bad_phones + ((bad,) if bad else ()),
                      status="working" if p.status == "new" else p.status)
    due = rules.calendar.next_opening(now, location_of(p))
    step = NextStep("research", due, f"find a right number for {p.name}" + (f" ({bad} is wrong)" if bad else ""))
    return updated, step, ""


def _months(months: int | None, rules: Rules) -> int:
    months = rules.nurture_months if months is None else months
    if months not in NURTURE_MONTHS:
        raise MissingDetail(f"re-contact in {months} months is not offered; accepted: 6, 12, 18")
    return months


def _nurture(p, now, rules, months: int, reason_text: str, lost: str):
    cal, where = rules.calendar, location_of(p)
    day = cal.add_months(cal.local(now, where).date(), months, where)
    due = cal.place(day, cal.slot_time(now, where), where)
    updated = replace(p, status="nurture", cadence="nurture", attempt=0, lost_reason=lost, meeting_at=None)
    return updated, NextStep("call", due, reason_text)


def _not_interested(p, now, rules, *, reason, months, note, **_):
    if reason not in LOST_REASONS:
        given = f" ({reason!r} is not one)" if reason else ""
        raise MissingDetail(f"not-interested needs the real reason{given}: --reason one of {', '.join(LOST_REASONS)}")
    if reason == "other" and not note.strip():
        # "other" alone says nothing a later call can answer: keep what they said.
        raise MissingDetail('not-interested for another reason needs what they said: --note "their words"')
    months = _months(months, rules)
    text = f"re-contact: said no ({reason}) {months} months ago; bring what changed"
    updated, step = _nurture(p, now, rules, months, _with_note(text, note), reason)
    return updated, step, ""


def _break_up(p, now, rules, *, months, note, **_):
    months = _months(months, rules)
    text = f"re-contact after the break-up {months} months ago; open with something new"
    updated, step = _nurture(p, now, rules, months, _with_note(text, note), "no-response")
    return updated, step, ""


def _do_not_contact(p, now, rules, **_):
    return replace(p, status="do-not-contact"), None, "asked never to be contacted again"


def _dead(p, now, rules, **_):
    return replace(p, status="dead"), None, "closed down or can never buy"


def _with_note(text: str, note: str) -> str:
    return f"{text}: {note.strip()}" if note.strip() else text


def _noted(step: NextStep, note: str) -> NextStep:
    return replace(step, reason=_with_note(step.reason, note))


def _agreed_warning(p: Prospect, when: datetime | None, rules: Rules) -> str:
    """A time the prospect asked for (a callback, a meeting, an agreed follow-up) outside their hours."""
    cal, where = rules.calendar, location_of(p)
    if when is None or cal.in_window(when, where):
        return ""
    local = cal.local(when, where)
    hours = f"{cal.window_start:%H:%M}-{cal.window_end:%H:%M} on business days"
    if not where.certain:
        return (f"warning: {local:%a %d %b %H:%M} {city(where.tz)} time is outside {p.name}'s calling hours ({hours}) "
                f"in a zone their number could be in ({zone_names(where, when)}); kept because it was agreed")
    reason = cal.closed_reason(when, where)
    if reason == "outside their calling hours":
        return (f"warning: {local:%a %d %b %H:%M} is outside {p.name}'s calling hours "
                f"({hours}, their time); kept because it was agreed")
    return (f"warning: {local:%a %d %b %H:%M} their time is {reason}, outside {p.name}'s calling days "
            f"({hours}); kept because it was agreed")


def _snooze(p, now, rules, *, when, **_):
    """The step moves, nothing else: same channel, reason and attempt; no touch counted. The time
    lands inside their window, as a step Cockpit places itself (it was the rep's choice, not theirs)."""
    step = p.next_step
    if step is None:
        raise OutcomeRefused(f"{p.name} has no next step to snooze")
    if step.channel == meetings.DEBRIEF:  # "how did it go?" waits for nothing: the meeting is over
        raise OutcomeRefused(f"{p.name}'s meeting has started: log how it went (held or no-show), not a snooze")
    due = _to_second(snooze.landed(p, when, rules))
    if step.channel == "confirm" and p.meeting_at is not None and due >= p.meeting_at:
        local = rules.calendar.local(p.meeting_at, location_of(p))
        raise OutcomeRefused(f"{p.name}'s meeting is {local:%a %d %b %H:%M} their time: "
                             "snooze the confirmation to a time before it")
    return p, replace(step, due=due, agreed=False), ""


def _snoozed_to(p: Prospect, step: NextStep, now: datetime, rules: Rules) -> str:
    """'call Thu 10:00 their time' (the date too when it is a week or more away)."""
    where = location_of(p)
    local = rules.calendar.local(step.due, where)
    day = f"{local:%a %H:%M}" if step.due - now < timedelta(days=6) else f"{local:%a %d %b %H:%M}"
    return f"{step.channel} {day} {'their' if where.certain else city(where.tz)} time"


def _note_result(p: Prospect, note: str, now: datetime, block: str, activity_id: str | None) -> Result:
    """A note: an activity on the prospect's history that leaves the prospect and its step as they are."""
    if not note.strip():
        raise MissingDetail("a note needs some text; an empty note is not saved")
    activity = Activity(id=activity_id or uuid.uuid4().hex, prospect_id=p.id, outcome="note", at=now,
                        channel="note", attempt=p.attempt, note=note.strip(), block=block,
                        before=prospect_to_dict(p), cadence=_counts_for(p))
    return Result(prospect=p, activity=activity, next_step=p.next_step, summary=f"Note saved for {p.name}")


_HANDLERS = {
    "connected": _connected, "meeting": _meeting, "voicemail": _voicemail, "no-answer": _no_answer,
    "callback": _callback, "gatekeeper": _gatekeeper, "wrong-number": _wrong_number, "email": _email,
    "not-interested": _not_interested, "break-up": _break_up, "do-not-contact": _do_not_contact,
    "dead": _dead, "held": _held, "no-show": _no_show,
    "snooze": _snooze, "note": None,  # a note is `_note_result`: it never reaches a handler
}
