"""Asking before logging: the one-line prompts behind c, m, l, g, x, b, e, d and D."""

from __future__ import annotations

from ... import actions
from ...engine import words
from ...engine.breakup import message as breakup_message
from ...engine.outcomes import LABELS
from ...engine.when import split_agreed
from .prompt import ChoiceScreen, PromptScreen

REASON_KEYS = [("p", "price"), ("t", "timing"), ("b", "budget"), ("v", "vendor"), ("n", "no-need"), ("o", "other")]


class OutcomePrompts:
    """MainScreen's outcome keys: ask what an outcome needs (one line), then hand it to `submit`."""

    def action_outcome(self, outcome: str) -> None:
        if self.desk.refuse_at_end() is not None:  # the end of the list, logged: ask nothing (the bar says why)
            return
        pid = self.selected
        item = self.item(pid)
        if pid is None or item is None:
            self.bar("Select a prospect first (↑/↓).", "error")
            return
        p = item.prospect
        if outcome == "connected":
            self.app.push_screen(PromptScreen(f"Connected with {p.name}: note (add '@ thu 3pm' for an agreed time)",
                                              "what was said", self.check_note(p)),
                                 lambda text: text is not None and self.submit_note(pid, text))
        elif outcome in ("meeting", "callback"):
            question = "Meeting when? (their time)" if outcome == "meeting" else "Call back when? (their time)"
            self.app.push_screen(PromptScreen(question, "tomorrow 3pm · +2d · next tue 10:00", self.check_when(p)),
                                 lambda text: text is not None and self.submit(
                                     pid, outcome, when=actions.parse_when(text, self.clock(), p.tz)))
        elif outcome == "gatekeeper":
            self.app.push_screen(PromptScreen("Referred to whom?", "name and role"),
                                 lambda text: text is not None and self.submit(pid, outcome, note=text))
        elif outcome == "not-interested":
            self.app.push_screen(ChoiceScreen(f"Why is {p.name} not interested?", REASON_KEYS,
                                              months=self.rules.nurture_months),
                                 lambda picked: picked is not None and self.after_reason(pid, picked))
        elif outcome == "break-up":
            text = breakup_message(p, self.rules.templates, self.config.rep(), self.book.history(pid))
            self.app.push_screen(ChoiceScreen("Send this break-up and move them to nurture?",
                                              [("enter", "send & confirm")], body=text, copy=text,
                                              months=self.rules.nurture_months),
                                 lambda picked: picked is not None and self.submit(pid, outcome, months=picked[1]))
        elif outcome in ("do-not-contact", "dead"):
            warning = ("They will never be called, exported for calling or scheduled again."
                       if outcome == "do-not-contact" else "Closed down or can never buy.")
            self.app.push_screen(ChoiceScreen(f"Mark {p.name} {LABELS[outcome].lower()}? {warning}",
                                              [("enter", "confirm")]),
                                 lambda picked: picked is not None and self.submit(pid, outcome))
        elif outcome == "snooze":  # screens/snooze_notes.py
            self.ask_snooze(pid, p)
        elif outcome == "email":
            self.ask_email(pid, p)
        else:  # one key, nothing to ask: voicemail, no-answer, wrong-number, held, no-show
            self.submit(pid, outcome)

    def ask_email(self, pid: str, p) -> None:
        """e: the step's draft to copy (c) or open in the mail app (o); Enter logs it as sent. Cockpit
        sends nothing itself: the rep's own mail app does, from the rep's own address."""
        draft = words.email_draft(p, self.rules, self.config.rep(), self.book.history(pid))
        fill = " Fill in the [brackets] first." if draft.to_fill else ""
        side = [("o", "opens it in your mail app", lambda: self.open_draft(draft))] if draft.to else []
        to = draft.to or "no address for them yet (E adds one)"
        self.app.push_screen(ChoiceScreen(f"E-mail {p.name}: send it from your mail app, then log it.{fill}",
                                          [("enter", "log it as sent")], body=f"To: {to}\n{draft.text}",
                                          copy=draft.text, side=side),
                             lambda picked: picked is not None and self.submit(pid, "email"))

    def open_draft(self, draft) -> str:
        self.open_link(draft.mailto, f"Opened the e-mail to {draft.to} in your mail app",
                       f"No mail app on this computer opens mailto: links; c copies the draft for {draft.to}")
        return "Opening it in your mail app… send it there, then Enter logs it."

    def check_when(self, p):
        def check(text: str) -> str | None:
            try:
                when = actions.parse_when(text, self.clock(), p.tz)
            except actions.InputError as exc:
                return str(exc)
            return None if when > self.clock() else "that time has already passed; give a time after now"
        return check

    def check_note(self, p):
        def check(text: str) -> str | None:
            _, when = split_agreed(text)
            return self.check_when(p)(when) if when else None
        return check

    def submit_note(self, pid: str, text: str) -> None:
        note, when = split_agreed(text)
        p = self.item(pid).prospect
        agreed = actions.parse_when(when, self.clock(), p.tz) if when else None
        self.submit(pid, "connected", note=note, when=agreed)

    def after_reason(self, pid: str, picked: tuple[str, int]) -> None:
        def said(text: str) -> str | None:  # "other" alone tells the next call nothing
            return None if text.strip() else "type what they said (Esc to go back)"

        reason = dict(REASON_KEYS)[picked[0]]
        months = picked[1]
        if reason == "other":
            self.app.push_screen(PromptScreen("Other reason: what did they say?", "their words", said),
                                 lambda text: text is not None and self.submit(
                                     pid, "not-interested", reason=reason, note=text, months=months))
        else:
            self.submit(pid, "not-interested", reason=reason, months=months)
