"""The / find's index: the same matches as engine.find.matching, in the same order, however it is typed."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from cockpit.engine.find import Index, matching
from cockpit.model import Prospect

WORDS = ["Dana", "Reyes", "Li", "Acme", "Beta", "ÉCOLE", "straße", "O'Neil", "  ", "Sam", ""]
people = st.builds(
    lambda i, name, company, email, digits: Prospect(id=f"{i:08x}", name=" ".join(name) or "X", company=" ".join(company),
                                                     email=email, phones=(f"+1415{digits}",)),
    st.integers(0, 2**32 - 1), st.lists(st.sampled_from(WORDS), max_size=3), st.lists(st.sampled_from(WORDS), max_size=2),
    st.sampled_from(["", "dana@acme.example", "sam@beta.example"]), st.text("0123456789", min_size=7, max_size=7))
queries = st.one_of(st.sampled_from(["dana", "DANA re", "acme", "a", "415", "4155", "1415555", "@beta", "ss", "sse",
                                     "straße", "0", "00000", "  ", "e\x00a"]),
                    st.text(max_size=6))


def expected(book, query):
    return matching(book, query) if not {"\x00", "\x01"} & set(query) else []


@given(st.lists(people, max_size=25, unique_by=lambda p: p.id), queries, st.integers(1, 10))
def test_the_index_finds_exactly_what_matching_finds(book, query, limit):
    found, total = Index(book).search(query, limit)
    assert total == len(expected(book, query))
    assert [p.id for p in found] == [p.id for p in expected(book, query)[:limit]]


@given(st.lists(people, max_size=25, unique_by=lambda p: p.id), st.lists(queries, min_size=1, max_size=4), st.data())
def test_typing_and_backspace_on_one_index_find_what_matching_finds(book, words, data):
    """Letter by letter, then back (searches kept for backspace answer again)."""
    index = Index(book)
    for word in words:
        typed = [word[:i] for i in range(1, len(word) + 1)]
        for text in typed + typed[::-1]:
            found, total = index.search(text, None)
            assert [p.id for p in found] == [p.id for p in expected(book, text)], text
    changed = data.draw(st.sampled_from(book)) if book else None
    if changed is not None:
        logged = replace(changed, attempt=changed.attempt + 1)  # what an outcome changes
        assert index.update(logged)
        assert logged in index.search(changed.id)[0]
        assert not index.update(replace(changed, name="Zed Dana"))  # searched differently: built again


def test_the_count_is_of_every_match_the_list_of_the_first_few():
    book = [Prospect(id=f"{i:08x}", name=f"Dana {i:02d}") for i in range(40)]
    found, total = Index(book).search("dana", 5)
    assert total == 40 and [p.name for p in found] == [f"Dana {i:02d}" for i in range(5)]
