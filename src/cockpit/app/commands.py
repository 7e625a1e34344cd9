"""The command palette (ctrl+p): the app's commands, found by fuzzy search."""

from __future__ import annotations

from datetime import date

from textual.command import DiscoveryHit, Hit, Hits, Provider

COMMANDS = (
    ("Start a call block", "Dials and minutes, with a timer and progress", "start_block"),
    ("Add a prospect", "Name, company, phone, email, lead type", "add"),
    ("Break-up queue", "Prospects who had every attempt: confirm the break-up", "breakups"),
    ("Away days", "Move every pending step past your time off", "away"),
    ("Undo the last outcome", "The prospect returns exactly to its state before", "undo"),
    ("Why is this prospect here?", "The reason behind the order", "why"),
    ("Edit research", "The pre-call form of the selected prospect", "edit_research"),
    ("Stats", "When calls connect, attempts, funnel, lost reasons", "stats"),
    ("Reload the book", "Pick up changes made from the shell", "reload"),
    ("Keys", "Every key on one screen", "help"),
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

    async def discover(self) -> Hits:
        for name, help_text, action in COMMANDS:
            yield DiscoveryHit(name, self._run(action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), self._run(action), help=help_text)


def _days(text: str) -> tuple[date, date]:
    parts = text.split()
    if len(parts) != 2:
        raise ValueError("type two dates: the first and the last day off, YYYY-MM-DD YYYY-MM-DD")
    try:
        return date.fromisoformat(parts[0]), date.fromisoformat(parts[1])
    except ValueError:
        raise ValueError(f"{text!r}: use YYYY-MM-DD YYYY-MM-DD") from None
