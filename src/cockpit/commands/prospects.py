"""add, log, undo, show: one prospect at a time."""

from __future__ import annotations

from .. import actions
from ..engine import card as card_mod
from ..engine import outcomes as engine
from ..engine.calendar import UnknownZone
from ..engine.card import local_time
from ..engine.location import location_of
from ..engine.meetings import as_of
from ..engine.rep import missing_line
from ..engine.schedule import describe_step
from ..engine.text import IN_A_LINE, count, visible
from ..engine.when import split_agreed
from ..model import LEAD_TYPES, LOST_REASONS, TAGS
from .base import UsageError, print_json, prospect_json, public_activity, say, step_json, warn

WHO = "the prospect: an id, its first 3+ characters, a whole name, an e-mail or a phone number"


def register(sub) -> None:
    add = sub.add_parser("add", help="add a prospect; prints its id")
    add.add_argument("name", help="their name, as you would greet them")
    add.add_argument("--company", required=True, help="where they work")
    add.add_argument("--phone", action="append", default=[], help="repeat for more numbers")
    add.add_argument("--email", default="", help="name@company.com")
    add.add_argument("--title", default="", help="their job title")
    add.add_argument("--tz", default="", help="IANA zone; default: from the phone number, else yours")
    add.add_argument("--lead-type", default="cold", choices=LEAD_TYPES, help="web: speed to lead, called first")
    add.add_argument("--source", default="", help="where the lead came from, e.g. website, referral")
    add.add_argument("--tag", default="prospect", choices=TAGS, help="a client or a partner gets their own cadence and words")
    add.add_argument("--allow-duplicate", action="store_true",
                     help="add even when the book has the same email, phone, or name and company "
                          "(never a do-not-contact person)")
    add.add_argument("--json", action="store_true", help="print JSON (for scripts) instead of text")
    add.set_defaults(run=run_add)

    edit = sub.add_parser("edit", help="fix a prospect's record: name, company, numbers, zone, tag, lead type; "
                                         "undo takes it back")
    edit.add_argument("id", help=WHO)
    edit.add_argument("--name", default=None, help="their name, as you would greet them")
    edit.add_argument("--company", default=None, help="where they work")
    edit.add_argument("--title", default=None, help="their job title (\"\" clears it)")
    edit.add_argument("--email", default=None, help="name@company.com (\"\" clears it)")
    edit.add_argument("--phone", action="append", default=None,
                      help="their working numbers in order, repeat for more: the first is dialled "
                           "(numbers marked wrong are kept, still wrong)")
    edit.add_argument("--add-phone", action="append", default=[], help="one more working number; repeat for more")
    edit.add_argument("--wrong-phone", action="append", default=[], help="mark one of their numbers wrong; repeatable")
    edit.add_argument("--tz", default=None, help="IANA zone, e.g. America/Chicago (\"\": from the number)")
    edit.add_argument("--tag", default=None, choices=TAGS, help="a client or a partner gets their own cadence and words")
    edit.add_argument("--lead-type", default=None, choices=LEAD_TYPES,
                      help="another cadence starts at step 1; an agreed time is kept")
    edit.add_argument("--allow-duplicate", action="store_true",
                      help="change even when another prospect has that number or e-mail (never a do-not-contact one)")
    edit.add_argument("--json", action="store_true", help="print JSON (for scripts) instead of text")
    edit.set_defaults(run=run_edit)

    log = sub.add_parser("log", help="log an outcome; schedules the next step")
    log.add_argument("id", help=WHO)
    log.add_argument("outcome", help="a name or key: " + ", ".join(f"{n} ({k})" for n, k in engine.OUTCOMES.items()))
    log.add_argument("--note", default="", help="what was said; who the gatekeeper named; for connected, end it with "
                     "'@ thu 3pm' for a time you agreed (as --when)")
    log.add_argument("--reason", default="", help="for not-interested: " + ", ".join(LOST_REASONS))
    log.add_argument("--when", default=None, help='"tomorrow 3pm", "+2d", "next tue 10:00", ISO')
    log.add_argument("--months", type=int, default=None, choices=(6, 12, 18), help="re-contact after a no or a break-up (default 6)")
    log.add_argument("--json", action="store_true", help="print JSON (for scripts) instead of text")
    log.set_defaults(run=run_log)

    undo = sub.add_parser("undo", help="revert the last logged outcome")
    undo.add_argument("--json", action="store_true", help="print JSON (for scripts) instead of text")
    undo.set_defaults(run=run_undo)

    show = sub.add_parser("show", help="a prospect, its next step and its full history")
    show.add_argument("id", help=WHO)
    show.add_argument("--json", action="store_true", help="print JSON (for scripts) instead of text")
    show.set_defaults(run=run_show)


