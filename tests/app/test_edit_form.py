"""E: the edit form, driven by keys as a rep would. A saved edit lands in the book through the desk,
the card shows it, u takes it back (in a burst as when typed slowly), Escape and bad input change nothing."""

from __future__ import annotations

import io
import re

from rich.console import Console
from screen_parts import SIZE, bar, today

from cockpit.app.screens.edit import EditScreen, PhoneList
from cockpit.engine.phones import display
from cockpit.storage import StorageError

NEW = "+1 415 555 0199"
NEW_E164 = "+14155550199"


def card_text(app) -> str:
    out = io.StringIO()
    Console(file=out, width=200, color_system=None, force_terminal=False).print(
        app.main.query_one("#research").content)
    return out.getvalue()


async def open_form(pilot, settle) -> EditScreen:
    await pilot.press("E")
    await settle(pilot)
    assert isinstance(pilot.app.screen, EditScreen)
    return pilot.app.screen


async def add_number(pilot, form: EditScreen, raw: str) -> None:
    form.query_one("#edit-add").focus()
    await pilot.press(*raw, "enter")  # Enter in the add row adds the number, the form stays open


async def test_E_opens_the_form_with_the_selected_prospects_record(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        p = book.get(today(app).selected_id())
        form = await open_form(pilot, settle)
        assert form.query_one("#edit-name").value == p.name
        assert form.query_one("#edit-company").value == p.company
        assert form.query_one(PhoneList).numbers == [(n, n in p.bad_phones) for n in p.phones]


async def test_add_a_number_mark_the_old_one_wrong_pick_the_dialled_one_and_save(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        old = book.get(pid).phone
        form = await open_form(pilot, settle)
        await add_number(pilot, form, NEW)
        phones = form.query_one(PhoneList)
        assert phones.numbers[-1] == (NEW_E164, False) and isinstance(app.screen, EditScreen)
        phones.focus()
        await pilot.press("w")            # the first number (the dialled one) is wrong
        await pilot.press("down", "d")    # the new one is dialled
        await pilot.press("enter")        # Enter on the numbers saves too
        await settle(pilot)
        assert not isinstance(app.screen, EditScreen)
        after = book.get(pid)
        assert after.phone == NEW_E164 and old in after.bad_phones and after.phones[0] == NEW_E164
        assert book.history(pid)[-1].outcome == "edit"
        assert bar(app).result.startswith(f"Edited {after.name}: phone → {display(NEW_E164)}")
        text = card_text(app)
        assert display(NEW_E164) in text and f"{display(old)}  (wrong number)" in text


async def test_escape_changes_nothing(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        before, history = book.get(pid), book.history(pid)
        form = await open_form(pilot, settle)
        form.query_one("#edit-name").value = "Someone Else"
        await add_number(pilot, form, NEW)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, EditScreen)
        assert book.get(pid) == before and book.history(pid) == history


async def test_an_invalid_email_is_refused_inline_and_nothing_is_written(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        before, history = book.get(pid), book.history(pid)
        form = await open_form(pilot, settle)
        field = form.query_one("#edit-email")
        field.value = ""
        field.focus()
        await pilot.press(*"dana-at-acme", "enter")
        await settle(pilot)
        assert app.screen is form  # still open, what was typed still there
        assert field.value == "dana-at-acme"
        error = str(form.query_one("#edit-error").render())
        assert "not an email address" in error and "\n" not in error
        assert book.get(pid) == before and book.history(pid) == history


async def test_a_bad_number_in_the_add_row_is_refused_inline(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        form = await open_form(pilot, settle)
        count = len(form.query_one(PhoneList).numbers)
        await add_number(pilot, form, "12")
        assert "not a valid phone number" in str(form.query_one("#edit-error").render())
        assert len(form.query_one(PhoneList).numbers) == count and form.query_one("#edit-add").value == "12"


async def save_then_undo(make_app, book, settle, burst: bool):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        before, history = book.get(pid), book.history(pid)
        form = await open_form(pilot, settle)
        form.query_one("#edit-title").value = "Head of Ops"
        form.query_one("#edit-tag").value = "client"
        if burst:
            await pilot.press("ctrl+s", "u")
        else:
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert book.get(pid).tag == "client"
            await pilot.press("u")
        await settle(pilot)
        assert book.get(pid) == before and book.history(pid) == history
        assert bar(app).result.startswith(f"Undid the edit for {before.name}")
        return book.get(pid)


async def test_u_right_after_an_edit_restores_the_record(make_app, book, settle):
    await save_then_undo(make_app, book, settle, burst=False)


async def test_u_in_a_burst_after_the_save_is_the_same_as_typed_slowly(make_app, book, settle):
    await save_then_undo(make_app, book, settle, burst=True)


async def test_outcome_then_edit_then_undo_in_a_burst_takes_back_only_the_edit(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        await pilot.press("w")  # the cursor moves on: come back to the prospect
        await settle(pilot)
        after_wrong = book.get(pid)
        app.main.selected = pid
        app.main.focused_table().select(pid)
        form = await open_form(pilot, settle)
        form.query_one("#edit-add").value = NEW
        await pilot.press("ctrl+s", "u")
        await settle(pilot)
        assert book.get(pid) == after_wrong
        assert [a.outcome for a in book.history(pid)][-1] == "wrong-number"


async def test_after_a_wrong_number_a_working_one_makes_the_step_a_call(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        await pilot.press("w")
        await settle(pilot)
        assert book.get(pid).next_step.channel == "research"
        app.main.selected = pid
        app.main.focused_table().select(pid)
        await settle(pilot)
        form = await open_form(pilot, settle)
        await add_number(pilot, form, NEW)
        await pilot.press("ctrl+s")
        await settle(pilot)
        after = book.get(pid)
        assert after.phone == NEW_E164 and after.next_step.channel == "call"
        assert "→ call" in bar(app).result
        assert re.search(r"next\s+call", card_text(app))


async def test_saving_with_nothing_changed_writes_nothing(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        history = book.history(pid)
        await open_form(pilot, settle)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert book.history(pid) == history and bar(app).result.startswith("Nothing changed for")


async def test_a_failed_write_keeps_what_was_typed_and_offers_it_again(make_app, book, settle, monkeypatch):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        before = book.get(pid)

        def broken(*args, **kwargs):
            raise StorageError("cannot write book.json: disk full")

        monkeypatch.setattr(book, "record", broken)
        form = await open_form(pilot, settle)
        form.query_one("#edit-title").value = "Head of Ops"
        await add_number(pilot, form, NEW)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "disk full" in bar(app).result and "Press E: what you typed is kept" in bar(app).result
        assert book.get(pid) == before
        monkeypatch.undo()  # the disk is back
        app.main.selected = pid
        form = await open_form(pilot, settle)
        assert form.query_one("#edit-title").value == "Head of Ops"
        assert (NEW_E164, False) in form.query_one(PhoneList).numbers
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert book.get(pid).title == "Head of Ops" and NEW_E164 in book.get(pid).phones
        app.main.selected = pid
        form = await open_form(pilot, settle)
        assert form.query_one("#edit-title").value == "Head of Ops"  # from the book now: nothing pending
        assert app.main.pending is None
