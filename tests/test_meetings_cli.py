"""`cockpit log ID held | no-show` from the shell: after the meeting, one clear line when there is none,
and `agenda`, `show` and `ics` ask how a past meeting went instead of "confirm the meeting"."""

from __future__ import annotations

import json

import pytest

from cockpit import cli

BOOKED = "2026-11-23T10:00:00-05:00"  # Monday, 10:00 in New York
MEETING = "2026-11-25T11:00"           # Wednesday 11:00 their time
AFTER = "2026-12-28T10:00:00-05:00"    # a month later: nobody logged how it went


def run(monkeypatch, capsys, now: str, *args) -> tuple[int, str, str]:
    monkeypatch.setenv("COCKPIT_NOW", now)
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def booked(monkeypatch, capsys, private_dirs) -> str:
    code, out, _ = run(monkeypatch, capsys, BOOKED, "add", "Dana Reyes", "--company", "Acme", "--phone",
                       "+1 212 555 0100")
    pid = out.strip()
    assert code == 0 and run(monkeypatch, capsys, BOOKED, "log", pid, "m", "--when", MEETING)[0] == 0
    return pid


def test_a_month_after_the_meeting_every_view_asks_how_it_went(booked, monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, AFTER, "agenda", "--json")
    [item] = [i for i in json.loads(out)["overdue"] if i["id"] == booked]
    assert item["next_step"]["channel"] == "debrief" and "how did the meeting" in item["priority_reason"]
    code, out, _ = run(monkeypatch, capsys, AFTER, "show", booked)
    assert code == 0 and "held or no-show" in out and "confirm" not in out
    code, out, _ = run(monkeypatch, capsys, "2026-11-25T12:30:00-05:00", "ics")
    assert code == 0 and "How did the meeting go with Dana Reyes" in out and "Confirm the meeting" not in out


def test_log_held_after_the_meeting_plans_the_first_value_follow_up(booked, monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys, "2026-11-25T11:50:00-05:00", "log", booked, "held", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["prospect"]["cadence"] == "post-meeting" and data["activity"]["outcome"] == "held"
    assert data["next_step"]["channel"] == "email" and data["next_step"]["step"] == 1
    code, out, _ = run(monkeypatch, capsys, "2026-11-25T11:51:00-05:00", "undo")
    assert code == 0 and "confirm" in out  # back exactly to what was stored: the confirmation


@pytest.mark.parametrize("now, words", [
    (BOOKED, "their time: log no-show once it has started"),
    ("2026-11-25T12:00:00-05:00", None),
])
def test_log_no_show_is_refused_in_one_line_before_the_meeting(booked, monkeypatch, capsys, now, words):
    code, out, err = run(monkeypatch, capsys, now, "log", booked, "o")
    if words is None:
        assert code == 0 and "No-show logged" in out
        return
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and words in err and "Traceback" not in err


def test_log_held_without_a_meeting_is_one_line_naming_what_is_needed(monkeypatch, capsys, private_dirs):
    _, out, _ = run(monkeypatch, capsys, BOOKED, "add", "Sam Lee", "--company", "Beta")
    code, out, err = run(monkeypatch, capsys, BOOKED, "log", out.strip(), "h")
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert "Sam Lee has no meeting booked" in err and "meeting, with its time" in err
