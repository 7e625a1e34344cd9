"""Today's calls: priority order, their local time, attempt n/N, and flags; the overdue pane.

Each prospect appears once: an overdue prospect stays in today's list (its name in the overdue colour,
"overdue by ..." as its reason); the overdue pane lists only the overdue ones today's rows have no
room for (beyond MAX_ROWS), and shrinks to its title when there are none (engine.queue.overdue_apart,
which the desk's cursor uses too). Only the table the selection is in shows its cursor (the screen
switches them on focus): the one highlighted row on screen is the selected prospect.
"""

from __future__ import annotations

from operator import attrgetter

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist

from ...engine.queue import OVERDUE, SPEED_TO_LEAD, Item, humanize
from ...engine.text import visible
from .redraw import scroll_range_changed

# A day holds at most a few hundred calls; drawing thousands of rows on every key would make the
# key slow for nothing. The list shows the first rows in priority order and says how many wait.
MAX_ROWS = 100


def titled(label: str, shown: int, total: int) -> str:
    return f"{label} ({total})" if shown == total else f"{label} (first {shown} of {total})"


class Placed(Text):
    """A row's first cell, carrying the row's place so `DataTable.sort` can put the rows in order."""

    place = 0


def signature(cells: tuple) -> tuple:
    """What a row shows, comparable (rich's Text equality leaves out the base style)."""
    return tuple((c.plain, str(c.style), tuple(c.spans)) if isinstance(c, Text) else c for c in cells)


