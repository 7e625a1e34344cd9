"""A call block: only dials count as dials, and its end says how it went."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from cockpit.engine.block import DIALS, Block, Tally, finished, recap, running, tally
from cockpit.engine.outcomes import OUTCOMES
from cockpit.model import Activity

START = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)
BLOCK = Block("b1", START, target_dials=20, minutes=45)


def logged(outcome: str) -> Activity:
    return Activity(id=outcome, prospect_id="p", at=START, outcome=outcome, block="b1")


@pytest.mark.parametrize("outcome", ["do-not-contact", "dead", "held", "no-show", "email", "break-up"])
def test_a_record_that_is_not_a_call_is_not_a_dial(outcome):
    assert outcome not in DIALS
    assert tally([logged(outcome)]).dials == 0


@pytest.mark.parametrize("outcome", ["connected", "meeting", "voicemail", "no-answer", "callback", "gatekeeper",
                                     "wrong-number", "not-interested"])
def test_every_call_placed_is_a_dial(outcome):
    assert tally([logged(outcome)]).dials == 1


def test_dials_are_outcomes():
    assert set(DIALS) <= set(OUTCOMES)


def test_a_block_finishes_when_its_time_is_up_or_its_target_is_reached():
    assert finished(BLOCK, Tally(dials=19), START + timedelta(minutes=44, seconds=59)) is None
    assert finished(BLOCK, Tally(dials=3), START + timedelta(minutes=45)) == "time is up"
    assert finished(BLOCK, Tally(dials=20), START + timedelta(minutes=10)) == "target reached"


def test_the_recap_says_dials_against_the_target_and_the_time_used():
    t = Tally(dials=8, connects=2, voicemails=5, meetings=1)
    assert recap(BLOCK, t, START + timedelta(minutes=12, seconds=30)) == [
        "Dials: 8 of 20", "Conversations: 2", "Voicemails: 5", "Meetings: 1", "Time: 12 of 45 min",
        "Connect rate: 25%"]
    # after the end, the time used is the block's length, never more
    assert recap(BLOCK, t, START + timedelta(hours=3))[4] == "Time: 45 of 45 min"


def test_a_running_block_says_what_replacing_it_would_cut_short():
    assert running(BLOCK, Tally(dials=7), START + timedelta(minutes=33)) == "7/20 dials, 12 min left"
