"""MainScreen's other keys: moving, why, dialling, the call block, break-ups, stats, research, add, away.

Every action says what it did on the bar (a `Said` message from the writer), so the last outcome's
result never stands for it. A call block ends with its recap, once: when its minutes run out (the
screen's tick), when its target is reached, or when `s` replaces it (asked first).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import work

from ... import actions, dialler
from ... import config as config_mod
from ...engine import block as block_mod
from ...engine.block import parse_target
from ...engine.text import count
from ...errors import StorageError
from ...model import FORM_LABELS, LEAD_TYPES, RESEARCH_FIELDS
from .breakup import BreakupScreen
from .form import FormScreen
from .messages import Failed, Noted, Said
from .prompt import ChoiceScreen, PromptScreen
from .recap import RecapScreen
from .setup import SetupScreen

DEFAULT_BLOCK = "20 45"
MAX_STEP = 1_000_000  # a move this long reaches the first or last row (the desk stops at the ends)


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

    def action_back_to_list(self) -> None:
        """Esc after / opened someone on no list: back to the row the rep was on."""
        if self.desk.back_to_list() is not None:
            self.follow_desk()

    def action_reload(self) -> None:
        self.reload()

    def action_why(self) -> None:
        item = self.item(self.selected)
        if item is None:
            return
        if item in self.agenda.today:
            self.notify(item.reason, title=f"Why {item.prospect.name} is #{self.agenda.today.index(item) + 1}")
        else:  # found with /: on no list today
            self.notify(item.reason, title=f"{item.prospect.name} is not on today's list")

    def action_setup(self, then=None) -> None:
        """Who is calling, their zone and country (screens/setup.py); `then` runs after it closes."""
        def done(config) -> None:
            if config is not None:
                self.app.config = self.config = config
                self.rules = config.rules()
                self.bar(f"Saved: your scripts now speak for {config.rep_name or 'nobody yet (no name set)'}")
                self.reload()  # a new zone or country moves the calling windows: a full read
            if then is not None:
                then()

        self.app.push_screen(SetupScreen(self.book.folder, self.config), done)

    def action_toggle_talk(self) -> None:
        shown = self.query_one("#research").toggle_talk()
        self.bar("The opener and objection notes show on every card (O folds them)" if shown
                 else "The opener and objection notes are folded (O shows them)")

    def action_copy_script(self) -> None:
        """C: the words on the card to say or send (the break-up message when one is due, the e-mail
        draft on an e-mail step, else the voicemail script) on the clipboard, exactly as shown."""
        card = self.card_shown
        if card is None or card.prospect.id != self.selected or not (card.breakup_message or card.email or card.script):
            self.bar("Nothing to copy on this card: no voicemail script, e-mail draft or break-up message.", "error")
            return
        what, text = (("break-up message", card.breakup_message) if card.breakup_message
                      else ("e-mail draft", card.email.text) if card.email
                      else ("voicemail script", card.script.text))
        self.app.copy_to_clipboard(text)
        self.bar(f"Copied the {what} for {card.prospect.name}")

    def action_copy_phone(self) -> None:
        item = self.item(self.selected)
        if item is None or not item.prospect.phone:
            self.bar("No number to copy: research one (w marks a wrong number).", "error")
            return
        number = item.prospect.phone.split(";")[0]
        self.app.copy_to_clipboard(number)
        self.bar(f"Copied {item.prospect.name}'s number {number}")

    def action_dial(self) -> None:
        item = self.item(self.selected)
        if item is None or not item.prospect.phone:
            self.notify("No number to dial.", severity="warning")
            return
        # The talk timer runs from here to this prospect's outcome key (kept as talk_seconds).
        self.dialled = (item.prospect.id, self.clock())
        self.show_talk_timer()
        template = self.config.dial_command
        if template:
            self.run_dialler(dialler.argv_for(template, item.prospect.phone), item.prospect.phone)
        else:
            self.open_tel(item.prospect.phone.replace(";ext=", ","))

    @work(thread=True, group="dial", exit_on_error=False)
    def run_dialler(self, argv: list[str], phone: str) -> None:
        """The book's dial_command, started and left running; says whether it really started."""
        number = dialler.split(phone)[0]
        why = dialler.start(argv)
        program = argv[0]
        if why is None:
            self.post_message(Noted(f"Dialling {number} with {program}"))
        else:
            self.post_message(Noted(f"dial_command {program} {why}; the number is {number}, p copies it",
                                    warning=True))

    def talk_seconds(self, pid: str) -> float | None:
        """Seconds since `t` on this prospect (None when it was not dialled from here); the timer stops."""
        if self.dialled is None or self.dialled[0] != pid:
            return None
        seconds = max(0.0, (self.clock() - self.dialled[1]).total_seconds())
        self.dialled = None
        self.show_talk_timer()
        return seconds

    def show_talk_timer(self) -> None:
        """'on the call 1:42' under the card of the prospect dialled, while the call runs."""
        pane = self.query_one("#research")
        if self.dialled is None or self.dialled[0] != self.selected:
            pane.border_subtitle = ""
            return
        seconds = int(max(0.0, (self.clock() - self.dialled[1]).total_seconds()))
        pane.border_subtitle = f"on the call {seconds // 60}:{seconds % 60:02d}"

    def open_tel(self, number: str) -> None:
        self.open_link(f"tel:{number}", f"Opened tel:{number} in your phone app",
                       f"No app on this computer opens tel: links; the number is {number}, p copies it")

    @work(thread=True, group="links", exit_on_error=False)
    def open_link(self, url: str, opened_text: str, failed_text: str) -> None:
        """Say what really happened: an app took the link (tel:, mailto:), or nothing here opens it."""
        import webbrowser

        try:
            opened = webbrowser.open(url)
        except webbrowser.Error:
            opened = False
        self.post_message(Noted(opened_text if opened else failed_text, warning=not opened))

    def action_first(self) -> None:
        self.action_move(-MAX_STEP)

    def action_last(self) -> None:
        self.action_move(MAX_STEP)

    def action_page(self, pages: int) -> None:
        table = self.focused_table()
        rows = max(1, table.scrollable_content_region.height - table.header_height)
        self.action_move(pages * rows)

    def check_block_end(self, block=None) -> None:
        """The block's recap once it is over (time up, target reached), once per block."""
        block = block or self.block
        if block is None or block.id in self.recapped:
            return
        why = block_mod.finished(block, self.tally, self.clock())
        if why is not None:
            self.show_recap(block, why)

    def show_recap(self, block, why: str, then=None) -> None:
        self.recapped.add(block.id)
        self.app.push_screen(RecapScreen(block, self.tally, self.clock(), why), then)

    def action_start_block(self) -> None:
        block = self.block
        if block is None or block_mod.finished(block, self.tally, self.clock()) is not None:
            self.ask_block()
            return
        question = f"A block is running: {block_mod.running(block, self.tally, self.clock())}. End it and start a new one?"
        self.app.push_screen(ChoiceScreen(question, [("enter", "end it")]),
                             lambda picked: picked is not None and self.show_recap(block, "ended early",
                                                                                   lambda _: self.ask_block()))

    def ask_block(self) -> None:
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
        self.post_message(Said(f"Block started: {dials} dials in {minutes} min"))
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
            self.bar("No break-ups waiting: nobody has run out of attempts today.")
            return
        self.app.push_screen(BreakupScreen(items, lambda pid, months: self.log_outcome(
            pid, "break-up", {"months": months}, move=False), self.rules.templates, self.config.rep(),
            self.rules.nurture_months, history_of=self.book.history))

    def action_edit_research(self) -> None:
        item = self.item(self.selected)
        if item is None:
            return
        p = item.prospect
        values = self.pending.values if self.pending and self.pending.kind == f"research:{p.id}" else {}
        fields = [(key, FORM_LABELS.get(key, label), values.get(key, getattr(p.research, key)))
                  for key, label in RESEARCH_FIELDS]
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
        self.post_message(Said(f"Research saved for {self.book.get(pid).name}"))
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
        self.post_message(Said(f"Added {prospect.name} → {self.next_words(prospect)}"))
        self.post_message(self.snapshot())

    def next_words(self, p) -> str:
        """'call now', 'research Tue 10:00 their time': the new prospect's first step."""
        step = p.next_step
        if step is None:
            return p.status
        if step.due <= self.clock():
            return f"{step.channel} now"
        local = self.rules.calendar.local(step.due, p.tz)
        return f"{step.channel} {local:%a %H:%M} their time"

    def away(self, start: date, end: date) -> None:
        self.desk.run(lambda: self.away_worker(start, end))

    def away_worker(self, start: date, end: date) -> None:
        try:
            plan = actions.away(self.book, self.rules, start, end)
        except (StorageError, actions.InputError, config_mod.ConfigError) as exc:
            self.post_message(Failed(f"Away days not applied — {exc}"))
            return
        kept = f"; {len(plan.kept)} agreed times kept (move them yourself)" if plan.kept else ""
        self.post_message(Said(f"Away {start:%a %d %b} to {end:%a %d %b}: "
                               f"{count(len(plan.moved), 'step')} moved past it{kept}"))
        config = config_mod.load(self.book.folder)  # the days off now in the settings count from the next key
        self.config, self.rules = config, config.rules()
        self.post_message(self.snapshot())
