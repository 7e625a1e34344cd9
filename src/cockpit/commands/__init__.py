"""The subcommands, one module per area; each module has register(subparsers)."""

from . import agenda, book, exchange, prospects, stats

REGISTRY = (prospects, agenda, book, stats, exchange)
