""" "Wacht op u": what waits for the person's role on the school's server, Enter opens the case.

For the APC the cases escalated to them (the regie is now theirs); for a
team leader or the directie the proposed sanction phases that wait for their
decision. One compact line per item (case number, class, since when, what),
under a title with the count, so it fits at 80×24 beside the home screen's
other lists; a few rows show at once and the rest scroll. The list is hidden
when nothing waits, and always in a mentor's own file (nothing is ever read
there). The screen that holds it reads the items (``services.team_home``)
and calls :meth:`WaitingList.show`; Enter posts :class:`WaitingList.CaseChosen`
(a widget opens no screens).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from pestcli.text import plain, plain_line
from pestcli.widgets.due_list import cell_width, short_date

if TYPE_CHECKING:
    from pestcli.services.team_home import WaitingItem

#: The columns (no header row is drawn: each cell says what it is).
COLUMNS = ("Casus", "Klas", "Sinds", "Wat")
#: "Wat" is never narrower than this when the columns are fitted to a narrow terminal.
NARROW_WHAT = 12


def title_text(count: int) -> str:
    """``Wacht op u (2)``: the title with the count (the list may scroll)."""
    return f"Wacht op u ({count})"


def since_text(since: date, today: date) -> str:
    """``sinds ma 23 nov``; ``—`` when the day is unknown."""
    return "—" if since == date.min else f"sinds {short_date(since, today)}"


class WaitingTable(DataTable):
    """The rows of "Wacht op u": Enter opens the case (said so in the footer)."""

    BINDINGS = [Binding("enter", "select_cursor", "Casus openen", id="waiting_open", show=True)]

    def on_resize(self, event: events.Resize) -> None:
        """Fit the columns to the new width."""
        self.fit_columns()

    def fit_columns(self) -> None:
        """Natural widths when they fit; otherwise "Wat" is cut with "…" so the rest always shows."""
        columns = self.ordered_columns
        if len(columns) != len(COLUMNS) or not self.size.width:
            return
        widths = [cell_width(column.label) for column in columns]
        for index in range(self.row_count):
            for place, cell in enumerate(self.get_row_at(index)):
                widths[place] = max(widths[place], cell_width(cell))
        padding = 2 * self.cell_padding * len(columns)
        room = self.content_region.width - self.styles.scrollbar_size_vertical - padding
        what = columns[-1]
        if sum(widths) <= room:
            what.auto_width, what.width = True, 0
        else:
            what.auto_width, what.width = False, max(NARROW_WHAT, room - sum(widths[:-1]))
        for column, width in zip(columns, widths, strict=True):
            column.content_width = max(width, 1)
        self._require_update_dimensions = True  # Textual's own flag: recompute the virtual size
        self.refresh()


class WaitingList(Vertical):
    """ "Wacht op u (N)" and its rows; hidden while nothing waits.

    ``items`` holds what was shown last; :meth:`show` draws a new list.
    """

    class CaseChosen(Message):
        """Enter on an item: the screen opens case ``case_id``."""

        def __init__(self, waiting_list: WaitingList, case_id: int) -> None:
            super().__init__()
            self.waiting_list = waiting_list
            self.case_id = case_id

        @property
        def control(self) -> WaitingList:
            """The list the choice came from (for ``@on``)."""
            return self.waiting_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.items: list[WaitingItem] = []

    def compose(self) -> ComposeResult:
        """The title with the count, and the table."""
        yield Static(title_text(0), id="waiting-title", markup=False)
        yield WaitingTable(id="waiting-table", cursor_type="row", show_header=False)

    def on_mount(self) -> None:
        """The columns; hidden until something waits."""
        self.query_one(WaitingTable).add_columns(*COLUMNS)
        self.display = False

    @property
    def table(self) -> WaitingTable:
        """The table of items."""
        return self.query_one(WaitingTable)

    def show(self, items: Sequence[WaitingItem], today: date) -> None:
        """Draw ``items`` (the cursor stays on the same case where it can); hidden when there are none."""
        table = self.table
        selected = self.selected_case()
        self.items = list(items)
        table.clear()
        for item in self.items:
            table.add_row(Text(plain(item.number)), Text(plain(item.class_name) or "—"),
                          Text(since_text(item.since, today)),
                          Text(plain_line(item.what), no_wrap=True, overflow="ellipsis"),
                          key=self._key(item))
        self.query_one("#waiting-title", Static).update(title_text(len(self.items)))
        self.display = bool(self.items)
        table.fit_columns()
        keys = [self._key(item) for item in self.items]
        if selected is not None and selected in {item.case_id for item in self.items}:
            index = next(i for i, item in enumerate(self.items) if item.case_id == selected)
            table.move_cursor(row=index, scroll=table.size.height > 0)
        elif keys:
            table.move_cursor(row=0, scroll=False)

    @staticmethod
    def _key(item: WaitingItem) -> str:
        """A unique row key: an item per case and what waits (a case may wait twice)."""
        return f"{item.case_id}:{item.what}"

    def selected_case(self) -> int | None:
        """The case id of the item under the cursor (None when the list is empty)."""
        table = self.table
        if not table.row_count or not self.items:
            return None
        row = table.cursor_row
        return self.items[row].case_id if 0 <= row < len(self.items) else None

    def focus_list(self) -> None:
        """Put the keyboard focus on the items."""
        self.table.focus()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on an item: ask the screen to open its case."""
        event.stop()
        case_id = self.selected_case()
        if case_id is not None:
            self.post_message(self.CaseChosen(self, case_id))
