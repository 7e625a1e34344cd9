"""Help is built from the keymap itself: every binding of the main screen and the app has a line with
its keys as the rep's keymap binds them, it says how to close it, and it explains the flags."""

from __future__ import annotations

import io
from dataclasses import replace

from rich.console import Console
from textual.binding import Binding

from cockpit.app.screens.help import HelpScreen, class_bindings, help_lines
from cockpit.app.screens.main import MainScreen


def shown(app) -> str:
    out = io.StringIO()
    Console(file=out, width=120, color_system=None, force_terminal=False).print(app.screen.query_one("Static").content)
    return out.getvalue()


def every_binding(app) -> list[Binding]:
    return [b for b in class_bindings(MainScreen) + class_bindings(type(app)) if not b.system]


async def test_every_binding_has_a_help_line(make_app, settle):
    app = make_app()
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        lines = help_lines(MainScreen, app, {})
        covered = {}
        for binding in every_binding(app):
            assert binding.description, f"{binding.key} → {binding.action} has no description, so no help line"
            for _, keys, words in lines:
                if app.get_key_display(Binding(binding.key, binding.action)) in keys.split(" / ") and words:
                    covered[binding.key] = words
            assert binding.key in covered, f"{binding.key} ({binding.action}) has no help line"
        for key in ("s", "S", "B", "i", "u", "home", "^end", "pgdn", "^p", "f1", "?", "q"):
            assert any(key in keys.split(" / ") for _, keys, _ in lines), key


async def test_a_binding_added_to_the_screen_gets_its_line(make_app, settle):
    app = make_app()
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)

        class Wider(MainScreen):
            BINDINGS = [Binding("Z", "zap", "Zap the selection", id="test.zap")]

        assert ("More", "Z", "Zap the selection") in help_lines(Wider, app, {})


async def test_help_shows_the_reps_keymap_how_to_close_it_and_the_flags(make_app, settle):
    app = make_app()
    app.config = replace(app.config, keys={**app.config.keys, "voicemail": "V"})
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = shown(app)
        rows = {line.split(maxsplit=1)[0]: line for line in text.splitlines() if line.strip()}
        assert "Voicemail" in rows["V"]  # the rep's own key, not the default
        assert "Escape" in text.splitlines()[0] or "Escape (or q, F1, ?) closes this help" in text
        for words in ("Stats", "First row", "Last row", "Command palette", "research missing",
                      "outside their calling hours", "overdue", "new web lead"):
            assert words in text, words
        assert "home / ^home" in text and "end / ^end" in text
        assert "R " in text and "☾ " in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_the_palette_has_one_keys_entry_and_one_per_main_action(make_app, settle):
    from textual.command import CommandPalette

    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"keys")
        await pilot.pause(0.5)
        options = app.screen.query_one("CommandList").options
        titles = [str(o.prompt).split("\n")[0] for o in options]
        assert sum(t.strip() == "Keys" for t in titles) == 1, titles
    from cockpit.app.commands import COMMANDS

    actions = {action for _, _, action in COMMANDS}
    for binding in class_bindings(MainScreen):
        main = binding.action.split("(")[0]
        if binding.id and binding.id.split(".")[0] in ("block", "breakups", "research", "dial", "queue", "stats"):
            assert main in actions, binding.action
