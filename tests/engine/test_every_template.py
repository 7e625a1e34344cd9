"""Every built-in text, for every built-in cadence step and tag, as a prospect would hear or read it.

No placeholder left unfilled, nothing said about the listener in the third person (outside what the
rep wrote in the research), each voicemail 8-14 s at 150 words a minute, promising the day `v`
would schedule; every e-mail step has a subject and a signed body; every break-up is signed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

import pytest

from cockpit import demo
from cockpit.config import builtin_cadences
from cockpit.engine import breakup, card, voicemail, words
from cockpit.engine.outcomes import apply_outcome, new_prospect
from cockpit.engine.rep import Rep
from cockpit.engine.schedule import cadence_step
from cockpit.engine.templates import TAGS, placeholders
from cockpit.model import Activity, Prospect, Research

NY = "America/New_York"
THIRD_PERSON = re.compile(r"\b(?:their|theirs|they|them|themselves|they're|they'll|they've)\b", re.IGNORECASE)
REPS = (Rep(**{k.removeprefix("rep_"): v for k, v in demo.DEMO_REP.items()}),
        Rep(name="Sam Carter", company="Northwind", phone="+14155550100",
            value="we help sales teams stop losing deals to slow follow-up"),
        Rep(name="Jo"))
RESEARCH = ("", *demo.WHY_NOW)
STORIES = ((), ("connected",), ("meeting", "held"))  # never reached, spoken to, met
STEPS = [(name, i) for name, cadence in builtin_cadences().items() for i in range(len(cadence.steps))]


def at_step(rules, now, cadence: str, index: int, tag: str, why_now: str) -> Prospect:
    """A prospect on step `index` of `cadence`, as the book would have them there."""
    p = new_prospect(Prospect(id="p1", name="Dana Reyes", company="Acme", tz=NY, phones=("+12125550100",),
                              email="dana@acme.example", tag=tag, research=Research(why_now=why_now)), now, rules)
    p = replace(p, cadence=cadence, attempt=index, status="working" if index else p.status)
    return replace(p, next_step=cadence_step(p, now, rules))


def to_the_listener(text: str, why_now: str, rep: Rep) -> None:
    """Nothing left in braces, nothing in the third person but the rep's own words."""
    assert "{" not in text and "}" not in text, text
    said = text.replace(why_now, "").replace(rep.value, "")
    assert not THIRD_PERSON.search(said), text


@pytest.mark.parametrize("cadence, index", STEPS)
@pytest.mark.parametrize("tag", TAGS)
def test_every_step_speaks_to_them_and_every_voicemail_fits_and_keeps_its_promise(rules, now, cadence, index, tag):
    for why_now, rep, story in itertools.product(RESEARCH, REPS, STORIES):
        p = at_step(rules, now, cadence, index, tag, why_now)
        history = [Activity(id=f"a{n}", prospect_id="p1", outcome=o, at=now) for n, o in enumerate(story)]
        shown = card.build(p, history, now, rules, rep)
        if story and tag == "prospect":  # someone who knows the rep never hears a cold opener
            assert "weren't expecting my call" not in shown.opener
        s = shown.script
        promise = apply_outcome(p, "voicemail", now, rules).next_step
        assert s.promise == promise  # the day `v` schedules
        if promise.channel in ("call", "email"):
            assert voicemail.when_phrase(promise.due, now, NY, rules, short=True) in s.text
        assert s.flag == "", (s.seconds, s.text)  # 8-14 s at 150 words a minute
        assert s.text.startswith("Hi Dana") and "no thanks" in s.text  # the easy way out
        to_the_listener(s.text, why_now, rep)
        assert shown.opener.startswith("Hi Dana"), shown.opener
        to_the_listener(shown.opener, why_now, rep)
        if p.next_step.channel == "email":
            draft = shown.email
            assert draft is not None and draft.to == "dana@acme.example" and draft.subject
            assert draft.body.startswith("Hi Dana,\n\n") and draft.body.endswith(words.signature(rep))
            to_the_listener(draft.subject + "\n" + draft.body, why_now, rep)
        else:
            assert shown.email is None


@pytest.mark.parametrize("tag", TAGS)
@pytest.mark.parametrize("story", [(), ("connected",), ("meeting", "held")])
def test_every_break_up_is_signed_and_speaks_to_them(rules, now, tag, story):
    history = [Activity(id=f"a{n}", prospect_id="p1", outcome=o, at=now) for n, o in enumerate(story)]
    for rep in REPS:
        text = breakup.message(Prospect(id="p1", name="Dana Reyes", company="Acme", tag=tag), rules.templates, rep,
                               history)
        assert text.startswith("Hi Dana, ") and text.endswith(words.signature(rep))
        to_the_listener(text, "", rep)


@pytest.mark.parametrize("tag", TAGS)
def test_every_objection_note_is_said_to_them(rules, tag):
    for cadence in builtin_cadences():
        notes = rules.templates.objections_for(tag, cadence)
        assert notes, (tag, cadence)
        for note in notes:
            assert note.heard and note.say
            to_the_listener(note.say, "", Rep())


def test_every_built_in_set_a_step_names_exists_and_every_tag_has_the_channel_words(rules):
    sets = rules.templates.sets
    for cadence in builtin_cadences().values():
        assert all(step.template in sets for step in cadence.steps if step.template)
    for tag in TAGS:
        for kind, field in (("call", "opener"), ("call", "voicemail"), ("email", "subject"), ("email", "body"),
                            ("breakup", "never")):
            alternatives = rules.templates.text(kind, tag, field)
            assert alternatives, (kind, tag, field)
            # the last alternative needs nothing the book may lack: it is said whatever is missing
            assert set(placeholders(alternatives[-1])) <= {"first_name", "who", "next_touch", "signature"}, \
                (kind, tag, field)
