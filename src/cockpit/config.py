"""The book's settings: cockpit.toml in the book folder, read with tomllib into frozen dataclasses.

The file is written with commented defaults on first use. `cockpit config KEY VALUE` edits one
top-level line in place so the rep's comments survive; every value is validated before the file
is replaced, and errors name the file and the key.
"""

from __future__ import annotations

import json
import os
import re
import string
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from . import durable, holiday_cache
from .engine.cadence import Cadence, CadenceError, Step, cadence_from_dict
from .engine.calendar import Calendar, UnknownZone, zone
from .engine.outcomes import OUTCOMES
from .engine.phones import BadPhone, normalise
from .engine.rep import Rep
from .engine.rules import NURTURE_MONTHS, LeadTiming, Rules
from .engine.templates import TemplateError, Templates
from .engine.templates import from_dict as templates_from_dict
from .engine.timing import WEEKDAY_NAMES, best_time_text
from .model import LEAD_TYPES

FILE_NAME = "cockpit.toml"

DEFAULT_FILE = """\
# Cockpit settings for this book. Edit by hand or with `cockpit config KEY VALUE`.

# Who is calling, as the voicemail scripts say it: your name, your company, the number they can
# call you back on, and one sentence of value for the people you call, as you'd say it to them
# ("we help sales teams stop losing deals to slow follow-up").
rep_name = ""
rep_company = ""
rep_phone = ""
value = ""

# Country code for public holidays and for phone numbers written without +country.
country = "US"

# The rep's time zone (IANA name). Empty: the TZ environment variable, else the system's.
timezone = ""

# Calling window in each prospect's own time zone. Never outside 08:00-21:00, whatever is set here.
window_start = "09:00"
window_end = "17:00"

# Extra days off on top of the country's public holidays, e.g. ["2026-12-24", "2026-12-31"].
holidays = []

# Months until a "not interested" or break-up prospect is re-contacted by default (6, 12 or 18).
nurture_months = 6

# Theme of the cockpit screen: cockpit-dark, cockpit-light, cockpit-contrast or one of your own.
theme = "cockpit-dark"

# What t runs to dial: a command and its arguments, {number} is the E.164 number, {ext} the extension,
# e.g. ["linphonecsh", "dial", "{number}"]. Empty: the system's tel: handler.
dial_command = []

# Outcome keys, remappable: outcome = "key".
[keys]
# voicemail = "v"

# Cadences: add your own or override a built-in (cold-call, web-lead, nurture, stalled,
# post-meeting, rebook, client, partner).
# [cadences.cold-call]
# then = "break-up"
# steps = [ { channel = "call", days = 0 }, { channel = "email", days = 1 } ]

# Your own words: override any built-in voicemail, opener, e-mail or break-up (templates.toml in
# Cockpit's package lists them all, with every placeholder), per set of words and tag:
# [templates.call.prospect]
# voicemail = "Hi {first_name}, {who}, about {hook}. {next_touch}; if it's not a fit, just reply no thanks."
# [[templates.objections.prospect]]
# heard = "We have no budget"
# say = "Understood. When do you plan next year's budget?"

# Learned timing per lead type (cold, web, referral, partner), as the stats screen or
# `cockpit stats --accept N` sets it from your own log:
# [timing.cold]
# best_time = "Tue 16:00"  # cadence calls move to this weekday and hour when it falls in the same week
# decide_days = 32         # prospects you talked to get a value follow-up as day 32 approaches
"""

SETTABLE = ("rep_name", "rep_company", "rep_phone", "value", "country", "timezone", "window_start", "window_end", "holidays", "nurture_months", "theme",
            "dial_command")
