"""Setup in the screen: a new book's welcome asks who is calling (s), the form saves all of it or
none, and the next voicemail speaks for the rep; the palette's "Setup" opens it any time after."""

from __future__ import annotations

import pytest
from screen_parts import SIZE, delivered_at_once, text_of

from cockpit import config as config_mod
from cockpit.app.screens.setup import SetupScreen
from cockpit.app.screens.welcome import WelcomeScreen

TYPED = ["Sam Carter", "Northwind", "415 555 0100", "we help sales teams stop losing deals to slow follow-up",
         "America/Chicago", ""]  # the country is left as it is (US)


def keys_for(values: list[str], at_once: bool = False, clear: bool = False) -> list[str]:
    """What the rep types into the empty fields of a new book: each field's text, Enter after each
    (`clear`: ctrl+u first, to replace what a field holds)."""
    keys: list[str] = []
    for value in values:
        keys += (["ctrl+u"] if clear else []) + [c if at_once or c != " " else "space" for c in value] + ["enter"]
    return keys


async def open_setup_from_the_welcome(app, pilot, settle):
    await settle(pilot)
    welcome = app.screen
    assert isinstance(welcome, WelcomeScreen)
    assert "First, who is calling: press s" in text_of(welcome.query_one("#welcome-text"))
    await pilot.press("s")
    await settle(pilot)
    assert isinstance(app.screen, SetupScreen)
    return welcome


@pytest.mark.parametrize("at_once", [False, True])
async def test_a_new_book_walks_the_rep_through_setup_then_the_voicemail_speaks_for_them(
        make_app, empty_book, settle, at_once):
    app = make_app(empty_book)
    async with app.run_test(size=SIZE) as pilot:
        welcome = await open_setup_from_the_welcome(app, pilot, settle)
        if at_once:
            delivered_at_once(app, keys_for(TYPED, at_once=True))
        else:
            for key in keys_for(TYPED):
                await pilot.press(key)
        await settle(pilot)
        assert app.screen is welcome  # back on the welcome, which now names the rep
        assert "Your scripts speak for Sam Carter" in text_of(welcome.query_one("#welcome-text"))
        saved = config_mod.load(empty_book.folder)
        assert (saved.rep_name, saved.rep_company, saved.rep_phone, saved.value, saved.timezone, saved.country) == (
            "Sam Carter", "Northwind", "+14155550100", TYPED[3], "America/Chicago", "US")
        assert app.main.config == saved and app.main.rules.rep_tz == "America/Chicago"
        await pilot.press("a")  # the welcome's next step: add the first prospect
        await settle(pilot)
        delivered_at_once(app, keys_for(["Dana Reyes", "Acme", "212 555 0100", "", "", ""], at_once=True))
        await settle(pilot)
        script = app.main.card_shown.script
        assert script.text.startswith("Hi Dana, this is Sam Carter from Northwind")
        assert script.missing == () and "call back" in script.dropped  # a 10-digit number does not fit 14 s


async def test_a_bad_value_keeps_the_form_open_with_the_reason_and_writes_nothing(make_app, empty_book, settle):
    app = make_app(empty_book)
    settings = empty_book.folder / config_mod.FILE_NAME
    async with app.run_test(size=SIZE) as pilot:
        await open_setup_from_the_welcome(app, pilot, settle)
        before = settings.read_bytes() if settings.exists() else b""
        for key in keys_for(["Sam", "Northwind", "12", "", "", ""]):
            await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        reason = text_of(app.screen.query_one("#form-error"))
        assert reason.startswith("rep_phone: '12' is not a valid phone number")
        assert (settings.read_bytes() if settings.exists() else b"") == before
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen) and config_mod.load(empty_book.folder).rep_name == ""


async def test_setup_from_the_palette_shows_what_is_set_and_changes_the_next_voicemail(make_app, settle):
    app = make_app()  # the demo book: Sam at Northwind
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = app.main.card_shown.script.text
        app.main.action_setup()  # the palette's "Setup" runs this
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SetupScreen) and form.values()["rep_name"] == "Sam"
        for key in keys_for(["Jo Park"], clear=True):
            await pilot.press(key)
        for _ in range(5):
            await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, SetupScreen)
        after = app.main.card_shown.script.text
        assert "Sam" in before and "Jo Park" in after and after != before


async def test_keys_typed_with_the_s_that_opens_setup_fill_the_form_in_order(make_app, empty_book, settle):
    app = make_app(empty_book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        delivered_at_once(app, ["s", *keys_for(TYPED[:2], at_once=True)])
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SetupScreen)
        assert (form.values()["rep_name"], form.values()["rep_company"]) == ("Sam Carter", "Northwind")
