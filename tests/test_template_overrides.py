"""A book's own words: [templates.SET.TAG] in cockpit.toml overrides a built-in, checked when it is read."""

from __future__ import annotations

import json

import pytest

from cockpit import cli
from cockpit import config as cfg

NOW = "2026-11-23T10:00:00-05:00"


@pytest.fixture
def book(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COCKPIT_NOW", NOW)
    folder = tmp_path / "book"
    assert cli.main(["--book", str(folder), "add", "Dana Reyes", "--company", "Acme", "--phone", "+1 212 555 0100",
                     "--email", "dana@acme.example"]) == 0
    assert cli.main(["--book", str(folder), "config", "rep_name", "Jo"]) == 0
    capsys.readouterr()
    return folder


def run(capsys, book, *argv) -> tuple[int, str, str]:
    code = cli.main(["--book", str(book), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def append(book, text: str) -> None:
    path = book / cfg.FILE_NAME
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")


def shown(capsys, book) -> dict:
    code, out, err = run(capsys, book, "show", "Dana Reyes", "--json")
    assert code == 0, err
    return json.loads(out)


def test_a_book_overrides_the_voicemail_and_keeps_the_promise(capsys, book):
    append(book, '[templates.call.prospect]\n'
                 'voicemail = "Hi {first_name}, {who} at the Acme desk, about an idea. {next_touch}; a no thanks is fine."\n')
    data = shown(capsys, book)
    text = data["voicemail"]["text"]
    assert text.startswith("Hi Dana, this is Jo at the Acme desk, about an idea. I'll try you again ")
    assert text.endswith("; a no thanks is fine.")
    assert data["opener"].startswith("Hi Dana, this is Jo. You weren't expecting my call")  # the rest stays built in


def test_an_unknown_placeholder_is_refused_when_the_settings_are_read_naming_it(capsys, book):
    append(book, '[templates.email.prospect]\nsubject = "about {their_goal}"\n')
    code, out, err = run(capsys, book, "show", "Dana Reyes")
    assert code != 0 and out == ""
    assert "templates.email.prospect.subject: unknown placeholder {their_goal}" in err
    assert "{first_name}" in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize("table, said", [
    ('[templates.call.stranger]\nopener = "Hi"\n', "unknown tag 'stranger'"),
    ('[templates.call.prospect]\ngreeting = "Hi"\n', "unknown field 'greeting'"),
    ('[templates.call.prospect]\nopener = "Hi {first_name"\n', "unmatched brace"),
    ('[templates.call.prospect]\nopener = []\n', "give a text, or a list of texts"),
    ('[templates.call.prospect]\nvoicemail = "Hi {first_name}, call me."\n', "put {next_touch} in every text"),
    ('[[templates.objections.nobody]]\nheard = "x"\nsay = "y"\n', "neither a tag"),
    ('[cadences.mine]\nsteps = [{ channel = "email", reason = "an idea", template = "missing" }]\n',
     "template 'missing' is not a template set"),
])
def test_bad_templates_get_one_line_naming_what_is_wrong(capsys, book, table, said):
    append(book, table)
    code, _, err = run(capsys, book, "show", "Dana Reyes")
    assert code != 0 and said in err and len(err.strip().splitlines()) == 1


def test_a_step_of_the_books_own_cadence_uses_the_books_own_set(capsys, book):
    append(book, '[cadences.cold-call]\nsteps = [{ channel = "email", days = 0, reason = "one idea", template = "intro" }]\n'
                 '[templates.intro.prospect]\nsubject = "An introduction for {company}"\n'
                 'body = "Hi {first_name},\\n\\nA short introduction.\\n\\n{signature}"\n')
    assert run(capsys, book, "add", "Lee Park", "--company", "Acme", "--phone", "+1 212 555 0199")[0] == 0
    code, out, _ = run(capsys, book, "show", "Lee Park", "--json")
    data = json.loads(out)
    assert data["next_step"]["channel"] == "email"
    assert data["email"] == {"to": "", "subject": "An introduction for Acme", "body": "Hi Lee,\n\nA short introduction.\n\nJo"}


def test_show_carries_the_opener_the_objections_and_the_email_draft(capsys, book):
    data = shown(capsys, book)
    assert data["opener"].startswith("Hi Dana, this is Jo.")
    assert {"heard", "say"} <= set(data["objections"][0])
    assert "email" not in data  # the first step is a call
    code, out, _ = run(capsys, book, "show", "Dana Reyes")
    assert "opener: Hi Dana, this is Jo." in out
