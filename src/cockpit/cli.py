"""The command line: `cockpit` opens the cockpit; subcommands serve scripts and shell users.

Every error is one line on stderr: exit 2 for bad input (argument, id, outcome, date, an
outcome the prospect's state refuses), exit 1 for a storage problem. Never a traceback.
The TUI (and so Textual) is imported only when the cockpit is opened.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import __version__
from .commands import registry
from .commands.base import Context, UsageError, VisibleOnly
from .engine.text import clean


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one clear line and exit 2, not the usage block."""

    def error(self, message: str):  # noqa: D401 - argparse's hook
        hint = f"; see `{self.prog} --help`"
        raise UsageError(f"{message}{hint}")

    def parse_args(self, args=None, namespace=None):
        """As argparse, but an argument the subcommand does not take points at that subcommand's --help."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            subs = [a for a in self._actions if isinstance(a, argparse._SubParsersAction)]
            command = getattr(parsed, "command", None)
            parser = subs[0].choices.get(command, self) if subs and command else self
            parser.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed


def build_parser() -> OneLineParser:
    parser = OneLineParser(prog="cockpit", description="A terminal cockpit for the rep who prospects by phone.")
    parser.add_argument("--version", action="version", version=f"cockpit {__version__}")
    parser.add_argument("--book", metavar="DIR", help="the book folder (default: $COCKPIT_HOME or your data dir)")
    parser.add_argument("--demo", action="store_true", help="open a freshly generated demo book (yours is untouched)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    for module in registry():
        module.register(sub)
    return parser


def screen_only(argv: list[str]) -> argparse.Namespace | None:
    """`cockpit [--book DIR] [--demo]`: the arguments of the screen alone, read without importing
    every subcommand; None for anything else (a subcommand, --help, --version, a mistake)."""
    quick = OneLineParser(add_help=False)
    quick.add_argument("--book", help=argparse.SUPPRESS)
    quick.add_argument("--demo", action="store_true", help=argparse.SUPPRESS)
    try:
        args, extras = quick.parse_known_args(argv)
    except UsageError:  # --book without its folder: the full parser says so in one line
        return None
    return None if extras else args


def main(argv: list[str] | None = None) -> int:
    from .config import ConfigError
    from .storage import StorageError

    argv = sys.argv[1:] if argv is None else argv
    streams = sys.stdout, sys.stderr
    try:
        args = screen_only(argv)
        if args is None:
            args = build_parser().parse_args(argv)
        else:
            args.command = None
        _refuse_undecodable(args)
        ctx = Context(book_arg=args.book)
        if args.command is None:
            from .commands.tui import open_cockpit

            return open_cockpit(ctx, demo=args.demo)
        # What a command prints carries names and notes from web forms and CRM files: visible text only.
        sys.stdout, sys.stderr = VisibleOnly(streams[0]), VisibleOnly(streams[1])
        return args.run(args, ctx) or 0
    except UsageError as exc:
        return _fail(str(exc), 2)
    except ConfigError as exc:
        return _fail(str(exc), 2)
    except StorageError as exc:
        return _fail(str(exc), 1)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last guard: one line, never a traceback (COCKPIT_DEBUG=1 shows it)
        if os.environ.get("COCKPIT_DEBUG"):
            raise
        return _fail(f"unexpected error: {type(exc).__name__}: {exc} (set COCKPIT_DEBUG=1 for details)", 1)
    finally:
        sys.stdout, sys.stderr = streams


# Paths are the file system's bytes, UTF-8 or not: they are opened, never stored.
PATH_ARGUMENTS = frozenset({"book", "files", "out"})


def _refuse_undecodable(args: argparse.Namespace) -> None:
    """An argument whose bytes are not UTF-8 (a name pasted from a Latin-1 file) arrives with lone
    surrogates; stored, it could never be written out again. Refuse it at the door."""
    values = [v for key, v in vars(args).items() if key not in PATH_ARGUMENTS]
    texts = [x for v in values for x in (v if isinstance(v, list) else [v]) if isinstance(x, str)]
    for arg in texts:
        if any("\udc80" <= ch <= "\udcff" for ch in arg):
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            raise UsageError(f"{clean(shown)!r} is not UTF-8 text; save the file or set the terminal as UTF-8 "
                             "and type it again")


def _fail(message: str, code: int) -> int:
    print(f"cockpit: {clean(message)}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
