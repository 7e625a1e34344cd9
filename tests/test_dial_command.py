"""dial_command: `cockpit config dial_command '[...]'` sets what t runs; a bad value is refused in one line."""

from __future__ import annotations

import json

import pytest
from test_cli import cockpit, one_line_error

from cockpit import config as cfg
from cockpit import dialler
from cockpit.config import ConfigError


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "bk"
    d.mkdir()
    return d


def test_dial_command_set_from_the_shell_is_read_back_as_the_argv_template(folder):
    run = cockpit("config", "dial_command", '["linphonecsh","dial","{number}"]', book=folder)
    assert run.code == 0, run.err
    assert run.out == 'dial_command = ["linphonecsh", "dial", "{number}"]\n'
    assert cfg.load(folder).dial_command == ("linphonecsh", "dial", "{number}")
    assert cockpit("config", "dial_command", book=folder).out == '["linphonecsh", "dial", "{number}"]\n'


def test_empty_dial_command_means_the_tel_handler(folder):
    assert cockpit("config", "dial_command", "[]", book=folder).code == 0
    assert cfg.load(folder).dial_command == ()


@pytest.mark.parametrize(("value", "said"), [
    ('"linphonecsh dial"', "is not a list of strings"),
    ("linphonecsh dial {number}", "is not JSON"),
    ('["linphonecsh", 3]', "is not a list of strings"),
    ('["linphonecsh", "dial"]', "no {number}"),
    ('["linphonecsh", "{number}", "{phone}"]', "unknown placeholder {phone}; accepted: {number}, {ext}"),
    ('["linphonecsh", "{number"]', "unmatched brace"),
    ('["", "{number}"]', "must name the program"),
])
def test_bad_dial_command_is_refused_in_one_line_and_the_file_is_kept(folder, value, said):
    assert cockpit("config", "dial_command", '["a","{number}"]', book=folder).code == 0
    before = (folder / cfg.FILE_NAME).read_bytes()
    message = one_line_error(cockpit("config", "dial_command", value, book=folder))
    assert "dial_command" in message and said in message
    assert (folder / cfg.FILE_NAME).read_bytes() == before


def test_a_hand_written_bad_dial_command_names_the_file_and_key(folder):
    (folder / cfg.FILE_NAME).write_text('dial_command = ["sip", "{nmber}"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"cockpit.toml: dial_command: unknown placeholder \{nmber\}"):
        cfg.load(folder)


@pytest.mark.parametrize(("template", "phone", "argv"), [
    (("sip", "{number}", "{ext}"), "+14155550123;ext=12", ["sip", "+14155550123", "12"]),
    (("sip", "{number}", "{ext}"), "+14155550123", ["sip", "+14155550123"]),  # no "" argument
    (("sip", "tel:{number},{ext}"), "+14155550123;ext=12", ["sip", "tel:+14155550123,12"]),
])
def test_the_argv_has_the_e164_number_and_the_extension(template, phone, argv):
    assert dialler.argv_for(template, phone) == argv


def test_config_lists_dial_command_as_json(folder):
    cockpit("config", "dial_command", '["a","{number}"]', book=folder)
    listed = dict(line.split(" = ", 1) for line in cockpit("config", book=folder).out.splitlines())
    assert json.loads(listed["dial_command"]) == ["a", "{number}"]
