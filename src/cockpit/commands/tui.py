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
    from ..app.app import CockpitApp

    app = CockpitApp(ctx.book, ctx.config, clock=clock)
    app.run()
    ctx.book.close()
    if demo:
        print(f"The demo book is kept at {ctx.folder} (cockpit --book {ctx.folder} opens it again).")
    return 0
