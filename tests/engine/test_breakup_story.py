"""The break-up follows what happened: never reached, went quiet after a talk, or after a meeting; signed."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from cockpit.config import builtin_templates
from cockpit.engine import breakup
from cockpit.engine.rep import Rep
from cockpit.model import Activity, Prospect

WORDS = builtin_templates()
AT = datetime(2026, 11, 2, 15, tzinfo=timezone.utc)


def touches(*outcomes: str) -> list[Activity]:
    return [Activity(id=f"a{n}", prospect_id="p", outcome=o, at=AT) for n, o in enumerate(outcomes)]


def dana(tag: str = "prospect") -> Prospect:
    return Prospect(id="p", name="Dana Reyes", company="Acme", tag=tag)


@pytest.mark.parametrize("history, opens, never", [
    (touches("voicemail", "no-answer", "voicemail"), "Hi Dana, I've tried you a few times about Acme", ""),
    (touches("voicemail", "connected", "voicemail", "no-answer"), "Hi Dana, since we spoke about Acme",
     "tried you a few times"),
    (touches("connected", "meeting", "no-show", "voicemail"), "Hi Dana, since we met about Acme",
     "tried you a few times"),
])
def test_the_message_says_what_happened(history, opens, never):
    text = breakup.message(dana(), WORDS, Rep(name="Sam"), history)
    assert text.startswith(opens)
    assert not never or never not in text  # never "haven't connected" to someone the rep spoke to
    assert "just reply" in text and text.endswith("All the best.\nSam")


def test_it_is_signed_with_what_the_book_knows_of_the_rep():
    text = breakup.message(dana(), WORDS, Rep(name="Sam Carter", company="Northwind", phone="+14155550100"))
    assert text.endswith("All the best.\nSam Carter\nNorthwind · +1 415-555-0100")
    assert breakup.message(dana(), WORDS, Rep()).endswith("All the best.")  # nothing set: unsigned, not "our team"


@pytest.mark.parametrize("tag", ["client", "partner"])
def test_a_client_or_partner_keeps_their_own_words_whatever_happened(tag):
    for history in (touches("voicemail"), touches("connected"), touches("meeting")):
        text = breakup.message(dana(tag), WORDS, Rep(name="Sam"), history)
        assert text.startswith("Hi Dana, we haven't managed to speak")
