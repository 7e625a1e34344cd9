"""Cockpit: a terminal app that runs a phone prospector's day."""

__version__ = "0.1.0"
