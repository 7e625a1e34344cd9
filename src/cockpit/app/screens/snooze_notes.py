"""MainScreen's z, N and '.': move a step without counting a touch, and notes on a prospect.

Both are written as activities with `before` through the desk, like every outcome: in key order,
predicted before they are written, and `u` takes them back."""

from __future__ import annotations

from ... import actions
from ...engine import snooze
from ...engine.outcomes import NOT_CALLS
from ..widgets.outcome_bar import OutcomeBar
from .note import NoteScreen
from .prompt import ChoiceScreen, PromptScreen

NOTE_HINT = "  · . note"  # after an outcome, when the bar has room: '.' adds a note to it


class SnoozeAndNotes:
    def ask_snooze(self, pid: str, p) -> None:
        """z: later today, tomorrow, next week (their time, inside their window), or a time typed."""
        if p.next_step is None:
            self.bar(f"{p.name} has no next step to snooze.", "error")
            return
        now = self.clock()
        picks = snooze.choices(p, now, self.rules)
        today = self.rules.calendar.local(now, p.tz).date()

        def shown(key: str) -> str:
            local = self.rules.calendar.local(picks[key], p.tz)
            return f"{local:%H:%M}" if local.date() == today else f"{local:%a %d %b %H:%M}"

        first = "later today" if self.rules.calendar.local(picks["1"], p.tz).date() == today else "next opening"
        choices = [("1", f"{first} {shown('1')}"), ("2", f"tomorrow {shown('2')}"),
                   ("3", f"next week {shown('3')}"), ("4", "a time…")]
        self.app.push_screen(ChoiceScreen(f"Snooze {p.name}'s {p.next_step.channel} until (their time):", choices),
                             lambda picked: picked is not None and self.after_snooze(pid, p, picked[0]))

    def after_snooze(self, pid: str, p, key: str) -> None:
        if key == "4":
            self.app.push_screen(PromptScreen(f"Snooze {p.name} to when? (their time)", "thu 3pm · tomorrow 10:00 · +2d",
                                              self.check_when(p)),
                                 lambda text: text is not None and self.submit(
                                     pid, "snooze", when=actions.parse_when(text, self.clock(), p.tz)))
            return
        # Picked again on the clock of the key: a prompt left open a while must not snooze into the past.
        self.submit(pid, "snooze", when=snooze.choices(p, self.clock(), self.rules)[key])

    def action_note(self) -> None:
        """N: a note on the selected prospect; the cursor stays on them."""
        pid = self.selected
        p = self.desk.prospect(pid)
        if pid is None or p is None:
            self.bar("Select a prospect first (↑/↓).", "error")
            return
        self.open_note(pid, p.name)

    def action_note_last(self) -> None:
        """'.': a note on the prospect of the last outcome key (the cursor has moved on from them)."""
        last = self.desk.last_logged
        if last is None:
            self.bar("Press . right after an outcome to add a note to it.", "error")
            return
        self.open_note(*last)

    def open_note(self, pid: str, name: str) -> None:
        def saved(text: str | None) -> None:
            if text is None:
                self.bar(f"Note for {name} cancelled: nothing kept.")
            elif not text:
                self.bar(f"Empty note for {name}: nothing saved.", "error")
            else:
                self.log_outcome(pid, "note", {"note": text}, move=False)

        self.app.push_screen(NoteScreen(name), saved)

    def with_note_hint(self, text: str, outcome: str) -> str:
        """The result of an outcome key, with '· . note' when the bar has room for it."""
        room = self.query_one("#outcome-bar", OutcomeBar).content_size.width
        return text + NOTE_HINT if outcome not in NOT_CALLS and len(text) + len(NOTE_HINT) <= room else text

