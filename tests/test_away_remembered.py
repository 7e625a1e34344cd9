"""Time off is remembered: a step scheduled after `cockpit away` never falls inside the days off."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from cockpit import cli, config
from cockpit.storage import Book


def test_a_voicemail_logged_after_away_schedules_past_the_time_off(monkeypatch, capsys, private_dirs):
    monkeypatch.setenv("COCKPIT_NOW", "2026-11-23T10:00:00-05:00")  # Monday
    assert cli.main(["add", "Ana Costa", "--company", "Blue", "--phone", "+1 212 555 0100"]) == 0
    pid = capsys.readouterr().out.strip()
    assert cli.main(["away", "2026-11-24", "2026-11-27"]) == 0
    assert set(config.load(private_dirs).holidays) >= {date(2026, 11, 24), date(2026, 11, 27)}
    assert cli.main(["log", pid, "voicemail"]) == 0
    with Book(private_dirs) as book:
        due = book.get(pid).next_step.due.astimezone(ZoneInfo("America/New_York"))
    assert not date(2026, 11, 24) <= due.date() <= date(2026, 11, 27)


def test_time_off_longer_than_a_year_is_refused_in_one_line(monkeypatch, capsys, private_dirs):
    monkeypatch.setenv("COCKPIT_NOW", "2026-11-23T10:00:00-05:00")
    assert cli.main(["away", "2026-01-01", "2028-01-01"]) == 2
    assert "a year at most" in capsys.readouterr().err


def test_time_off_is_listed_and_can_be_taken_out(monkeypatch, capsys, private_dirs):
    monkeypatch.setenv("COCKPIT_NOW", "2026-11-23T10:00:00-05:00")
    assert cli.main(["away", "2026-12-24", "2027-01-01"]) == 0
    assert cli.main(["away", "2027-02-01", "2027-02-01"]) == 0
    capsys.readouterr()
    assert cli.main(["away", "--list"]) == 0
    assert capsys.readouterr().out.splitlines() == ["2026-12-24 to 2027-01-01 (9 days)", "2027-02-01"]
    assert cli.main(["away", "--cancel", "2026-12-31", "2027-01-01"]) == 0
    assert "2 days off taken out" in capsys.readouterr().out
    assert date(2026, 12, 31) not in config.load(private_dirs).holidays
    assert date(2026, 12, 30) in config.load(private_dirs).holidays
    assert cli.main(["away", "--list", "--json"]) == 0
    assert capsys.readouterr().out.strip() == ('[{"from": "2026-12-24", "to": "2026-12-30"}, '
                                               '{"from": "2027-02-01", "to": "2027-02-01"}]')


def test_away_without_both_days_says_what_it_takes(monkeypatch, capsys, private_dirs):
    monkeypatch.setenv("COCKPIT_NOW", "2026-11-23T10:00:00-05:00")
    assert cli.main(["away", "2026-12-24"]) == 2
    assert "give FROM and TO" in capsys.readouterr().err
