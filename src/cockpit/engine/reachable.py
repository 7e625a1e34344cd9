"""No dial on a dead number: a prospect with no working number is researched, never called.

A call step for someone whose every number is missing or marked wrong would send the rep to
dial nothing (or a number known to be wrong) and count it as an attempt. Their next step is
to find a number instead; once one is added, the cadence picks up where it stopped.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ..model import NextStep, Prospect
from .location import location_of
from .rules import Rules

# Outcomes that mean the rep dialled this prospect's number: refused when there is none to dial.
# A conversation, a meeting or a callback can still be logged: the prospect may have called in.
DIALLED = ("voicemail", "no-answer", "gatekeeper", "wrong-number")


def number_problem(p: Prospect, outcome: str) -> str:
    """Why `outcome` cannot be logged for `p` ("" when it can): a dial needs a working number."""
    if outcome in DIALLED and not p.phone:
        wrong = " (every number is marked wrong)" if p.phones else ""
        return (f"{p.name} has no working number{wrong}: {outcome} cannot be logged; "
                f"add one with: cockpit edit {p.id} --phone NUMBER")
    return ""


def find_a_number(p: Prospect, now: datetime, rules: Rules) -> NextStep:
    wrong = f" ({', '.join(p.bad_phones)} {'is' if len(p.bad_phones) == 1 else 'are'} wrong)" if p.bad_phones else ""
    return NextStep("research", rules.calendar.next_opening(now, location_of(p)),
                    f"find a working number for {p.name}{wrong}")


def reachable(p: Prospect, step: NextStep | None, now: datetime, rules: Rules) -> NextStep | None:
    """`step`, unless it is a call Cockpit picked for someone with no working number: then research.

    A time the prospect agreed to is kept (they may have given a number in the talk), and so is a
    meeting's confirmation (it can be sent by e-mail)."""
    if step is None or step.channel != "call" or step.agreed or p.phone:
        return step
    return find_a_number(p, now, rules)


def with_number(p: Prospect, e164: str, now: datetime, rules: Rules) -> Prospect:
    """`p` with a new working number; a step that was waiting for one becomes a call at the next opening."""
    phones = p.phones if e164 in p.phones else (*p.phones, e164)
    updated = replace(p, phones=phones, bad_phones=tuple(n for n in p.bad_phones if n != e164))
    step = p.next_step
    if step is not None and step.channel == "research":
        cadence = rules.cadences.get(p.cadence)
        due = rules.calendar.next_opening(now, location_of(p))
        if p.status in ("new", "working") and cadence is not None and p.attempt < cadence.attempts_max:
            planned = cadence.steps[p.attempt]
            step = NextStep(planned.channel, due, planned.reason, step=p.attempt + 1)
        else:
            step = NextStep("call", due, "call the new number: pick up where you left off")
    return replace(updated, next_step=step)
