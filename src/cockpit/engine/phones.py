"""Phone numbers: E.164 normalisation and the time zone a number implies (phonenumbers)."""

from __future__ import annotations

from functools import lru_cache

# phonenumbers is imported inside the functions: it costs ~25 ms, and most commands and the
# screen's first frame never touch a number.


class BadPhone(ValueError):
    pass


def normalise(raw: str, region: str = "US") -> str:
    """`raw` as E.164 (+14155550123); an extension is kept as ';ext=123'. BadPhone if invalid."""
    import phonenumbers

    text = (raw or "").strip()
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise BadPhone(f"{raw!r} is not a phone number ({exc}); write it as +1 415 555 0123 or in the book's national format") from None
    if not phonenumbers.is_valid_number(number):
        raise BadPhone(f"{raw!r} is not a valid phone number for region {region}; include the country code, e.g. +44 20 7946 0958")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{e164};ext={number.extension}" if number.extension else e164


@lru_cache(maxsize=1024)
def _facts(e164: str) -> tuple[tuple[str, ...], str]:
    """The zones and the country of a number, from one parse (a new prospect asks for both)."""
    import phonenumbers
    from phonenumbers import timezone as number_zones

    try:
        number = phonenumbers.parse(e164.split(";")[0], None)
    except phonenumbers.NumberParseException:
        return (), ""
    zones = tuple(z for z in number_zones.time_zones_for_number(number) if z != "Etc/Unknown")
    region = phonenumbers.region_code_for_number(number)
    return zones, region if region and region.isalpha() else ""  # "001": +800 numbers are in no country


def zones_for(e164: str) -> tuple[str, ...]:
    """Every IANA zone the number may be in (one when it pins the zone down; () when it tells nothing)."""
    return _facts(e164)[0]


def zone_for(e164: str) -> str:
    """The IANA zone of a number when the number pins down one zone, else ''."""
    zones = zones_for(e164)
    return zones[0] if len(zones) == 1 else ""


def region_for(e164: str) -> str:
    """The country a number belongs to (ISO code, '' when unknown): +44 -> GB, +1 604 -> CA."""
    return _facts(e164)[1]


def display(e164: str) -> str:
    """A number as a person reads it: +1 415-555-0123."""
    import phonenumbers

    try:
        base, _, ext = e164.partition(";ext=")
        text = phonenumbers.format_number(phonenumbers.parse(base, None), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return e164
    return f"{text} ext. {ext}" if ext else text


@lru_cache(maxsize=256)  # every card says the rep's number: one parse, not one per key
def spoken(e164: str, listener_region: str = "") -> str:
    """A number as it is said to someone: national digit groups to a listener in the same country
    ("415 555 0123"), else international ("+44 20 7946 0958"); no punctuation to read out."""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164.split(";")[0], None)
    except phonenumbers.NumberParseException:
        return e164
    same = listener_region and phonenumbers.region_code_for_number(number) == listener_region
    kind = phonenumbers.PhoneNumberFormat.NATIONAL if same else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    text = phonenumbers.format_number(number, kind)
    return " ".join("".join(c for c in part if c.isdigit() or c == "+") for part in text.replace("-", " ").split()
                    if any(c.isdigit() for c in part))
