"""Bringing a list in and taking the plan out: CSV/JSON import, CSV/JSON export, an iCalendar of next steps.

formats   which CRM wrote a file (by its real headers) and which column is which field
reader    bytes -> rows: encoding, delimiter, quoting, Cockpit's own JSON
importer  rows -> a plan (accepted prospects, rejected rows, duplicates); pure
exporter  prospects -> CSV (formula-safe) or JSON (lossless)
calendar_file  next steps -> .ics (icalendar)
service   the few functions the command line and the cockpit call: read, plan, write once
"""
