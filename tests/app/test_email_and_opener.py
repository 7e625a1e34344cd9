"""e shows the step's e-mail draft (c copies it, o opens it in the mail app, Enter logs it, Escape
changes nothing); an e-mail step's card shows the draft; O unfolds the opener and the objection notes."""

from __future__ import annotations

import webbrowser

from screen_parts import SIZE, bar, card_text

from cockpit.app.screens.prompt import ChoiceScreen
from cockpit.engine import words


def draft_for(app, pid):
    p = app.main.item(pid).prospect
    return words.email_draft(p, app.main.rules, app.config.rep())


async def test_e_shows_the_draft_and_escape_logs_nothing(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = app.main.selected
        touches = len(book.history(pid))
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        draft = draft_for(app, pid)
        assert app.screen.body == f"To: {draft.to}\n{draft.text}" and draft.body.startswith("Hi ")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceScreen) and len(book.history(pid)) == touches


async def test_c_copies_o_opens_the_mailto_link_and_enter_logs_the_email(make_app, book, settle, monkeypatch):
    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = app.main.selected
        draft = draft_for(app, pid)
        await pilot.press("e", "c", "o")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)  # still open: the rep sends it, then confirms
        assert app.clipboard == draft.text
        assert opened == [draft.mailto] and opened[0].startswith(f"mailto:{draft.to}?subject=")
        assert f"Opened the e-mail to {draft.to} in your mail app" in [str(n.message) for n in app._notifications]
        await pilot.press("enter")
        await settle(pilot)
        assert book.history(pid)[-1].outcome == "email"


async def test_an_email_step_shows_its_draft_on_the_card_and_C_copies_it(make_app, book, settle):
    app = make_app()
    target = next(p for p in book.prospects() if p.active and p.next_step and p.next_step.channel == "email")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *target.name, "enter")
        await settle(pilot)
        shown = app.main.card_shown
        assert shown.prospect.id == target.id and shown.email is not None
        text = card_text(app)
        assert "E-mail draft (e to send, C copies)" in text and f"Subject: {shown.email.subject}" in text
        await pilot.press("C")
        await settle(pilot)
        assert app.clipboard == shown.email.text
        assert bar(app).result == f"Copied the e-mail draft for {target.name}"


async def test_the_opener_is_folded_at_80x24_until_O(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = app.main.card_shown
        assert shown.opener.startswith("Hi ")
        folded = card_text(app)
        assert "If they pick up: O shows the opener and" in folded and shown.opener not in folded
        await pilot.press("O")
        await settle(pilot)
        opened = card_text(app, width=400)
        assert "If they pick up (O folds)" in opened and shown.opener in opened
        assert all(note.say in opened for note in shown.objections)
        await pilot.press("j", "O")  # it stays as the rep left it on the next card, until O again
        await settle(pilot)
        assert "If they pick up: O shows" in card_text(app)


async def test_the_opener_shows_unfolded_on_a_tall_screen(make_app, settle):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.main.card_shown.opener in card_text(app, width=400)
