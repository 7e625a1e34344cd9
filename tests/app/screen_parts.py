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
