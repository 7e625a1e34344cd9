"""What the templates are filled with: the prospect, the rep, the research and the step being worked.

Every text a rep says or sends is a template from templates.toml (engine/templates.py) filled in
here, so the voicemail, the opener, the e-mail and the break-up all name the same person in the
same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from ..model import Activity, Prospect
from .phones import display
from .rep import Rep
from .rules import Rules
from .templates import Objection, render

HOOK_WORDS = 8
VALUE_WORDS = 14  # the rep's sentence of value, said whole when it is short enough


TALKED = frozenset({"connected", "callback"})
MET = frozenset({"meeting", "held", "no-show"})
# The words for a step with none of its own, once the rep has spoken to them or met them: never the
# cold "you weren't expecting my call" to someone who knows the rep.
AFTER = {"talked": "since-we-spoke", "met": "follow-up"}


def story(history: Iterable[Activity]) -> str:
    """'met', 'talked' or 'never': the furthest the prospect and the rep got."""
    outcomes = {a.outcome for a in history}
    return "met" if outcomes & MET else "talked" if outcomes & TALKED else "never"


def step_sets(p: Prospect, rules: Rules, history: Iterable[Activity] = ()) -> tuple[str, ...]:
    """The template sets for the step `p` is on, first choice first: the step's own, then the one for
    what happened with them so far (after them, the channel's words)."""
    step = p.next_step
    cadence = rules.cadences.get(p.cadence)
    own = ""
    if step is not None and cadence is not None and 0 < step.step <= len(cadence.steps):
        own = cadence.steps[step.step - 1].template
    return tuple(x for x in (own, AFTER.get(story(history), "")) if x)


def hook(p: Prospect) -> str:
    """'Why now', as the rep would say it to them (the research form asks for it that way), cut short."""
    words = p.research.why_now.strip().rstrip(".").split()
    return " ".join(words[:HOOK_WORDS])


def who(rep: Rep) -> str:
    """'this is Sam Carter from Northwind', as much as is set ("" without a name: nobody is invented)."""
    if not rep.name:
        return ""
    return f"this is {rep.name}" + (f" from {rep.company}" if rep.company else "")


def signature(rep: Rep) -> str:
    """'Sam Carter\\nNorthwind · +1 415-555-0100', as much of it as is set."""
    contact = " · ".join(x for x in (rep.company, display(rep.phone) if rep.phone else "") if x)
    return "\n".join(x for x in (rep.name, contact) if x)


def values(p: Prospect, rep: Rep) -> dict[str, str]:
    """The placeholders every template may use (templates.PLACEHOLDERS), but the promise."""
    value = " ".join(rep.value.strip().rstrip(".").split()[:VALUE_WORDS])
    return {
        "first_name": p.name.split()[0] if p.name.strip() else "there",
        "name": p.name.strip(), "company": p.company.strip(), "title": p.title.strip(),
        "why_now": p.research.why_now.strip().rstrip("."), "hook": hook(p),
        "rep_name": rep.name, "rep_company": rep.company, "rep_phone": display(rep.phone) if rep.phone else "",
        "value": value if p.tag == "prospect" else "",  # a client or a partner hears their own words
        "who": who(rep), "signature": signature(rep),
    }


def opener(p: Prospect, rules: Rules, rep: Rep, history: Iterable[Activity] = ()) -> str:
    """What to say when they pick up, for the step they are on."""
    return render(rules.templates.text("call", p.tag, "opener", step_sets(p, rules, history)), values(p, rep))


def objections(p: Prospect, rules: Rules) -> tuple[Objection, ...]:
    return rules.templates.objections_for(p.tag, p.cadence)


@dataclass(frozen=True)
class Draft:
    to: str
    subject: str
    body: str

    @property
    def text(self) -> str:
        """As copied: the subject line, then the body."""
        return f"Subject: {self.subject}\n\n{self.body}"

    @property
    def mailto(self) -> str:
        """The draft as a mailto: link, for the rep's own mail app to open and send."""
        return f"mailto:{quote(self.to, safe='@')}?subject={quote(self.subject)}&body={quote(self.body)}"

    @property
    def to_fill(self) -> bool:
        """True while the body holds a [bracketed part] for the rep to write before sending."""
        return bool(re.search(r"\[[^\]]+\]", self.body))


def email_draft(p: Prospect, rules: Rules, rep: Rep, history: Iterable[Activity] = ()) -> Draft:
    """The e-mail for the step `p` is on: its subject and body, to their address."""
    filled = values(p, rep)
    kind = step_sets(p, rules, history)
    subject = render(rules.templates.text("email", p.tag, "subject", kind), filled)
    body = render(rules.templates.text("email", p.tag, "body", kind), filled)
    return Draft(to=p.email, subject=subject[:1].upper() + subject[1:], body=body)
