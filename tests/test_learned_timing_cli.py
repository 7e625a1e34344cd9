"""`cockpit stats --accept N`: a learned-timing suggestion accepted from the shell by its number, the
same one the stats screen accepts with that key; a number that is not shown is one clear line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from cockpit import cli, config
from cockpit.storage import Book

sys.path.insert(0, str(Path(__file__).parent / "engine"))
from test_learned_timing import tuesday_log  # noqa: E402


def tuesday_book(folder: Path) -> None:
    acts, prospects = tuesday_log()
    with Book(folder) as book:
        book.add(prospects.values())
        book.add_activities(acts)


def test_stats_lists_the_weekday_suggestion_with_its_number_and_accept_sets_it(monkeypatch, capsys, private_dirs):
    monkeypatch.setenv("COCKPIT_NOW", "2026-11-23T10:00:00-05:00")
    tuesday_book(private_dirs)
    assert cli.main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "Suggestion 3: Call your cold leads on Tuesdays at 16:00 their time" in out
    assert "cockpit stats --accept N" in out
    assert config.load(private_dirs).timing == {}  # shown, not applied
    assert cli.main(["stats", "--accept", "3"]) == 0
    assert capsys.readouterr().out.startswith("Accepted: Call your cold leads on Tuesdays at 16:00")
    learned = config.load(private_dirs).timing["cold"]
    assert (learned.weekday, f"{learned.at:%H:%M}") == (1, "16:00")
    assert '[timing.cold]\nbest_time = "Tue 16:00"' in (private_dirs / "cockpit.toml").read_text()
    assert cli.main(["stats", "--json"]) == 0  # accepted: no longer suggested
    assert not [x for x in json.loads(capsys.readouterr().out)["suggestions"] if "timing" in x["change"]]


def test_accepting_a_number_that_is_not_shown_is_one_clear_line(monkeypatch, capsys, private_dirs):
    monkeypatch.setenv("COCKPIT_NOW", "2026-11-23T10:00:00-05:00")
    tuesday_book(private_dirs)
    before = (private_dirs / "cockpit.toml").read_bytes() if (private_dirs / "cockpit.toml").exists() else None
    assert cli.main(["stats", "--accept", "7"]) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert captured.out == "" and len(lines) == 1 and "Traceback" not in captured.err
    assert "no suggestion has that number; the suggestions now are 3" in lines[0]
    after = (private_dirs / "cockpit.toml").read_bytes()
    assert before is None or after == before


def test_a_hand_written_timing_table_that_is_wrong_names_the_key(tmp_path):
    path = tmp_path / "cockpit.toml"
    for table, expected in (('[timing.cold]\nbest_time = "Sat 10:00"\n', "Mon to Fri"),
                            ('[timing.cold]\ndecide_days = 1\n', "from 3 to 365"),
                            ('[timing.cld]\ndecide_days = 30\n', "unknown lead type 'cld'")):
        path.write_text(config.DEFAULT_FILE + "\n" + table)
        try:
            config.load(tmp_path)
        except config.ConfigError as exc:
            assert expected in str(exc) and "timing.c" in str(exc)
        else:
            raise AssertionError(f"{table!r} was accepted")
