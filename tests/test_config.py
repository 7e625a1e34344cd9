"""cockpit.toml: defaults, validation naming the file and key, and set_value that keeps comments."""

from __future__ import annotations

from datetime import date, time

import pytest

from cockpit import config as cfg
from cockpit.config import ConfigError


@pytest.fixture
def book(tmp_path):
    d = tmp_path / "bk"
    d.mkdir()
    return d


def write(book, text):
    (book / cfg.FILE_NAME).write_text(text, encoding="utf-8")
    return book / cfg.FILE_NAME


def test_defaults_when_the_file_is_missing(book):
    c = cfg.load(book)
    assert c.country == "US" and c.window_start == time(9) and c.window_end == time(17)
    assert c.nurture_months == 6 and set(c.cadences) >= {"cold-call", "web-lead", "nurture", "stalled"}
    assert c.cadences["cold-call"].attempts_max == 8


def test_the_default_file_is_commented_and_loads(book):
    cfg.write_default(book)
    text = (book / cfg.FILE_NAME).read_text()
    assert text == cfg.DEFAULT_FILE and text.count("#") > 10
    assert cfg.load(book).country == "US"


def test_a_valid_file_is_read(book):
    write(book, 'country = "gb"\ntimezone = "Europe/London"\nwindow_start = "08:30"\nwindow_end = "18:00"\n'
                'holidays = ["2026-12-24", 2026-12-31]\nnurture_months = 12\n[keys]\nvoicemail = "V"\n')
    c = cfg.load(book)
    assert c.country == "GB" and c.timezone == "Europe/London"
    assert (c.window_start, c.window_end) == (time(8, 30), time(18))
    assert c.holidays == (date(2026, 12, 24), date(2026, 12, 31))
    assert c.nurture_months == 12 and c.keys["voicemail"] == "V"
    assert c.rules().rep_tz == "Europe/London" and not c.rules().calendar.is_business_day(date(2026, 12, 24))


@pytest.mark.parametrize("text, key", [
    ('window_start = "25:00"\n', "window_start"),
    ('window_end = "9am"\n', "window_end"),
    ('timezone = "Mars/Olympus"\n', "timezone"),
    ('country = "USA"\n', "country"),
    ('country = "XX"\n', "country"),
    ("nurture_months = 7\n", "nurture_months"),
    ("nurture_months = 6.0\n", "nurture_months"),
    ("nurture_months = \"6\"\n", "nurture_months"),
    ('holidays = ["next tuesday"]\n', "holidays"),
    ("holidays = [2026-12-24T10:00:00]\n", "holidays"),  # a date-time never equals a day: it would never apply
    ('holidays = "2026-12-24"\n', "holidays"),
    ('colour = "blue"\n', "colour"),
    ('[keys]\nvoicemail = "c"\n', "keys"),
    ('[keys]\nhangup = "h"\n', "keys"),
    ('[cadences.cold-call]\nsteps = [ { channel = "fax", days = 1 } ]\n', "cold-call"),
    ('[cadences.mine]\nsteps = [ { channel = "call", days = -1 } ]\n', "mine"),
    ('[cadences.mine]\nsteps = [ { channel = "call", days = 1, weeks = 2 } ]\n', "weeks"),
    ('[cadences.mine]\nsteps = []\n', "mine"),
    ('window_start = "21:00"\nwindow_end = "23:00"\n', "08:00-21:00"),
])
def test_bad_values_raise_config_error_naming_file_and_key(book, text, key):
    path = write(book, text)
    with pytest.raises(ConfigError) as err:
        cfg.load(book)
    assert str(path) in str(err.value) and key in str(err.value)


def test_invalid_toml_names_the_file(book):
    path = write(book, "country = \n")
    with pytest.raises(ConfigError, match="not valid TOML") as err:
        cfg.load(book)
    assert str(path) in str(err.value)


def test_a_user_cadence_overrides_or_adds(book):
    write(book, '[cadences.cold-call]\nsteps = [ { channel = "call", days = 0, reason = "open with their news" }, '
                '{ channel = "email", days = 1, reason = "send the idea you promised" } ]\n'
                '[cadences.quick]\nthen = "repeat"\nsteps = [ { channel = "call", hours = 2, reason = "answer what they asked" } ]\n')
    c = cfg.load(book)
    assert c.cadences["cold-call"].attempts_max == 2
    assert c.cadences["quick"].then == "repeat" and c.cadences["web-lead"].attempts_max == 6


