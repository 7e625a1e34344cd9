"""Opening the cockpit screen (imports Textual only here)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from .base import Context


def open_cockpit(ctx: Context, demo: bool = False) -> int:
    if demo:
        from ..demo import generate

        folder = Path(tempfile.mkdtemp(prefix="cockpit-demo-")) / "book"
        generate(folder, now=ctx.now)
        ctx = Context(folder=folder)
    from .agenda import build, print_text

    print_text(build(ctx), ctx)
    return 0