DIAL_PLACEHOLDERS = ("number", "ext")
DIAL_EXAMPLE = '["linphonecsh", "dial", "{number}"]'


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class Config:
    country: str = "US"
    timezone: str = ""
    window_start: time = time(9, 0)
    window_end: time = time(17, 0)
    holidays: tuple[date, ...] = ()
    nurture_months: int = 6
    theme: str = "cockpit-dark"
    rep_name: str = ""
    rep_company: str = ""
    rep_phone: str = ""  # E.164
    value: str = ""
    dial_command: tuple[str, ...] = ()  # argv template run by t; () opens tel: instead
    keys: dict[str, str] = field(default_factory=lambda: dict(OUTCOMES), hash=False)
    cadences: dict[str, Cadence] = field(default_factory=dict, hash=False)
    timing: dict[str, LeadTiming] = field(default_factory=dict, hash=False)  # [timing.LEAD]: learned from the log
    templates: Templates = field(default_factory=lambda: builtin_templates(), hash=False)  # [templates.SET.TAG]

    def rep(self) -> Rep:
        """Who is calling, for the scripts (engine/rep.py)."""
        return Rep(name=self.rep_name, company=self.rep_company, phone=self.rep_phone, value=self.value)

    def rep_tz(self) -> str:
        """The book's setting, else TZ, else the system's zone, else UTC."""
        for candidate in (self.timezone, os.environ.get("TZ", "")):
            if candidate:
                try:
                    zone(candidate)
                    return candidate
                except UnknownZone:
                    continue
        return _system_zone()

    def rules(self) -> Rules:
        calendar = Calendar(country=self.country, extra_holidays=frozenset(self.holidays),
                            window_start=self.window_start, window_end=self.window_end,
                            public_holidays=holiday_cache.public_holidays)
        return Rules(calendar=calendar, cadences=self.cadences, rep_tz=self.rep_tz(),
                     country=self.country, nurture_months=self.nurture_months, timing=self.timing,
                     templates=self.templates)


def _system_zone() -> str:
    link = Path("/etc/localtime")
    try:
        target = str(link.resolve())
        if "zoneinfo/" in target:
            name = target.split("zoneinfo/", 1)[1]
            zone(name)
            return name
    except (OSError, UnknownZone):
        pass
    return "UTC"


def builtin_cadences() -> dict[str, Cadence]:
    data = tomllib.loads(Path(__file__).with_name("cadences.toml").read_text(encoding="utf-8"))
    return {name: cadence_from_dict(name, table, known=data.keys()) for name, table in data.items()}


_BUILTIN_TEMPLATES: list[Templates] = []


def builtin_templates() -> Templates:
    """templates.toml beside the cadences, read once (it is checked like a book's own tables)."""
    if not _BUILTIN_TEMPLATES:
        data = tomllib.loads(Path(__file__).with_name("templates.toml").read_text(encoding="utf-8"))
        _BUILTIN_TEMPLATES.append(templates_from_dict(data, "templates.toml", cadence_names=builtin_cadences()))
    return _BUILTIN_TEMPLATES[0]


def _templates(data, cadences: dict[str, Cadence], where: str) -> Templates:
    """The built-in words with the book's [templates...] tables over them; every step's template named."""
    try:
        found = templates_from_dict(data.get("templates") or {}, f"{where}: templates", cadence_names=cadences,
                                    base=builtin_templates())
    except TemplateError as exc:
        raise ConfigError(str(exc)) from None
    for cadence in cadences.values():
        for i, step in enumerate(cadence.steps, 1):
            if step.template and step.template not in found.sets:
                raise ConfigError(f"{where}: cadence {cadence.name!r} step {i}: template {step.template!r} is not "
                                  f"a template set (known: {', '.join(sorted(found.sets))})")
    return found


def _parse_time(value, where: str) -> time:
    if not isinstance(value, str) or not re.fullmatch(r"\d{1,2}:\d{2}", value):
        raise ConfigError(f"{where}: {value!r} is not a time; use HH:MM, e.g. \"09:00\"")
    hours, minutes = map(int, value.split(":"))
    if hours > 23 or minutes > 59:
        raise ConfigError(f"{where}: {value!r} is not a time of day; use HH:MM from 00:00 to 23:59")
    return time(hours, minutes)


