"""CockpitApp: the book, the rules, a clock, themes and keys; the main screen does the work."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding

from .. import config as config_mod
from .. import themes
from ..engine.text import visible, visible_lines
from .commands import CockpitCommands
from .plain import VisibleOnly
from .screens.help import HelpScreen, help_lines
from .screens.main import MainScreen
from .screens.type_ahead import OpensDialogs

if TYPE_CHECKING:
    from ..storage import Book


def system_clock() -> datetime:
    return datetime.now(timezone.utc)


class CockpitApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "Cockpit"
    COMMANDS = App.COMMANDS | {CockpitCommands}
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, book: Book | Path, config: config_mod.Config | None = None,
                 clock: Callable[[], datetime] = system_clock, user_themes: Path | None = None) -> None:
        """`book`: an open Book, or the folder of one, opened after the first frame is painted."""
        super().__init__()
        self.book: Book | None = None if isinstance(book, Path) else book
        self.folder = book if isinstance(book, Path) else book.folder
        self.config = config or config_mod.load(self.folder)
        self.clock = clock
        self.user_themes = user_themes
        self.open_error: Exception | None = None
        self._opening = threading.Lock()
        self._filters.append(VisibleOnly())  # no control character from the data reaches the terminal

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Every notification is plain text: they carry names and notes, which are data, never markup."""
        super().notify(visible_lines(message), title=visible(title), severity=severity, timeout=timeout, markup=False)

    def open_book(self) -> Book:
        """The book, opened on first use (by the main screen's first read, in a worker thread)."""
        with self._opening:
            if self.book is None:
                from ..storage import Book  # TinyDB loads here, after the first frame

                book = Book(self.folder, quiet_checkpoints=True)  # the screen checkpoints between keys
                config_mod.write_default(self.folder)
                self.book = book
            return self.book

    def cannot_open(self, error: Exception) -> None:
        """The book does not open (damaged, newer, unreadable): leave; the caller says why in one line."""
        self.open_error = error
        self.exit(return_code=1)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Textual's built-in themes lack our variables; these keep the stylesheet valid on them.
        return {**super().get_theme_variable_defaults(), **themes.VARIABLE_DEFAULTS}

    def on_mount(self) -> None:
        loaded = themes.load_all(self.user_themes)
        for theme in loaded.themes:
            self.register_theme(theme)
        for problem in loaded.problems:
            self.notify(problem, severity="warning", timeout=8)
        wanted = self.config.theme
        if wanted not in self.available_themes:
            self.notify(f"theme {wanted!r} not found; using {themes.DEFAULT_THEME}", severity="warning")
            wanted = themes.DEFAULT_THEME
        self.theme = wanted
        self.set_keymap({f"outcome.{name}": key for name, key in self.config.keys.items()})
        self.push_screen(MainScreen(self.book, self.config, self.clock))  # book None: it opens it

    def watch_theme(self, theme: str) -> None:
        # The choice persists in the book's settings; a failed write is reported, never fatal.
        if self.is_mounted and getattr(self, "config", None) and theme != self.config.theme:
            self.save_theme(theme)

    def save_theme(self, theme: str) -> None:
        try:
            self.config = config_mod.set_value(self.folder, "theme", theme)
        except (OSError, config_mod.ConfigError) as exc:
            self.notify(f"theme not saved: {exc}", severity="warning")

    def get_system_commands(self, screen):
        """Textual's commands, less its own "Keys" panel: the palette has one Keys, Cockpit's help."""
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            keymap = {f"outcome.{name}": key for name, key in self.config.keys.items()}  # as set_keymap has it
            self.push_screen(HelpScreen(help_lines(MainScreen, self, keymap)))

    def on_key(self, event: events.Key) -> None:
        """A key typed with the one that opened a dialog, queued behind it: delivered again, now to the
        dialog, as a key typed a moment later would be (Textual would otherwise check it against the
        dialog's bindings only, and drop a letter meant for its input)."""
        if any(isinstance(screen, OpensDialogs) and screen.typed_before_dialog(event) for screen in self.screen_stack):
            event.prevent_default()
            event.stop()
            self.post_message(events.Key(event.key, event.character))

    @property
    def main(self) -> MainScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None
