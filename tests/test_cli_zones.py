"""From the shell: `agenda --json` says when a prospect's zone is not certain, and `--tz` settles it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from test_cli import cockpit


def test_agenda_json_shows_the_zones_a_number_leaves_open(tmp_path):
    book = tmp_path / "book"
    doubt = cockpit("add", "Pat Quinn", "--company", "Acme", "--phone", "+61 8 9234 5678", book=book)
    sure = cockpit("add", "Lee Ward", "--company", "Beta", "--phone", "+61 8 9234 5679", "--tz", "Australia/Perth", book=book)
    assert doubt.code == 0 and sure.code == 0, doubt.err + sure.err
    agenda = cockpit("agenda", "--json", book=book).json()
    listed = {i["id"]: i for i in agenda["today"]}
    open_, settled = listed[doubt.out.strip()], listed[sure.out.strip()]
    assert open_["zone_certain"] is False and sorted(open_["zones"]) == ["Australia/Adelaide", "Australia/Perth"]
    assert open_["tz"] in open_["zones"]
    assert settled["zone_certain"] is True and settled["zones"] == ["Australia/Perth"]
    # 10:00 in New York is night in Australia: the first call waits for a time inside both windows
    due = datetime.fromisoformat(open_["next_step"]["due"])
    for zone in open_["zones"]:
        assert 9 <= due.astimezone(ZoneInfo(zone)).hour < 17
    assert open_["callable_now"] is False


def test_the_doubt_survives_an_export_and_an_import(tmp_path):
    book, fresh, out = tmp_path / "book", tmp_path / "fresh", tmp_path / "all.csv"
    pid = cockpit("add", "Pat Quinn", "--company", "Acme", "--phone", "+1 907 555 0100", book=book).out.strip()
    assert cockpit("export", "--out", str(out), book=book).code == 0
    assert cockpit("import", str(out), book=fresh).code == 0
    shown = cockpit("show", pid, "--json", book=fresh).json()["prospect"]
    assert sorted(shown["zones"]) == ["America/Adak", "America/Anchorage"] and shown["country"] == "US"
