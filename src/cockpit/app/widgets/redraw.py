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
