"""What the templates are filled with: the prospect, the rep, the research and the step being worked.

Every text a rep says or sends is a template from templates.toml (engine/templates.py) filled in
here, so the voicemail, the opener, the e-mail and the break-up all name the same person in the
same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote
from ..model import Prospect
from .phones import display
from .rep import Rep
from .rules import Rules
from .templates import Objection, render

HOOK_WORDS = 8
VALUE_WORDS = 14  # the rep's sentence of value, said whole when it is short enough


def step_set(p: Prospect, rules: Rules) -> str:
    """The template set of the step `p` is on ("" for its channel's words)."""
    step = p.next_step
    cadence = rules.cadences.get(p.cadence)
    if step is None or cadence is None or not 0 < step.step <= len(cadence.steps):
        return ""
    return cadence.steps[step.step - 1].template


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


def opener(p: Prospect, rules: Rules, rep: Rep) -> str:
    """What to say when they pick up, for the step they are on."""
    return render(rules.templates.text("call", p.tag, "opener", step_set(p, rules)), values(p, rep))


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


def email_draft(p: Prospect, rules: Rules, rep: Rep) -> Draft:
    """The e-mail for the step `p` is on: its subject and body, to their address."""
    filled = values(p, rep)
    kind = step_set(p, rules)
    subject = render(rules.templates.text("email", p.tag, "subject", kind), filled)
    body = render(rules.templates.text("email", p.tag, "body", kind), filled)
    return Draft(to=p.email, subject=subject[:1].upper() + subject[1:], body=body)