class ProspectTable(DataTable):
    """A table of prospects whose row key is the prospect id, keeping the cursor across updates.

    `sync` shows a list of rows by changing only what differs from what is shown: a keypress that
    moves one prospect costs one row, not a redrawn table.
    """

    def __init__(self, **kwargs) -> None:
        # No cell padding: the widths below include the gap, so an 80-column screen fits every column.
        super().__init__(cursor_type="row", zebra_stripes=False, cell_padding=0, **kwargs)
        self.shown: dict[str, tuple] = {}  # prospect id -> the signature of its row
        self.built: dict[str, tuple] = {}  # prospect id -> (item, theme, cells) as last built
        self.drawn: dict[str, tuple] = {}  # prospect id -> the cells object its row shows
        self.drawn_cells: dict[tuple, tuple] = {}  # see _render_cell

    # Home/End/PageUp/PageDown move the selection through the screen's desk, as j/k do: DataTable's own
    # would scroll sideways (Home) or move a cursor the desk does not know about.
    def _to_screen(self, action: str, *args) -> None:
        handler = getattr(self.screen, f"action_{action}", None)
        if handler is not None:
            handler(*args)

    def action_scroll_home(self) -> None:
        self._to_screen("first")

    def action_scroll_top(self) -> None:
        self._to_screen("first")

    def action_scroll_end(self) -> None:
        self._to_screen("last")

    def action_scroll_bottom(self) -> None:
        self._to_screen("last")

    def action_page_up(self) -> None:
        self._to_screen("page", -1)

    def action_page_down(self) -> None:
        self._to_screen("page", 1)

    # DataTable asks for a layout pass of the whole screen when a row goes and when its row count
    # changes its scroll range, and a layout pass repaints every pane. The table's own size is the
    # CSS's (fr heights; a scrollbar gutter always there), so neither needs one: after a key, only the
    # rows that changed are drawn, and the scrollbars follow the new range (redraw.scroll_range_changed).
    _quiet = False

    def remove_row(self, row_key) -> None:
        self._quiet = True
        try:
            super().remove_row(row_key)
        finally:
            self._quiet = False

    def _update_dimensions(self, new_rows) -> None:  # DataTable's: where the scroll range is set
        before = self.virtual_size
        self._quiet = True
        try:
            super()._update_dimensions(new_rows)
        finally:
            self._quiet = False
        if self.virtual_size != before:
            scroll_range_changed(self, self.virtual_size)

    def refresh(self, *regions, repaint: bool = True, layout: bool = False, recompose: bool = False):
        return super().refresh(*regions, repaint=repaint, layout=layout and not self._quiet, recompose=recompose)

    # DataTable forgets every drawn cell on any change to the table, so after a key each row below the
    # logged one is drawn again as it moves up (most of a key's drawing). A cell that is the very same
    # object, in the same column, style and width, looks the same wherever its row is: its drawn lines
    # are kept here and only their mouse data (which row a click lands on) is made the new row's.
    MOVED_CELLS_KEPT = 4096

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False):
        if row_index < 0 or column_index < 0:  # the header: DataTable's own cache keeps it
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        cell = self._data[row_key][column_key]
        key = (row_key, column_key, base_style, width, cursor, hover, self.show_cursor,
               self._show_hover_cursor, self._pseudo_class_state)
        kept = self.drawn_cells.get(key)
        if kept is not None and kept[0] is cell:
            if kept[2] == row_index:
                return kept[1]
            meta = Style.from_meta({"row": row_index, "column": column_index})
            lines = [[Segment(text, style + meta if style else meta, control) for text, style, control in line]
                     for line in kept[1]]
        else:
            lines = super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        if len(self.drawn_cells) >= self.MOVED_CELLS_KEPT:
            self.drawn_cells.clear()
        self.drawn_cells[key] = (cell, lines, row_index)
        return lines

    def on_resize(self) -> None:
        self.fit_last_column()

    def fit_last_column(self) -> None:
        """The last column ("why") as wide as what is left of the pane, never wider: a cell drawn past
        the pane's edge costs its rendering on every key and is never seen (at 80 columns, all of it)."""
        columns = list(self.columns.values())
        if not columns or not self.size.width:
            return
        left = self.scrollable_content_region.width - sum(c.get_render_width(self) for c in columns[:-1])
        width = max(1, left)
        if columns[-1].width != width:
            columns[-1].width = width
            self._require_update_dimensions = True
            self.refresh()

    def colour(self, name: str) -> str:
        """A theme variable as a Rich style, so cells follow the theme too."""
        return self.app.theme_variables.get(name, "")

    def selected_id(self) -> str | None:
        if self.row_count == 0:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except CellDoesNotExist:
            return None

    def select(self, prospect_id: str) -> bool:
        try:
            row = self.get_row_index(prospect_id)
        except RowDoesNotExist:
            return False
        if row != self.cursor_row:
            self.move_cursor(row=row)
        return True

    def ids(self) -> list[str]:
        """The prospect ids in the order they are on screen."""
        return [row.key.value for row in self.ordered_rows]

    def rows_of(self, items: list[Item], build) -> list[tuple[str, tuple]]:
        """(id, cells) for each item, built again only for an item that changed: the agenda after a key
        keeps every other prospect's Item object, so a key builds one row, not a hundred."""
        theme, before, self.built = self.app.theme, self.built, {}
        rows = []
        for i in items:
            pid = i.prospect.id
            hit = before.get(pid)
            cells = hit[2] if hit is not None and hit[0] is i and hit[1] == theme else build(i)
            self.built[pid] = (i, theme, cells)
            rows.append((pid, cells))
        return rows

    def sync(self, rows: list[tuple[str, tuple]]) -> None:
        """Show `rows` ((prospect id, cells), in order), touching only the rows that changed."""
        keep = self.selected_id()
        wanted = {pid: cells for pid, cells in rows}
        for pid in [pid for pid in self.shown if pid not in wanted]:
            self.remove_row(pid)
            del self.shown[pid]
            self.drawn.pop(pid, None)
        columns = list(self.columns)
        for place, (pid, cells) in enumerate(rows):
            if self.drawn.get(pid) is cells:  # the very cells drawn last time: nothing to compare
                self.get_cell(pid, columns[0]).place = place
                continue
            self.drawn[pid] = cells
            sig = signature(cells)
            old = self.shown.get(pid)
            if old is None:
                self.add_row(*cells, key=pid)
            elif old != sig:
                for column, before, after, cell in zip(columns, old, sig, cells, strict=True):
                    if before != after:
                        self.update_cell(pid, column, cell)
            self.get_cell(pid, columns[0]).place = place  # the row's place, for the sort below
            self.shown[pid] = sig
        if self.ids() != [pid for pid, _ in rows]:
            self.sort(columns[0], key=attrgetter("place"))
        if keep is not None:
            self.select(keep)


