"""Everything the engine needs to know about one book: its calendar, cadences, words and the rep's zone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time

from .cadence import Cadence
from .calendar import Calendar
from .templates import Templates

NURTURE_MONTHS = (6, 12, 18)
# A tag whose people already know the rep has its own cadence; a prospect's comes from the lead type.
TAG_CADENCES = {"client": "client", "partner": "partner"}


@dataclass(frozen=True)
class LeadTiming:
    """What the rep accepted from their own log for one lead type (the book's [timing.LEAD] table)."""
    weekday: int | None = None  # Monday = 0: the day calls to this lead type connect, with `at`
    at: time | None = None
    decide_days: int | None = None  # days from entering the book to deciding, about


@dataclass(frozen=True)
class Rules:
    calendar: Calendar
    cadences: dict[str, Cadence] = field(hash=False)
    rep_tz: str = "UTC"
    country: str = "US"  # region for phone numbers written without a country code
    nurture_months: int = 6
    timing: dict[str, LeadTiming] = field(default_factory=dict, hash=False)  # lead type -> learned timing
    templates: Templates = field(default_factory=Templates, hash=False)  # the words (templates.toml)

    def cadence(self, name: str) -> Cadence:
        try:
            return self.cadences[name]
        except KeyError:
            raise ValueError(f"unknown cadence {name!r} (known: {', '.join(sorted(self.cadences))})") from None

    def cadence_for(self, tag: str, lead_type: str) -> str:
        """The cadence a person starts on: a client's or a partner's (never a cold one), else the lead
        type's (a web lead is speed to lead)."""
        if TAG_CADENCES.get(tag) in self.cadences:
            return TAG_CADENCES[tag]
        return "web-lead" if lead_type == "web" else "cold-call"
