"""Pre-call research: contact lines, local time, the research form, the voicemail script, history."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...engine.card import Card
from ...engine.text import count, visible, visible_lines
from .redraw import update_in_place


class ResearchPane(VerticalScroll):
    """Renders a Card, what this call needs first (who, number, their time, why now, the script), then
    the rest (other contact lines, the research form, history). Tab focuses it; ↑/↓, PageUp/PageDown,
    Home/End scroll it; the outcome keys still reach the screen. `i` on the main screen edits the form."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.border_title = "Research"
        self.shown_id: str | None = None  # whose card: another prospect's starts from the top

    def compose(self):
        yield Static(id="research-body")

    def colour(self, name: str) -> str:
        return self.app.theme_variables.get(name, "")

    def show(self, card: Card | None, empty_text: str = "") -> None:
        body = self.query_one("#research-body", Static)
        if card is None:
            self.border_title = "Research"
            body.update(Text(empty_text or "Select a prospect.", style=self.colour("muted")))
            return
        p = card.prospect
        if self.scroll_y and p.id != self.shown_id:
            self.scroll_home(animate=False)  # another prospect: their card from the top
        self.shown_id = p.id
        # Names and notes are data (web forms, CRM files): plain Text, one line each, never markup.
        self.border_title = Text(visible(f"{p.name} — {p.company}" if p.company else p.name))
        warn, muted = self.colour("warning"), self.colour("muted")
        parts: list = []
        head = Text()
        if p.title:
            head.append(f"{visible(p.title)}\n")
        phones = [(label, value) for label, value in card.contact if label == "phone"]
        rest = [(label, value) for label, value in card.contact if label != "phone"]
        for label, value in phones[:1]:
            head.append(f"{label:<7}", style=muted).append(f"{visible(value)}\n")
        head.append("theirs ", style=muted).append(card.local_time)
        if not card.callable_now:
            head.append("  outside calling hours", style=warn)
        head.append("\nwhy    ", style=muted).append(visible(card.why))
        head.append("\nnext   ", style=muted).append(visible(card.next_step))
        parts.append(head)
        if card.script is not None:
            script = Text("Voicemail ", style="bold")
            flag = card.script.flag
            script.append(f"({card.script.seconds:.0f} s{', ' + flag.split(':')[0] if flag else ''})\n",
                          style=warn if flag else muted)
            script.append(visible(card.script.text))
            parts.append(script)
        if card.breakup_message:
            parts.append(Text("Break-up message (b to send)\n", style="bold").append(visible_lines(card.breakup_message)))
        more = Text("\n")
        if card.missing_research:
            more.append("No research yet: press i before you dial.\n", style=f"bold {warn}")
        for label, value in phones[1:] + rest:
            more.append(f"{label:<7}", style=muted).append(f"{visible(value)}\n")
        parts.append(more)
        research = Text()
        for label, value in card.research:
            research.append(f"{label}: ", style=f"bold {muted}").append(f"{visible(value) or '—'}\n")
        parts.append(research)
        history = Text(f"\nHistory, your time ({count(card.touches, 'touch', 'touches')})\n", style="bold")
        for line in card.history:
            history.append(visible(line) + "\n", style="")
        parts.append(history)
        update_in_place(body, Group(*parts))