def test_set_value_keeps_comments(book):
    cfg.write_default(book)
    c = cfg.set_value(book, "window_start", "08:30")
    text = (book / cfg.FILE_NAME).read_text()
    assert c.window_start == time(8, 30)
    assert 'window_start = "08:30"' in text
    assert text.replace('window_start = "08:30"', 'window_start = "09:00"') == cfg.DEFAULT_FILE
    cfg.set_value(book, "holidays", "2026-12-24, 2026-12-31")
    assert cfg.load(book).holidays == (date(2026, 12, 24), date(2026, 12, 31))
    assert cfg.read_value(book, "holidays") == ["2026-12-24", "2026-12-31"]


@pytest.mark.parametrize("key, value", [
    ("window_start", "25:00"), ("timezone", "Mars/Olympus"), ("country", "USA"), ("nurture_months", "7"),
    ("nurture_months", "six"), ("holidays", "soon"), ("colour", "blue"), ("window_end", "08:05"),
])
def test_set_value_refuses_bad_values_leaving_the_file_byte_identical(book, key, value):
    path = write(book, "# mine, keep me\n" + cfg.DEFAULT_FILE + "# trailing note\n")
    before = path.read_bytes()
    with pytest.raises(ConfigError) as err:
        cfg.set_value(book, key, value)
    assert key in str(err.value)
    assert path.read_bytes() == before
    assert not path.with_name(path.name + ".tmp").exists()


def test_set_value_adds_a_missing_key_above_the_tables(book):
    write(book, '# hand written\ncountry = "US"\n\n[keys]\nvoicemail = "v"\n')
    cfg.set_value(book, "nurture_months", "18")
    text = (book / cfg.FILE_NAME).read_text()
    assert text.startswith("# hand written\n") and text.index("nurture_months = 18") < text.index("[keys]")
    assert cfg.load(book).nurture_months == 18


def test_rep_zone_is_the_setting_else_tz_else_system(monkeypatch):
    assert cfg.Config(timezone="Asia/Kolkata").rep_tz() == "Asia/Kolkata"
    monkeypatch.setenv("TZ", "Europe/Berlin")
    assert cfg.Config().rep_tz() == "Europe/Berlin"
    monkeypatch.setenv("TZ", "Not/AZone")
    monkeypatch.delenv("TZ")
    assert cfg.Config().rep_tz()  # the system's zone, else UTC: never empty


@pytest.mark.parametrize("text, key", [('keys = "v"\n', "keys"), ("cadences = 3\n", "cadences"),
                                       ('cadences = ["cold-call"]\n', "cadences")])
def test_keys_and_cadences_must_be_tables(book, text, key):
    path = write(book, text)
    with pytest.raises(ConfigError) as err:
        cfg.load(book)
    assert str(path) in str(err.value) and key in str(err.value) and "table" in str(err.value)


def test_set_value_on_a_file_that_starts_with_a_table_puts_the_key_above_it(book):
    write(book, '[keys]\nvoicemail = "v"\n')
    cfg.set_value(book, "country", "GB")
    text = (book / cfg.FILE_NAME).read_text()
    assert text == 'country = "GB"\n\n[keys]\nvoicemail = "v"\n'
    assert cfg.load(book).country == "GB"


def test_the_settings_file_is_private_like_the_rest_of_the_book(tmp_path):
    cfg.write_default(tmp_path)
    assert (tmp_path / cfg.FILE_NAME).stat().st_mode & 0o777 == 0o600
    cfg.set_value(tmp_path, "window_start", "08:30")
    assert (tmp_path / cfg.FILE_NAME).stat().st_mode & 0o777 == 0o600


def test_a_key_given_to_two_outcomes_names_both_so_a_z_kept_from_before_snooze_is_clear(book):
    # Before snooze had z, a rep may have given it to another outcome: the line says which two to part.
    write(book, '[keys]\nvoicemail = "z"\n')
    with pytest.raises(ConfigError, match="'z' is bound to voicemail and snooze; give each its own key"):
        cfg.load(book)
    write(book, '[keys]\nvoicemail = "z"\nsnooze = "Z"\n')
    assert cfg.load(book).keys["snooze"] == "Z"
