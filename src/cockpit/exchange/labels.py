"""What the words in a CRM's tag, type and lead type cells mean to Cockpit.

HubSpot's Lifecycle Stage says "customer" or "evangelist", Salesforce's Type "Customer - Direct" or
"Channel Partner / Reseller", a Pipedrive label "Hot lead", a home-made sheet "vip; customer". Each
cell is read value by value (a Tags cell often holds several) and the known ones decide.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..model import LEAD_TYPES, TAGS

# A Tags cell holds several values: "vip; customer", "Customer, Newsletter", "a | b".
_VALUES = re.compile(r"\s*[;,|\n]\s*")

_TAG_WORDS: dict[str, str] = {}
for _tag, _words in {
    "prospect": ("prospect", "lead", "subscriber", "marketingqualifiedlead", "mql", "salesqualifiedlead", "sql",
                 "opportunity", "other", "new", "potential", "qualified", "suspect", "hotlead", "warmlead",
                 "coldlead", "target", "contact"),
    "client": ("client", "customer", "activecustomer", "currentcustomer", "existingcustomer"),
    "partner": ("partner", "evangelist", "reseller", "affiliate", "distributor", "referralpartner",
                "channelpartner", "agencypartner"),
}.items():
    for _word in _words:
        _TAG_WORDS[_word] = _tag

_LEAD_WORDS: dict[str, str] = {}
for _lead, _words in {
    "cold": ("cold", "outbound", "coldcall", "coldcalling", "coldoutreach", "coldlead", "list", "purchasedlist",
             "prospecting"),
    "web": ("web", "weblead", "webform", "website", "inbound", "online", "form", "contactform", "landingpage",
            "demorequest", "chat", "livechat"),
    "referral": ("referral", "referred", "referrals", "wordofmouth", "introduction", "intro", "customerreferral",
                 "employeereferral"),
    "partner": ("partner", "partnerreferral", "partnerlead", "channel", "reseller"),
}.items():
    for _word in _words:
        _LEAD_WORDS[_word] = _lead

# When a cell names several, the closest relationship wins: a client must never hear a cold opener.
_TAG_RANK = ("client", "partner", "prospect")

TAG_EXAMPLES = "customer, evangelist, reseller, lead, opportunity"
LEAD_TYPE_EXAMPLES = "outbound, inbound, web form, website, referred"


def _word(value: str) -> str:
    plain = unicodedata.normalize("NFKD", value.casefold()).encode("ascii", "ignore").decode()
    return re.sub(r"[^0-9a-z]", "", plain)


def _values(cells: Iterable[str]) -> list[str]:
    return [v for cell in cells for v in _VALUES.split(cell) if v.strip()]


def tag_word(value: str) -> str | None:
    """The tag one value names: exactly, or as Salesforce writes it ("Customer - Direct",
    "Technology Partner"); None when it names none ("vip", "former customer")."""
    word = _word(value)
    if word in _TAG_WORDS:
        return _TAG_WORDS[word]
    if word.startswith(("customer", "client")):
        return "client"
    if any(part in word for part in ("partner", "reseller")):
        return "partner"
    return None


def tag_of(cells: Iterable[str]) -> str | None:
    """The tag the cells of a row's tag columns name (the closest relationship when several), or None."""
    found = {tag_word(value) for value in _values(cells)}
    return next((tag for tag in _TAG_RANK if tag in found), None)


def lead_type_of(cells: Iterable[str]) -> str | None:
    """The lead type the first value that names one names ("Inbound" -> web), or None."""
    return next(filter(None, (_LEAD_WORDS.get(_word(value)) for value in _values(cells))), None)


def unknown_tag(cells: list[str], default: str) -> str:
    """The warning for tag cells that name no tag: the value, what is accepted, and what was done."""
    return (f"tag {'; '.join(cells)!r} is not one of {', '.join(TAGS)} (nor a CRM's word for one: "
            f"{TAG_EXAMPLES}...); imported as {default}")


def unknown_lead_type(cells: list[str], default: str) -> str:
    return (f"lead type {'; '.join(cells)!r} is not one of {', '.join(LEAD_TYPES)} (nor a word for one: "
            f"{LEAD_TYPE_EXAMPLES}...); imported as {default}")
