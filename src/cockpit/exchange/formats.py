"""Which product wrote a contact file, and which of its columns is which prospect field.

A format is recognised by headers its product really writes (HubSpot's "Record ID", Outlook's
"E-mail Address" beside "Business Phone", Pipedrive's "Person - ..." prefix...). Each format may
say how a header it owns is read (Outlook's "Title" is a salutation, its job is "Job Title");
every other header goes through one synonym table, so any CSV whose columns are named in the
usual ways imports too. `--map COLUMN=FIELD` overrides both.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# The fields a column can feed. phone and email collect every column and every value in a cell;
# tag and lead_type read every value of every such column (labels.py says what the words mean);
# the others take the first non-empty column. "ignore" drops a column.
TEXT_FIELDS = ("name", "first_name", "middle_name", "last_name", "company", "title", "tz", "source")
RESEARCH_COLUMNS = ("does", "why_now", "pains", "questions", "introducers", "notes")
MULTI_FIELDS = ("phone", "email")
LABEL_FIELDS = ("tag", "lead_type")
FIELDS = TEXT_FIELDS + MULTI_FIELDS + LABEL_FIELDS + RESEARCH_COLUMNS + ("ignore",)


def canon(header: str) -> str:
    """A header as compared with a product's real ones: trimmed, spaces collapsed, case folded."""
    return " ".join(header.replace("\ufeff", "").split()).casefold()


def squash(header: str) -> str:
    """A header as looked up in the synonym table: letters and digits only ("E-mail Address" -> emailaddress)."""
    plain = unicodedata.normalize("NFKD", canon(header)).encode("ascii", "ignore").decode()
    return re.sub(r"[^0-9a-z]", "", plain)


# ---- the synonym table (squashed header -> field) ------------------------------------------

SYNONYMS: dict[str, str] = {}
for _field, _names in {
    "name": ("name", "fullname", "contactname", "contact", "person", "personname", "displayname",
             "primarycontactname", "leadname", "prospect", "prospectname", "nom complet"),
    "first_name": ("firstname", "givenname", "first", "fname", "forename", "prenom", "vorname", "nombre"),
    "middle_name": ("middlename", "additionalname", "middle", "middleinitial"),
    "last_name": ("lastname", "familyname", "surname", "last", "lname", "nachname", "apellido", "nom"),
    "company": ("company", "companyname", "account", "accountname", "organization", "organisation",
                "organizationname", "organisationname", "org", "orgname", "employer", "business",
                "businessname", "firm", "companyaccount", "associatedcompany", "organization1name",
                "firma", "entreprise", "societe", "leaddisplayname"),
    "title": ("title", "jobtitle", "position", "role", "jobrole", "designation", "organizationtitle",
              "organization1title", "primarycontacttitle", "contacttitle", "poste", "fonction", "funktion", "cargo"),
    "tz": ("timezone", "tz", "zone", "contacttimezone"),
    "source": ("source", "leadsource", "originalsource", "contactsource", "origin"),
    "tag": ("tags", "tag", "type", "contacttype", "accounttype", "customertype", "relationship",
            "lifecyclestage", "lifecycle", "label"),
    "lead_type": ("leadtype", "typeoflead", "leadcategory", "leadkind"),
    "notes": ("notes", "note", "description", "comments", "comment", "about", "remarks", "bemerkungen"),
    "does": ("whattheydo", "companydescription", "industry", "does"),
    "why_now": ("whynow", "trigger", "triggerevent"),
    "pains": ("pains", "painpoints", "likelypains"),
    "questions": ("questions", "questionstoask"),
    "introducers": ("introducers", "whocouldintroduceme", "referrer", "referredby"),
}.items():
    for _name in _names:
        SYNONYMS[_name.replace(" ", "")] = _field

_NOT_A_LINE = ("fax", "type", "label", "status", "verified", "valid", "optout", "opt", "bounce", "domain",
               "display", "country", "unsubscribe", "owner", "count", "date", "source", "forEmails".casefold(),
               "confidence", "sent", "opened", "clicked", "ext")
_PHONE_WORDS = ("phone", "mobile", "cell", "directdial", "handy", "telefon", "portable")


