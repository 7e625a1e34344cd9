"""Rules at the edges, from the shell: no dial on a dead number, no cadence step without value,
no "other" reason without what they said (issue 14, leaks 7 and 8)."""

from __future__ import annotations

import pytest

from cockpit.storage import Book

NOW = "2026-11-23T10:00:00-05:00"


def stored(private_dirs, pid):
    with Book(private_dirs) as book:
        return book.get(pid)


def test_after_the_only_number_is_wrong_no_call_can_be_logged_until_one_is_added(shell, private_dirs):
    code, pid, _ = shell("add", "Dana Reyes", "--company", "Acme", "--phone", "+1 415 555 0123")
    assert code == 0
    assert shell("log", pid, "w")[0] == 0
    assert stored(private_dirs, pid).next_step.channel == "research"
    for outcome in ("v", "n", "voicemail", "no-answer", "g", "w"):
        code, out, err = shell("log", pid, outcome)
        assert code == 2 and out == "" and "has no working number" in err and f"cockpit edit {pid} --phone" in err
    after = stored(private_dirs, pid)
    assert after.attempt == 0 and after.next_step.channel == "research"  # nothing counted, nothing scheduled

    code, out, _ = shell("edit", pid, "--phone", "+1 415 555 0199")
    assert code == 0 and "number added → call" in out
    fixed = stored(private_dirs, pid)
    assert fixed.phone == "+14155550199" and fixed.next_step.channel == "call" and fixed.next_step.step == 1
    assert shell("log", pid, "v")[0] == 0
    assert stored(private_dirs, pid).attempt == 1


def test_a_conversation_is_still_logged_without_a_number(shell, private_dirs):
    """They can call in: a talk, a meeting or a callback needs no number of ours."""
    _, pid, _ = shell("add", "Dana Reyes", "--company", "Acme", "--phone", "+1 415 555 0123")
    shell("log", pid, "w")
    assert shell("log", pid, "c", "--note", "they called from a new desk")[0] == 0


def test_a_prospect_added_or_imported_without_a_working_number_is_researched_first(shell, private_dirs, tmp_path):
    _, pid, _ = shell("add", "Mail Only", "--company", "Acme", "--email", "mail@acme.example")
    step = stored(private_dirs, pid).next_step
    assert step.channel == "research" and "find a working number" in step.reason
    csv = tmp_path / "list.csv"
    csv.write_text("Name,Company,Email\nRae Ng,Zeta,rae@zeta.example\n", encoding="utf-8")
    assert shell("import", str(csv))[0] == 0
    with Book(private_dirs) as book:
        rae = next(p for p in book.prospects() if p.name == "Rae Ng")
    assert rae.next_step.channel == "research"


def test_a_do_not_contact_number_cannot_be_given_to_someone_else(shell, private_dirs):
    _, blocked, _ = shell("add", "Dana Reyes", "--company", "Acme", "--phone", "+1 415 555 0123")
    shell("log", blocked, "d")
    _, pid, _ = shell("add", "Sam Lee", "--company", "Beta", "--phone", "+1 415 555 0177")
    shell("log", pid, "w")
    code, _, err = shell("edit", pid, "--phone", "(415) 555-0123")
    assert code == 2 and "asked not to be contacted" in err
    assert "+14155550123" not in stored(private_dirs, pid).phones


def test_a_bad_number_in_edit_is_one_line_and_nothing_changes(shell, private_dirs):
    _, pid, _ = shell("add", "Dana Reyes", "--company", "Acme", "--phone", "+1 415 555 0123")
    shell("log", pid, "w")
    before = stored(private_dirs, pid)
    code, out, err = shell("edit", pid, "--phone", "12")
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and "not a valid phone number" in err
    assert stored(private_dirs, pid) == before


def test_other_as_the_reason_needs_what_they_said(shell, private_dirs):
    _, pid, _ = shell("add", "Dana Reyes", "--company", "Acme", "--phone", "+1 415 555 0123")
    code, _, err = shell("log", pid, "x", "--reason", "other")
    assert code == 2 and "needs what they said" in err and "--note" in err
    assert stored(private_dirs, pid).status == "new"
    assert shell("log", pid, "x", "--reason", "other", "--note", "they build it in-house")[0] == 0
    assert stored(private_dirs, pid).lost_reason == "other"


@pytest.mark.parametrize("reason", ["just checking in", "end of quarter: close it", "touch base"])
def test_a_book_cadence_that_only_checks_in_is_refused_when_the_config_is_read(shell, private_dirs, reason):
    shell("add", "Dana Reyes", "--company", "Acme", "--phone", "+1 415 555 0123")
    (private_dirs / "cockpit.toml").write_text(
        '[cadences.cold-call]\nsteps = [ { channel = "call", reason = "first call: their news" },\n'
        f'  {{ channel = "call", days = 2, reason = "{reason}" }} ]\n', encoding="utf-8")
    code, out, err = shell("agenda")
    assert code != 0 and out == "" and len(err.splitlines()) == 1
    assert "cadence 'cold-call' step 2" in err and "value" in err


def test_a_book_cadence_step_naming_no_template_set_is_refused_never_dropped(shell, private_dirs):
    (private_dirs).mkdir(parents=True, exist_ok=True)
    (private_dirs / "cockpit.toml").write_text(
        '[cadences.mine]\nsteps = [ { channel = "email", reason = "the guide they asked for", template = "guide" } ]\n',
        encoding="utf-8")
    code, _, err = shell("agenda")
    assert code != 0 and "cadence 'mine' step 1: template 'guide' is not a template set (known: " in err
