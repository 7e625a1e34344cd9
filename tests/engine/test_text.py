"""engine/text.py: any value becomes one line of visible text; JSON keeps the exact value."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from cockpit.engine.text import SHOWN, clean, clean_lines, json_text, visible, visible_lines

FORBIDDEN = {chr(c) for c in range(0x20)} | {chr(c) for c in range(0x7F, 0xA0)} | set(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")


def test_escape_sequences_go_whole():
    assert clean("Eve\x1b[2J\x1b[H Adams") == "Eve Adams"
    assert clean("Finn\x1b]0;pwned\x07 Ross") == "Finn Ross"
    assert clean("Gus\x9b31m Red") == "Gus Red"


def test_line_breaks_become_spaces_and_markup_is_left_as_text():
    assert clean("Hana\nFAKE\r\nLINE") == "Hana FAKE LINE"
    assert clean("[reverse]Ben[/reverse]") == "[reverse]Ben[/reverse]"
    assert clean("Mía Ñúñez 🚀") == "Mía Ñúñez 🚀"


def test_bidi_controls_and_lone_surrogates_go():
    assert clean("Kai \u202egnp.exe") == "Kai gnp.exe"
    assert clean("Ana\udcff") == "Ana\ufffd"


def test_a_limit_keeps_a_huge_value_to_one_short_line():
    assert clean("Z" * (1 << 20), limit=40) == "Z" * 39 + "…"


def test_visible_cuts_what_the_screen_is_handed_and_keeps_a_note_whole():
    assert len(visible("Z" * (1 << 20))) == SHOWN
    note = "why now: " + "new funding round, hiring a team " * 20
    assert visible(note) == note
    assert visible_lines("a\x1b[2J\n" + "b" * (1 << 20)) == "a\n" + "b" * (SHOWN - 1) + "…"


def test_clean_lines_keeps_the_lines_cockpit_wrote():
    assert clean_lines("one\x1b[2J\ntwo\tthree") == "one\ntwo three"


@given(st.text())
def test_clean_leaves_nothing_a_terminal_acts_on_and_is_idempotent(text):
    once = clean(text)
    assert not FORBIDDEN & set(once)
    assert clean(once) == once


@given(st.text(), st.integers(min_value=1, max_value=50))
def test_visible_is_clean_within_its_limit_and_idempotent(text, limit):
    shown = visible(text, limit)
    assert len(shown) <= limit and not FORBIDDEN & set(shown)
    assert visible(shown, limit) == shown


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                    max_leaves=12))
def test_json_text_loads_back_exactly_and_writes_no_control_raw(data):
    for indent in (None, 2):
        text = json_text(data, indent=indent)
        assert json.loads(text) == data
        assert not (FORBIDDEN - {"\n"}) & set(text)
        text.encode("utf-8")  # lone surrogates are escaped, so it can always be written


def test_a_figure_agrees_with_its_noun():
    from cockpit.engine.text import count

    assert [count(n, "break-up") for n in (0, 1, 2)] == ["0 break-ups", "1 break-up", "2 break-ups"]
    assert count(1, "day") == "1 day" and count(3, "person", "people") == "3 people"
