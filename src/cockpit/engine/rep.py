"""Who is calling: the rep's own words in every voicemail and message (the book's settings).

A script says who is calling and from where, the value for the listener in one sentence, and how to
call back. None of it is papered over: a setting left empty is said to be missing (on the card, in
`show`), and the script leaves that part out rather than saying "our team".
"""

from __future__ import annotations

from dataclasses import dataclass

# The settings a script draws on, in the order a new user is asked for them.
SETTINGS = ("rep_name", "rep_company", "rep_phone", "value")
ASKED = {  # short enough for one line of the setup form at 80 columns
    "rep_name": "your name, as you say it on the phone",
    "rep_company": "your company",
    "rep_phone": "your call-back number, e.g. +1 415 555 0100",
    "value": "one line of value, as you'd say it to them: \"we help…\"",
}


@dataclass(frozen=True)
class Rep:
    name: str = ""
    company: str = ""
    phone: str = ""  # E.164, checked when the settings are read
    value: str = ""  # "we help sales teams stop losing deals to slow follow-up"

    def missing(self) -> tuple[str, ...]:
        """The settings still empty, as `cockpit config` names them."""
        have = {"rep_name": self.name, "rep_company": self.company, "rep_phone": self.phone, "value": self.value}
        return tuple(key for key in SETTINGS if not have[key].strip())


SHORT = {"rep_name": "your name", "rep_company": "your company", "rep_phone": "your call-back number",
         "value": "your line of value"}


def missing_line(missing: tuple[str, ...]) -> str:
    """'Left out until you set your company and your call-back number: cockpit config rep_company "…"'."""
    return f"Left out until you set {listed(missing)}: cockpit config {missing[0]} \"…\""


def listed(missing: tuple[str, ...]) -> str:
    """'your company and your call-back number'."""
    said = [SHORT[key] for key in missing]
    return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]