class TodayTable(ProspectTable):
    """Due today and in priority order: speed-to-lead, overdue, confirmations, engaged, working, nurture."""

    def on_mount(self) -> None:
        self.border_title = "Today's calls"
        self.add_column(" !", key="flags", width=5)  # " R ☾" and a gap: never run into the name
        self.add_column("Prospect", key="name", width=15)
        self.add_column("Local", key="local", width=6)
        self.add_column("n/N", key="attempt", width=4)  # "3/8" and a gap
        self.add_column("Next", key="next", width=9)
        self.add_column("Why here", key="why", width=70)  # seen on wide terminals; y says it on any

    def row(self, item: Item, attempts_max: dict[str, int]) -> tuple:
        p = item.prospect
        flags = Placed(" ")  # " R ☾ ": a space parts the flags, and the last one from the name
        flags.append("R" if not p.research.done else " ", style=f"bold {self.colour('warning')}")  # research missing
        flags.append(" ")
        flags.append("☾" if not item.callable_now else " ", style=self.colour("muted"))  # outside their hours
        name = Text(visible(p.name))  # data, not markup: one line of plain text
        if item.rank == SPEED_TO_LEAD:
            name.stylize(f"bold {self.colour('speed')}")
        elif item.rank == OVERDUE:
            name.stylize(self.colour("overdue"))
        total = attempts_max.get(p.cadence, 0)
        # Text, not str: a str cell is parsed as markup every time the row is drawn.
        return (flags, name, Text(f"{item.local_time:%H:%M}"), Text(f"{p.attempt}/{total}"), Text(p.next_step.channel),
                Text(visible(item.reason), style=self.colour("muted")))

    def show(self, items: list[Item], attempts_max: dict[str, int]) -> None:
        self.sync(self.rows_of(items[:MAX_ROWS], lambda i: self.row(i, attempts_max)))
        title = titled("Today's calls", min(len(items), MAX_ROWS), len(items))
        if self.border_title != title:
            self.border_title = title


class OverdueTable(ProspectTable):
    """Next steps whose time has passed, oldest first, with how late."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.show_cursor = False  # the selection starts in today's list

    def on_mount(self) -> None:
        self.border_title = "Overdue"
        self.add_column(" Prospect", key="name", width=17)
        self.add_column("Late", key="late", width=12)  # "15 h 24 min" and a gap
        self.add_column("Step", key="step", width=9)  # "research" and a gap: the three fill a 38-column pane
        self.add_column("Why", key="why", width=60)

    def row(self, item: Item) -> tuple:
        p = item.prospect
        return (Placed(f" {visible(p.name)}"), Text(humanize(item.late_by), style=self.colour("overdue")),
                Text(p.next_step.channel), Text(visible(p.next_step.reason), style=self.colour("muted")))

    def show(self, items: list[Item], late: int | None = None) -> None:
        """`items`: the overdue not in today's rows; `late`: how many are overdue in all."""
        self.sync(self.rows_of(items[:MAX_ROWS], self.row))
        late = len(items) if late is None else late
        if items:
            title = titled("Overdue, not in today's rows", min(len(items), MAX_ROWS), len(items))
        else:
            title = f"Overdue ({late}, all in today's calls)" if late else "Overdue (0)"
        if self.border_title != title:
            self.border_title = title
        self.set_class(not items, "-empty")
