"""MainScreen's other keys: moving, why, dialling, the call block, break-ups, stats, research, add, away."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import work

from ... import actions
from ... import config as config_mod
from ...engine.block import parse_target
from ...errors import StorageError
from ...model import LEAD_TYPES, RESEARCH_FIELDS
from .breakup import BreakupScreen
from .form import FormScreen
from .messages import Failed, Noted
from .prompt import PromptScreen

DEFAULT_BLOCK = "20 45"


@dataclass
class Pending:
    """A form the rep filled in whose write failed: offered again, nothing typed is lost."""
    kind: str
    values: dict


class DeskTools:
    """Mixin for MainScreen; everything that writes goes through the desk's writer, after the keys
    pressed before it, and posts back."""

    def action_move(self, step: int) -> None:
        if self.agenda is None:
            return  # still opening the book
        # Over the list as the keys still being written will leave it, as if each had finished.
        self.desk.select(self.selected, self.listing_of(self.focused_table()))
        self.desk.move(step)
        self.follow_desk()

    def action_reload(self) -> None:
        self.reload()

    def action_why(self) -> None:
        item = self.item(self.selected)
        if item is not None:
            self.notify(item.reason, title=f"Why {item.prospect.name} is #{self.agenda.today.index(item) + 1}")

    def action_copy_phone(self) -> None:
        item = self.item(self.selected)
        if item is None or not item.prospect.phone:
            self.notify("No number to copy: research one (w marks a wrong number).", severity="warning")
            return
        number = item.prospect.phone.split(";")[0]
        self.app.copy_to_clipboard(number)
        self.notify(f"Copied {number}")

    def action_dial(self) -> None:
        item = self.item(self.selected)
        if item is None or not item.prospect.phone:
            self.notify("No number to dial.", severity="warning")
            return
        self.open_tel(item.prospect.phone.replace(";ext=", ","))

    @work(thread=True, group="dial", exit_on_error=False)
    def open_tel(self, number: str) -> None:
        """Say what really happened: a phone app took the link, or nothing on this computer opens tel:."""
        import webbrowser

        try:
            opened = webbrowser.open(f"tel:{number}")
        except webbrowser.Error:
            opened = False
        text = (f"Opened tel:{number} in your phone app" if opened else
                f"No app on this computer opens tel: links; the number is {number}, p copies it")
        self.post_message(Noted(text, warning=not opened))

    def action_start_block(self) -> None:
        def target(text: str) -> tuple[int, int]:
            return parse_target(text.strip() or DEFAULT_BLOCK)  # Enter alone: the usual block

        def check(text: str) -> str | None:
            try:
                target(text)
            except ValueError as exc:
                return str(exc)
            return None

        self.app.push_screen(PromptScreen(f"Call block: dials and minutes (Enter: {DEFAULT_BLOCK})", DEFAULT_BLOCK, check),
                             lambda text: text is not None and self.desk.run(lambda: self.begin_block(*target(text))))

    def begin_block(self, dials: int, minutes: int) -> None:
        try:
            actions.start_block(self.book, self.clock(), dials, minutes)
        except StorageError as exc:
            self.post_message(Failed(f"Block not started — {exc}"))
            return
        self.post_message(self.snapshot())

    def action_stats(self) -> None:
        from .stats import StatsScreen

        self.app.push_screen(StatsScreen(self.book, self.rules, self.clock, self.config_changed))

    def config_changed(self, config) -> None:
        """A setting changed from inside the app (a stats suggestion): the rules follow at once."""
        self.config, self.rules = config, config.rules()
        self.reload()

    def action_breakups(self) -> None:
        items = self.agenda.breakups if self.agenda else []
        if not items:
            self.notify("No break-ups waiting: nobody has run out of attempts today.")
            return
        self.app.push_screen(BreakupScreen(items, lambda pid, months: self.log_outcome(
            pid, "break-up", {"months": months}, move=False), self.config.rep_name, self.rules.nurture_months))

    def action_edit_research(self) -> None:
        item = self.item(self.selected)
        if item is None:
            return
        p = item.prospect
        values = self.pending.values if self.pending and self.pending.kind == f"research:{p.id}" else {}
        fields = [(key, label, values.get(key, getattr(p.research, key))) for key, label in RESEARCH_FIELDS]
        self.app.push_screen(FormScreen(f"Research: {p.name}", fields),
                             lambda got: got is not None and self.desk.run(lambda: self.save_research(p.id, got)))

    def save_research(self, pid: str, values: dict) -> None:
        try:
            actions.update_research(self.book, pid, values)
        except StorageError as exc:
            self.pending = Pending(f"research:{pid}", values)
            self.post_message(Failed(f"Research not saved — {exc}. Press i: what you typed is kept."))
            return
        self.pending = None
        self.post_message(self.snapshot())

    def action_add(self) -> None:
        values = self.pending.values if self.pending and self.pending.kind == "add" else {}
        fields = [("name", "Name", ""), ("company", "Company", ""), ("phone", "Phone (+1 415 555 0123)", ""),
                  ("email", "Email", ""), ("title", "Title", ""), ("lead_type", f"Lead type ({'/'.join(LEAD_TYPES)})", "cold")]
        fields = [(k, label, values.get(k, v)) for k, label, v in fields]

        def check(got: dict) -> str | None:
            try:
                self.new_prospect(got)
            except actions.InputError as exc:
                return str(exc)
            return None

        self.app.push_screen(FormScreen("Add a prospect", fields, check),
                             lambda got: got is not None and self.desk.run(lambda: self.save_new(got)))

    def new_prospect(self, got: dict):
        if got["lead_type"] not in LEAD_TYPES:
            raise actions.InputError(f"lead type {got['lead_type']!r}: use one of {', '.join(LEAD_TYPES)}")
        return actions.build_prospect(self.rules, self.clock(), name=got["name"], company=got["company"],
                                      phones=[got["phone"]], email=got["email"], title=got["title"],
                                      lead_type=got["lead_type"])

    def save_new(self, got: dict) -> None:
        try:
            prospect = actions.add(self.book, self.new_prospect(got))
        except actions.InputError as exc:
            self.post_message(Failed(f"Not added — {exc}."))
            return
        except StorageError as exc:
            self.pending = Pending("add", got)
            self.post_message(Failed(f"Not added — {exc}. Press a: what you typed is kept."))
            return
        self.pending = None
        self.selected = prospect.id
        self.post_message(self.snapshot())

    def away(self, start: date, end: date) -> None:
        self.desk.run(lambda: self.away_worker(start, end))

    def away_worker(self, start: date, end: date) -> None:
        try:
            plan = actions.away(self.book, self.rules, start, end)
        except (StorageError, actions.InputError, config_mod.ConfigError) as exc:
            self.post_message(Failed(f"Away days not applied — {exc}"))
            return
        kept = f"; {len(plan.kept)} agreed times kept (move them yourself)" if plan.kept else ""
        self.post_message(Noted(f"{len(plan.moved)} steps moved past {end}{kept}"))
        config = config_mod.load(self.book.folder)  # the days off now in the settings count from the next key
        self.config, self.rules = config, config.rules()
        self.post_message(self.snapshot())