def run_add(args, ctx) -> int:
    try:
        prospect = actions.build_prospect(
            ctx.rules, ctx.now, name=args.name, company=args.company, phones=args.phone, email=args.email,
            title=args.title, tz=args.tz, lead_type=args.lead_type, source=args.source, tag=args.tag)
        actions.add(ctx.book, prospect, allow_duplicate=args.allow_duplicate)
    except actions.DuplicateProspect as exc:
        raise UsageError(f"{exc} (--allow-duplicate adds them anyway)") from None
    except actions.InputError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print_json({"id": prospect.id, "next_step": step_json(prospect.next_step, prospect.tz, ctx.rules)})
    else:
        say(prospect.id)
    return 0


def edit_changes(args) -> dict:
    """The changes `cockpit edit` was given, as engine/edits.py takes them (only what was given)."""
    changes = {key: getattr(args, key) for key in ("name", "company", "title", "email", "tz", "tag", "lead_type")
               if getattr(args, key) is not None}
    if args.phone is not None:
        changes["phones"] = args.phone
    if args.add_phone:
        changes["add_phones"] = args.add_phone
    if args.wrong_phone:
        changes["wrong_phones"] = args.wrong_phone
    return changes


def run_edit(args, ctx) -> int:
    changes = edit_changes(args)
    if not changes:
        raise UsageError("nothing to change: give --name, --company, --title, --email, --phone, --add-phone, "
                         "--wrong-phone, --tz, --tag or --lead-type")
    prospect = ctx.prospect(args.id)
    try:
        result = actions.edit(ctx.book, ctx.rules, prospect.id, changes, ctx.now, allow_duplicate=args.allow_duplicate)
    except actions.DuplicateProspect as exc:
        raise UsageError(f"{exc} (--allow-duplicate changes it anyway)") from None
    except actions.InputError as exc:
        raise UsageError(str(exc)) from None
    updated = result.prospect
    if args.json:
        print_json({"prospect": prospect_json(updated, ctx.rules), "activity": public_activity(result.activity),
                    "next_step": step_json(updated.next_step, updated.tz, ctx.rules)})
    else:
        say(visible(result.summary))
    return 0


def run_log(args, ctx) -> int:
    try:
        outcome = engine.outcome_name(args.outcome)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    # An option the outcome would ignore is refused: a script must not believe an agreed time was kept.
    if args.when is not None and outcome not in ("connected", "meeting", "callback", "snooze"):
        raise UsageError(f"--when is only for connected, meeting and callback (a time agreed with them) "
                         f"and snooze; "
                         f"{outcome} schedules its own next step")
    if args.months is not None and outcome not in ("not-interested", "break-up"):
        raise UsageError(f"--months is only for not-interested and break-up (the re-contact); "
                         f"{outcome} schedules its own next step")
    if args.reason and outcome != "not-interested":
        raise UsageError(f"--reason is only for not-interested (why they said no); {outcome} keeps no reason")
    prospect = ctx.prospect(args.id)
    if outcome == "connected":  # "wants pricing @ thu 3pm", as the screen's prompt takes it
        note, agreed = split_agreed(args.note)
        if agreed and args.when is not None:
            raise UsageError("give the agreed time once: --when, or '@ thu 3pm' at the end of --note")
        if agreed:
            args.note, args.when = note, agreed
    try:
        when = actions.parse_when(args.when, ctx.now, prospect.tz) if args.when else None
    except actions.InputError as exc:
        raise UsageError(f"--when: {exc}") from None
    except OverflowError:
        raise UsageError(f"--when {args.when!r} is too far from now; give a time within the coming years") from None
    try:
        result = actions.log(ctx.book, ctx.rules, prospect.id, outcome, ctx.now, note=args.note,
                             reason=args.reason, when=when, months=args.months)
    except (actions.InputError, engine.OutcomeRefused, engine.MissingDetail) as exc:
        raise UsageError(str(exc)) from None
    except OverflowError:
        if args.when is None:
            raise
        raise UsageError(f"--when {args.when!r} is too far from now; give a time within the coming years") from None
    # actions.log returned: the outcome is durable before we say "logged".
    if result.warning:
        warn(result.warning)
    if args.json:
        print_json({"prospect": prospect_json(result.prospect, ctx.rules),
                    "activity": public_activity(result.activity),
                    "next_step": step_json(result.next_step, result.prospect.tz, ctx.rules)})
    elif outcome in engine.NOT_CALLS:  # "Snoozed Dana Reyes → …" names them already
        say(result.summary.replace(result.prospect.name, visible(result.prospect.name, IN_A_LINE), 1))
    else:
        say(f"{visible(result.prospect.name, IN_A_LINE)}: {result.summary}")
    return 0


