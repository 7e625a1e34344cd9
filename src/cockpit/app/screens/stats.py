"""The stats screen (S): when calls connect, how many attempts it takes, why deals are lost.

The figures come from actions.stats, the same function as `cockpit stats` (the book's derived
rows, storage/derived.py). A suggestion changes nothing until the rep presses its key.

The screen paints at once: the first frame is drawn before the figures are computed (in a thread
worker started after that frame), and a book's figures from the last opening are shown meanwhile,
marked as being brought up to date; keys work all along. Suggestions are accepted only from
fresh figures.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Sparkline, Static

from ... import actions
from ...engine.stats import REFERENCE, THIN_CELL, WEEKDAYS, Stats

_LAST: WeakKeyDictionary = WeakKeyDictionary()  # book -> its figures from the last opening


def heat_table(s: Stats, colours: dict[str, str]) -> Table:
    """Connect rate by the prospect's local hour x weekday; dim cells have under THIN_CELL dials."""
    hours = sorted({h for _wd, h in s.heat})
    table = Table(box=None, padding=(0, 1), title="Connect rate by their local hour (dials)", title_justify="left")
    table.add_column("")
    for h in hours:
        table.add_column(f"{h:02d}", justify="right")
    best = max((c.rate for c in s.heat.values() if c.dials >= THIN_CELL), default=0) or 1
    for wd in range(7):
        cells = [s.heat.get((wd, h)) for h in hours]
        if not any(cells):
            continue
        row = []
        for c in cells:
            if c is None:
                row.append(Text("·", style=colours["muted"]))
                continue
            text = Text(f"{c.rate:.0%}", style=f"bold {colours['success']}" if c.rate >= best * 0.75 and c.dials >= THIN_CELL else "")
            text.append(f"/{c.dials}", style=colours["muted"])
            if c.dials < THIN_CELL:
                text.stylize("dim")
            row.append(text)
        table.add_row(WEEKDAYS[wd], *row)
    return table


def attempts_table(s: Stats) -> Table:
    reached = sum(s.first_connect_attempts.values()) or 1
    table = Table(box=None, padding=(0, 1), title="First reached at attempt", title_justify="left",
                  caption=(f"The field: about {REFERENCE['attempts_to_reach']} attempts to reach a prospect; "
                           f"{REFERENCE['converted_by_6th_pct']}% of converted leads reached by the 6th."),
                  caption_justify="left")
    for col in ("attempt", "reached", "by then", "meetings"):
        table.add_column(col, justify="right")
    running = 0
    for n in sorted(set(s.first_connect_attempts) | set(s.meetings_by_attempt)):
        running += s.first_connect_attempts.get(n, 0)
        table.add_row(str(n), str(s.first_connect_attempts.get(n, 0)), f"{running / reached:.0%}",
                      str(s.meetings_by_attempt.get(n, 0)))
    return table


def funnel_table(s: Stats) -> Table:
    table = Table(box=None, padding=(0, 1), title="Funnel", title_justify="left")
    for col in ("by", "value", "touched", "connected", "meetings"):
        table.add_column(col, justify="left" if col in ("by", "value") else "right")
    for by, rows in s.funnel.items():
        for value, touched, connected, met in rows[:6]:
            table.add_row(by, value, str(touched), f"{connected} ({connected / touched:.0%})" if touched else "0", str(met))
    return table


class StatsScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    StatsScreen { background: $background; }
    StatsScreen > VerticalScroll { padding: 0 1; }
    StatsScreen Sparkline { height: 1; margin: 0 0 1 0; }
    StatsScreen .muted { color: $text-muted; }
    StatsScreen #stats-suggestions { color: $accent; margin-top: 1; }
    """
    BINDINGS = [
        Binding("escape,q,S", "close", "Back", id="stats.close"),
        # One footer entry for the nine keys: each suggestion is listed with its number.
        Binding("1", "accept('1')", "Accept a suggestion", key_display="1-9", id="stats.accept1"),
        *(Binding(str(n), f"accept('{n}')", f"Accept {n}", show=False, id=f"stats.accept{n}") for n in range(2, 10)),
    ]

    def __init__(self, book, rules, clock, on_config_change) -> None:
        super().__init__()
        self.book, self.rules, self.clock, self.on_config_change = book, rules, clock, on_config_change
        self.stats: Stats | None = None
        self.fresh = False

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Stats"
            yield Label("Reading the log…", id="stats-summary")
            yield Label("Dials per day, last 4 weeks", classes="muted")
            yield Sparkline([], id="stats-spark")
            yield Static(id="stats-heat")
            yield Static(id="stats-attempts")
            yield Static(id="stats-funnel")
            yield Static(id="stats-lost")
            yield Static(id="stats-suggestions")
        yield Footer()  # how to leave and how to accept, on a screen that covers the cockpit

    def on_mount(self) -> None:
        last = _LAST.get(self.book)
        if last is not None:
            self.show(last, fresh=False)
        self.call_after_refresh(self.compute)  # the first frame first: the worker holds the GIL in long C loops

    @work(thread=True, exclusive=True, group="stats", exit_on_error=False)
    def compute(self) -> None:
        s = actions.stats(self.book, self.rules, self.clock())
        self.app.call_from_thread(self.show, s)

    def show(self, s: Stats, fresh: bool = True) -> None:
        if not self.is_attached:
            return  # closed while the figures were computed
        self.stats, self.fresh = s, fresh
        if fresh:
            _LAST[self.book] = s
        summary = self.query_one("#stats-summary", Label)
        if not s.enough:
            summary.update(s.message)
            return
        t = s.total
        wrap = f", wrap-up {t.wrap_seconds:.0f} s on average" if t.wrap_seconds is not None else ""
        updating = "" if fresh else " · bringing up to date…"
        summary.update(f"{t.dials} dials · {t.connects} connects ({t.rate:.0%}) · {t.voicemails} voicemails · "
                       f"{t.meetings} meetings · {len(s.days)} days{wrap}{updating}")
        self.query_one("#stats-spark", Sparkline).data = s.sparkline
        colours = {k: self.app.theme_variables.get(k, "") for k in ("muted", "success")}
        self.query_one("#stats-heat", Static).update(heat_table(s, colours))
        self.query_one("#stats-attempts", Static).update(attempts_table(s))
        self.query_one("#stats-funnel", Static).update(funnel_table(s))
        lost = ", ".join(f"{r} {n}" for r, n in s.lost_reasons.items()) or "none"
        self.query_one("#stats-lost", Static).update(
            f"Lost reasons: {lost}\nNurture: {s.nurture[0]} re-contacted after a no, {s.nurture[1]} re-engaged")
        lines = [f"[{x.key}] {x.text}" if x.key else f"    {x.text}" for x in s.suggestions]
        self.query_one("#stats-suggestions", Static).update(
            Text("\n".join(["Suggestions (press the number to accept; nothing changes otherwise):", *lines])
                 if lines else "No suggestions: the log agrees with your settings."))

    def action_accept(self, key: str) -> None:
        if not self.fresh:
            self.notify("Still reading the log; press the number again in a moment.", severity="warning")
            return
        picked = next((x for x in (self.stats.suggestions if self.stats else []) if x.key == key), None)
        if picked is None:
            self.notify("No suggestion with that key.", severity="warning")
            return
        self.accept_worker(picked)

    @work(thread=True, group="book", exit_on_error=False)
    def accept_worker(self, suggestion) -> None:
        try:
            config = actions.accept_suggestion(self.book.folder, self.rules, suggestion.change)
        except (OSError, ValueError) as exc:
            self.app.call_from_thread(self.notify, f"Not changed: {exc}", severity="error")
            return
        self.app.call_from_thread(self.on_config_change, config)
        self.app.call_from_thread(self.notify, f"Accepted: {suggestion.text}")

    def action_close(self) -> None:
        self.dismiss(None)
