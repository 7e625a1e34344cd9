"""Finding a prospect by what a rep remembers: an id or its first characters, a name, an e-mail,
a phone number (as written anywhere: +1 415-555-0123, (415) 555 0123), a company.

`named` is what a command taking an id accepts: one prospect, or why not (none, or several, listed
so the rep can pick). `matching` is the wider search (any part of a name or company) a find shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Prospect

MIN_ID_PREFIX = 3  # fewer characters name too many prospects to be meant
MIN_PHONE_DIGITS = 7  # a local number without its area code still picks one line
SHOWN = 5  # candidates listed when a name is ambiguous


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _exactly(p: Prospect, query: str, folded: str, digits: str) -> bool:
    if len(query) >= MIN_ID_PREFIX and p.id.startswith(query):
        return True
    if folded in (_fold(p.name), p.email.casefold()):
        return True
    return len(digits) >= MIN_PHONE_DIGITS and any(_digits(n.split(";")[0]).endswith(digits) for n in p.phones)


def named(prospects: Iterable[Prospect], query: str) -> tuple[Prospect | None, list[Prospect]]:
    """The one prospect `query` names (an id prefix, a whole name, an e-mail, a number), else None and
    the candidates: those it names, or when it names nobody, those whose name or company contains it."""
    query = query.strip()
    folded, digits = _fold(query), _digits(query)
    everyone = list(prospects)
    exact = [p for p in everyone if _exactly(p, query, folded, digits)]
    if len(exact) == 1:
        return exact[0], exact
    return None, exact or matching(everyone, query)


def matching(prospects: Iterable[Prospect], query: str) -> list[Prospect]:
    """Everyone whose id, name, company, e-mail or number contains `query`, by name."""
    folded, digits = _fold(query), _digits(query)
    if not folded:
        return []
    found = [p for p in prospects
             if folded in _fold(p.name) or folded in _fold(p.company) or folded in p.email.casefold()
             or p.id.startswith(folded)
             or (len(digits) >= MIN_PHONE_DIGITS and any(digits in _digits(n) for n in p.phones))]
    return sorted(found, key=lambda p: (_fold(p.name), p.id))


def listed(candidates: list[Prospect]) -> str:
    """'Dana Reyes [1a2b3c4d] (Acme), Dana Li [9f8e7d6c] (Beta) and 2 more'."""
    shown = [f"{p.name} [{p.id}]" + (f" ({p.company})" if p.company else "") for p in candidates[:SHOWN]]
    more = len(candidates) - SHOWN
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")
