"""What a tag changes in the words: a client or a partner already knows you, so nothing opens cold.

A prospect hears "about an idea for Acme" and, at the end, "I've tried you a few times"; said to a
client or a partner those words are wrong. Each tag has its own purpose and its own way to pause.
(Full templates per cadence step and tag are data a book will override; this is their opening.)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Voice:
    about: str  # what the call is about, before the value: "about your account: ..."
    value: str  # the value when the research gives none ({company} is theirs)
    value_no_company: str
    no_thanks: str  # the easy way out
    pause: str  # the break-up, between the greeting and the sign-off ({about} is " about Acme" or "")


VOICES = {
    "prospect": Voice(
        about="about", value="an idea for {company}", value_no_company="an idea that may help you",
        no_thanks="if it's not a fit, just reply no thanks",
        pause="I've tried you a few times{about} and haven't connected, so I'll assume now isn't the right "
              "time and stop reaching out. If that changes, just reply and I'll pick it up from there."),
    "client": Voice(
        about="about your account:", value="a short review of how it's working for {company}",
        value_no_company="a short review of how it's working for you",
        no_thanks="if you'd rather skip it, just reply no thanks",
        pause="we haven't managed to speak lately, so I'll stop calling for now; your account carries on "
              "as it is. Whenever it suits you, just reply and I'll pick it up from there."),
    "partner": Voice(
        about="about working together:", value="an introduction that could help us both",
        value_no_company="an introduction that could help us both",
        no_thanks="if it's not the moment, just reply no thanks",
        pause="we haven't managed to speak about working together lately, so I'll leave the next step with "
              "you. When the timing suits you, just reply and I'll pick it up from there."),
}


def voice(tag: str) -> Voice:
    """The words for `tag`; an unknown tag (a hand-edited book) is spoken to as a prospect."""
    return VOICES.get(tag, VOICES["prospect"])