def _validate(data: dict, where: str) -> Config:
    """Turn the parsed TOML into a Config; ConfigError names the file and the key."""
    known = set(SETTABLE) | {"keys", "cadences", "timing", "templates"}
    for key in data:
        if key not in known:
            raise ConfigError(f"{where}: unknown setting {key!r} (known: {', '.join(sorted(known))})")
    country = data.get("country", "US")
    if not isinstance(country, str) or not re.fullmatch(r"[A-Za-z]{2}", country):
        raise ConfigError(f"{where}: country = {country!r}; use a two-letter code such as US, GB, DE")
    country = country.upper()
    tz_name = data.get("timezone", "")
    if not isinstance(tz_name, str):
        raise ConfigError(f"{where}: timezone must be a string such as \"America/New_York\"")
    if tz_name:
        try:
            zone(tz_name)
        except UnknownZone as exc:
            raise ConfigError(f"{where}: timezone: {exc}") from None
    start = _parse_time(data.get("window_start", "09:00"), f"{where}: window_start")
    end = _parse_time(data.get("window_end", "17:00"), f"{where}: window_end")
    raw_days = data.get("holidays", [])
    if not isinstance(raw_days, list):
        raise ConfigError(f"{where}: holidays must be a list of dates, e.g. [\"2026-12-24\"]")
    days = []
    for item in raw_days:
        try:
            if isinstance(item, (datetime, time)):  # a TOML date-time is not a day off
                raise ValueError(item)
            days.append(item if isinstance(item, date) else date.fromisoformat(str(item)))
        except ValueError:
            raise ConfigError(f"{where}: holidays: {item!r} is not a date (use YYYY-MM-DD)") from None
    months = data.get("nurture_months", 6)
    if type(months) is not int or months not in NURTURE_MONTHS:  # 6.0 == 6, but a month count is whole
        raise ConfigError(f"{where}: nurture_months = {months!r}; accepted: 6, 12, 18")
    theme = data.get("theme", "cockpit-dark")
    if not isinstance(theme, str) or not theme:
        raise ConfigError(f"{where}: theme must be a theme name such as \"cockpit-dark\"")
    for table in ("keys", "cadences", "timing", "templates"):
        if not isinstance(data.get(table, {}), dict):
            raise ConfigError(f"{where}: {table} must be a table ([{table}] ...), not {data[table]!r}")
    keys = dict(OUTCOMES)
    for outcome, key in (data.get("keys") or {}).items():
        if outcome not in OUTCOMES:
            raise ConfigError(f"{where}: keys: unknown outcome {outcome!r} (known: {', '.join(OUTCOMES)})")
        if not isinstance(key, str) or not key:
            raise ConfigError(f"{where}: keys.{outcome} must be a key such as \"v\"")
        keys[outcome] = key
    clashes = {k for k in keys.values() if list(keys.values()).count(k) > 1}
    if clashes:
        key = sorted(clashes)[0]
        both = " and ".join(name for name, k in keys.items() if k == key)  # z became snooze's: say so
        raise ConfigError(f"{where}: keys: {key!r} is bound to {both}; give each its own key")
    cadences = builtin_cadences()
    known = set(cadences) | set(data.get("cadences") or {})
    for name, table in (data.get("cadences") or {}).items():
        try:
            cadences[name] = cadence_from_dict(name, table, known)
        except CadenceError as exc:
            raise ConfigError(f"{where}: {exc}") from None
    try:
        Calendar(country=country, window_start=start, window_end=end)
    except ValueError as exc:
        raise ConfigError(f"{where}: window_start/window_end: {exc}") from None
    if country not in holiday_cache.supported_countries():
        raise ConfigError(f"{where}: country: unknown country {country!r} for holidays "
                          "(use a code such as US, GB, DE)")
    rep_name = data.get("rep_name", "")
    if not isinstance(rep_name, str):
        raise ConfigError(f"{where}: rep_name must be a string such as \"Sam Carter\"")
    rep_company, value = (_one_line(data.get(key, ""), f"{where}: {key}", example, limit)
                          for key, example, limit in (("rep_company", "Northwind", 80),
                                                      ("value", "we help sales teams stop losing deals to slow "
                                                                "follow-up", VALUE_LIMIT)))
    rep_phone = _one_line(data.get("rep_phone", ""), f"{where}: rep_phone", "+1 415 555 0100", 40)
    if rep_phone:
        try:
            rep_phone = normalise(rep_phone, country)
        except BadPhone as exc:
            raise ConfigError(f"{where}: rep_phone: {exc}") from None
    templates = _templates(data, cadences, where)
    timing = {lead: _lead_timing(table, f"{where}: timing.{lead}") for lead, table in (data.get("timing") or {}).items()}
    dial = dial_command(data.get("dial_command", []), f"{where}: dial_command")
    return Config(rep_name=rep_name.strip(), rep_company=rep_company, rep_phone=rep_phone, value=value,
                  dial_command=dial, country=country, timezone=tz_name, window_start=start, window_end=end,
                  holidays=tuple(days), nurture_months=months, theme=theme, keys=keys, cadences=cadences,
                  timing=timing, templates=templates)


