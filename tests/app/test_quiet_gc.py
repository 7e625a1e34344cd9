"""Full garbage collections wait for a quiet moment while the cockpit is open (app/quiet_gc.py)."""

from __future__ import annotations

import gc

import pytest

from cockpit.app import quiet_gc
from cockpit.app.quiet_gc import QUIET_SECONDS, QuietCollector


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(quiet_gc.time, "monotonic", lambda: now[0])
    return now


@pytest.fixture
def collections(monkeypatch):
    ran = []
    monkeypatch.setattr(quiet_gc.gc, "collect", lambda *a: ran.append(a) or 0)
    return ran


def test_start_stops_automatic_full_passes_and_stop_gives_them_back():
    before = gc.get_threshold()
    collector = QuietCollector()
    collector.start()
    try:
        assert gc.get_threshold()[:2] == before[:2] and gc.get_threshold()[2] > 1_000_000
    finally:
        collector.stop()
    assert gc.get_threshold() == before


def test_a_due_full_pass_waits_until_no_key_was_pressed_for_a_moment(clock, collections, monkeypatch):
    collector = QuietCollector()
    collector.start()
    try:
        monkeypatch.setattr(quiet_gc.gc, "get_count", lambda: (0, 0, collector.saved[2]))  # one is due
        collector.key()
        clock[0] += QUIET_SECONDS / 2
        assert not collector.tick() and collections == []  # the rep is typing
        clock[0] += QUIET_SECONDS
        assert collector.tick() and len(collections) == 1
    finally:
        collector.stop()


def test_no_full_pass_before_one_is_due_or_before_the_book_is_loaded(clock, collections, monkeypatch):
    collector = QuietCollector()
    clock[0] += 60
    assert not collector.tick()  # not started: Python's own thresholds are in force
    collector.start()
    try:
        monkeypatch.setattr(quiet_gc.gc, "get_count", lambda: (0, 0, collector.saved[2] - 1))
        assert not collector.tick() and collections == []
    finally:
        collector.stop()
