"""The main screen, driven by keys as a rep would: each outcome lands in the book, the cursor moves on,
undo puts the prospect back, failures are shown, and the four panes survive a resize."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from screen_parts import SIZE, bar, rules_of, text_of, today

from cockpit import config as config_mod
from cockpit.app.commands import CockpitCommands
from cockpit.app.screens.form import FormScreen
from cockpit.app.screens.help import HelpScreen
from cockpit.app.screens.main import MainScreen
from cockpit.app.screens.prompt import PromptScreen
from cockpit.app.screens.welcome import WelcomeScreen
from cockpit.app.widgets.today import MAX_ROWS, OverdueTable
from cockpit.engine import queue
from cockpit.engine.outcomes import LABELS, OUTCOMES, apply_outcome
from cockpit.storage import StorageError

# ---- outcomes without a prompt -----------------------------------------------------------------


@pytest.mark.parametrize("keys", [("v",), ("n",), ("w",), ("e", "enter")])  # e shows the draft first
async def test_one_key_outcome_is_logged_with_the_engines_next_step(make_app, book, settle, now, keys):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        before = book.get(pid)
        await pilot.press(*keys)
        await settle(pilot)
        outcome = {v: k for k, v in OUTCOMES.items()}[keys[0]]
        expected = apply_outcome(before, outcome, now, rules_of(book))
        assert book.get(pid) == expected.prospect
        assert book.history(pid)[-1].outcome == outcome
        assert book.history(pid)[-1].before is not None
        assert bar(app).result.startswith(f"{before.name}: {LABELS[outcome]} logged")
        assert bar(app).result_style == ""


async def test_voicemail_counts_an_attempt_and_schedules_the_next_touch(make_app, book, settle, now):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        before = book.get(pid)
        await pilot.press("v")
        await settle(pilot)
        after = book.get(pid)
        assert after.attempt == before.attempt + 1
        assert after.next_step is not None and after.next_step.due > now


async def test_wrong_number_marks_the_number_bad_and_asks_for_research_today(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        before = book.get(pid)
        await pilot.press("w")
        await settle(pilot)
        after = book.get(pid)
        assert before.phone in after.bad_phones
        assert after.next_step.channel == "research"


async def test_the_wrap_up_time_runs_from_landing_on_the_prospect_to_its_outcome(make_app, book, settle, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        clock.advance(seconds=90)
        await pilot.press("n")
        await settle(pilot)
        assert book.history(pid)[-1].wrap_seconds == 90.0


# ---- the cursor and the list -------------------------------------------------------------------


async def test_logging_moves_the_cursor_to_the_next_prospect(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first, second = today(app).ids()[:2]
        assert today(app).selected_id() == first
        await pilot.press("v")
        await settle(pilot)
        assert app.main.selected == second
        assert today(app).selected_id() == second


async def test_logging_again_keeps_going_down_the_list(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ids = today(app).ids()
        await pilot.press("j", "j")  # the third prospect
        await settle(pilot)
        assert app.main.selected == ids[2]
        await pilot.press("e", "enter")
        await settle(pilot)
        assert app.main.selected == ids[3]


async def test_a_prospect_whose_next_step_is_no_longer_today_leaves_the_list(make_app, book, settle, now):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rules = rules_of(book)
        rep_day = app.main.agenda.day

        def next_day(pid):
            due = apply_outcome(book.get(pid), "voicemail", now, rules).next_step.due
            return rules.calendar.local(due, rules.rep_tz).date()

        # A prospect whose next touch after a voicemail falls on another day.
        pid = next(i for i in today(app).ids() if book.get(i).phone and next_day(i) > rep_day)
        assert today(app).select(pid)
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert pid not in today(app).ids()
        assert len(today(app).ids()) == len(app.main.agenda.today)


async def test_a_prospect_still_due_today_stays_in_the_list(make_app, book, settle, now):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rules = rules_of(book)

        def due_today(pid):
            return apply_outcome(book.get(pid), "voicemail", now, rules).next_step.due.date() == now.date()

        pid = next(i for i in today(app).ids() if due_today(i))  # a fresh web lead: the next call is within the hour
        assert today(app).select(pid)
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert pid in today(app).ids()


async def test_an_outcome_with_nothing_selected_changes_nothing(make_app, empty_book, settle):
    app = make_app(empty_book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # close the welcome screen
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert bar(app).result_style == "error"
        assert list(empty_book.activities()) == []


async def test_the_bar_asks_for_an_outcome_only_when_there_is_someone_to_call(make_app, empty_book, settle):
    for on, says in ((None, "Press a key to log the outcome"), (empty_book, "No one to call now: a adds a prospect")):
        app = make_app(on)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            if on is empty_book:
                await pilot.press("escape")  # close the welcome screen
                await settle(pilot)
            assert bar(app).lines[0].plain.startswith(says)


# ---- undo --------------------------------------------------------------------------------------


async def test_undo_returns_the_prospect_exactly_to_its_state_before(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        before, history = book.get(pid), book.history(pid)
        await pilot.press("v")
        await settle(pilot)
        assert book.get(pid) != before
        await pilot.press("u")
        await settle(pilot)
        assert book.get(pid) == before
        assert book.history(pid) == history
        assert app.main.selected == pid
        assert today(app).selected_id() == pid
        assert bar(app).result.startswith("Undid voicemail")


async def test_undo_brings_back_a_prospect_that_had_left_the_list(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        before = book.get(pid)
        ids = today(app).ids()
        await pilot.press("D", "enter")
        await settle(pilot)
        assert pid not in today(app).ids()
        await pilot.press("u")
        await settle(pilot)
        assert book.get(pid) == before
        assert today(app).ids() == ids
        assert today(app).selected_id() == pid


async def test_undo_is_disabled_with_nothing_to_undo(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # The demo book's history was never logged here: it cannot be undone.
        assert app.main.check_action("undo", ()) is None
        prospects, activities = book.prospects(), list(book.activities())
        await pilot.press("u")
        await settle(pilot)
        assert book.prospects() == prospects
        assert list(book.activities()) == activities
        assert bar(app).result == ""


async def test_undo_is_enabled_after_a_log_and_disabled_again_after_the_undo(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert app.main.check_action("undo", ()) is True
        await pilot.press("u")
        await settle(pilot)
        assert app.main.check_action("undo", ()) is None


async def test_undo_is_disabled_on_an_empty_book(make_app, empty_book, settle):
    app = make_app(empty_book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.main.check_action("undo", ()) is None


# ---- failures ----------------------------------------------------------------------------------


async def test_a_storage_failure_is_shown_and_the_app_keeps_running(make_app, book, settle, monkeypatch):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        before = book.get(pid)

        def broken(*args, **kwargs):
            raise StorageError("cannot write book.json: disk full")

        monkeypatch.setattr(book, "record", broken)
        await pilot.press("v")
        await settle(pilot)
        assert "disk full" in bar(app).result
        assert bar(app).result_style == "error"
        assert book.get(pid) == before
        assert app.is_running and isinstance(app.screen, MainScreen)
        monkeypatch.undo()  # the disk is back: the next key works
        await pilot.press("n")
        await settle(pilot)
        assert "No answer logged" in bar(app).result


# ---- layout ------------------------------------------------------------------------------------

PANES = ("#today", "#overdue", "#research", "#outcome-bar")


def assert_panes_visible(app, width, height):
    for selector in PANES:
        widget = app.main.query_one(selector)
        region = widget.region
        assert widget.display and region.width > 0 and region.height > 0, (selector, region)
        assert region.right <= width and region.bottom <= height, (selector, region)


async def test_all_four_panes_are_visible_at_80x24_and_160x50(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert_panes_visible(app, 80, 24)
        await pilot.resize_terminal(160, 50)
        await settle(pilot)
        assert app.size == (160, 50)
        assert_panes_visible(app, 160, 50)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert_panes_visible(app, 80, 24)


async def test_the_panes_are_roomier_on_a_large_terminal(make_app, settle):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        assert_panes_visible(app, 160, 50)
        assert app.main.query_one("#today").region.height > 8
        assert app.main.query_one("#research").region.width > 60


# ---- help, palette, block ----------------------------------------------------------------------


async def test_f1_opens_help_listing_every_outcome_key(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        out = io.StringIO()
        Console(file=out, width=120, color_system=None, force_terminal=False).print(
            app.screen.query_one("Static").content)
        text = out.getvalue()
        rows = {line.split(maxsplit=1)[0]: line for line in text.splitlines() if line.strip()}
        for outcome, key in OUTCOMES.items():
            assert key in rows and LABELS[outcome] in rows[key], outcome
        assert "u" in rows and "Undo" in rows["u"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_the_palette_offers_start_a_call_block(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        provider = CockpitCommands(app.screen)
        hits = [hit async for hit in provider.search("call block")]
        names = [str(hit.text) for hit in hits]
        assert "Start a call block" in names
        discovered = [str(hit.display) async for hit in provider.discover()]
        assert "Start a call block" in discovered
        hit = hits[names.index("Start a call block")]
        hit.command()
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)


async def test_ctrl_p_opens_the_command_palette(make_app, settle):
    from textual.command import CommandPalette

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)


async def test_a_block_counts_dials_against_its_target(make_app, book, settle, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("ctrl+a", "ctrl+k", *"5 30", "enter")
        await settle(pilot)
        title = app.main.query_one("#block-title")
        assert "0/5" in text_of(title)
        assert "30:00" in text_of(title)
        clock.advance(minutes=5)
        await pilot.press("v")
        await settle(pilot)
        assert "1/5" in text_of(title)
        assert "25:00" in text_of(title)  # the timer runs on the app's clock
        assert book.last_activity().block == app.main.block.id


async def test_a_bad_block_target_keeps_the_prompt_open(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "ctrl+a", "ctrl+k", *"lots", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.main.block is None and book.get_meta("block") is None


# ---- welcome and add ---------------------------------------------------------------------------


async def test_an_empty_book_opens_on_the_welcome_screen(make_app, empty_book, settle):
    app = make_app(empty_book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_a_book_with_prospects_does_not_show_the_welcome(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_welcome_a_adds_a_prospect_to_the_book(make_app, empty_book, settle):
    app = make_app(empty_book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Ada", "enter", *"Acme", "enter", *"2125550100", "enter", *"a@ac.io", "enter",
                          "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        [added] = empty_book.prospects()
        assert (added.name, added.company, added.email, added.lead_type) == ("Ada", "Acme", "a@ac.io", "cold")
        assert added.phones == ("+12125550100",)
        assert added.next_step is not None
        assert added.id in today(app).ids()


async def test_the_add_form_refuses_a_bad_email_and_keeps_what_was_typed(make_app, empty_book, settle):
    app = make_app(empty_book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a", *"Ada", "enter", "enter", "enter", *"ada", "enter", "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "not an email" in text_of(app.screen.query_one("#form-error"))
        assert app.screen.values()["name"] == "Ada"
        assert empty_book.count() == 0


async def test_a_failed_add_keeps_what_was_typed_for_the_next_try(make_app, empty_book, settle, monkeypatch):
    app = make_app(empty_book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        def broken(prospects):
            raise StorageError("book.json is read-only")

        monkeypatch.setattr(empty_book, "add", broken)
        await pilot.press("a", *"Ada", "enter", "enter", "enter", "enter", "enter", "enter")
        await settle(pilot)
        assert "read-only" in bar(app).result
        await pilot.press("a")
        await settle(pilot)
        assert app.screen.values()["name"] == "Ada"


# ---- themes ------------------------------------------------------------------------------------


async def test_the_theme_is_the_configs(make_app, book, settle):
    config_mod.set_value(book.folder, "theme", "cockpit-light")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "cockpit-light"


async def test_switching_theme_persists_to_cockpit_toml(make_app, book, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == config_mod.load(book.folder).theme == "cockpit-dark"
        app.theme = "cockpit-contrast"
        await settle(pilot)
        assert config_mod.load(book.folder).theme == "cockpit-contrast"
        assert 'theme = "cockpit-contrast"' in (book.folder / config_mod.FILE_NAME).read_text()
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "cockpit-contrast"


async def test_the_overdue_pane_lists_overdue_follow_ups_oldest_first(make_app, settle):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        overdue = app.main.query_one("#overdue", OverdueTable)
        dues = [i.prospect.next_step.due for i in app.main.agenda.overdue]
        assert dues == sorted(dues) and dues
        # each prospect once: the pane holds the overdue that today's rows have no room for (none here)
        assert overdue.ids() == [i.prospect.id for i in queue.overdue_apart(app.main.agenda, MAX_ROWS)] == []
