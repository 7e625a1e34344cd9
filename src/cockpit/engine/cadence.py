"""Cadences as data: a named list of steps, read from TOML tables.

Every step carries a reason worth the prospect's time: a step that only checks in, touches
base or cites the rep's quota or calendar (month, quarter, year end) is refused when the
cadence is read, so it is never shown to a rep, let alone said to a prospect.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

STEP_CHANNELS = ("call", "email")
HALVES = ("am", "pm")


class CadenceError(ValueError):
    pass


# Reasons that carry no value for the person called: the method's "never just checking in".
_NO_VALUE = re.compile(
    r"\bcheck(?:ing)?[- ]?in\b|\bjust (?:following up|wanted to|checking|calling)\b|\btouch(?:ing)? base\b"
    r"|\bcircl(?:e|ing) back\b|\bbump(?:ing)? (?:this|it)\b|\bquota\b"
    r"|\b(?:end[- ]of[- ](?:the[- ])?(?:month|quarter|year|q[1-4])|(?:month|quarter|year)[- ]end"
    r"|eo[mqy])\b",
    re.IGNORECASE)


def value_problem(reason: str) -> str:
    """Why `reason` is not a reason to contact someone ("" when it is one)."""
    if not reason.strip():
        return "it has no reason; give the value this touch brings them (an idea, an article, an introduction)"
    found = _NO_VALUE.search(reason)
    if found:
        return (f"reason {reason!r} gives them nothing ({found.group(0)!r}); "
                "give the value this touch brings them, never a check-in or your own quota or calendar")
    return ""


@dataclass(frozen=True)
class Step:
    channel: str
    days: int = 0  # business days after the previous step
    months: int = 0
    hours: int = 0
    minutes: int = 0
    half: str = ""  # "am" / "pm": which half of the calling window
    reason: str = ""
    template: str = ""  # the set of words in templates.toml for this step ("" = its channel's)

    @property
    def in_days(self) -> bool:
        """True for steps measured in calendar terms (days, months) rather than minutes."""
        return not (self.hours or self.minutes)


@dataclass(frozen=True)
class Cadence:
    name: str
    steps: tuple[Step, ...]
    then: str = "break-up"  # what follows the last step: "break-up", "repeat" or another cadence's name
    breakup_days: int = 3
    description: str = ""

    @property
    def attempts_max(self) -> int:
        return len(self.steps)


def cadence_from_dict(name: str, data: dict, known: Collection[str] = ()) -> Cadence:
    """Build a cadence from a TOML table; CadenceError names the cadence and the bad key. `known`: the
    names of the book's cadences, one of which `then` may name (the post-meeting follow-ups hand over
    to stalled)."""
    where = f"cadence {name!r}"
    if not isinstance(data, dict):
        raise CadenceError(f"{where}: expected a table with steps = [...]")
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise CadenceError(f"{where}: 'steps' must be a non-empty list of {{channel = ..., days = ...}}")
    steps = []
    for i, raw in enumerate(raw_steps, 1):
        if not isinstance(raw, dict):
            raise CadenceError(f"{where} step {i}: expected {{channel = \"call\", days = 2}}")
        unknown = set(raw) - {"channel", "days", "months", "hours", "minutes", "half", "reason", "template"}
        if unknown:
            raise CadenceError(f"{where} step {i}: unknown key {sorted(unknown)[0]!r} "
                               "(accepted: channel, days, months, hours, minutes, half, reason, template)")
        template = raw.get("template", "")
        if not isinstance(template, str):  # whether it names a set is checked with the templates (config.py)
            raise CadenceError(f"{where} step {i}: template must be the name of a template set, such as \"idea-email\"")
        channel = raw.get("channel")
        if channel not in STEP_CHANNELS:
            raise CadenceError(f"{where} step {i}: channel {channel!r} is not one of {', '.join(STEP_CHANNELS)}")
        numbers = {}
        for key in ("days", "months", "hours", "minutes"):
            value = raw.get(key, 0)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise CadenceError(f"{where} step {i}: {key} must be a whole number >= 0, not {value!r}")
            numbers[key] = value
        if sum(1 for v in numbers.values() if v) > 1:
            raise CadenceError(f"{where} step {i}: give one of days, months, hours or minutes")
        half = raw.get("half", "")
        if half not in ("", *HALVES):
            raise CadenceError(f"{where} step {i}: half must be \"am\" or \"pm\", not {half!r}")
        reason = raw.get("reason", "")
        problem = value_problem(reason) if isinstance(reason, str) else "reason must be text"
        if problem:
            raise CadenceError(f"{where} step {i}: {problem}")
        steps.append(Step(channel=channel, half=half, reason=reason, template=template, **numbers))
    then = data.get("then", "break-up")
    if then not in ("break-up", "repeat", *known):
        others = f" or another cadence ({', '.join(sorted(known))})" if known else ""
        raise CadenceError(f"{where}: then must be \"break-up\", \"repeat\"{others}, not {then!r}")
    breakup_days = data.get("breakup_days", 3)
    if not isinstance(breakup_days, int) or isinstance(breakup_days, bool) or breakup_days < 0:
        raise CadenceError(f"{where}: breakup_days must be a whole number >= 0")
    return Cadence(name=name, steps=tuple(steps), then=then, breakup_days=breakup_days,
                   description=str(data.get("description", "")))
