"""Keys typed in the same burst as the key that opened a dialog belong to the dialog.

A fast typist's `/dana⏎`, `c` then a note, or `N` then a line arrive at once. Textual hands each key
to the focused widget, and a dialog just opened has none yet, so those keys reach the dialog screen
itself (or, when they were queued before it opened, the main screen, which passes them on). Until the
dialog is first idle, `TypeAhead` keeps them in order; when it is idle (no key left in its queue) it
hands them to the widget that takes the typing and gives that widget focus in the same step, so no key
typed later can overtake them.

Enter in a one-line dialog is the other end: `ok⏎v` typed fast must note "ok" and log `v` on the main
screen, as slow typing does. Textual takes an Input's Enter through the app's bindings, after the
input has already taken the `v` behind it, so `DialogInput` takes Enter, Escape, Up and Down itself,
in the order typed (as messages to its dialog), and holds the keys after Enter or Escape until the
dialog has answered: when the dialog closes they go to the screen below it, when it stays open (a
refused value) they go back into the input. In a form, Enter moves to the next field: `pass_on` hands
the keys typed after it to that field, and any still on their way to this one follow them there.
"""

from __future__ import annotations

from collections import deque

from textual import events
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Input


class OpensDialogs:
    """Mixin for a screen whose keys open dialogs (the main screen, the welcome): it notes each key on
    its way up to the app's bindings, so a key queued behind the one that opened a dialog is known for
    one typed before the dialog and handed to it (CockpitApp.on_key)."""

    _keys_seen: deque[events.Key] | None = None

    def on_key(self, event: events.Key) -> None:
        if self._keys_seen is None:
            self._keys_seen = deque(maxlen=64)
        self._keys_seen.append(event)

    def typed_before_dialog(self, event: events.Key) -> bool:
        """This key went through this screen, and a dialog opened on top before the bindings saw it."""
        return (self.app.screen is not self and self._keys_seen is not None
                and any(seen is event for seen in self._keys_seen))


class TypeAhead:
    """Mixin for a ModalScreen that takes typing; `TYPING_INTO` selects the widget that takes it."""

    AUTO_FOCUS = None  # focus is given on the first idle, with the keys typed ahead (see above)
    TYPING_INTO = "Input"
    _typing_ready = False  # set on the instance once the widget has focus
    _typed_ahead: tuple[events.Key, ...] = ()
    _handed: tuple[events.Key, ...] = ()  # keys handed on: those the widget leaves bubble back here

    def on_key(self, event: events.Key) -> None:
        if self._typing_ready or any(event is key for key in self._handed):
            return  # the widget has (or had) the key: what it leaves goes to the bindings
        event.stop()
        event.prevent_default()
        self._typed_ahead = (*self._typed_ahead, events.Key(event.key, event.character))

    def on_idle(self) -> None:
        if self._typing_ready:
            return
        try:
            target = self.query(self.TYPING_INTO).first()
        except NoMatches:
            return  # not composed yet: the next idle
        self._handed = (*self._handed[-31:], *self._typed_ahead)
        for key in self._typed_ahead:
            target.post_message(key)
        self._typed_ahead = ()
        self.set_focus(target)
        # Not focusable yet (still being laid out): keys keep coming here and wait for the next idle.
        self._typing_ready = self.focused is target

    def dismiss(self, result=None):
        held = [key for field in self.query(DialogInput) for key in field.hand_over()]
        done = super().dismiss(result)  # the answer is taken (an outcome queued) and the dialog popped
        for key in held:
            self.app.post_message(key)  # now to the screen below, as keys typed after it closed
        return done

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # After the screen's own handler: still open (a refused value), the keys held go back in.
        if self.app.screen is self and isinstance(event.input, DialogInput):
            event.input.give_back()

    def on_dialog_input_cancelled(self, event: DialogInput.Cancelled) -> None:
        event.stop()
        self.action_cancel()  # every dialog with a DialogInput has one: Escape changes nothing


class DialogInput(Input):
    """An Input that takes Enter in the order typed and holds the keys after it (see above)."""

    held: list[events.Key] | None = None  # keys typed after Enter, until the dialog has answered
    closed = False  # the dialog closed: any key still reaching this input belongs below
    redirect: Input | None = None  # Enter moved on to this field: keys still reaching this one are its

    class Cancelled(Message):
        """Escape, in the order typed."""

    class Moved(Message):
        """Up (-1) or Down (1), in the order typed: the dialog moves through its choices."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def _on_key(self, event: events.Key) -> None:
        if self.redirect is not None:
            event.stop()
            event.prevent_default()
            self.redirect.post_message(events.Key(event.key, event.character))
        elif self.closed or self.held is not None:
            event.stop()
            event.prevent_default()
            key = events.Key(event.key, event.character)
            if self.closed:
                self.app.post_message(key)
            else:
                self.held.append(key)
        elif event.key in ("enter", "escape"):
            event.stop()
            event.prevent_default()
            self.held = []
            self.post_message(self.Submitted(self, self.value) if event.key == "enter" else self.Cancelled())
        elif event.key in ("up", "down"):
            event.stop()
            event.prevent_default()
            self.post_message(self.Moved(1 if event.key == "down" else -1))

    def pass_on(self, field: Input) -> None:
        """Enter moved to `field` (focused already): the keys typed after Enter are its."""
        held, self.held, self.redirect = self.held or [], None, field
        for key in held:
            field.post_message(key)

    def _on_focus(self, event: events.Focus) -> None:
        self.redirect = None  # the rep came back to this field: typing is its own again

    def hand_over(self) -> list[events.Key]:
        held, self.held, self.closed = self.held or [], None, True
        return held

    def give_back(self) -> None:
        held, self.held = self.held or [], None
        for key in held:
            self.post_message(key)
