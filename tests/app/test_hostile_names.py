"""The screen shows hostile names (tests/hostile_corpus.py) as the plain text they are: no crash,
no markup applied, no control character painted, and every screen that names a prospect survives."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hostile_corpus import HOSTILE, HUGE, raw_controls
from screen_parts import SIZE, bar, rules_of, text_of, today

from cockpit import actions
from cockpit.app.widgets.research import ResearchPane
from cockpit.storage import Book


def hostile_book(folder, now, due_later=False) -> Book:
    book = Book(folder)
    rules = rules_of(book)
    made = [actions.build_prospect(rules, now, name=name, company=f"{name} Ltd", title=name,
                                   phones=[f"+1 212 555 {n:04d}"]) for n, name in enumerate(HOSTILE.values())]
    if due_later:  # nobody due today: the empty list explains itself, naming who is next
        made = [replace(p, next_step=replace(p.next_step, due=now + timedelta(days=3)))
                for p in made]
    book.add(made)
    return book


async def test_every_hostile_prospect_is_shown_logged_and_undone_as_plain_text(tmp_path, make_app, settle, now):
    book = hostile_book(tmp_path / "hostile", now)
    app = make_app(on=book)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = today(app)
        assert table.row_count == len(HOSTILE)
        titles = set()
        for _ in range(len(HOSTILE)):
            await settle(pilot)
            pane = app.main.query_one(ResearchPane)
            titles.add(pane.border_title)
            screen = app.export_screenshot()
            assert "\x1b]0;pwned" not in screen and "\x1b[2J" not in screen
            await pilot.press("down")
        assert any("[reverse]" in t or "\\[reverse]" in t for t in titles)  # shown literally
        await pilot.press("home")
        await settle(pilot)
        pid = table.selected_id()
        name = book.get(pid).name
        await pilot.press("v")
        await settle(pilot)
        assert not raw_controls(bar(app).result)
        assert book.history(pid)[-1].outcome == "voicemail"
        await pilot.press("u")
        await settle(pilot)
        assert book.get(pid).name == name  # stored exactly as given
    book.close()


async def test_the_empty_list_names_the_next_prospect_as_plain_text(tmp_path, make_app, settle, now):
    book = hostile_book(tmp_path / "later", now, due_later=True)
    app = make_app(on=book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert today(app).row_count == 0
        await pilot.press("y")
        await settle(pilot)
    book.close()


async def test_notifications_and_prompts_naming_a_hostile_prospect_do_not_crash(tmp_path, make_app, settle, now):
    book = hostile_book(tmp_path / "prompts", now)
    app = make_app(on=book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("y", "p", "i", "escape", "c", "escape", "l", "escape"):
            await pilot.press(key)
            await settle(pilot)
        for note in app._notifications:
            assert not raw_controls(note.message) and not note.markup
    book.close()


def test_the_last_guard_paints_no_control_character():
    from rich.segment import Segment

    from cockpit.app.plain import VisibleOnly

    painted = VisibleOnly().apply([Segment("Eve\x1b[2J Adams"), Segment("\x1b[0m", None, [(1,)])], None)
    assert painted[0].text == "Eve[2J Adams"
    assert painted[1].text == "\x1b[0m"  # Textual's own control segments pass


async def test_a_megabyte_name_is_shown_cut_and_stored_whole(tmp_path, make_app, settle, now):
    """Wrapping a megabyte took the screen half a minute per redraw: it shows SHOWN characters of it."""
    from cockpit.engine.text import SHOWN

    book = Book(tmp_path / "huge")
    made = actions.build_prospect(rules_of(book), now, name=HUGE, company=HUGE, phones=["+1 212 555 0100"])
    book.add([made])
    app = make_app(on=book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(today(app).get_cell(made.id, "name").plain) <= SHOWN
        assert len(str(app.main.query_one(ResearchPane).border_title)) <= SHOWN
        await pilot.press("v")
        await settle(pilot)
        assert book.history(made.id)[-1].outcome == "voicemail"
        assert len(text_of(bar(app))) <= 2 * SHOWN  # the result line and the key legend
        assert all(len(note.message) <= 2 * SHOWN for note in app._notifications)
    assert book.get(made.id).name == HUGE  # stored exactly as given
    book.close()


async def test_a_megabyte_research_field_is_shown_read_only_in_the_form_and_kept_exactly(tmp_path, make_app, settle, now):
    """Textual's Input hangs on a megabyte: such a field shows cut, read-only, and is saved unchanged."""
    book = Book(tmp_path / "note")
    made = actions.build_prospect(rules_of(book), now, name="Ana Costa", company="Blue", phones=["+1 212 555 0101"])
    book.add([replace(made, research=replace(made.research, does=HUGE + "\x1b[2J"))])
    app = make_app(on=book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press(*"Series B", "ctrl+s")  # typed into the first field that can be edited: "Why now"
        await settle(pilot)
    research = book.get(made.id).research
    assert research.why_now == "Series B" and research.does == HUGE + "\x1b[2J"
    book.close()


async def test_the_reason_nothing_can_be_called_stays_one_line_when_it_names_a_prospect(tmp_path, make_app, settle, now):
    from conftest import Clock

    book = Book(tmp_path / "night")
    made = actions.build_prospect(rules_of(book), now, name="Hana\nFAKE  LINE  12:00", company="Blue",
                                  phones=["+1 212 555 0102"])
    book.add([made])
    app = make_app(on=book, clock=Clock(now - timedelta(hours=7)))  # 03:00 in New York: outside their hours
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = text_of(app.main.query_one("#today-empty"))
        assert "outside their calling hours" in shown and "Hana FAKE" in shown
        assert len(shown.splitlines()) == 1
    book.close()


async def test_find_lists_hostile_names_as_plain_text(tmp_path, make_app, settle, now):
    """/ with a letter every hostile name has in common lists them literally (Text, never markup)."""
    from cockpit.app.screens.find import SHOWN as FIND_SHOWN
    from cockpit.app.screens.find import FindScreen

    book = hostile_book(tmp_path / "hostile-find", now, due_later=True)
    app = make_app(on=book)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press(*"ltd")  # every company is "<name> Ltd"
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FindScreen) and len(screen.shown) == min(len(HOSTILE), FIND_SHOWN)
        shot = app.export_screenshot()
        assert "\x1b]0;pwned" not in shot and "\x1b[2J" not in shot
        lines = [str(option.prompt) for option in screen.query_one("#find-matches").options]
        assert any("[reverse]" in line for line in lines)  # the markup is shown, not applied
        await pilot.press("enter")
        await settle(pilot)
        assert app.main.selected == screen.shown[0].id
    book.close()
