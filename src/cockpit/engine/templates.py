"""The words Cockpit writes, as data: voicemails, openers, e-mails, break-ups and objection notes.

Built-ins are in templates.toml beside the cadences; a book overrides any of them with
[templates.SET.TAG] tables in its cockpit.toml. A set is "call", "email" (what any step of that
channel uses), "breakup", or a name a cadence step gives with `template = "NAME"`; a tag is
prospect, client or partner. A field missing from a step's set comes from its channel's set.

A field is one text or a list of alternatives: the first whose placeholders all have a value is
used, so "about {hook}" is said when the research has a hook and "about an idea for {company}"
when it has none. {who} and {signature} may be empty: the sentence closes up around them. A
placeholder that starts a sentence is said with a capital ("we help..." -> "We help...").
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field

TAGS = ("prospect", "client", "partner")
FIELDS = {  # set kind -> the fields it may carry
    "call": ("opener", "voicemail"),
    "email": ("subject", "body"),
    "breakup": ("never", "talked", "met"),
}
STEP_FIELDS = FIELDS["call"] + FIELDS["email"]  # a step's own set may carry either channel's words
PLACEHOLDERS = {
    "first_name": "their first name ('there' when the book has no name)",
    "name": "their full name",
    "company": "their company",
    "title": "their job title",
    "why_now": "the research's 'why now', as you'd say it to them",
    "hook": "the first eight words of 'why now'",
    "rep_name": "your name",
    "rep_company": "your company",
    "rep_phone": "your call-back number (read digit by digit in a voicemail)",
    "value": "your sentence of value (said to a prospect only)",
    "who": "who is calling: 'this is Sam from Northwind' (a voicemail adds your number)",
    "when": "the promised next touch: 'Thursday afternoon'",
    "next_touch": "the promise: 'I'll try you again Thursday afternoon'",
    "signature": "your name, company and number, one per line",
}
MAY_BE_EMPTY = frozenset({"who", "signature", "title"})
OBJECTION_KEYS = ("heard", "say")


class TemplateError(ValueError):
    pass


@dataclass(frozen=True)
class Objection:
    heard: str  # what the rep hears: "It's too expensive"
    say: str  # an answer, said to them


@dataclass(frozen=True)
class Templates:
    sets: dict[str, dict[str, dict[str, tuple[str, ...]]]] = field(default_factory=dict, hash=False)
    objections: dict[str, tuple[Objection, ...]] = field(default_factory=dict, hash=False)  # tag or cadence

    def text(self, kind: str, tag: str, name: str, sets: tuple[str, ...] = ()) -> tuple[str, ...]:
        """The alternatives for field `name` of `tag`: from the first of `sets` (the step's own, then
        the one for what happened so far) that has it, else the channel's (or the break-up's) set; an
        unknown tag (a hand-edited book) is spoken to as a prospect."""
        tag = tag if tag in TAGS else "prospect"
        for set_name in (*sets, kind):
            found = self.sets.get(set_name, {}).get(tag, {}).get(name)
            if found:
                return found
        return ()

    def objections_for(self, tag: str, cadence: str) -> tuple[Objection, ...]:
        """The notes for the objections a rep hears from this tag, then those of this cadence."""
        tag = tag if tag in TAGS else "prospect"
        return self.objections.get(tag, ()) + (self.objections.get(cadence, ()) if cadence != tag else ())


def placeholders(text: str) -> list[str]:
    """The names in `text`'s {braces}; ValueError on a brace left open."""
    return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]


def _alternatives(value, where: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(x, str) and x.strip() for x in items):
        raise TemplateError(f"{where}: give a text, or a list of texts to choose from, e.g. \"Hi {{first_name}}\"")
    for text in items:
        try:
            names = placeholders(text)
        except ValueError:
            raise TemplateError(f"{where}: {text!r} has an unmatched brace; write placeholders as {{name}}") from None
        for name in names:
            if name not in PLACEHOLDERS:
                raise TemplateError(f"{where}: unknown placeholder {{{name}}}; accepted: "
                                    + ", ".join(f"{{{p}}}" for p in PLACEHOLDERS))
    return tuple(items)


