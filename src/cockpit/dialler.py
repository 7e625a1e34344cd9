"""Dialling: the book's dial_command run with the number in it, never through a shell."""

from __future__ import annotations

import shutil
import subprocess


def split(phone: str) -> tuple[str, str]:
    """'+14155550123;ext=12' -> ('+14155550123', '12')."""
    number, _, ext = phone.partition(";ext=")
    return number, ext


def argv_for(template: tuple[str, ...] | list[str], phone: str) -> list[str]:
    """The template with {number} (E.164) and {ext} filled in; an item that was only {ext} goes when
    there is no extension (an empty argument would be read as one by most dialers)."""
    number, ext = split(phone)
    argv = []
    for part in template:
        if part == "{ext}" and not ext:
            continue
        argv.append(part.replace("{number}", number).replace("{ext}", ext))
    return argv


def start(argv: list[str]) -> str | None:
    """Start the dialer and leave it running; None when it started, else why not (one line)."""
    program = argv[0]
    if shutil.which(program) is None:
        return "not found"
    try:
        subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None
