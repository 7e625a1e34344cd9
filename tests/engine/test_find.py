"""Finding a prospect by what a rep remembers: an id or its start, a whole name, an e-mail, a number."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cockpit.engine.find import listed, matching, named
from cockpit.model import Prospect

BOOK = [
    Prospect(id="4777b27f", name="Dana Reyes", company="Acme", phones=("+14155550123",), email="dana@acme.example"),
    Prospect(id="1f06f4ec", name="Dana Li", company="Beta", phones=("+12125550100",)),
    Prospect(id="8e69239b", name="Sam  Lee", company="Acme", phones=("+12125550101;ext=12",)),
]


def test_each_way_a_rep_remembers_someone_names_them():
    for query in ("4777b27f", "4777", "dana reyes", "  DANA   Reyes ", "Dana@Acme.example", "(415) 555-0123",
                  "+1 415 555 0123", "555-0123"):
        one, _ = named(BOOK, query)
        assert one is not None and one.id == "4777b27f", query
    assert named(BOOK, "sam lee")[0].id == "8e69239b"  # spaces in the stored name do not matter
    assert named(BOOK, "212 555 0101")[0].id == "8e69239b"  # the extension is not part of the number


def test_a_query_that_could_be_several_names_none_and_lists_them():
    one, candidates = named(BOOK, "Dana")
    assert one is None and [p.id for p in candidates] == ["1f06f4ec", "4777b27f"]
    one, candidates = named(BOOK, "acme")
    assert one is None and {p.id for p in candidates} == {"4777b27f", "8e69239b"}
    assert named(BOOK, "47")[0] is None  # two characters name too many prospects in a real book
    assert named(BOOK, "nobody") == (None, [])
    assert "Dana Li [1f06f4ec] (Beta)" in listed(candidates + BOOK[1:2])


@given(st.lists(st.text(alphabet="0123456789abcdef", min_size=8, max_size=8), min_size=1, max_size=30, unique=True),
       st.data())
def test_an_id_always_names_its_own_prospect(ids, data):
    book = [Prospect(id=i, name=f"P {n % 3}", company="Co") for n, i in enumerate(ids)]
    wanted = data.draw(st.sampled_from(book))
    one, _ = named(book, wanted.id)
    assert one == wanted
    prefix = wanted.id[:data.draw(st.integers(3, 8))]
    one, candidates = named(book, prefix)
    sharing = [p for p in book if p.id.startswith(prefix)]
    assert (one == wanted) if len(sharing) == 1 else (one is None and wanted in candidates)


def test_matching_finds_any_part_of_a_name_or_company_by_name():
    assert [p.id for p in matching(BOOK, "ee")] == ["8e69239b"]
    assert [p.name for p in matching(BOOK, "a")] == ["Dana Li", "Dana Reyes", "Sam  Lee"]
    assert matching(BOOK, "   ") == []