def from_dict(data: Mapping, where: str, cadence_names=(), base: Templates | None = None) -> Templates:
    """Templates from TOML tables (`base` overridden field by field); TemplateError names the table,
    the field and the placeholder."""
    sets = {name: {tag: dict(fields) for tag, fields in tags.items()} for name, tags in (base.sets if base else {}).items()}
    objections = dict(base.objections) if base else {}
    if not isinstance(data, Mapping):
        raise TemplateError(f"{where} must be a table of [templates.SET.TAG] tables")
    for set_name, tags in data.items():
        here = f"{where}.{set_name}"
        if set_name == "objections":
            objections.update(_objections(tags, here, cadence_names))
            continue
        allowed = FIELDS.get(set_name, STEP_FIELDS)
        if not isinstance(tags, Mapping):
            raise TemplateError(f"{here} must hold one table per tag ({', '.join(TAGS)})")
        for tag, fields in tags.items():
            if tag not in TAGS:
                raise TemplateError(f"{here}: unknown tag {tag!r} (known: {', '.join(TAGS)})")
            if not isinstance(fields, Mapping):
                raise TemplateError(f"{here}.{tag} must be a table of {', '.join(allowed)}")
            for name, value in fields.items():
                if name not in allowed:
                    raise TemplateError(f"{here}.{tag}: unknown field {name!r} (accepted: {', '.join(allowed)})")
                found = _alternatives(value, f"{here}.{tag}.{name}")
                if name == "voicemail" and not all("next_touch" in placeholders(text) for text in found):
                    # The promise of the next call is what carries a voicemail: never left out.
                    raise TemplateError(f"{here}.{tag}.voicemail: say when you will call again: put {{next_touch}} "
                                        "in every text of it")
                sets.setdefault(set_name, {}).setdefault(tag, {})[name] = found
    return Templates(sets=sets, objections=objections)


def _objections(tables, where: str, cadence_names) -> dict[str, tuple[Objection, ...]]:
    if not isinstance(tables, Mapping):
        raise TemplateError(f"{where} must hold [[objections.TAG]] tables with heard and say")
    found = {}
    for key, items in tables.items():
        if key not in TAGS and key not in cadence_names:
            raise TemplateError(f"{where}: {key!r} is neither a tag ({', '.join(TAGS)}) nor a cadence")
        if not isinstance(items, list):
            raise TemplateError(f"{where}.{key} must be a list of {{heard = \"...\", say = \"...\"}}")
        notes = []
        for i, item in enumerate(items, 1):
            if not isinstance(item, Mapping) or set(item) != set(OBJECTION_KEYS) or not all(
                    isinstance(item[k], str) and item[k].strip() for k in OBJECTION_KEYS):
                raise TemplateError(f"{where}.{key} item {i}: give heard = \"what they say\" and say = \"your answer\"")
            _alternatives(item["say"], f"{where}.{key} item {i}.say")
            notes.append(Objection(heard=item["heard"].strip(), say=item["say"].strip()))
        found[key] = tuple(notes)
    return found


_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")


def render(alternatives: tuple[str, ...], values: Mapping[str, str]) -> str:
    """The first alternative whose placeholders all have a value (else the last), filled in and tidied."""
    if not alternatives:
        return ""
    chosen = alternatives[-1]
    for text in alternatives:
        if all(values.get(name, "").strip() or name in MAY_BE_EMPTY for name in placeholders(text)):
            chosen = text
            break
    out = []
    for literal, name, _, _ in string.Formatter().parse(chosen):
        out.append(literal)
        if name is not None:
            value = values.get(name, "")
            if value and _SENTENCE_START.search("".join(out)):
                value = value[:1].upper() + value[1:]
            out.append(value)
    return tidy("".join(out))


def tidy(text: str) -> str:
    """Close a sentence up around an empty part: 'Hi Jo, , about' -> 'Hi Jo, about'."""
    text = re.sub(r"[ \t]*,[ \t]*(?=[,.;:])", "", text)
    text = re.sub(r"[ \t]+([,.;:])", r"\1", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    return text.strip()
