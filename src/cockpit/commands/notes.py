"""snooze, note: bookkeeping on one prospect that never counts as a touch."""

from __future__ import annotations

from .. import actions
from ..engine import outcomes as engine
from ..engine.text import IN_A_LINE, visible
from .base import UsageError, print_json, prospect_json, public_activity, say, step_json

WHO = "the prospect: an id, its first 3+ characters, a whole name, an e-mail or a phone number"


def register(sub) -> None:
    snooze = sub.add_parser("snooze", help="move a prospect's next step to a later time; no touch is counted")
    snooze.add_argument("id", help=WHO)
    snooze.add_argument("when", help='their time: "tomorrow 3pm", "+2d", "thu 10:00", "next mon" or an ISO date')
    snooze.add_argument("--json", action="store_true", help="print JSON (for scripts) instead of text")
    snooze.set_defaults(run=run_snooze)

    note = sub.add_parser("note", help="add a note to a prospect's history; nothing else changes")
    note.add_argument("id", help=WHO)
    note.add_argument("text", help="the note, in quotes")
    note.add_argument("--json", action="store_true", help="print JSON (for scripts) instead of text")
    note.set_defaults(run=run_note)


def run_snooze(args, ctx) -> int:
    prospect = ctx.prospect(args.id)
    try:
        when = actions.parse_when(args.when, ctx.now, prospect.tz)
    except actions.InputError as exc:
        raise UsageError(f"WHEN: {exc}") from None
    return _log(args, ctx, prospect, "snooze", when=when)


def run_note(args, ctx) -> int:
    if not args.text.strip():
        raise UsageError('the note is empty; give its text in quotes: cockpit note ID "wants a demo in March"')
    return _log(args, ctx, ctx.prospect(args.id), "note", note=args.text)


def _log(args, ctx, prospect, outcome: str, **details) -> int:
    try:
        result = actions.log(ctx.book, ctx.rules, prospect.id, outcome, ctx.now, **details)
    except (actions.InputError, engine.OutcomeRefused, engine.MissingDetail) as exc:
        raise UsageError(str(exc)) from None
    except OverflowError:
        raise UsageError("that time is too far from now; give a time within the coming years") from None
    if args.json:
        print_json({"prospect": prospect_json(result.prospect, ctx.rules),
                    "activity": public_activity(result.activity),
                    "next_step": step_json(result.next_step, result.prospect.tz, ctx.rules)})
    else:
        # The summary names them (cut to a line: `show` and --json give the whole name).
        say(result.summary.replace(result.prospect.name, visible(result.prospect.name, IN_A_LINE), 1))
    return 0