def run_undo(args, ctx) -> int:
    undone = actions.undo_last(ctx.book)
    if undone is None:
        raise UsageError("nothing to undo: no outcome has been logged in this book")
    activity, restored = undone
    if args.json:
        print_json({"undone": public_activity(activity), "prospect": prospect_json(restored, ctx.rules),
                    "next_step": step_json(restored.next_step, restored.tz, ctx.rules)})
    else:
        say(f"Undid {activity.outcome} for {visible(restored.name, IN_A_LINE)} → {describe_step(restored, restored.next_step, ctx.rules, ctx.now)}")
    return 0


def run_show(args, ctx) -> int:
    p = as_of(ctx.prospect(args.id), ctx.now, ctx.rules)  # as today's list shows it
    history = ctx.book.history(p.id)[::-1]  # newest first, as the screen's card shows it
    try:
        shown = card_mod.build(p, history[::-1], ctx.now, ctx.rules, rep=ctx.config.rep())  # what the screen's card says
    except UnknownZone:
        shown = None  # a record from before zones were kept: its card waits for `cockpit edit ID --tz`
    script = shown.script if shown is not None else None
    breakup_message = shown.breakup_message if shown is not None else ""
    if args.json:
        data = {"prospect": prospect_json(p, ctx.rules), "next_step": step_json(p.next_step, p.tz, ctx.rules),
                "history": [public_activity(a) for a in history]}
        if script is not None:
            data["voicemail"] = {"text": script.text, "seconds": script.seconds,
                                 "promise": step_json(script.promise, p.tz, ctx.rules),
                                 "missing": list(script.missing), "dropped": list(script.dropped)}
        if breakup_message:
            data["breakup_message"] = breakup_message
        if shown is not None and shown.email is not None:
            data["email"] = {"to": shown.email.to, "subject": shown.email.subject, "body": shown.email.body}
        if shown is not None and shown.opener:
            data["opener"] = shown.opener
            data["objections"] = [{"heard": o.heard, "say": o.say} for o in shown.objections]
        print_json(data)
        return 0
    cal = ctx.rules.calendar
    say(f"{p.name} — {p.title + ', ' if p.title else ''}{p.company}  [{p.id}]")
    say(f"  {p.status}, {p.lead_type} lead, {p.tag}, cadence {p.cadence}; their time {local_time(location_of(p), ctx.now)}")
    for phone in p.phones:
        say(f"  phone {phone}{'  (wrong number)' if phone in p.bad_phones else ''}")
    if p.email:
        say(f"  email {p.email}")
    say(f"  next: {describe_step(p, p.next_step, ctx.rules, ctx.now)}" + (f" — {p.next_step.reason}" if p.next_step else ""))
    if script is not None:
        say(f"  voicemail ({script.seconds:.0f} s{', ' + script.flag.split(':')[0] if script.flag else ''}): {script.text}")
        if script.missing:
            say(f"  {missing_line(script.missing)}")
    if breakup_message:
        say("  break-up message: " + breakup_message.replace("\n", " / "))
    if shown is not None and shown.email is not None:
        say(f"  e-mail draft: Subject: {shown.email.subject} / " + shown.email.body.replace("\n\n", " / ").replace("\n", " / "))
    if shown is not None and shown.opener:
        say(f"  opener: {shown.opener}")
    if history:
        touches = sum(a.outcome not in engine.NOT_CALLS for a in history)  # notes and snoozes are no touch
        say(f"  history ({count(touches, 'touch', 'touches')}, newest first, your time):")
    for a in history:
        moved = f"to {cal.local(a.when, ctx.rules.rep_tz):%a %d %b %H:%M}" if a.outcome == "snooze" and a.when else ""
        extra = " ".join(x for x in (moved, a.reason, a.note) if x)
        say(f"  {cal.local(a.at, ctx.rules.rep_tz):%Y-%m-%d %H:%M}  {a.outcome:<15} {extra}".rstrip())
    return 0
