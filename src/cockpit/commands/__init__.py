"""The subcommands, one module per area; each module has register(subparsers)."""

from . import agenda, book, prospects

REGISTRY = (prospects, agenda, book)
