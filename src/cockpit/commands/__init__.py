"""The subcommands, one module per area; each module has register(subparsers).

They are imported when the command line is parsed in full, not when `cockpit` opens the screen:
the cockpit's first frame should not wait for the import, export and stats commands.
"""

from __future__ import annotations

from importlib import import_module

MODULES = ("prospects", "notes", "agenda", "book", "stats", "exchange")


def registry() -> list:
    return [import_module(f"{__name__}.{name}") for name in MODULES]
