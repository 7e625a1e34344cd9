"""When two prospect records are the same person: the same email, phone number, or name and company.

Shared by the import's duplicate check and `add`'s do-not-contact check, so both agree on who is who.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Prospect


def keys(p: Prospect) -> list[tuple[str, object]]:
    """(kind, key) pairs naming the person. An email or a name+company is keyed by the hash of its
    folded form (lean for 50k-row imports; a false match is ~1e-10 likely at 50k), a phone by itself."""
    found: list[tuple[str, object]] = [("id", p.id)] if p.id else []
    if p.email:
        found.append(("email", hash(p.email.casefold())))
    found.extend(("phone", phone) for phone in p.phones)
    if p.name.strip() and p.company.strip():
        found.append(("name+company", hash((" ".join(p.name.split()).casefold(),
                                             " ".join(p.company.split()).casefold()))))
    return found


def same_person(p: Prospect, others: Iterable[Prospect]) -> tuple[Prospect, str] | None:
    """The first of `others` who is the same person as `p`, with what matched (email, phone, name+company)."""
    wanted = {key: kind for kind, key in keys(p) if kind != "id"}
    for other in others:
        for kind, key in keys(other):
            if kind != "id" and wanted.get(key) == kind:
                return other, kind
    return None