VALUE_LIMIT = 160  # one sentence; the voicemail says its first words


def _one_line(value, where: str, example: str, limit: int) -> str:
    """A setting that is one short line of the rep's own words."""
    if not isinstance(value, str) or "\n" in value or len(value) > limit:
        raise ConfigError(f"{where} must be one line of text of at most {limit} characters, e.g. \"{example}\"")
    return value.strip()


def dial_command(value, where: str) -> tuple[str, ...]:
    """The argv template t runs: a list of strings naming {number} (and maybe {ext}), nothing else."""
    accepted = f"use a list of strings with {{number}} in it, e.g. {DIAL_EXAMPLE}, or [] for tel: links"
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {value!r} is not a list of strings; {accepted}")
    if not value:
        return ()
    if not value[0].strip():
        raise ConfigError(f"{where}: the first item must name the program; {accepted}")
    for part in value:
        try:
            names = [name for _, name, spec, conv in string.Formatter().parse(part) if name is not None]
        except ValueError:
            raise ConfigError(f"{where}: {part!r} has an unmatched brace; {accepted}") from None
        unknown = [n for n in names if n not in DIAL_PLACEHOLDERS]
        if unknown:
            raise ConfigError(f"{where}: unknown placeholder {{{unknown[0]}}}; accepted: {{number}}, {{ext}}")
    if not any("{number}" in part for part in value):
        raise ConfigError(f"{where}: no {{number}} in {value!r}; {accepted}")
    return tuple(value)


DECIDE_DAYS = (3, 365)  # a decision quicker than 3 days leaves no time to follow up before it


def _lead_timing(table, where: str) -> LeadTiming:
    """One [timing.LEAD] table: best_time = "Tue 16:00", decide_days = 32 (either may be left out)."""
    lead = where.rsplit(".", 1)[1]
    if lead not in LEAD_TYPES:
        raise ConfigError(f"{where}: unknown lead type {lead!r} (known: {', '.join(LEAD_TYPES)})")
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table with best_time and/or decide_days")
    unknown = set(table) - {"best_time", "decide_days"}
    if unknown:
        raise ConfigError(f"{where}: unknown key {sorted(unknown)[0]!r} (accepted: best_time, decide_days)")
    weekday = at = None
    if "best_time" in table:
        text = table["best_time"]
        day, _, clock = text.partition(" ") if isinstance(text, str) else ("", "", "")
        if day.title() not in WEEKDAY_NAMES:
            raise ConfigError(f"{where}: best_time = {text!r}; use a weekday from Mon to Fri and a time, e.g. \"Tue 16:00\"")
        weekday, at = WEEKDAY_NAMES.index(day.title()), _parse_time(clock, f"{where}: best_time")
    decide = table.get("decide_days")
    if decide is not None and (type(decide) is not int or not DECIDE_DAYS[0] <= decide <= DECIDE_DAYS[1]):
        raise ConfigError(f"{where}: decide_days = {decide!r}; use a whole number of days from "
                          f"{DECIDE_DAYS[0]} to {DECIDE_DAYS[1]}, e.g. 32")
    return LeadTiming(weekday, at, decide)


