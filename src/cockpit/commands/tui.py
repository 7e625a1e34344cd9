"""Opening the cockpit screen (Textual is imported only here)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from .base import Context, clock


def open_cockpit(ctx: Context, demo: bool = False) -> int:
    if demo:
        from ..demo import generate

        folder = Path(tempfile.mkdtemp(prefix="cockpit-demo-")) / "book"
        generate(folder, now=ctx.now)
        ctx = Context(folder=folder)
    app = build_app(ctx.folder, ctx.config)
    app.run()
    if app.book is not None:
        app.book.close()
    if app.open_error is not None:
        raise app.open_error  # one line on stderr, like every other command
    if demo:
        print(f"The demo book is kept at {ctx.folder} (cockpit --book {ctx.folder} opens it again).")
    return 0


def build_app(folder: Path, config, clock=clock):
    """The app on the book at `folder`; the book is opened after the first frame is painted."""
    from ..app.app import CockpitApp

    return CockpitApp(folder, config, clock=clock)
