"""What the pilot tests look at on the cockpit screen, named once for every test file."""

from __future__ import annotations

from cockpit import config as config_mod
from cockpit.app.widgets.outcome_bar import OutcomeBar
from cockpit.app.widgets.today import TodayTable

SIZE = (80, 24)


def text_of(widget) -> str:
    """The plain text a Label or Static shows."""
    return str(widget.render())


def today(app) -> TodayTable:
    return app.main.query_one("#today", TodayTable)


def bar(app) -> OutcomeBar:
    return app.main.query_one("#outcome-bar", OutcomeBar)


def rules_of(book):
    return config_mod.load(book.folder).rules()


def card_text(app, width: int = 120) -> str:
    """The research card as plain text (its body is a rich Group)."""
    import io

    from rich.console import Console

    out = io.StringIO()
    Console(file=out, width=width, color_system=None, force_terminal=False).print(
        app.main.query_one("#research").content)
    return out.getvalue()


async def typed(app, pilot, settle, keys, at_once: bool) -> None:
    """`keys` as a fast typist gives them (all at once) or a slow one (each handled before the next)."""
    if at_once:
        delivered_at_once(app, keys)
    else:
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
    await settle(pilot)


def delivered_at_once(app, keys) -> None:
    """Keys as a fast typist's terminal hands them over: all queued before the first is handled
    (pilot.press waits for each key, which hides a binding that jumps the queue)."""
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))
