"""The selling method as pure functions: no Textual, no TinyDB, no clock of its own."""
