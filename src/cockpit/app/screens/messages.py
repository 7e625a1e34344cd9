"""What the main screen's workers post back to it: threads never touch widgets."""

from __future__ import annotations

from textual.message import Message

from ...engine import card as card_mod
from ...engine import queue
from ...engine.block import Block, Tally


class Loaded(Message):
    def __init__(self, agenda: queue.Agenda, empty_text: str, can_undo: bool, block: Block | None,
                 block_tally: Tally | None, book_empty: bool, seq: int) -> None:
        super().__init__()
        self.agenda, self.empty_text, self.can_undo = agenda, empty_text, can_undo
        self.block, self.block_tally, self.book_empty, self.seq = block, block_tally, book_empty, seq


class Saved(Message):
    """An outcome is durable in the book; only now does the screen say it is logged."""

    def __init__(self, result, loaded: Loaded) -> None:
        super().__init__()
        self.result, self.loaded = result, loaded


class Undone(Message):
    def __init__(self, activity, prospect, loaded: Loaded) -> None:
        super().__init__()
        self.activity, self.prospect, self.loaded = activity, prospect, loaded


class Failed(Message):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class CardReady(Message):
    def __init__(self, card: card_mod.Card | None) -> None:
        super().__init__()
        self.card = card
