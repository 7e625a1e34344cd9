"""What the main screen's workers post back to it: threads never touch widgets."""

from __future__ import annotations

from textual.message import Message

from ...engine import card as card_mod
from ...engine import queue
from ...engine.block import Block, Tally


class Loaded(Message):
    """A full read of what the screen shows (start-up, a new minute, another process's changes, ...).

    `seq` is taken before the read: a write numbered after it may be missing from it.
    `can_undo` is None when the history was not read (start-up: it is read after the list is shown).
    """

    def __init__(self, agenda: queue.Agenda, empty_text: str, can_undo: bool | None, block: Block | None,
                 block_tally: Tally | None, book_empty: bool, seq: int, found=None) -> None:
        super().__init__()
        self.agenda, self.empty_text, self.can_undo = agenda, empty_text, can_undo
        self.block, self.block_tally, self.book_empty, self.seq = block, block_tally, book_empty, seq
        self.found = found  # the prospect found with / as read (it may be on no list)


class Saved(Message):
    """An outcome is durable in the book; only now does the screen say it is logged.

    `seq` numbers the write (after it returned); `stale`: another process had written before it, so
    the screen re-reads the book after showing this.
    """

    def __init__(self, result, seq: int, stale: bool = False, ack=None) -> None:
        super().__init__()
        self.result, self.seq, self.stale, self.ack = result, seq, stale, ack


class Undone(Message):
    def __init__(self, activity, prospect, seq: int, can_undo: bool, stale: bool = False, ack=None) -> None:
        super().__init__()
        self.activity, self.prospect, self.seq = activity, prospect, seq
        self.can_undo, self.stale, self.ack = can_undo, stale, ack


class UndoState(Message):
    """Whether the newest activity can be undone (read once the history is loaded)."""

    def __init__(self, can_undo: bool) -> None:
        super().__init__()
        self.can_undo = can_undo


class Failed(Message):
    """A write refused or failed; `ack` is the desk's acknowledgement when it was a key's write."""

    def __init__(self, text: str, ack=None) -> None:
        super().__init__()
        self.text, self.ack = text, ack


class Noted(Message):
    """Something to tell the rep from a worker thread. A message, not call_from_thread: the desk's
    writer must never wait on the screen's thread, which waits for it when the screen closes."""

    def __init__(self, text: str, warning: bool = False) -> None:
        super().__init__()
        self.text, self.warning = text, warning


class CardReady(Message):
    def __init__(self, card: card_mod.Card | None, seq: int = 0) -> None:
        super().__init__()
        self.card, self.seq = card, seq  # seq: which request it answers (an older one is stale)


class Said(Message):
    """The result of an action other than an outcome (research saved, a prospect added, away days): the
    bar says it, so the last outcome's result is never left standing for it."""

    def __init__(self, text: str, warning: bool = False) -> None:
        super().__init__()
        self.text, self.warning = text, warning