def load(book: Path) -> Config:
    """The book's settings; the file is created with commented defaults when missing."""
    path = book / FILE_NAME
    if not path.exists():
        return _validate({}, str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the file or delete it to get the defaults") from None
    return _validate(data, str(path))


def write_default(book: Path) -> None:
    path = book / FILE_NAME
    if not path.exists():
        _write_atomic(path, DEFAULT_FILE)


def read_value(book: Path, key: str):
    if key not in SETTABLE:
        raise ConfigError(f"unknown setting {key!r}; settable: {', '.join(SETTABLE)}")
    path = book / FILE_NAME
    data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return data.get(key, tomllib.loads(DEFAULT_FILE)[key])


def _toml_value(key: str, value: str) -> str:
    if key == "nurture_months":
        if not value.isdigit():
            raise ConfigError(f"nurture_months = {value!r}; accepted: 6, 12, 18")
        return value
    if key == "dial_command":
        # Given as JSON (what a shell can quote); written as a TOML array, validated with the file.
        try:
            parsed = json.loads(value) if value.strip() else []
        except json.JSONDecodeError:
            raise ConfigError(f"dial_command: {value!r} is not JSON; use a JSON list of strings with {{number}} "
                              f"in it, e.g. '{DIAL_EXAMPLE}', or '[]' for tel: links") from None
        dial_command(parsed, "dial_command")
        return json.dumps(parsed)
    if key in ("rep_name", "rep_company", "rep_phone", "value") and ("\n" in value or "\r" in value):
        raise ConfigError(f"{key}: one line of text, please; {value!r} has a line break")
    if key == "holidays":
        items = [v.strip() for v in value.split(",") if v.strip()]
        return "[" + ", ".join(f'"{v}"' for v in items) + "]"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def add_days_off(book: Path, days) -> Config:
    """Add `days` to the book's own days off (`holidays`): every schedule from now on skips them."""
    current = load(book).holidays
    merged = sorted(set(current) | set(days))
    return set_value(book, "holidays", ", ".join(d.isoformat() for d in merged))


def remove_days_off(book: Path, days) -> Config:
    """Take `days` out of the book's own days off (time off cancelled)."""
    kept = sorted(set(load(book).holidays) - set(days))
    return set_value(book, "holidays", ", ".join(d.isoformat() for d in kept))


def set_value(book: Path, key: str, value: str) -> Config:
    """Set one top-level setting, keeping the file's comments; refuses a value that does not validate."""
    return set_values(book, {key: value})


def set_values(book: Path, values: dict[str, str], dry_run: bool = False) -> Config:
    """Set several top-level settings at once (the setup form): all of them or, on the first that does
    not validate, none. `dry_run` checks them and writes nothing."""
    path = book / FILE_NAME
    text = path.read_text(encoding="utf-8") if path.exists() else DEFAULT_FILE
    for key, value in values.items():
        text = _with_value(text, key, value)
    what = ", ".join(f"{key} = {value!r}" for key, value in values.items())
    if dry_run:
        return _checked(path, text, what)
    return _replace_file(path, text, what)


def _with_value(text: str, key: str, value: str) -> str:
    if key not in SETTABLE:
        raise ConfigError(f"unknown setting {key!r}; settable: {', '.join(SETTABLE)}")
    line = f"{key} = {_toml_value(key, value)}"
    pattern = re.compile(rf"^{re.escape(key)}\s*=.*$", re.MULTILINE)
    if pattern.search(text):
        return pattern.sub(lambda _: line, text, count=1)
    # Top-level keys go above the first [table]: below it they would belong to that table.
    first_table = re.search(r"^\s*\[", text, re.MULTILINE)
    head, tail = (text[:first_table.start()], text[first_table.start():]) if first_table else (text, "")
    return (f"{head.rstrip()}\n{line}\n" if head.strip() else f"{line}\n") + (f"\n{tail.lstrip()}" if tail else "")


def _checked(path: Path, new_text: str, what: str) -> Config:
    try:
        return _validate(tomllib.loads(new_text), str(path))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {what} does not make valid TOML ({exc})") from None


def _replace_file(path: Path, new_text: str, what: str) -> Config:
    """Write `new_text` only if it validates as a whole: a refused change leaves the file byte-identical."""
    config = _checked(path, new_text, what)
    _write_atomic(path, new_text)
    return config


def _write_atomic(path: Path, text: str) -> None:
    """Durably, 0600 like the rest of the book (the settings name the rep and their working hours).

    A full disk or a read-only folder is one clear line (exit 1): no temp file left, the old file intact."""
    try:
        durable.write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise durable.storage_error(path, exc, "write the settings") from None


def _step_toml(step) -> str:
    parts = [f'channel = "{step.channel}"']
    for key in ("days", "months", "hours", "minutes"):
        if getattr(step, key):
            parts.append(f"{key} = {getattr(step, key)}")
    if step.half:
        parts.append(f'half = "{step.half}"')
    if step.reason:
        parts.append('reason = "' + step.reason.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return "{ " + ", ".join(parts) + " }"


def set_timing(book: Path, lead: str, best_time: str | None = None, decide_days: int | None = None) -> Config:
    """Set what the log taught about one lead type in its [timing.LEAD] table, keeping what is there."""
    current = load(book).timing.get(lead, LeadTiming())
    lines = []
    if best_time is not None:
        lines.append(f'best_time = "{best_time}"')
    elif current.weekday is not None and current.at is not None:
        lines.append(f'best_time = "{best_time_text(current.weekday, current.at)}"')
    decide = decide_days if decide_days is not None else current.decide_days
    if decide is not None:
        lines.append(f"decide_days = {decide}")
    return _put_table(book, f"timing.{lead}", "".join(f"{line}\n" for line in lines), f"timing for {lead} leads")


def _put_table(book: Path, name: str, body: str, what: str) -> Config:
    """Replace the [NAME] table of the book's settings with `body` (or add it at the end); the rest of
    the file, comments included, stays as it is."""
    path = book / FILE_NAME
    text = path.read_text(encoding="utf-8") if path.exists() else DEFAULT_FILE
    table = f"[{name}]\n{body}"
    pattern = re.compile(rf"^\[{re.escape(name)}\]\n(?:(?!\[).*\n?)*", re.MULTILINE)
    new_text = pattern.sub(lambda _: table + "\n", text, count=1) if pattern.search(text) else text.rstrip() + "\n\n" + table
    return _replace_file(path, new_text, what)


def set_cadence_length(book: Path, cadence: Cadence, attempts: int) -> Config:
    """Override a cadence with one attempt more (a call like its last) or fewer, as a [cadences.NAME] table."""
    if attempts < 1:
        raise ConfigError(f"cadence {cadence.name!r} needs at least one attempt")
    steps = list(cadence.steps[:attempts])
    while len(steps) < attempts:
        last = cadence.steps[-1]
        steps.append(Step(channel="call", days=max(last.days, 2), half=last.half,
                          reason="one more call: the log says late attempts connect"))
    body = (f"then = \"{cadence.then}\"\nbreakup_days = {cadence.breakup_days}\nsteps = [\n"
            + "".join(f"  {_step_toml(s)},\n" for s in steps) + "]\n")
    return _put_table(book, f"cadences.{cadence.name}", body, f"cadence {cadence.name!r}")
