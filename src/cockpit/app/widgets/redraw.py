"""Changing what a Static says without laying the whole screen out again when its height stays."""

from __future__ import annotations

from textual.widgets import Static


def update_in_place(widget: Static, content) -> None:
    """`widget.update(content)`, with a layout pass only when the new content needs another height.

    A layout pass redraws every pane; a keypress changes a few lines, and should cost a few lines.
    """
    height, width = widget.size.height, widget.size.width
    widget.update(content, layout=False)
    if not width or not height:
        widget.refresh(layout=True)  # not laid out yet
        return
    needed = widget.get_content_height(widget.container_size, widget.app.size, width)
    limit = widget.styles.max_height
    if limit is not None and limit.is_cells:
        needed = min(needed, int(limit.value))
    if needed != height:
        widget.refresh(layout=True)


def scroll_range_changed(widget, virtual_size) -> None:
    """`widget` (a scroll view whose own size the CSS fixes) now scrolls over `virtual_size`: its
    scrollbars follow, and nothing else is laid out. Textual lays the whole screen out on a change of
    virtual size, which repaints every pane; here only the scroll range changed. The one place that
    reaches into Textual for it (tests/app/test_redraw.py holds it to its word)."""
    widget.set_reactive(type(widget).virtual_size, virtual_size)
    widget._scroll_update(virtual_size)
    widget.refresh()
