"""Prospects out: CSV a spreadsheet opens safely, JSON that imports back without loss.

Do-not-contact prospects leave only when the caller asks (`include_dnc`), and then each is
marked: `"do_not_contact": true` in JSON, a DO NOT CONTACT column in CSV.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import TextIO

from ..engine.text import json_text
from ..model import RESEARCH_FIELDS, Prospect, prospect_to_dict

JSON_FORMAT = "cockpit"
JSON_VERSION = 1
DNC_MARK = "DO NOT CONTACT"

# A cell a spreadsheet would run as a formula starts with one of these (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A phone as the book stores it (E.164, maybe ;ext=204) is a number, not a formula: dialers and CRM
# importers would keep the quote the guard adds, so phone cells made only of these go out as they are.
E164 = re.compile(r"\+[0-9]{1,15}(?:;ext=[0-9]{1,10})?")
PHONE_COLUMNS = ("phones", "bad_phones")

COLUMNS = (
    "id", "name", "company", "title", "phones", "bad_phones", "email", "tag", "lead_type", "source", "tz",
    "status", "do_not_contact", "cadence", "attempt", "next_channel", "next_due", "next_reason", "next_step",
    "next_agreed", "created", "meeting_at", "lost_reason", "signals", "zones", "country",
    *(f"research_{key}" for key, _label in RESEARCH_FIELDS),
)
LIST_SEPARATOR = " | "


def select(prospects: Iterable[Prospect], statuses: Iterable[str] = (), include_dnc: bool = False) -> list[Prospect]:
    wanted = set(statuses)
    return [p for p in prospects
            if (not wanted or p.status in wanted) and (include_dnc or p.status != "do-not-contact")]


def escape_cell(value: str) -> str:
    """Text a spreadsheet would run as a formula is written so it shows as text: a leading quote."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def escape_phones(value: str) -> str:
    """A list of E.164 numbers as it is; anything else in a phone cell (a hand-edited JSON) is escaped."""
    numbers = value.split(LIST_SEPARATOR)
    return value if all(E164.fullmatch(n) for n in numbers) else escape_cell(value)


def unescape_cell(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


def record(p: Prospect) -> dict:
    data = prospect_to_dict(p)
    data["do_not_contact"] = p.status == "do-not-contact"
    return data


def to_json(prospects: Iterable[Prospect]) -> dict:
    return {"format": JSON_FORMAT, "version": JSON_VERSION, "prospects": [record(p) for p in prospects]}


def write_json(prospects: Iterable[Prospect], out: TextIO) -> int:
    data = to_json(prospects)
    out.write(json_text(data, indent=2))  # exact values; nothing a terminal would act on written raw
    out.write("\n")
    return len(data["prospects"])


def csv_row(p: Prospect) -> list[str]:
    d = prospect_to_dict(p)
    step = d["next_step"] or {}
    values = {
        **{k: d[k] for k in ("id", "name", "company", "title", "email", "tag", "lead_type", "source", "tz",
                             "status", "cadence", "lost_reason")},
        "phones": LIST_SEPARATOR.join(d["phones"]), "bad_phones": LIST_SEPARATOR.join(d["bad_phones"]),
        "do_not_contact": DNC_MARK if p.status == "do-not-contact" else "",
        "attempt": str(d["attempt"]),
        "next_channel": step.get("channel", ""), "next_due": step.get("due", "") or "",
        "next_reason": step.get("reason", ""), "next_step": str(step["step"]) if step else "",
        "next_agreed": ("yes" if step.get("agreed") else "no") if step else "",
        "created": d["created"] or "", "meeting_at": d["meeting_at"] or "",
        "signals": LIST_SEPARATOR.join(d["signals"]),
        "zones": LIST_SEPARATOR.join(d["zones"]), "country": d["country"],  # a doubt about the zone survives
        **{f"research_{k}": v for k, v in d["research"].items()},
    }
    return [(escape_phones if c in PHONE_COLUMNS else escape_cell)(str(values[c])) for c in COLUMNS]


def write_csv(prospects: Iterable[Prospect], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    for p in prospects:
        writer.writerow(csv_row(p))
        count += 1
    return count


def record_from_csv(headers: list[str], cells: list[str]) -> dict:
    """A row of Cockpit's own CSV export back to the dict prospect_from_dict reads."""
    row = {h: unescape_cell(cells[i]) if i < len(cells) else "" for i, h in enumerate(headers)}

    def split(text: str) -> list[str]:
        return [x for x in text.split(LIST_SEPARATOR) if x] if text else []

    step = None
    if row.get("next_channel"):
        step = {"channel": row["next_channel"], "due": row["next_due"], "reason": row.get("next_reason", ""),
                "step": int(row.get("next_step") or 0), "agreed": row.get("next_agreed") == "yes"}
    return {
        **{k: row.get(k, "") for k in ("id", "name", "company", "title", "email", "tag", "lead_type", "source",
                                        "tz", "status", "cadence", "lost_reason")},
        "phones": split(row.get("phones", "")), "bad_phones": split(row.get("bad_phones", "")),
        "attempt": int(row.get("attempt") or 0), "next_step": step,
        "created": row.get("created") or None, "meeting_at": row.get("meeting_at") or None,
        "signals": split(row.get("signals", "")), "zones": split(row.get("zones", "")),
        "country": row.get("country", ""),
        "research": {k: row.get(f"research_{k}", "") for k, _label in RESEARCH_FIELDS},
    }
