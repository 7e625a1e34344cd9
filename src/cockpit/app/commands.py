"""The command palette (ctrl+p): the app's commands, found by fuzzy search."""

from __future__ import annotations

from datetime import date

from textual.command import DiscoveryHit, Hit, Hits, Provider

COMMANDS = (
    ("Start a call block", "Dials and minutes, with a timer and progress", "start_block"),
    ("Add a prospect", "Name, company, phone, email, lead type", "add"),
    ("Break-up queue", "Prospects who had every attempt: confirm the break-up", "breakups"),
    ("Away days", "Move every pending step past your time off", "away"),
    ("Import a CSV", "Contacts from a CRM export or a spreadsheet, each with a first step", "import_csv"),
    ("Undo the last outcome", "The prospect returns exactly to its state before", "undo"),
    ("Why is this prospect here?", "The reason behind the order", "why"),
    ("Edit research", "The pre-call form of the selected prospect", "edit_research"),
    ("Dial", "Open the selected prospect's number in your phone app", "dial"),
    ("Copy the number", "The selected prospect's number to the clipboard", "copy_phone"),
    ("First row", "The top of today's list", "first"),
    ("Last row", "The bottom of today's list", "last"),
    ("Stats", "When calls connect, attempts, funnel, lost reasons", "stats"),
    ("Reload the book", "Pick up changes made from the shell", "reload"),
    ("Keys", "Every key on one screen, and what the flags and colours mean", "help"),
    ("Setup", "Who is calling: your name, company, call-back number, line of value, time zone, country", "setup"),
    ("Find a prospect", "Anyone in the book by name, company, number, e-mail or id (/)", "find"),
)


class CockpitCommands(Provider):
    def _run(self, action: str):
        app = self.app

        def run() -> None:
            main = app.main
            if action == "help":
                app.action_help()
            elif action == "away":
                self._ask_away()
            elif action == "import_csv":
                self._ask_import()
            elif main is not None:
                getattr(main, f"action_{action}")()
        return run

    def _ask_away(self) -> None:
        from .screens.prompt import PromptScreen

        def check(text: str) -> str | None:
            try:
                start, end = _days(text)
            except ValueError as exc:
                return str(exc)
            return None if end >= start else "the last day is before the first"

        main = self.app.main
        self.app.push_screen(PromptScreen("Away: first and last day off", "2026-12-24 2027-01-01", check),
                             lambda text: text is not None and main is not None and main.away(*_days(text)))

    def _ask_import(self) -> None:
        from pathlib import Path

        from .screens.prompt import PromptScreen

        def check(text: str) -> str | None:
            return None if Path(text.strip()).expanduser().is_file() else f"no file at {text.strip()!r}"

        def start(text: str | None) -> None:
            if text is not None:
                self.app.run_worker(lambda: _import_worker(self.app, text.strip()), thread=True, group="book",
                                    exit_on_error=False)

        self.app.push_screen(PromptScreen("Import contacts: path to a CSV (or Cockpit JSON) file", "~/contacts.csv",
                                          check), start)

    async def discover(self) -> Hits:
        for name, help_text, action in COMMANDS:
            yield DiscoveryHit(name, self._run(action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), self._run(action), help=help_text)


def _import_worker(app, path: str) -> None:
    """Thread worker: read, plan and write through the exchange package; then say what happened."""
    from ..errors import StorageError
    from ..exchange.service import import_one_for_cockpit

    try:
        summary = import_one_for_cockpit(app.book, app.config.rules(), app.clock(), path)
    except (ValueError, OSError, StorageError) as exc:  # a bad file or the book: one line, the cockpit keeps running
        app.call_from_thread(app.notify, str(exc), title="Import failed", severity="error")
        return
    app.call_from_thread(app.notify, summary, title="Import")
    app.call_from_thread(lambda: app.main is not None and app.main.reload())


def _days(text: str) -> tuple[date, date]:
    parts = text.split()
    if len(parts) != 2:
        raise ValueError("type two dates: the first and the last day off, YYYY-MM-DD YYYY-MM-DD")
    try:
        return date.fromisoformat(parts[0]), date.fromisoformat(parts[1])
    except ValueError:
        raise ValueError(f"{text!r}: use YYYY-MM-DD YYYY-MM-DD") from None
