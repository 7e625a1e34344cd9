"""The call block header: timer, dials vs target with a progress bar, connects, voicemails, meetings."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from ...engine.block import Block, Tally
from ...engine.text import count


class BlockHeader(Horizontal):
    shown: tuple | None = None  # what the labels say; a tick that changes nothing redraws nothing

    def compose(self) -> ComposeResult:
        yield Label("", id="block-title")
        yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="block-progress")
        yield Label("", id="block-stats")

    def show(self, block: Block | None, tally: Tally, now: datetime, breakups: int) -> None:
        seconds = int(block.remaining(now).total_seconds()) if block is not None else None
        state = (block, tally, seconds, breakups)
        if state == self.shown:
            return
        self.shown = state
        title = self.query_one("#block-title", Label)
        stats = self.query_one("#block-stats", Label)
        bar = self.query_one("#block-progress", ProgressBar)
        queue = f"  B: {count(breakups, 'break-up')}" if breakups else ""
        if block is None:
            title.update("Cockpit · s starts a block")
            bar.display = False
            stats.update(f"dials {tally.dials} conn {tally.connects} vm {tally.voicemails} mtg {tally.meetings}{queue}")
            return
        left = block.remaining(now)
        minutes, seconds = divmod(int(left.total_seconds()), 60)
        title.update(f"Block {minutes:02d}:{seconds:02d} {tally.dials}/{block.target_dials}")
        bar.display = True
        bar.update(total=block.target_dials, progress=min(tally.dials, block.target_dials))
        stats.update(f"conn {tally.connects} vm {tally.voicemails} mtg {tally.meetings}{queue}")
