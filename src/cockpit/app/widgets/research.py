"""Pre-call research: contact lines, local time, the e-mail draft, the voicemail script, the opener and
objection notes, the research form, history."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...engine.card import Card
from ...engine.rep import missing_line
from ...engine.text import count, visible, visible_lines
from .redraw import scroll_range_changed


class ResearchPane(ScrollView, can_focus=True):
    """Renders a Card, what this call needs first (who, number, their time, why now, the script), then
    the rest (other contact lines, the research form, history). Tab focuses it; ↑/↓, PageUp/PageDown,
    Home/End scroll it; the outcome keys still reach the screen. `i` on the main screen edits the form.

    Every key shows another card, of another height. In a scroll container that is a layout pass, and a
    layout pass repaints every pane (about a third of a key's time at 10k prospects). So the card is
    rendered here into lines once, drawn line by line (the line API), and only how far it scrolls
    changes: the pane keeps its size, its scrollbar gutter is always there (overflow-y: scroll), and
    nothing else on the screen is laid out or drawn again.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.border_title = "Research"
        self.shown_id: str | None = None  # whose card: another prospect's starts from the top
        self.content: RenderableType = Text("")  # what the pane shows, as one renderable
        self.lines: list[Strip] = []  # `content` rendered at `rendered_width`
        self.rendered_width = 0
        self.rendered_style = None  # the pane's style the lines were drawn in (a theme changes it)
        self.card: Card | None = None
        self.talk_open: bool | None = None  # the opener and objection notes (O); None: open on a tall screen

    def colour(self, name: str) -> str:
        return self.app.theme_variables.get(name, "")

    def set_content(self, content: RenderableType) -> None:
        self.content = content
        self.render_content()

    def render_content(self) -> None:
        width = self.scrollable_content_region.width
        self.rendered_width = width
        if width <= 0:
            self.lines = []  # not laid out yet: on_resize renders it
            return
        console, style = self.app.console, self.rich_style
        options = console.options.update_width(width)
        # Styled and padded to the width once here, so drawing a line is a lookup.
        self.lines = [Strip(line).crop_extend(0, width, None).apply_style(style)
                      for line in console.render_lines(self.content, options, pad=False)]
        self.rendered_style = style
        size = Size(width, len(self.lines))
        if size != self.virtual_size:
            scroll_range_changed(self, size)  # the pane's own size is unchanged: no layout pass (see above)
        self.refresh()

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self.rendered_width:
            self.render_content()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self.rendered_width or self.rich_style != self.rendered_style:
            self.render_content()  # a new width or theme (focus changes the border only)
        n = self.scroll_offset.y + y
        if n >= len(self.lines):
            return Strip.blank(width, self.rich_style)
        return self.lines[n]

    TALL = 32  # rows from which the opener and the objection notes show unfolded

    def talk_shown(self) -> bool:
        return self.talk_open if self.talk_open is not None else self.app.size.height >= self.TALL

    def toggle_talk(self) -> bool:
        """O: fold or unfold the opener and the objection notes; True when they now show."""
        self.talk_open = not self.talk_shown()
        if self.card is not None:
            self.show(self.card)
        return self.talk_open

    def show(self, card: Card | None, empty_text: str = "") -> None:
        self.card = card
        if card is None:
            self.border_title = "Research"
            self.set_content(Text(empty_text or "Select a prospect.", style=self.colour("muted")))
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
        if card.email is not None:
            draft = Text("E-mail draft (e to send, C copies)\n", style="bold")
            draft.append("Subject: ", style=muted).append(visible(card.email.subject) + "\n")
            draft.append(visible_lines(card.email.body))
            parts.append(draft)
        if card.script is not None:
            script = Text("Voicemail ", style="bold")
            flag = card.script.flag
            script.append(f"({card.script.seconds:.0f} s{', ' + flag.split(':')[0] if flag else ''})\n",
                          style=warn if flag else muted)
            script.append(visible(card.script.text))
            if card.script.missing:  # never papered over: the rep is told what the script leaves out
                script.append(f"\n{missing_line(card.script.missing)}", style=warn)
            if "call back" in card.script.dropped:
                script.append("\n(your number is left out to keep it under 14 s)", style=muted)
            parts.append(script)
        if card.opener:
            parts.append(self.talk(card, muted))
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
        self.set_content(Group(*parts))

    def talk(self, card: Card, muted: str) -> RenderableType:
        """If they pick up: the step's opener and answers to the objections reps hear (folded: one line)."""
        if not self.talk_shown():
            notes = f" and {count(len(card.objections), 'objection note', 'objection notes')}" if card.objections else ""
            return Text("If they pick up: ", style="bold").append(f"O shows the opener{notes}", style=muted)
        talk: list[RenderableType] = [Text("If they pick up (O folds)\n", style="bold").append(visible(card.opener))]
        for note in card.objections:  # what they say on a line of its own, the answer indented under it
            talk += [Text(f"“{visible(note.heard)}”", style=f"bold {muted}"), Padding(Text(visible(note.say)), (0, 0, 0, 2))]
        return Group(*talk)
