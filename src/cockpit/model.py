"""The domain: prospects, their next step and the activities logged against them.

Pure data. Frozen dataclasses, aware UTC datetimes, and one place (`to_dict` /
`*_from_dict`) that turns them into the plain dicts the book stores.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import datetime, timezone

STATUSES = ("new", "working", "engaged", "meeting", "nurture", "do-not-contact", "dead")
ACTIVE_STATUSES = ("new", "working", "engaged", "meeting", "nurture")
CLOSED_STATUSES = ("do-not-contact", "dead")
TAGS = ("prospect", "client", "partner")
LEAD_TYPES = ("cold", "web", "referral", "partner")
CHANNELS = ("call", "email", "research", "break-up", "confirm", "debrief")
LOST_REASONS = ("price", "timing", "budget", "vendor", "no-need", "other")

# The pre-call research form, in the order the research pane shows it.
# The research form asks for the field a voicemail says as the rep would say it to the prospect:
# a script never tells Priya about "their move to a new ERP".
FORM_LABELS = {"why_now": "Why now, as you'd say it to them"}
RESEARCH_FIELDS = (
    ("does", "What they do"),
    ("why_now", "Why now"),
    ("pains", "Likely pains"),
    ("questions", "Questions to ask"),
    ("introducers", "Who could introduce me"),
    ("notes", "Notes"),
)


def utc(dt: datetime) -> datetime:
    """Normalise an aware datetime to UTC; refuse naive ones (they hide bugs)."""
    if dt.tzinfo is timezone.utc:
        return dt  # already UTC: the stored form, read hundreds of thousands of times by stats
    if dt.tzinfo is None:
        raise ValueError(f"naive datetime {dt.isoformat()} (times must carry a zone)")
    return dt.astimezone(timezone.utc)


def iso(dt: datetime | None) -> str | None:
    return None if dt is None else utc(dt).isoformat(timespec="seconds")


def from_iso(text: str | None) -> datetime | None:
    return None if text in (None, "") else utc(datetime.fromisoformat(text))


@dataclass(frozen=True)
class Research:
    does: str = ""
    why_now: str = ""
    pains: str = ""
    questions: str = ""
    introducers: str = ""
    notes: str = ""

    @property
    def done(self) -> bool:
        """Homework counts as done once the basics are known: what they do and why now."""
        return bool(self.does.strip() and (self.why_now.strip() or self.pains.strip()))


@dataclass(frozen=True)
class NextStep:
    channel: str
    due: datetime
    reason: str
    step: int = 0  # the attempt number this step will be within the cadence (1-based; 0 = not an attempt)
    agreed: bool = False  # a time the prospect asked for: honoured even outside the window


@dataclass(frozen=True)
class Prospect:
    id: str
    name: str
    company: str = ""
    title: str = ""
    phones: tuple[str, ...] = ()
    bad_phones: tuple[str, ...] = ()
    email: str = ""
    tag: str = "prospect"
    lead_type: str = "cold"
    source: str = ""
    tz: str = ""
    status: str = "new"
    cadence: str = ""  # empty until the book places it: new_prospect picks one from the lead type
    attempt: int = 0
    research: Research = field(default_factory=Research)
    next_step: NextStep | None = None
    created: datetime | None = None
    meeting_at: datetime | None = None
    lost_reason: str = ""
    signals: tuple[str, ...] = ()
    # The zones their number leaves open when it pins down none (tz is the one shown); empty when tz is certain.
    zones: tuple[str, ...] = ()
    country: str = ""  # whose public holidays they keep (ISO code); "" in older books: from tz

    @property
    def active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def phone(self) -> str:
        """The number to dial: the first one not marked bad."""
        good = [p for p in self.phones if p not in self.bad_phones]
        return good[0] if good else ""


@dataclass(frozen=True)
class Activity:
    id: str
    prospect_id: str
    outcome: str
    at: datetime
    channel: str = "call"
    attempt: int = 0  # the prospect's attempt count after this outcome
    note: str = ""
    reason: str = ""
    when: datetime | None = None  # a time given with the outcome (callback, meeting)
    block: str = ""  # the call block it was logged in, if any
    wrap_seconds: float | None = None  # from selecting the prospect on screen to logging this
    talk_seconds: float | None = None  # from dialling (t) to logging this, where the screen dialled
    before: dict | None = None  # the prospect as it was, so undo is exact
    # The cadence this touch counts for in the funnel (kept when `before` is pruned). "" for a touch
    # that follows up a conversation, which counts for the cadence that got it (and in books logged
    # before this was recorded): engine.stats reads it so.
    cadence: str = ""


# ---- plain dicts, for the book and for --json -------------------------------------


def next_step_to_dict(step: NextStep | None) -> dict | None:
    if step is None:
        return None
    return {"channel": step.channel, "due": iso(step.due), "reason": step.reason,
            "step": step.step, "agreed": step.agreed}


def next_step_from_dict(data: dict | None) -> NextStep | None:
    if not data:
        return None
    return NextStep(channel=data["channel"], due=from_iso(data["due"]), reason=data.get("reason", ""),
                    step=int(data.get("step", 0)), agreed=bool(data.get("agreed", False)))


_RESEARCH_FIELDS = tuple(f.name for f in fields(Research))


def prospect_to_dict(p: Prospect) -> dict:
    return {
        "id": p.id, "name": p.name, "company": p.company, "title": p.title,
        "phones": list(p.phones), "bad_phones": list(p.bad_phones), "email": p.email,
        "tag": p.tag, "lead_type": p.lead_type, "source": p.source, "tz": p.tz,
        "status": p.status, "cadence": p.cadence, "attempt": p.attempt,
        "research": {k: getattr(p.research, k) for k in _RESEARCH_FIELDS}, "next_step": next_step_to_dict(p.next_step),
        "created": iso(p.created), "meeting_at": iso(p.meeting_at),
        "lost_reason": p.lost_reason, "signals": list(p.signals), "zones": list(p.zones), "country": p.country,
    }


_RESEARCH_KEYS = frozenset(_RESEARCH_FIELDS)


def prospect_from_dict(d: dict) -> Prospect:
    research = {k: v for k, v in (d.get("research") or {}).items() if k in _RESEARCH_KEYS}
    return Prospect(
        id=d["id"], name=d["name"], company=d.get("company", ""), title=d.get("title", ""),
        phones=tuple(d.get("phones", ())), bad_phones=tuple(d.get("bad_phones", ())),
        email=d.get("email", ""), tag=d.get("tag", "prospect"), lead_type=d.get("lead_type", "cold"),
        source=d.get("source", ""), tz=d.get("tz", ""), status=d.get("status", "new"),
        cadence=d.get("cadence", "cold-call"), attempt=int(d.get("attempt", 0)),
        research=Research(**research), next_step=next_step_from_dict(d.get("next_step")),
        created=from_iso(d.get("created")), meeting_at=from_iso(d.get("meeting_at")),
        lost_reason=d.get("lost_reason", ""), signals=tuple(d.get("signals", ())),
        zones=tuple(d.get("zones", ())), country=d.get("country", ""),
    )


def activity_to_dict(a: Activity) -> dict:
    return {
        "id": a.id, "prospect_id": a.prospect_id, "outcome": a.outcome, "at": iso(a.at),
        "channel": a.channel, "attempt": a.attempt, "note": a.note, "reason": a.reason,
        "when": iso(a.when), "block": a.block, "wrap_seconds": a.wrap_seconds, "before": a.before,
        "cadence": a.cadence, "talk_seconds": a.talk_seconds,
    }


def activity_from_dict(d: dict) -> Activity:
    return Activity(
        id=d["id"], prospect_id=d["prospect_id"], outcome=d["outcome"], at=from_iso(d["at"]),
        channel=d.get("channel", "call"), attempt=int(d.get("attempt", 0)), note=d.get("note", ""),
        reason=d.get("reason", ""), when=from_iso(d.get("when")), block=d.get("block", ""),
        wrap_seconds=d.get("wrap_seconds"), before=d.get("before"), cadence=d.get("cadence") or "",
        talk_seconds=d.get("talk_seconds"),
    )


# ---- the shape of a stored document, checked where the files are read whole or replayed ----------

_PROSPECT_TEXT = ("id", "name", "company", "title", "email", "tag", "lead_type", "source", "tz", "status",
                  "cadence", "lost_reason", "country")
_ACTIVITY_TEXT = ("id", "prospect_id", "outcome", "channel", "note", "reason", "block", "cadence")


def prospect_problem(d) -> str:
    """Why `d` is not a stored prospect ("" when it is one): the book names it rather than crash on it."""
    return _problem(d, required=("id", "name"), text=_PROSPECT_TEXT, lists=("phones", "bad_phones", "signals", "zones"),
                    stamps=("created", "meeting_at")) or _step_problem(d.get("next_step")) or _research_problem(d)


def activity_problem(d) -> str:
    """Why `d` is not a stored activity ("" when it is one)."""
    problem = _problem(d, required=("id", "prospect_id", "outcome", "at"), text=_ACTIVITY_TEXT, lists=(),
                       stamps=("at", "when"))
    if problem:
        return problem
    for key in ("wrap_seconds", "talk_seconds"):
        if not (d.get(key) is None or type(d[key]) in (int, float)):
            return f"{key} is not a number"
    if not (d.get("before") is None or isinstance(d["before"], dict)):
        return "before is not an object"
    return ""


def _problem(d, *, required, text, lists, stamps) -> str:
    if not isinstance(d, dict):
        return "it is not an object"
    missing = [key for key in required if key not in d]
    if missing:
        return f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing"
    for key in text:
        if key in d and not isinstance(d[key], str):
            return f"{key} is not text"
    for key in lists:
        if key in d and not (isinstance(d[key], list) and all(isinstance(v, str) for v in d[key])):
            return f"{key} is not a list of text"
    if "attempt" in d and type(d["attempt"]) is not int:
        return "attempt is not a whole number"
    for key in stamps:
        if d.get(key) not in (None, ""):
            try:
                if not isinstance(d[key], str) or from_iso(d[key]).tzinfo is None:
                    raise ValueError
            except (ValueError, TypeError):
                return f"{key} is not a date and time"
    return ""


def _step_problem(step) -> str:
    if step is None or step == {}:
        return ""
    if not isinstance(step, dict) or not isinstance(step.get("channel"), str) or "due" not in step:
        return "next_step is not a step (channel and due)"
    try:
        next_step_from_dict(step)
    except (ValueError, TypeError, KeyError):
        return "next_step is not a step (channel and due)"
    return ""


def _research_problem(d) -> str:
    research = d.get("research")
    if research is None:
        return ""
    if not isinstance(research, dict) or not all(isinstance(v, str) for v in research.values()):
        return "research is not a set of text fields"
    return ""


__all__ = [name for name in dir() if not name.startswith("_")] + ["replace"]
