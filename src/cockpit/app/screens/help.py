"""Every key, in one place (F1 or ?), built from the keymap itself so it cannot drift.

The lines come from the bindings: the main screen's (with the rep's keymap applied, as the app applies
it), the app's (help, quit, the palette) and the table's Home/End/PageUp/PageDown, each with its
description; a binding added without a description has no line, and tests/app/test_help.py fails.
`MORE` gives a binding a longer line than its Footer word; the legend of the list's flags and name
colours comes last.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

# Longer words for a binding's help line, by binding id (or action); the description otherwise.
MORE = {
    "outcome.undo": "Undo the last logged outcome",
    "cursor.down": "Next prospect (↓ too)",
    "cursor.up": "Previous prospect (↑ too)",
    "cursor.first": "First row of the list",
    "cursor.last": "Last row of the list",
    "cursor.page_up": "A page up the list",
    "cursor.page_down": "A page down the list",
    "block.start": "Start a call block (dials and minutes); asks first if one is running",
    "breakups.open": "Break-up queue",
    "research.edit": "Edit the research form",
    "prospect.add": "Add a prospect",
    "dial.copy": "Copy the number to the clipboard",
    "script.copy": "Copy the words on the card: the break-up message, the e-mail draft or the voicemail script",
    "script.opener": "Show or fold the opener and the objection notes on the card",
    "dial.tel": "Dial: runs your dial_command, else opens a tel: link; the card times the call",
    "queue.why": "Why this prospect is where it is",
    "stats.open": "Stats: when calls connect, attempts, funnel, lost reasons",
    "book.reload": "Reload the book",
    "prospect.edit": "Edit the prospect: name, numbers, e-mail, title, zone, tag, lead type",
    "note.add": "Add a note to this prospect (ctrl+s saves)",
    "note.last": "Note on the prospect you just logged",
    "prospect.find": "Find anyone: name, company, phone, e-mail or id",
    "prospect.back": "Back to the list from someone found with /",
    "app.help": "This help",
    "app.quit": "Quit",
    "quit": "Quit",
    "app.focus_next": "Next pane: today's calls ⇄ overdue follow-ups",
    "app.focus_previous": "Previous pane",
    "command_palette": "Command palette: every action by name, away days, import, theme",
}
SECTIONS = (("Outcomes", "logged at once; the cursor moves to the next prospect who can be called now"),
            ("The list", ""), ("More", ""), ("Anywhere", ""))
FLAGS = (("R", "research missing: i fills it in"),
         ("☾", "outside their calling hours: waits below the callable ones"))
COLOURS = (("bold name", "new web lead: call within 5 minutes"), ("coloured name", "overdue"))
PROMPTS = ("Enter confirms · Escape cancels and changes nothing",
           "Times: 'tomorrow 3pm', '+2d', 'next tue 10:00', 'fri 11am', ISO",
           "Connected note: add '@ thu 3pm' for a time you agreed",
           "Not interested / break-up: 6, 1, 8 pick 6, 12, 18 months",
           "E-mail (e): c copies the draft, o opens it in your mail app, Enter logs it as sent")


def class_bindings(cls) -> list[Binding]:
    """Every binding a node class declares, its own and inherited, as Textual merges them."""
    found: list[Binding] = []
    for base in reversed(cls.__mro__):
        for b in base.__dict__.get("BINDINGS", []):
            found.extend(Binding.make_bindings([b]))
    return found


def lines_of(bindings: list[Binding], keymap: dict[str, str], display) -> list[tuple[str, str, str]]:
    """(section, keys, words) for each binding, its keys as the rep's keymap binds them, one line each
    (a binding on several keys, such as home,ctrl+home, is one line)."""
    mapped = BindingsMap(bindings)
    mapped.apply_keymap(keymap)
    keys: dict[str, list[str]] = {}
    first: dict[str, Binding] = {}
    for key, binding in mapped:
        if binding.system:
            continue
        ident = binding.action  # one line per thing the keys do
        first.setdefault(ident, binding)
        shown = display(Binding(key, binding.action, binding.description, key_display=binding.key_display))
        if shown not in keys.setdefault(ident, []):
            keys[ident].append(shown)
    out = []
    declared = {b.action: n for n, b in reversed(list(enumerate(bindings)))}  # the keymap re-adds what it maps
    for ident, binding in sorted(first.items(), key=lambda pair: declared.get(pair[0], len(declared))):
        words = MORE.get(binding.id or "") or MORE.get(binding.action) or binding.tooltip or binding.description
        if (binding.id or "").startswith("outcome.") and binding.id != "outcome.undo":
            words = binding.description  # the outcome's own name, as the bar and the CLI say it
        out.append((section_of(binding), " / ".join(keys[ident]), words))
    return out


def section_of(binding: Binding) -> str:
    ident = binding.id or ""
    if ident.startswith("outcome."):
        return "Outcomes"
    if ident.startswith("cursor.") or binding.action.startswith("app.focus"):
        return "The list"
    if ident.startswith("app.") or binding.action in ("command_palette", "quit", "help", "screen.copy_text"):
        return "Anywhere"
    return "More"


def help_lines(screen_cls, app, keymap: dict[str, str]) -> list[tuple[str, str, str]]:
    """Every key of the main screen and the app, with its words."""
    palette = [Binding(app.COMMAND_PALETTE_BINDING, "command_palette", "Command palette")] \
        if app.ENABLE_COMMAND_PALETTE else []
    app_bindings = class_bindings(type(app)) + palette
    return lines_of(class_bindings(screen_cls), keymap, app.get_key_display) + \
        lines_of(app_bindings, keymap, app.get_key_display)


def keys_table(lines: list[tuple[str, str, str]], close_keys: str) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold")
    table.add_column()
    table.add_row("", Text(f"{close_keys} closes this help"))
    for section, note in SECTIONS:
        table.add_row("", "")
        table.add_row(Text(section, style="underline"), Text(note))
        for _, keys, words in (line for line in lines if line[0] == section):
            table.add_row(Text(keys), Text(words))
    table.add_row("", "")
    table.add_row(Text("The ! column", style="underline"), "")
    for flag, words in FLAGS:
        table.add_row(Text(flag), Text(words))
    table.add_row(Text("Names", style="underline"), "")
    for colour, words in COLOURS:
        table.add_row(Text(colour), Text(words))
    table.add_row("", "")
    table.add_row(Text("Prompts", style="underline"), Text(PROMPTS[0]))
    for line in PROMPTS[1:]:
        table.add_row("", Text(line))
    return table


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background 50%; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 90; height: 90%; background: $panel;
        border: tall $accent; padding: 0 1; }
    """
    BINDINGS = [Binding("escape,q,f1,question_mark", "close", "Close", id="help.close")]

    def __init__(self, lines: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys · Escape closes"
            yield Static(keys_table(self.lines, "Escape (or q, F1, ?)"))

    def action_close(self) -> None:
        self.dismiss(None)