def generic_field(header: str) -> str | None:
    """The field a header names in the usual ways, or None (the column is ignored)."""
    key = squash(header)
    if not key:
        return None
    if key in SYNONYMS:
        return SYNONYMS[key]
    if "email" in key or key in ("mail", "courriel", "correo", "correoelectronico"):
        return None if any(word in key for word in _NOT_A_LINE) else "email"
    if any(word in key for word in _PHONE_WORDS) or key.startswith("tel"):
        return None if any(word in key for word in _NOT_A_LINE) else "phone"
    return None


# Dialled first: direct and mobile lines, then the switchboard, then home and the rest.
def phone_rank(header: str) -> int:
    key = squash(header)
    if any(word in key for word in ("home", "other", "car", "radio", "pager", "assistant", "tty", "isdn")):
        return 2
    if any(word in key for word in ("corporate", "companymain", "main", "company", "hq", "switchboard")):
        return 1
    return 0


# ---- the formats ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Format:
    key: str
    label: str
    matches: Callable[[frozenset[str]], bool]
    own: Callable[[str], str | None] = lambda header: None  # a field, "ignore", or None for the synonyms

    def field_for(self, header: str) -> str | None:
        return self.own(header) or generic_field(header)


def _all(*names: str) -> Callable[[frozenset[str]], bool]:
    return lambda headers: all(n in headers for n in names)


def _any(*names: str) -> Callable[[frozenset[str]], bool]:
    return lambda headers: any(n in headers for n in names)


def _both(a, b) -> Callable[[frozenset[str]], bool]:
    return lambda headers: a(headers) and b(headers)


def _either(*tests) -> Callable[[frozenset[str]], bool]:
    return lambda headers: any(t(headers) for t in tests)


def _own_table(table: dict[str, str]) -> Callable[[str], str | None]:
    return lambda header: table.get(canon(header))


def _pipedrive(header: str) -> str | None:
    text = canon(header)
    for prefix in ("person - ", "organization - "):
        if text.startswith(prefix):
            rest = text[len(prefix):]
            if prefix == "organization - ":
                return "company" if rest == "name" else "ignore"
            if rest in ("organization", "organisation"):
                return "company"
            if rest in ("id", "owner", "visible to", "contact owner"):
                return "ignore"
            if rest in ("label", "labels"):
                return "tag"
            if rest.startswith("email"):
                return "email"
            if rest.startswith("phone"):
                return "phone"
            return generic_field(rest) or "ignore"
    return None


_GOOGLE_VALUE = re.compile(r"^(e-mail|email|phone) \d+ - (value|label|type)$")


def _google(header: str) -> str | None:
    found = _GOOGLE_VALUE.match(canon(header))
    if found:
        return ("email" if "mail" in found.group(1) else "phone") if found.group(2) == "value" else "ignore"
    return {"organization name": "company", "organization 1 - name": "company",
            "organization title": "title", "organization 1 - title": "title",
            "organization department": "ignore", "organization 1 - department": "ignore",
            "name prefix": "ignore", "name suffix": "ignore", "nickname": "ignore", "file as": "ignore",
            "labels": "ignore", "group membership": "ignore"}.get(canon(header))


def _google_headers(headers: frozenset[str]) -> bool:
    return any(_GOOGLE_VALUE.match(h) for h in headers)


def _pipedrive_headers(headers: frozenset[str]) -> bool:
    return any(h.startswith("person - ") for h in headers)


COCKPIT_CSV = Format("cockpit-csv", "Cockpit CSV export", _all("id", "name", "status", "cadence", "next_due"))
COCKPIT_JSON = Format("cockpit-json", "Cockpit JSON export", lambda headers: False)
GENERIC = Format("csv", "CSV with usual column names", lambda headers: True)

