"""cockpit doctor: a healthy book passes; a broken rule of the book is named in plain words."""

from __future__ import annotations

from dataclasses import replace

from cockpit.demo import generate
from cockpit.doctor import run
from cockpit.storage import Book


def test_a_generated_book_is_healthy(tmp_path, now):
    generate(tmp_path / "b", 30, 7, now)
    code, lines = run(tmp_path / "b")
    assert code == 0 and "healthy" in lines[-1]


def test_an_active_prospect_without_a_next_step_is_reported(tmp_path, now):
    generate(tmp_path / "b", 30, 7, now)
    with Book(tmp_path / "b") as book:
        victim = next(p for p in book.prospects() if p.active)
        book.update([replace(victim, next_step=None)])
    code, lines = run(tmp_path / "b")
    assert code == 1
    assert any(victim.id in line and "no next step" in line for line in lines)


def test_no_book_is_said_plainly(tmp_path):
    code, lines = run(tmp_path / "nothing-here")
    assert code == 1 and "No book" in lines[0]
