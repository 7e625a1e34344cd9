"""Finding a prospect by what a rep remembers: an id or its first characters, a name, an e-mail,
a phone number (as written anywhere: +1 415-555-0123, (415) 555 0123), a company.

`named` is what a command taking an id accepts: one prospect, or why not (none, or several, listed
so the rep can pick). `matching` is the wider search (any part of a name or company) a find shows.
"""

from __future__ import annotations

import re
from bisect import bisect_right
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


class Index:
    """`matching` for a find that searches on every key, fast at 50,000 prospects.

    Each prospect's folded fields are computed once, in name order. Every letter and every pair of
    letters in a name, company or e-mail lists the prospects holding it, so a search tests only those
    holding the query's rarest pair. Ids and phone digits are joined into one string each and searched
    with str.find (C speed, one call per match). The last searches are kept for backspace.
    """

    MEMO = 32  # searches kept

    def __init__(self, prospects: Iterable[Prospect]) -> None:
        self._memo: dict[tuple[str, bool], list[int]] = {}
        self._build(sorted(prospects, key=lambda p: (_fold(p.name), p.id)))

    def _build(self, ordered: list[Prospect]) -> None:
        self._memo.clear()
        self._people = ordered
        self._at = {p.id: i for i, p in enumerate(ordered)}
        # name, company and e-mail split by \x00: a query never holds one, so no match spans two fields
        self._texts = [f"{_fold(p.name)}\x00{_fold(p.company)}\x00{p.email.casefold()}" for p in ordered]
        self._ids = _joined([f"\x01{p.id}" for p in ordered])  # after \x01: only an id's start matches
        self._phones = _joined(["\x00".join(_digits(n) for n in p.phones) for p in ordered])
        letters: dict[str, list[int]] = {}
        pairs: dict[str, list[int]] = {}
        for i, (text, p) in enumerate(zip(self._texts, ordered, strict=True)):
            for ch in set(text) | {p.id[:1]}:
                letters.setdefault(ch, []).append(i)
            for pair in {text[k:k + 2] for k in range(len(text) - 1)}:
                pairs.setdefault(pair, []).append(i)
        self._letters, self._pairs = letters, pairs

    def __len__(self) -> int:
        return len(self._people)

    def update(self, p: Prospect) -> bool:
        """One prospect written since the index was built: True when it is in place at once (an outcome
        changes nothing a find searches), False when the index must be built again (a new name, number...)."""
        at = self._at.get(p.id)
        if at is None:
            return False
        old = self._people[at]
        same = (self._texts[at] == f"{_fold(p.name)}\x00{_fold(p.company)}\x00{p.email.casefold()}"
                and old.phones == p.phones)
        if same:
            self._people[at] = p  # what the list shows (the next step) follows; no search changes
        return same

    def search(self, query: str, limit: int | None = None) -> tuple[list[Prospect], int]:
        """The first `limit` of `matching(prospects, query)` and how many match in all."""
        folded, digits = _fold(query), _digits(query)
        if not folded or "\x00" in folded or "\x01" in folded:
            return [], 0
        phone = len(digits) >= MIN_PHONE_DIGITS
        hits = self._memo.get((folded, phone))
        if hits is None:
            hits = self._search(folded, digits, phone)
            if len(self._memo) >= self.MEMO:
                self._memo.pop(next(iter(self._memo)))
            self._memo[(folded, phone)] = hits
        shown = hits if limit is None else hits[:limit]
        return [self._people[i] for i in shown], len(hits)

    def _search(self, folded: str, digits: str, phone: bool) -> list[int]:
        if len(folded) == 1:  # one character: never 7 digits
            return self._letters.get(folded, [])
        pairs = [self._pairs.get(folded[k:k + 2], []) for k in range(len(folded) - 1)]
        rarest = min(pairs, key=len)
        texts = self._texts
        found = [rarest if len(folded) == 2 else [i for i in rarest if folded in texts[i]],
                 _scan(self._ids, "\x01" + folded), _scan(self._phones, digits) if phone else []]
        found = [f for f in found if f]
        if not found:
            return []
        return found[0] if len(found) == 1 else sorted(set().union(*found))


def _joined(lines: list[str]) -> tuple[str, list[int]]:
    """The lines joined by newlines (a query never holds one: a newline inside a line becomes \x00, which
    no query holds either), and where each begins."""
    lines = [line.replace("\n", "\x00") for line in lines]
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    return "\n".join(lines) + "\n", starts


def _scan(blob: tuple[str, list[int]], needle: str) -> list[int]:
    """The lines of `blob` holding `needle`, in order: one find per line found, the rest skipped."""
    text, starts = blob
    hits, pos, find, last = [], 0, text.find, len(starts) - 1
    while True:
        at = find(needle, pos)
        if at < 0:
            return hits
        line = bisect_right(starts, at) - 1
        hits.append(line)
        if line == last:
            return hits
        pos = starts[line + 1]