FORMATS: tuple[Format, ...] = (
    COCKPIT_CSV,
    Format("apollo", "Apollo contacts export",
           _either(_any("apollo contact id", "apollo account id"), _all("email status", "corporate phone"),
                   _all("company name for emails", "first phone")),
           _own_table({"company name for emails": "ignore", "email status": "ignore", "stage": "ignore",
                       "account owner": "ignore", "contact owner": "ignore"})),
    Format("pipedrive", "Pipedrive people export", _pipedrive_headers, _pipedrive),
    Format("close", "Close leads export",
           _either(_any("primary_contact_name", "primary_contact_primary_phone", "primary_contact_primary_email"),
                   _all("display_name", "status_label")),
           _own_table({"display_name": "company", "primary_contact_name": "name",
                       "primary_contact_title": "title", "primary_contact_primary_phone": "phone",
                       "primary_contact_other_phones": "phone", "primary_contact_primary_email": "email",
                       "primary_contact_other_emails": "email", "description": "does",
                       "status_label": "tag", "url": "ignore", "html_url": "ignore", "id": "ignore"})),
    Format("google-contacts", "Google Contacts export", _google_headers, _google),
    Format("outlook", "Outlook contacts export",
           _either(_all("e-mail address", "business phone"), _all("e-mail address", "e-mail display name")),
           _own_table({"title": "ignore", "job title": "title", "suffix": "ignore", "nickname": "ignore",
                       "e-mail display name": "ignore", "e-mail 2 display name": "ignore",
                       "e-mail 3 display name": "ignore", "e-mail type": "ignore", "e-mail 2 type": "ignore",
                       "e-mail 3 type": "ignore", "given yomi": "ignore", "surname yomi": "ignore",
                       "callback": "ignore", "pager": "ignore", "telex": "ignore", "manager's name": "ignore",
                       "assistant's name": "ignore", "categories": "ignore"})),
    Format("hubspot", "HubSpot contacts export",
           _either(_all("record id", "first name", "last name"), _all("contact id", "lifecycle stage")),
           _own_table({"associated company": "company", "record id": "ignore", "contact owner": "ignore",
                       "lead status": "ignore", "lifecycle stage": "tag", "original source": "source"})),
    Format("salesforce-dataloader", "Salesforce Data Loader export (API names)",
           _both(_all("firstname", "lastname"),
                 _any("id", "ownerid", "accountid", "mobilephone", "leadsource", "mailingcity", "isdeleted")),
           _own_table({"salutation": "ignore", "account.name": "company", "accountid": "ignore",
                       "ownerid": "ignore", "id": "ignore", "name": "name", "description": "notes"})),
    Format("salesforce-report", "Salesforce report export",
           _both(_any("account name", "company / account", "account: account name"),
                 _any("contact owner", "account owner", "lead owner", "salutation", "contact id", "lead id",
                      "mailing city", "lead source")),
           _own_table({"salutation": "ignore", "company / account": "company", "account: account name": "company",
                       "contact owner": "ignore", "account owner": "ignore", "lead owner": "ignore"})),
)


def detect(headers: Iterable[str]) -> Format:
    """The first format whose real headers are all there; else the generic synonym reading."""
    seen = frozenset(canon(h) for h in headers)
    for fmt in FORMATS:
        if fmt.matches(seen):
            return fmt
    return GENERIC


def by_key(key: str) -> Format | None:
    return next((f for f in (*FORMATS, COCKPIT_JSON, GENERIC) if f.key == key), None)


class MappingError(ValueError):
    """A --map that names no column of the file or no field."""


def parse_map(items: Iterable[str]) -> dict[str, str]:
    """--map COLUMN=FIELD, repeated: {canon(column): field}. MappingError says what is accepted."""
    mapping: dict[str, str] = {}
    for item in items:
        column, sep, field = item.rpartition("=")
        column, field = column.strip(), field.strip().casefold().replace("-", "_")
        if not sep or not column:
            raise MappingError(f"--map {item!r} is not COLUMN=FIELD; e.g. --map 'Direct Dial=phone'")
        if field == "skip":
            field = "ignore"
        if field not in FIELDS:
            raise MappingError(f"--map {item!r}: unknown field {field!r}; fields are {', '.join(FIELDS)}")
        mapping[canon(column)] = field
    return mapping


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    field: str


def plan_columns(headers: list[str], fmt: Format, mapping: dict[str, str] | None = None) -> list[Column]:
    """Which column feeds which field: --map first, then the format's own reading, then the synonyms.
    Phone columns come back ordered as they should be dialled."""
    mapping = dict(mapping or {})
    known = {canon(h) for h in headers}
    unknown = [c for c in mapping if c not in known]
    if unknown:
        raise MappingError(f"--map names column {unknown[0]!r}, which is not in the file; "
                           f"its columns are: {', '.join(h for h in headers if h.strip())}")
    columns = []
    for index, header in enumerate(headers):
        field = mapping.get(canon(header)) or fmt.field_for(header)
        if field and field != "ignore":
            columns.append(Column(index, header, field))
    phones = sorted((c for c in columns if c.field == "phone"), key=lambda c: phone_rank(c.header))
    others = [c for c in columns if c.field != "phone"]
    return others + phones


def describe_columns(columns: list[Column]) -> str:
    return ", ".join(f"{c.header} -> {c.field}" for c in columns)
