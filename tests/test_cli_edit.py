"""`cockpit edit`: every field of a record, validated like add, refused in one line with nothing stored,
and taken back by `cockpit undo` (issue 15)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cockpit.storage import Book

NOW = "2026-11-23T10:00:00-05:00"  # Monday 10:00 in New York


def stored(private_dirs, pid):
    with Book(private_dirs) as book:
        return book.get(pid), book.history(pid)


@pytest.fixture
def dana(shell):
    code, pid, _ = shell("add", "Dana Reyes", "--company", "Acme", "--phone", "+1 415 555 0123")
    assert code == 0
    return pid


@pytest.mark.parametrize("flag, value, field, expected", [
    ("--name", "Dana Reyes-Ortiz", "name", "Dana Reyes-Ortiz"),
    ("--company", "Acme Robotics", "company", "Acme Robotics"),
    ("--title", "CFO", "title", "CFO"),
    ("--email", "dana@acme.example", "email", "dana@acme.example"),
    ("--tz", "America/Chicago", "tz", "America/Chicago"),
    ("--tag", "client", "tag", "client"),
    ("--lead-type", "referral", "lead_type", "referral"),
])
def test_each_field_flag_changes_that_field_and_says_so(shell, private_dirs, dana, flag, value, field, expected):
    code, out, err = shell("edit", dana, flag, value)
    assert code == 0, err
    p, history = stored(private_dirs, dana)
    assert getattr(p, field) == expected
    assert out.startswith("Edited ") and "→" in out and len(out.splitlines()) == 1
    assert history[-1].outcome == "edit" and history[-1].before is not None


def test_phone_repeated_gives_the_numbers_in_order_and_the_first_is_dialled(shell, private_dirs, dana):
    code, out, _ = shell("edit", dana, "--phone", "+1 415 555 0199", "--phone", "+1 415 555 0177")
    assert code == 0
    p, _ = stored(private_dirs, dana)
    assert p.phones == ("+14155550199", "+14155550177") and p.phone == "+14155550199"
    assert "phone → +1 415-555-0199" in out


def test_add_phone_and_wrong_phone(shell, private_dirs, dana):
    assert shell("edit", dana, "--add-phone", "+1 415 555 0199")[0] == 0
    p, _ = stored(private_dirs, dana)
    assert p.phones == ("+14155550123", "+14155550199") and p.phone == "+14155550123"
    code, out, _ = shell("edit", dana, "--wrong-phone", "+1 415 555 0123")
    assert code == 0 and "marked wrong" in out
    p, _ = stored(private_dirs, dana)
    assert p.bad_phones == ("+14155550123",) and p.phone == "+14155550199"


def test_a_tag_with_its_own_cadence_starts_it_and_says_so(shell, private_dirs, dana):
    assert shell("log", dana, "v")[0] == 0
    code, out, _ = shell("edit", dana, "--tag", "client")
    p, _ = stored(private_dirs, dana)
    assert code == 0 and (p.cadence, p.attempt) == ("client", 0) and p.next_step.step == 1
    assert "cadence client from step 1" in out


def test_json_gives_the_prospect_the_activity_and_the_next_step(shell, dana):
    code, out, _ = shell("edit", dana, "--title", "CFO", "--json")
    data = json.loads(out)
    assert code == 0 and data["prospect"]["title"] == "CFO"
    assert data["activity"]["outcome"] == "edit" and "title (none) → CFO" in data["activity"]["note"]
    assert data["next_step"]["channel"] == "call"


def test_nothing_given_says_what_can_be_changed(shell, private_dirs, dana):
    before = stored(private_dirs, dana)
    code, out, err = shell("edit", dana)
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert "--name" in err and "--wrong-phone" in err and "--lead-type" in err
    assert stored(private_dirs, dana) == before


@pytest.mark.parametrize("args, words", [
    (("--email", "dana-at-acme"), "not an email address"),
    (("--tz", "Mars/Olympus"), "America/Chicago"),
    (("--phone", "12"), "not a valid phone number"),
    (("--add-phone", "nope"), "not a phone number"),
    (("--wrong-phone", "+1 212 555 0100"), "is not one of Dana Reyes's numbers"),
    (("--name", " "), "needs a name"),
    (("--tag", "friend"), "friend"),
    (("--lead-type", "warm"), "warm"),
    (("--title", ""), "nothing to change"),
])
def test_bad_input_is_one_line_exit_2_and_nothing_is_stored(shell, private_dirs, dana, args, words):
    before = stored(private_dirs, dana)
    code, out, err = shell("edit", dana, *args)
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and words in err, err
    assert "Traceback" not in err
    assert stored(private_dirs, dana) == before


def test_a_do_not_contact_persons_number_or_email_is_refused_even_as_a_duplicate(shell, private_dirs, dana):
    _, blocked, _ = shell("add", "Sam Lee", "--company", "Beta", "--phone", "+1 415 555 0177",
                          "--email", "sam@beta.example")
    shell("log", blocked, "d")
    before = stored(private_dirs, dana)
    for args in (("--add-phone", "(415) 555-0177"), ("--email", "SAM@beta.example")):
        code, _, err = shell("edit", dana, *args, "--allow-duplicate")
        assert code == 2 and "asked not to be contacted" in err and len(err.splitlines()) == 1
    assert stored(private_dirs, dana) == before


def test_another_prospects_number_is_refused_unless_allowed(shell, private_dirs, dana):
    shell("add", "Sam Lee", "--company", "Beta", "--phone", "+1 415 555 0177")
    code, _, err = shell("edit", dana, "--add-phone", "+1 415 555 0177")
    assert code == 2 and "Sam Lee" in err and "already in the book" in err and "--allow-duplicate" in err
    assert "+14155550177" not in stored(private_dirs, dana)[0].phones
    assert shell("edit", dana, "--add-phone", "+1 415 555 0177", "--allow-duplicate")[0] == 0
    assert "+14155550177" in stored(private_dirs, dana)[0].phones


def test_undo_after_edit_restores_the_record_exactly(shell, private_dirs, dana):
    shell("log", dana, "w")
    before, history = stored(private_dirs, dana)
    assert shell("edit", dana, "--phone", "+1 312 555 0188", "--tz", "America/Chicago", "--tag", "partner")[0] == 0
    assert stored(private_dirs, dana)[0] != before
    code, out, _ = shell("undo")
    assert code == 0 and "Undid edit for Dana Reyes" in out
    assert stored(private_dirs, dana) == (before, history)


def test_a_closed_prospect_is_not_edited(shell, dana):
    shell("log", dana, "D")
    code, _, err = shell("edit", dana, "--phone", "+1 415 555 0199")
    assert code == 2 and "dead" in err


def test_edit_in_a_process_with_the_fixed_clock(private_dirs):
    """The installed command, as a script runs it: COCKPIT_NOW and a temporary book (private_dirs)."""
    env = {**os.environ, "COCKPIT_NOW": NOW}
    script = Path(sys.executable).with_name("cockpit")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "cockpit.cli"]

    def run(*args):
        return subprocess.run([*command, *args], env=env, capture_output=True, text=True, timeout=120)

    pid = run("add", "Dana Reyes", "--company", "Acme", "--phone", "+1 415 555 0123").stdout.strip()
    assert run("log", pid, "w").returncode == 0
    done = run("edit", pid, "--add-phone", "+1 415 555 0199")
    assert done.returncode == 0 and "number added → call Mon 23 Nov" in done.stdout
    bad = run("edit", pid, "--tz", "Nowhere/Land")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr
