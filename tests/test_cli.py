"""The command line end to end: the real `cockpit` in a subprocess, a temporary book, a fixed clock.

The "Command line" section of issue 4 is a contract scripts rely on; these tests hold it. Tests that
only read share one demo book per module; tests that write work on a copy of it (shutil.copytree).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

NOW = "2026-11-23T10:00:00-05:00"  # Monday, 10:00 in New York (the demo rep's zone)
NOW_UTC = datetime.fromisoformat(NOW).astimezone(timezone.utc)
FAR = "2027-12-31"  # an agenda this far ahead lists every active prospect with a step

_SCRIPT = Path(sys.executable).with_name("cockpit")
COCKPIT = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "cockpit.cli"]

OUTCOMES = {  # name -> (key, extra arguments it needs)
    "connected": ("c", ["--note", "liked the idea"]),
    "meeting": ("m", ["--when", "2026-11-26T14:00"]),
    "voicemail": ("v", []),
    "no-answer": ("n", []),
    "callback": ("l", ["--when", "tomorrow 11am"]),
    "gatekeeper": ("g", ["--note", "ask for Dana"]),
    "wrong-number": ("w", []),
    "email": ("e", []),
    "not-interested": ("x", ["--reason", "price"]),
    "break-up": ("b", []),
    "do-not-contact": ("d", []),
    "dead": ("D", []),
}
ITEM_KEYS = {"id", "name", "company", "phone", "tz", "zones", "zone_certain", "local_time", "status", "lead_type",
             "cadence", "attempt", "attempts_max", "researched", "callable_now", "next_step", "priority_reason"}


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self):
        assert self.code == 0, self.err
        return json.loads(self.out)


def cockpit(*args, book: Path | None = None, now: str | None = NOW, env: dict | None = None) -> Run:
    environ = {k: v for k, v in os.environ.items() if k not in ("COCKPIT_NOW", "COCKPIT_DEBUG")}
    if now is not None:
        environ["COCKPIT_NOW"] = now
    environ.update(env or {})
    argv = [*COCKPIT, *(["--book", str(book)] if book is not None else []), *map(str, args)]
    proc = subprocess.run(argv, capture_output=True, text=True, env=environ, timeout=60)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def one_line_error(run: Run, code: int = 2) -> str:
    """The error contract: exit code, empty stdout, exactly one line on stderr starting "cockpit: "."""
    assert run.code == code, (run.code, run.out, run.err)
    assert "Traceback" not in run.out + run.err
    assert run.out == ""
    lines = run.err.splitlines()
    assert len(lines) == 1 and run.err.endswith("\n"), run.err
    assert lines[0].startswith("cockpit: "), lines[0]
    return lines[0]


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def unchanged(before: dict[str, bytes], folder: Path) -> bool:
    """Every file that was there is byte-identical (a storage may keep other files beside them)."""
    after = files(folder)
    return all(after.get(name) == data for name, data in before.items())


def aware(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    assert moment.tzinfo is not None, f"{text} has no offset"
    return moment


def items(agenda: dict) -> list[dict]:
    return agenda["today"] + agenda["overdue"] + agenda["breakups"]


# ---- shared books ---------------------------------------------------------------------------

@pytest.fixture(scope="module", autouse=True)
def private_module_dirs(tmp_path_factory):
    """conftest's private dirs are per test; module fixtures run before them, so give them their own."""
    base = tmp_path_factory.mktemp("private")
    with pytest.MonkeyPatch.context() as mp:
        for var in ("COCKPIT_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            mp.setenv(var, str(base / var.lower()))
        mp.setenv("TZ", "America/New_York")
        yield


@pytest.fixture(scope="module")
def demo(tmp_path_factory, private_module_dirs) -> Path:
    """One demo book for tests that only read it."""
    folder = tmp_path_factory.mktemp("shared") / "demo"
    run = cockpit("demo", book=folder)
    assert run.code == 0, run.err
    return folder


@pytest.fixture(scope="module")
def demo_agenda(demo) -> dict:
    return cockpit("agenda", "--json", book=demo).json()


@pytest.fixture(scope="module")
def everyone(demo) -> dict:
    """Every active prospect with a pending step, from an agenda far ahead."""
    return cockpit("agenda", "--json", "--date", FAR, book=demo).json()


@pytest.fixture(scope="module")
def callable_ids(everyone) -> list[str]:
    """Active prospects that accept every outcome (no pending break-up, a working number), oldest due first."""
    ids = [i["id"] for i in everyone["overdue"] + everyone["today"]
           if i["status"] in ("new", "working", "engaged") and i["next_step"]["channel"] != "break-up" and i["phone"]]
    return list(dict.fromkeys(ids))  # an overdue prospect is in today's list too: each once


@pytest.fixture
def book(demo, tmp_path) -> Path:
    """A private copy of the demo book, for tests that write."""
    copy = tmp_path / "copy"
    shutil.copytree(demo, copy)
    return copy


@pytest.fixture
def empty(tmp_path) -> Path:
    return tmp_path / "fresh"


# ---- add ------------------------------------------------------------------------------------

def test_add_prints_only_the_new_id(empty):
    run = cockpit("add", "Ann Lee", "--company", "Acme", "--phone", "+1 212 555 0100", book=empty)
    assert run.code == 0 and run.err == ""
    new_id = run.out.strip()
    assert run.out == new_id + "\n" and re.fullmatch(r"\S+", new_id)
    shown = cockpit("show", new_id, "--json", book=empty).json()
    assert shown["prospect"]["id"] == new_id and shown["prospect"]["name"] == "Ann Lee"
    assert shown["prospect"]["company"] == "Acme"


def test_add_json_prints_the_id_and_every_field_is_stored(empty):
    data = cockpit("add", "Bo Chan", "--company", "Beta", "--phone", "+1 212 555 0101", "--email", "bo@beta.example",
                   "--title", "CFO", "--lead-type", "referral", "--source", "Dana", "--tag", "partner", "--json",
                   book=empty).json()
    assert isinstance(data["id"], str) and data["id"]
    p = cockpit("show", data["id"], "--json", book=empty).json()["prospect"]
    assert (p["name"], p["company"], p["email"], p["title"], p["lead_type"], p["source"], p["tag"]) == (
        "Bo Chan", "Beta", "bo@beta.example", "CFO", "referral", "Dana", "partner")
    assert p["phones"] == ["+12125550101"] and p["status"] == "new" and p["attempt"] == 0


def test_a_web_lead_is_due_now_and_first_in_the_agenda(empty):
    """Speed to lead: due now inside their window, at the window's opening outside it; first among those
    callable now, and first among those waiting for their hours (07:00 in Los Angeles waits below New York)."""
    cold = cockpit("add", "Cold Carl", "--company", "C", "--phone", "+1 212 555 0102", book=empty).out.strip()
    web_ny = cockpit("add", "Web Wendy", "--company", "W", "--phone", "+1 212 555 0103", "--lead-type", "web",
                     book=empty).out.strip()
    web_la = cockpit("add", "Web Walt", "--company", "W", "--phone", "+1 415 555 0104", "--lead-type", "web",
                     book=empty).out.strip()
    today = cockpit("agenda", "--json", book=empty).json()["today"]
    assert [i["id"] for i in today] == [web_ny, cold, web_la]
    ny, la = today[0], today[2]
    assert ny["lead_type"] == "web" and ny["cadence"] == "web-lead" and ny["next_step"]["channel"] == "call"
    assert ny["callable_now"] is True  # 10:00 in New York: inside their window
    assert aware(ny["next_step"]["due"]) == NOW_UTC  # due now, not in two days
    assert la["callable_now"] is False  # 07:00 in Los Angeles
    assert la["next_step"]["due"] == "2026-11-23T09:00:00-08:00"


@pytest.mark.parametrize(("phone", "zone", "offset"), [("+1 415 555 0100", "America/Los_Angeles", "-08:00"),
                                                       ("+44 20 7946 0000", "Europe/London", "+00:00")])
def test_the_phone_number_sets_the_time_zone(empty, phone, zone, offset):
    new_id = cockpit("add", "Zed", "--company", "Z", "--phone", phone, "--json", book=empty).json()["id"]
    shown = cockpit("show", new_id, "--json", book=empty).json()
    assert shown["prospect"]["tz"] == zone
    assert shown["next_step"]["due"].endswith(offset)  # shown in their own time
    assert "09:00" <= shown["next_step"]["due"][11:16] <= "17:00"


def test_an_explicit_tz_wins_over_the_phone(empty):
    new_id = cockpit("add", "Zed", "--company", "Z", "--phone", "+1 415 555 0100", "--tz", "Europe/Berlin",
                     book=empty).out.strip()
    assert cockpit("show", new_id, "--json", book=empty).json()["prospect"]["tz"] == "Europe/Berlin"


def test_cockpit_home_chooses_the_book_when_no_book_flag(tmp_path):
    home = tmp_path / "home-book"
    new_id = cockpit("add", "Ann", "--company", "A", env={"COCKPIT_HOME": str(home)}).out.strip()
    assert (home / "cockpit.toml").is_file()
    assert cockpit("show", new_id, "--json", book=home).json()["prospect"]["name"] == "Ann"


# ---- log ------------------------------------------------------------------------------------

def _check_outcome(name: str, before: dict, data: dict) -> None:
    assert set(data) == {"prospect", "activity", "next_step"}
    p, activity, step = data["prospect"], data["activity"], data["next_step"]
    assert activity["outcome"] == name and activity["prospect_id"] == p["id"] == before["id"]
    assert "before" not in activity  # the undo snapshot is not part of the contract
    assert aware(activity["at"]) == NOW_UTC
    if name in ("do-not-contact", "dead"):
        assert step is None and p["status"] == name
        return
    assert {"channel", "due", "reason"} <= set(step) and step["reason"]
    due = aware(step["due"])
    assert due.utcoffset() == due.astimezone(ZoneInfo(p["tz"])).utcoffset()  # in the prospect's own offset
    if name in ("not-interested", "break-up"):
        assert p["status"] == "nurture" and due.date() >= date(2027, 5, 1)  # about six months on
    elif name == "meeting":
        assert p["status"] == "meeting" and step["channel"] == "confirm" and due.date() == date(2026, 11, 25)
    elif name == "callback":
        assert step["due"][:16] == "2026-11-24T11:00" and step["agreed"] is True
    elif name == "wrong-number":
        assert step["channel"] == "research"
    elif name in ("voicemail", "no-answer", "email"):
        counted = before["attempt"] + 1
        starts_over = counted == before["attempts_max"] and before["cadence"] in ("nurture", "client", "partner")
        assert p["attempt"] == (0 if starts_over else counted) and due > NOW_UTC  # a repeating cadence starts over
    elif name == "connected":
        assert p["status"] == "engaged" and activity["note"] == "liked the idea"
    elif name == "gatekeeper":
        assert activity["note"] == "ask for Dana" and step["channel"] == "call"


@pytest.mark.parametrize("by", ["name", "key"])
def test_log_every_outcome_by_name_and_by_key(book, everyone, callable_ids, by):
    """Each outcome on its own prospect; --json reports the prospect, the activity and the next step."""
    start = 0 if by == "name" else len(OUTCOMES)
    assert len(callable_ids) >= start + len(OUTCOMES)
    by_id = {i["id"]: i for i in items(everyone)}
    for pid, (name, (key, extra)) in zip(callable_ids[start:], OUTCOMES.items(), strict=False):
        run = cockpit("log", pid, name if by == "name" else key, *extra, "--json", book=book)
        assert run.code == 0, (name, run.err)
        _check_outcome(name, by_id[pid], json.loads(run.out))


def test_connected_with_an_agreed_time_keeps_it(book, callable_ids):
    data = cockpit("log", callable_ids[0], "c", "--when", "2026-11-25 11:00", "--json", book=book).json()
    assert data["next_step"]["due"][:16] == "2026-11-25T11:00" and data["next_step"]["agreed"] is True


def test_log_plain_says_what_was_logged_and_what_is_next(book, callable_ids):
    run = cockpit("log", callable_ids[0], "v", book=book)
    assert run.code == 0 and run.err == ""
    assert len(run.out.splitlines()) == 1 and "→" in run.out


def test_log_json_next_step_matches_show(book, callable_ids):
    logged = cockpit("log", callable_ids[0], "voicemail", "--json", book=book).json()
    shown = cockpit("show", callable_ids[0], "--json", book=book).json()
    assert shown["prospect"] == logged["prospect"] and shown["next_step"] == logged["next_step"]
    assert shown["history"][0] == logged["activity"]  # newest first, as on the screen


def test_not_interested_requires_a_reason_and_months_choose_the_recontact(book, callable_ids):
    pid = callable_ids[0]
    before = files(book)
    message = one_line_error(cockpit("log", pid, "not-interested", book=book))
    assert "--reason" in message and "price" in message and "no-need" in message
    assert unchanged(before, book)
    message = one_line_error(cockpit("log", pid, "x", "--reason", "because", book=book))
    assert "vendor" in message
    data = cockpit("log", pid, "x", "--reason", "timing", "--months", "12", "--json", book=book).json()
    assert data["prospect"]["status"] == "nurture" and data["activity"]["reason"] == "timing"
    assert date(2027, 11, 1) <= aware(data["next_step"]["due"]).date() <= date(2027, 12, 31)


@pytest.mark.parametrize("outcome", ["callback", "meeting", "l", "m"])
def test_callback_and_meeting_need_when(book, callable_ids, outcome):
    before = files(book)
    assert "--when" in one_line_error(cockpit("log", callable_ids[0], outcome, book=book))
    assert unchanged(before, book)


@pytest.mark.parametrize(("phrase", "local"), [
    ("tomorrow 3pm", "2026-11-24T15:00"),
    ("+2d", None),  # same time of day, two days on
    ("next tue 10:00", "2026-11-24T10:00"),
    ("friday 11am", "2026-11-27T11:00"),
    ("2026-12-01 10:00", "2026-12-01T10:00"),
    ("2026-12-01T16:30:00+00:00", None),
])
def test_when_phrases_are_read_in_the_prospects_zone(empty, phrase, local):
    pid = cockpit("add", "Lou", "--company", "L", "--phone", "+44 20 7946 0001", book=empty).out.strip()
    run = cockpit("log", pid, "callback", "--when", phrase, "--json", book=empty)
    step = run.json()["next_step"]
    assert run.err == ""  # all inside London's window on a business day: no warning
    due = aware(step["due"])
    assert due.utcoffset() == timedelta(0) and step["agreed"] is True  # London time
    if local:
        assert step["due"][:16] == local
    elif phrase == "+2d":
        assert due == NOW_UTC + timedelta(days=2)
    else:
        assert due == datetime(2026, 12, 1, 16, 30, tzinfo=timezone.utc)


def test_an_agreed_time_outside_the_window_warns_on_one_line_and_is_kept(empty):
    pid = cockpit("add", "Ola", "--company", "O", "--phone", "+1 212 555 0105", book=empty).out.strip()
    run = cockpit("log", pid, "callback", "--when", "saturday 8pm", "--json", book=empty)
    assert run.code == 0
    lines = run.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("cockpit: ") and "outside" in lines[0]
    assert json.loads(run.out)["next_step"]["due"] == "2026-11-28T20:00:00-05:00"


def test_a_meeting_agreed_outside_the_window_warns_on_one_line_and_is_kept(empty):
    pid = cockpit("add", "Ola", "--company", "O", "--phone", "+1 212 555 0105", book=empty).out.strip()
    meeting = cockpit("log", pid, "meeting", "--when", "2026-11-28 07:00", "--json", book=empty)
    assert meeting.code == 0 and aware(meeting.json()["prospect"]["meeting_at"]) == datetime(
        2026, 11, 28, 12, tzinfo=timezone.utc)
    assert len(meeting.err.splitlines()) == 1 and "outside" in meeting.err and meeting.err.startswith("cockpit: ")


def test_a_pending_break_up_refuses_another_attempt(book, demo_agenda):
    assert demo_agenda["breakups"], "the demo book should hold a pending break-up"
    pid = demo_agenda["breakups"][0]["id"]
    before = files(book)
    for outcome in ("voicemail", "n", "email"):
        message = one_line_error(cockpit("log", pid, outcome, book=book))
        assert "break-up" in message and "pending" in message
    assert unchanged(before, book)
    data = cockpit("log", pid, "b", "--json", book=book).json()
    assert data["activity"]["outcome"] == "break-up" and data["prospect"]["status"] == "nurture"
    after = cockpit("agenda", "--json", book=book).json()
    assert pid not in {i["id"] for i in items(after)}


def test_do_not_contact_refuses_everything_and_leaves_every_list(book, callable_ids):
    pid = callable_ids[0]
    assert cockpit("log", pid, "d", book=book).code == 0
    before = files(book)
    for name, (key, extra) in OUTCOMES.items():
        message = one_line_error(cockpit("log", pid, name if len(name) % 2 else key, *extra, book=book))
        assert "do-not-contact" in message
    assert unchanged(before, book)
    assert pid not in {i["id"] for i in items(cockpit("agenda", "--json", "--date", FAR, book=book).json())}
    assert cockpit("show", pid, "--json", book=book).json()["next_step"] is None


# ---- undo -----------------------------------------------------------------------------------

@pytest.mark.parametrize("outcome", ["voicemail", "do-not-contact"])
def test_undo_restores_the_prospect_exactly(book, callable_ids, outcome):
    pid = callable_ids[1]
    shown_before = cockpit("show", pid, "--json", book=book).out
    extra = OUTCOMES[outcome][1]
    assert cockpit("log", pid, outcome, *extra, book=book).code == 0
    assert cockpit("show", pid, "--json", book=book).out != shown_before
    undone = cockpit("undo", "--json", book=book).json()
    assert undone["undone"]["outcome"] == outcome and undone["prospect"]["id"] == pid
    assert cockpit("show", pid, "--json", book=book).out == shown_before


def test_undo_with_nothing_logged_exits_2(empty, book):
    assert "nothing to undo" in one_line_error(cockpit("undo", book=empty))
    assert "nothing to undo" in one_line_error(cockpit("undo", book=book))  # demo history is not undoable
    # and undo is one step: the second undo has nothing left
    pid = cockpit("add", "Ann", "--company", "A", "--phone", "+1 212 555 0100", book=empty).out.strip()
    assert cockpit("log", pid, "v", book=empty).code == 0
    assert cockpit("undo", book=empty).code == 0
    one_line_error(cockpit("undo", book=empty))


# ---- agenda and show ------------------------------------------------------------------------

def test_agenda_json_has_exactly_the_contract_keys(demo_agenda):
    assert set(demo_agenda) == {"date", "now", "today", "overdue", "breakups"}
    assert demo_agenda["date"] == "2026-11-23" and aware(demo_agenda["now"]) == NOW_UTC
    for key in ("today", "overdue", "breakups"):
        assert demo_agenda[key], f"the demo book should fill {key}"
        for item in demo_agenda[key]:
            assert set(item) == ITEM_KEYS, set(item) ^ ITEM_KEYS
            assert {"channel", "due", "reason"} <= set(item["next_step"])
            aware(item["next_step"]["due"])
            aware(item["local_time"])
            assert isinstance(item["researched"], bool) and isinstance(item["callable_now"], bool)
            assert isinstance(item["attempt"], int) and isinstance(item["attempts_max"], int)
            assert item["priority_reason"]
            assert item["status"] not in ("do-not-contact", "dead")
    assert all(i["next_step"]["channel"] == "break-up" for i in demo_agenda["breakups"])
    assert not {i["id"] for i in demo_agenda["breakups"]} & {i["id"] for i in demo_agenda["today"]}
    overdue = [aware(i["next_step"]["due"]) for i in demo_agenda["overdue"]]
    assert overdue == sorted(overdue) and all(d < NOW_UTC for d in overdue)


def test_agenda_today_is_due_by_the_end_of_the_day_with_web_leads_first(demo_agenda):
    end = datetime(2026, 11, 24, tzinfo=ZoneInfo("America/New_York"))
    assert all(aware(i["next_step"]["due"]) < end for i in demo_agenda["today"])
    # speed to lead is a prospect's: a client or a partner who came in from the web follows their own cadence
    # who can be called now comes first; within each of the two groups, web leads lead
    order = [(not i["callable_now"], not (i["cadence"] == "web-lead" and i["attempt"] == 0))
             for i in demo_agenda["today"]]
    assert order == sorted(order) and order[0] == (False, False)


def test_agenda_date_chooses_the_day(demo, demo_agenda):
    later = cockpit("agenda", "--json", "--date", "2026-11-30", book=demo).json()
    assert later["date"] == "2026-11-30" and aware(later["now"]) == NOW_UTC
    assert len(later["today"]) > len(demo_agenda["today"])
    end = datetime(2026, 12, 1, tzinfo=ZoneInfo("America/New_York"))
    assert all(aware(i["next_step"]["due"]) < end for i in later["today"])
    assert any(aware(i["next_step"]["due"]).date() > date(2026, 11, 24) for i in later["today"])


def test_agenda_text_lists_the_ids(demo, demo_agenda):
    run = cockpit("agenda", book=demo)
    assert run.code == 0 and run.err == ""
    assert all(i["id"] in run.out for i in demo_agenda["today"] + demo_agenda["breakups"])


def test_show_json_has_prospect_next_step_and_history(demo, demo_agenda):
    pid = demo_agenda["breakups"][0]["id"]  # silent through a whole cadence: a long history
    shown = cockpit("show", pid, "--json", book=demo).json()
    assert set(shown) == {"prospect", "next_step", "history", "breakup_message"}  # what the card shows, too
    assert shown["breakup_message"].startswith("Hi ") and "All the best.\nSam\nNorthwind" in shown["breakup_message"]
    assert shown["prospect"]["id"] == pid and shown["next_step"]["channel"] == "break-up"
    assert {"channel", "due", "reason"} <= set(shown["next_step"])
    assert len(shown["history"]) >= 2
    for activity in shown["history"]:
        assert activity["prospect_id"] == pid and activity["outcome"] in OUTCOMES
        assert "before" not in activity
    text = cockpit("show", pid, book=demo)
    assert text.code == 0 and shown["prospect"]["name"] in text.out


# ---- demo -----------------------------------------------------------------------------------

def test_demo_refuses_a_folder_that_already_holds_a_book(demo):
    before = files(demo)
    assert "already" in one_line_error(cockpit("demo", book=demo))
    assert files(demo) == before


def test_demo_same_seed_gives_the_same_book(tmp_path, demo_agenda):
    books = {name: tmp_path / name for name in ("a", "b", "c")}
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        assert cockpit("demo", "--seed", seed, "--prospects", 20, book=books[name]).code == 0
    agendas = {name: cockpit("agenda", "--json", "--date", FAR, book=folder).out for name, folder in books.items()}
    assert agendas["a"] == agendas["b"]
    assert agendas["a"] != agendas["c"]
    assert {i["id"] for i in items(json.loads(agendas["a"]))} != {i["id"] for i in demo_agenda["today"]}


@pytest.mark.parametrize("count", ["0", "-5", "50001", "many"])
def test_demo_refuses_a_bad_prospect_count(empty, count):
    one_line_error(cockpit("demo", "--prospects", count, book=empty))
    assert not empty.exists()


def test_demo_default_size_is_a_few_dozen_in_several_zones(everyone):
    ids = {i["id"] for i in items(everyone)}
    assert 20 <= len(ids) <= 100
    assert len({i["tz"] for i in items(everyone)}) >= 4
    assert {"new", "working", "engaged", "meeting", "nurture"} <= {i["status"] for i in items(everyone)}


# ---- config ---------------------------------------------------------------------------------

def test_config_without_key_lists_every_setting(demo):
    run = cockpit("config", book=demo)
    assert run.code == 0 and run.err == ""
    keys = {line.split("=")[0].strip() for line in run.out.splitlines()}
    assert {"country", "timezone", "window_start", "window_end", "holidays", "nurture_months"} <= keys


def test_config_key_prints_its_value(demo):
    run = cockpit("config", "window_start", book=demo)
    assert (run.code, run.out, run.err) == (0, "09:00\n", "")


def test_config_key_value_sets_it_and_keeps_the_comments(book):
    path = book / "cockpit.toml"
    comments = [line for line in path.read_text().splitlines() if line.startswith("#")]
    assert comments
    run = cockpit("config", "window_end", "16:30", book=book)
    assert run.code == 0 and "16:30" in run.out
    assert cockpit("config", "window_end", book=book).out == "16:30\n"
    text = path.read_text()
    assert [line for line in text.splitlines() if line.startswith("#")] == comments
    assert re.search(r'^window_end = "16:30"$', text, re.MULTILINE)


@pytest.mark.parametrize(("key", "value"), [("window_start", "25:99"), ("nurture_months", "7"),
                                            ("timezone", "Mars/Olympus"), ("country", "Atlantis"),
                                            ("no_such_key", "1")])
def test_config_bad_value_exits_2_and_leaves_the_file(book, key, value):
    before = (book / "cockpit.toml").read_bytes()
    message = one_line_error(cockpit("config", key, value, book=book))
    assert key in message
    assert (book / "cockpit.toml").read_bytes() == before


# ---- away -----------------------------------------------------------------------------------

def test_away_moves_every_chosen_step_out_of_the_time_off(book):
    start, end = date(2026, 11, 24), date(2026, 11, 27)
    rep = ZoneInfo("America/New_York")

    def in_time_off(agenda):
        """Due on a day off by the rep's date or the prospect's (Tuesday in Tokyo is Monday in New York)."""
        def days(i):
            due = aware(i["next_step"]["due"])
            return {due.astimezone(ZoneInfo(z)).date() for z in (*(i["zones"] or [i["tz"]]),)} | {due.astimezone(rep).date()}
        return {i["id"] for i in agenda["today"] + agenda["breakups"] if any(start <= d <= end for d in days(i))}

    before = in_time_off(cockpit("agenda", "--json", "--date", end, book=book).json())
    assert before
    plan = cockpit("away", start, end, "--json", book=book).json()
    assert set(plan["moved"]) | set(plan["kept_agreed"]) == before and plan["moved"]
    assert in_time_off(cockpit("agenda", "--json", "--date", end, book=book).json()) == set(plan["kept_agreed"])
    later = cockpit("agenda", "--json", "--date", "2026-12-04", book=book).json()
    assert set(plan["moved"]) <= {i["id"] for i in items(later)}


def test_away_refuses_bad_dates(demo):
    assert "YYYY-MM-DD" in one_line_error(cockpit("away", "2026-11-24", "friday", book=demo))


# ---- stats ----------------------------------------------------------------------------------

STATS_KEYS = {"total", "days", "heatmap", "first_connect_by_attempt", "funnel", "lost_reasons", "suggestions"}


@pytest.fixture(scope="module")
def demo_stats(demo) -> dict:
    return cockpit("stats", "--json", book=demo).json()


def test_stats_json_has_the_figures_the_stats_screen_shows(demo_stats):
    assert STATS_KEYS <= set(demo_stats), STATS_KEYS - set(demo_stats)
    assert demo_stats["enough"] is True
    total = demo_stats["total"]
    assert total["dials"] > 0 and 0 < total["connects"] <= total["dials"]
    assert sum(d["dials"] for d in demo_stats["days"]) == total["dials"]
    assert sum(c["dials"] for c in demo_stats["heatmap"]) == total["dials"]
    assert all(c["weekday"] in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun") and 0 <= c["hour"] <= 23
               for c in demo_stats["heatmap"])
    days = [d["date"] for d in demo_stats["days"]]
    assert days == sorted(days) and max(days) <= "2026-11-23"
    firsts = demo_stats["first_connect_by_attempt"]
    assert firsts and all(int(n) >= 1 for n in firsts) and sum(firsts.values()) <= total["connects"]
    assert demo_stats["funnel"] and all(isinstance(rows, list) for rows in demo_stats["funnel"].values())
    assert set(demo_stats["lost_reasons"]) & {"price", "timing", "budget", "vendor", "no-need", "other"}
    assert all(isinstance(x["text"], str) and x["text"] for x in demo_stats["suggestions"])


def test_stats_text_shows_the_same_totals(demo, demo_stats):
    run = cockpit("stats", book=demo)
    assert run.code == 0 and run.err == ""
    total = demo_stats["total"]
    assert f"{total['dials']} dials, {total['connects']} connects" in run.out


def test_stats_on_an_empty_book_says_not_enough_calls_yet(empty):
    run = cockpit("stats", book=empty)
    assert run.code == 0 and run.err == "" and "not enough calls yet" in run.out.lower()
    data = cockpit("stats", "--json", book=empty).json()
    assert STATS_KEYS <= set(data)
    assert data["enough"] is False and "not enough calls yet" in data["message"].lower()
    assert data["total"]["dials"] == 0 and data["days"] == [] and data["heatmap"] == []


def test_stats_counts_a_call_logged_today(book, callable_ids):
    month = ("--from", "2026-11-01", "--to", "2026-11-23", "--json")
    before_all = cockpit("stats", *month, book=book).json()
    assert before_all["enough"] is True  # fewer than MIN dials or days would hide the figures
    before = before_all["total"]
    assert cockpit("log", callable_ids[0], "voicemail", book=book).code == 0
    assert cockpit("log", callable_ids[1], "not-interested", "--reason", "vendor", book=book).code == 0
    after = cockpit("stats", *month, book=book).json()
    assert after["total"]["dials"] == before["dials"] + 2
    assert after["total"]["voicemails"] == before["voicemails"] + 1
    assert after["total"]["connects"] == before["connects"] + 1
    assert after["lost_reasons"].get("vendor", 0) == before_all["lost_reasons"].get("vendor", 0) + 1
    assert after["days"][-1]["date"] == "2026-11-23"


# ---- errors ---------------------------------------------------------------------------------

ERRORS = {  # name -> (argv with {id} for a real prospect, env COCKPIT_NOW or None, a word the line must hold)
    "unknown id (show)": (["show", "nosuchid"], NOW, "nosuchid"),
    "unknown id (log)": (["log", "nosuchid", "voicemail"], NOW, "nosuchid"),
    "unknown outcome": (["log", "{id}", "teleport"], NOW, "voicemail"),
    "bad --when": (["log", "{id}", "callback", "--when", "someday soon"], NOW, "accepted"),
    "bad --date": (["agenda", "--date", "2026-13-01"], NOW, "YYYY-MM-DD"),
    "bad --date word": (["agenda", "--date", "tomorrow"], NOW, "YYYY-MM-DD"),
    "empty --date": (["agenda", "--date", ""], NOW, "YYYY-MM-DD"),
    "unknown subcommand": (["frobnicate"], NOW, "frobnicate"),
    "unknown option": (["agenda", "--bogus"], NOW, "--bogus"),
    "--book without its folder": (["--book"], NOW, "--book"),
    "unknown option beside --demo": (["--demo", "--bogus"], NOW, "--bogus"),
    "extra argument names the subcommand's help": (["log", "{id}", "v", "now"], NOW, "cockpit log --help"),
    "unknown option names the subcommand's help": (["show", "{id}", "--bogus"], NOW, "cockpit show --help"),
    "missing argument (log)": (["log"], NOW, "id"),
    "missing argument (show)": (["show"], NOW, "id"),
    "missing --company": (["add", "Ann"], NOW, "--company"),
    "bad --lead-type": (["add", "Ann", "--company", "A", "--lead-type", "hot"], NOW, "web"),
    "bad phone": (["add", "Ann", "--company", "A", "--phone", "12"], NOW, "12"),
    "bad --tz": (["add", "Ann", "--company", "A", "--tz", "Mars/Olympus"], NOW, "Mars/Olympus"),
    "--when too far": (["log", "{id}", "callback", "--when", "+99999999d"], NOW, "--when"),
    "--when at the end of time": (["log", "{id}", "callback", "--when", "9999-12-31T23:00:00-12:00"], NOW, "--when"),
    "--date at the end of time": (["agenda", "--date", "9999-12-31"], NOW, "--date"),
    "away at the end of time": (["away", "2026-11-24", "9999-12-31"], NOW, "9999-12-31"),
    "bad COCKPIT_NOW": (["agenda"], "yesterday", "COCKPIT_NOW"),
    "COCKPIT_NOW without offset": (["agenda"], "2026-11-23T10:00:00", "offset"),
    "--months 7": (["log", "{id}", "not-interested", "--reason", "price", "--months", "7"], NOW, "18"),
    "--months word": (["log", "{id}", "x", "--reason", "price", "--months", "six"], NOW, "--months"),
    "--when on an outcome that schedules itself": (["log", "{id}", "gatekeeper", "--when", "tomorrow 3pm"], NOW,
                                                   "--when"),
    "--when on a voicemail": (["log", "{id}", "v", "--when", "tomorrow 3pm"], NOW, "callback"),
    "--months on a voicemail": (["log", "{id}", "voicemail", "--months", "12"], NOW, "not-interested"),
    "--reason on a voicemail": (["log", "{id}", "voicemail", "--reason", "price"], NOW, "not-interested"),
    "bad stats --from": (["stats", "--from", "last week"], NOW, "YYYY-MM-DD"),
    "stats --to before --from": (["stats", "--from", "2026-11-20", "--to", "2026-11-01"], NOW, "before"),
}


@pytest.mark.parametrize("case", list(ERRORS))
def test_error_exits_2_with_one_line_and_touches_nothing(demo, callable_ids, case):
    argv, now, word = ERRORS[case]
    before = files(demo)
    message = one_line_error(cockpit(*[a.format(id=callable_ids[0]) for a in argv], book=demo, now=now))
    assert word.lower() in message.lower()
    assert "usage:" not in message
    assert files(demo) == before


@pytest.mark.parametrize("argv", [["agenda"], ["add", "Ann", "--company", "A"], ["config"], ["demo"], ["undo"]])
def test_a_book_folder_that_is_a_file_exits_1(tmp_path, argv):
    place = tmp_path / "place"
    place.mkdir()
    path = place / "not-a-folder"
    path.write_bytes(b"my notes\n")
    message = one_line_error(cockpit(*argv, book=path), code=1)
    assert str(path) in message and "unexpected" not in message
    assert path.read_bytes() == b"my notes\n" and os.listdir(place) == ["not-a-folder"]


DATA_FILES = ("book.json", "history.json", "journal.jsonl")  # what a book writes beside cockpit.toml
DERIVED_FILES = ("derived-activities.bin",)  # rebuildable caches (storage/derived.py), never the source of truth


def test_the_book_writes_exactly_these_data_files(demo):
    """The damage tests below cover each file the storage writes; a new file must get one too."""
    written = {p.name for p in demo.iterdir() if p.is_file() and not p.name.startswith(".")}
    assert written - {"cockpit.toml"} - set(DERIVED_FILES) == set(DATA_FILES)


@pytest.mark.parametrize("where", ["cut", "middle", "empty", "foreign"])
def test_a_damaged_derived_file_is_rebuilt_silently_with_the_same_figures(book, where):
    """A cache is never an error: damaged, it is rebuilt from the history and written again."""
    first = cockpit("stats", "--json", book=book)
    path = book / DERIVED_FILES[0]
    assert first.code == 0 and path.is_file()
    if where == "cut":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif where == "middle":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] + bytes([data[len(data) // 2] ^ 0xFF]) + data[len(data) // 2 + 1:])
    elif where == "empty":
        path.write_bytes(b"")
    else:
        path.write_bytes(b'{"not": "ours"}\n')
    again = cockpit("stats", "--json", book=book)
    assert again.code == 0 and again.err == ""
    assert again.json() == first.json()
    assert (path.stat().st_mode & 0o777) == 0o600
    assert cockpit("stats", "--json", book=book).json() == first.json()  # the rewritten file reads back


def _garble(path: Path, at: int) -> None:
    """Break the JSON at byte `at` (inside a string or not, it no longer parses), same length."""
    data = path.read_bytes()
    assert 0 <= at < len(data) - 5, (path, at, len(data))
    path.write_bytes(data[:at] + b'"}\x00]{' + data[at + 5:])


def _line_starts(path: Path) -> list[int]:
    data = path.read_bytes()
    return [0] + [i + 1 for i, byte in enumerate(data) if byte == 0x0A and i + 1 < len(data)]


def _damage(book: Path, name: str, where: str) -> Path:
    path = book / name
    assert path.is_file(), f"the demo book should hold {name}"
    if where == "cut":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif where == "middle":
        _garble(path, path.stat().st_size // 2)
    else:  # "line N": the middle of the file's Nth line (1-based; -1 is the last, acknowledged, line)
        starts = _line_starts(path) + [path.stat().st_size]
        n = int(where.split()[1])
        first, nxt = (starts[n - 1], starts[n]) if n > 0 else (starts[-2], starts[-1])
        _garble(path, (first + nxt) // 2)
    return path


DAMAGE = [("book.json", "cut"), ("book.json", "middle"), ("history.json", "cut"), ("journal.jsonl", "line 2"),
          ("journal.jsonl", "line -1")]  # a damaged last line was acknowledged: refused, never dropped


@pytest.mark.parametrize(("name", "where"), DAMAGE)
def test_a_damaged_data_file_exits_1_naming_it_and_is_never_rewritten(book, callable_ids, name, where):
    """Reading everything (stats) refuses with one line naming the file; nothing is changed. A write may
    go on only if it does not need the damaged file, and never rewrites or truncates it."""
    path = _damage(book, name, where)
    before = files(book)
    message = one_line_error(cockpit("stats", book=book), code=1)
    assert str(path) in message and "damaged" in message and "unexpected" not in message
    assert files(book) == before
    for argv in (["log", callable_ids[0], "voicemail"], ["add", "Ann", "--company", "A"], ["undo"]):
        run = cockpit(*argv, book=book)
        if run.code != 0:
            assert str(path) in one_line_error(run, code=1)
            assert files(book) == before, argv
        assert path.read_bytes() == before[name], argv
        before = files(book)


@pytest.mark.parametrize("argv", [["config"], ["config", "country"], ["log", "{id}", "voicemail"]])
def test_a_damaged_settings_file_is_one_line_naming_it_and_is_left_alone(book, callable_ids, argv):
    settings = book / "cockpit.toml"
    settings.write_bytes(settings.read_bytes() + b'country = "US\n')
    before = files(book)
    message = one_line_error(cockpit(*[a.format(id=callable_ids[0]) for a in argv], book=book), code=2)
    assert str(settings) in message and "unexpected" not in message
    assert files(book) == before


# ---- --version and --help ---------------------------------------------------------------------

def _subcommands() -> list[str]:
    from cockpit.cli import build_parser

    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    return list(sub.choices)


def test_every_contract_subcommand_exists():
    assert {"add", "log", "undo", "agenda", "show", "demo", "config", "away", "import", "export", "ics", "stats",
            "doctor"} <= set(_subcommands())


def test_version_exits_0():
    run = cockpit("--version", now=None)
    assert run.code == 0 and re.fullmatch(r"cockpit \d+\.\d+\S*\n", run.out)


@pytest.mark.parametrize("command", [None, *_subcommands()])
def test_help_exits_0(tmp_path, command):
    run = cockpit(*([command] if command else []), "--help", book=tmp_path / "untouched", now="not a time")
    assert run.code == 0 and run.err == "" and "usage: cockpit" in run.out
    assert not (tmp_path / "untouched").exists()  # --help touches no book


def test_the_screen_alone_is_read_without_importing_the_subcommands():
    from cockpit import cli

    assert vars(cli.screen_only(["--book", "/b", "--demo"])) == {"book": "/b", "demo": True}
    for argv in (["agenda"], ["--help"], ["--version"], ["--book"], ["--demo", "x"]):
        assert cli.screen_only(argv) is None, argv
