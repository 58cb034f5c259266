"""The "Vandaag" list: what is overdue, what is due today, and the rest of this week.

Three groups, in this order: "Te laat" (error colour AND the words "te laat"
with the number of days on every row, so it does not depend on colour),
"Vandaag" and "Deze week". Each row says what is due, for which case and
pupils, and since or until when. Enter opens the case; ``g`` and ``v`` ask
the screen that holds the list to start what is due or to move a follow-up
to another day (the messages :class:`DueList.StartRequested` and
:class:`DueList.MoveRequested`: a widget opens no screens). The rows come from
``pestcli.agenda.agenda_rows`` (plain SQL, a few ms), read (through
``widgets.loader``) on the main thread; the list reads again, at once,
whenever its screen becomes active (after a dialog or a conversation), so no
frame shows the old rows.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from pestcli.agenda.rows import end_of_week
from pestcli.app_access import pest_app
from pestcli.protocol.dates import MONTH_SHORT, WEEKDAY_SHORT, format_relative
from pestcli.text import plain
from pestcli.widgets.loader import StoreReader

if TYPE_CHECKING:
    from textual.app import App

    from pestcli.agenda import AgendaRow

#: The groups of the list: (AgendaRow.group, heading on screen).
GROUPS = (("te laat", "Te laat"), ("vandaag", "Vandaag"), ("deze week", "Deze week"))
#: Row keys of group headings (and of their "en nog ..." lines) start with this.
HEADING = "group:"
#: At most this many items per group; the rest is one line pointing to the agenda (key a).
MAX_PER_GROUP = 40
COLUMNS = ("Wanneer", "Wat en voor wie", "Casus")


def theme_style(app: App, variable: str, fallback: str, bold: bool = False) -> Style:
    """A Rich style in a theme colour, so light and dark themes both read well."""
    weight = "bold " if bold else ""
    try:
        return Style.parse(f"{weight}{app.theme_variables.get(variable, fallback)}")
    except Exception:  # noqa: BLE001 - an ANSI theme's colour names are not Rich's
        return Style.parse(f"{weight}{fallback}")


def short_date(day: date, today: date) -> str:
    """``do 19 nov``; with the year when it is not this year's (``do 19 nov 2025``)."""
    text = f"{WEEKDAY_SHORT[day.weekday()]} {day.day} {MONTH_SHORT[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def when_text(row: AgendaRow, today: date) -> str:
    """Since or until when: ``4 dagen te laat (sinds do 19 nov)``, ``vandaag``, ``uiterlijk do 26 nov``."""
    if row.due_on < today:
        late = format_relative(row.due_on, today, deadline=True)
        return f"{late} (sinds {short_date(row.due_on, today)})"
    if row.due_on == today:
        return "vandaag"
    word = "gepland op" if row.kind == "vervolg" else "uiterlijk"
    return f"{word} {short_date(row.due_on, today)}"


def what_and_who(row: AgendaRow, note: str = "", note_style: Style | None = None) -> Text:
    """What is due; under it (dimmed) the pupils it concerns, and a note if given.

    Each line ends in "…" where a narrow column must cut it (never wraps onto the next line).
    """
    text = Text(plain(row.what), no_wrap=True, overflow="ellipsis")  # text from the file, no controls
    if row.pupils:
        text.append("\n")
        text.append(plain(row.pupils), style=Style(dim=True))
    if note:
        text.append("\n")
        text.append(plain(note), style=note_style or Style(italic=True))
    return text


def cell_width(cell: object) -> int:
    """The widest line of a cell, in terminal columns."""
    plain = cell.plain if isinstance(cell, Text) else str(cell)
    return max((cell_len(line) for line in plain.split("\n")), default=0)


def case_text(row: AgendaRow) -> str:
    """``2026-0003 · 2B``."""
    return plain(f"{row.case_number} · {row.class_name}" if row.class_name else row.case_number)


class DueTable(DataTable):
    """A table of due items: Enter opens the case (said so in the footer).

    Three columns: when, what and for whom, the case. When they do not fit
    the width (an 80-column terminal), :meth:`fit_columns` narrows the first
    (its text wraps onto the item's second line) and cuts "Wat en voor wie"
    with "…", so the case number always shows.
    """

    BINDINGS = [Binding("enter", "select_cursor", "Casus openen", id="due_open", show=True)]

    #: The first column at most this wide when the columns do not fit ("ma 23 nov 2026 · vandaag").
    NARROW_WHEN = 24
    #: "Wat en voor wie" never narrower than this.
    NARROW_WHAT = 12

    def on_resize(self, event: events.Resize) -> None:
        """Fit the columns to the new width."""
        self.fit_columns()

    def fit_columns(self) -> None:
        """Natural column widths when they fit; otherwise a narrower first and "what" column."""
        columns = self.ordered_columns
        if len(columns) != 3 or not self.size.width:
            return
        widths = [cell_width(column.label) for column in columns]
        for index in range(self.row_count):
            for place, cell in enumerate(self.get_row_at(index)):
                widths[place] = max(widths[place], cell_width(cell))
        padding = 2 * self.cell_padding * len(columns)
        room = self.content_region.width - self.styles.scrollbar_size_vertical - padding
        when, what, case = columns
        if sum(widths) <= room:
            fitted: list[int | None] = [None, None]
        else:
            first = min(widths[0], self.NARROW_WHEN)
            fitted = [first, max(self.NARROW_WHAT, min(widths[1], room - first - widths[2]))]
        for column, width in zip((when, what), fitted, strict=True):
            column.auto_width = width is None
            column.width = width or 0
        # The content widths now, not when Textual measures the new rows on an idle moment
        # (which a busy screen may not have before it is drawn: columns at their labels' width).
        for column, width in zip(columns, widths, strict=True):
            column.content_width = max(width, 1)
        self._require_update_dimensions = True  # Textual's own flag: recompute the virtual size
        self.refresh()


class DueList(StoreReader["list[AgendaRow]"], Vertical):
    """ "Vandaag": te laat, vandaag, deze week — enter opens the case, g starts the item, v moves it.

    ``rows`` holds the rows read (in order; at most ``MAX_PER_GROUP`` per group
    are drawn, then a line that points to the agenda), ``loaded`` turns True
    after the first read. :meth:`reload` reads again.
    """

    class Shown(Message):
        """The list has drawn the rows it read, or said it could not (after every read)."""

    class StartRequested(Message):
        """The mentor asked (``g``) to start ``row``: its screen opens the follow-up, conversation or parents.

        When what was opened closes, the screen calls :meth:`DueList.reload`
        on ``due_list``.
        """

        def __init__(self, due_list: DueList, row: AgendaRow) -> None:
            super().__init__()
            self.due_list = due_list
            self.row = row

        @property
        def control(self) -> DueList:
            """The list the request came from (for ``@on``)."""
            return self.due_list

    class MoveRequested(Message):
        """The mentor asked (``v``) to move follow-up ``followup_id`` to another day: its screen asks how.

        When the dialog closes, the screen calls :meth:`DueList.reload` on ``due_list``.
        """

        def __init__(self, due_list: DueList, followup_id: int) -> None:
            super().__init__()
            self.due_list = due_list
            self.followup_id = followup_id

        @property
        def control(self) -> DueList:
            """The list the request came from (for ``@on``)."""
            return self.due_list

    BINDINGS = [
        Binding("g", "start_item", "Starten", id="due_start"),
        Binding("v", "move_item", "Verzetten", id="due_move"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[AgendaRow] = []
        self.loaded = False
        self._last_row = 0

    def compose(self) -> ComposeResult:
        """The table and the line shown when nothing is due."""
        yield DueTable(id="due-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="due-nothing", markup=False)

    def on_mount(self) -> None:
        """Columns, the first read, and a read whenever this screen becomes active again."""
        self.query_one(DataTable).add_columns(*COLUMNS)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._fill())
        self.app.screen_change_signal.subscribe(self, self._screen_changed)
        self.read_now(pest_app(self).today())

    def _screen_changed(self, screen: object) -> None:
        """Back on our screen (a dialog or conversation closed): read again."""
        if screen is self.screen:
            self.reload()

    def focus_list(self) -> None:
        """Put the keyboard focus on the list (for a screen's "Deze week" key)."""
        self.query_one(DataTable).focus()

    def reload(self) -> None:
        """Read the rows again, at once (back from a dialog or a conversation: never the old rows)."""
        self.read_now(pest_app(self).today())

    def read(self, today: date) -> list[AgendaRow]:
        """Overdue and this week's rows (plain SQL: a few ms, even for a whole school)."""
        from pestcli.agenda import agenda_rows

        return agenda_rows(pest_app(self).store, pest_app(self).protocol, today, end_of_week(today), today,
                           include_names=True)

    def read_in_vain(self) -> None:
        """The read failed (said in Dutch): it is done, if in vain."""
        self.post_message(self.Shown())

    def show_read(self, result: list[AgendaRow]) -> None:
        """Keep what was read and draw it."""
        known = {key for key, _ in GROUPS}
        self.rows = [row for row in result if row.group in known]
        self.loaded = True
        self._fill()
        self.post_message(self.Shown())

    def _fill(self) -> None:
        """Draw the groups, keeping the cursor on the same item where possible."""
        table = self.query_one(DataTable)
        selected = self.selected_row()
        table.clear()
        today = pest_app(self).today()
        late = theme_style(self.app, "text-error", "red", bold=True)
        soon = theme_style(self.app, "text-warning", "yellow", bold=True)
        heading = theme_style(self.app, "text-primary", "blue", bold=True)
        for group, title in GROUPS:
            members = [row for row in self.rows if row.group == group]
            if not members:
                continue
            style = late if group == "te laat" else heading
            text = f"{title.upper()} ({len(members)})" if group == "te laat" else f"{title} ({len(members)})"
            table.add_row(Text(text, style=style), "", "", key=HEADING + group)
            for row in members[:MAX_PER_GROUP]:
                when = Text(when_text(row, today))
                if group == "te laat":
                    when.stylize(late)
                elif group == "vandaag":
                    when.stylize(soon)
                table.add_row(when, what_and_who(row), Text(case_text(row)), key=row_key(row), height=2)
            if len(members) > MAX_PER_GROUP:
                rest = len(members) - MAX_PER_GROUP
                table.add_row(Text(f"… en nog {rest}", style="italic"),
                              Text("De agenda (toets a) toont ze allemaal.", style="italic"), "",
                              key=f"{HEADING}meer-{group}")
        note = self.query_one("#due-nothing", Static)
        note.display = not self.rows
        table.display = bool(self.rows)
        note.update("Niets te laat en deze week staat er niets op de agenda.")
        self.query_one(DueTable).fit_columns()
        self._place_cursor(table, selected)

    def _place_cursor(self, table: DataTable, selected: AgendaRow | None) -> None:
        """Back on the item that was selected, else on the first item."""
        if not self.rows:
            return
        keys = [key for key in (row_key(row) for row in self.rows) if key in table.rows]
        key = row_key(selected) if selected is not None and row_key(selected) in keys else keys[0]
        index = table.get_row_index(key)
        self._last_row = index
        # Before the first layout the table has no height yet: scrolling the cursor
        # "into view" then would hide the first heading.
        table.move_cursor(row=index, scroll=table.size.height > 0)

    @on(DataTable.RowHighlighted)
    def _skip_heading(self, event: DataTable.RowHighlighted) -> None:
        """The cursor passes over group headings in the direction it was going."""
        self._last_row = skip_heading(event, self._last_row)

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on an item opens its case."""
        event.stop()
        self.action_open_case()

    def selected_row(self) -> AgendaRow | None:
        """The item under the cursor (None on a heading or an empty list)."""
        return selected_agenda_row(self.query_one(DataTable), self.rows)

    def action_open_case(self) -> None:
        """Open the case of the selected item."""
        row = self.selected_row()
        if row is not None:
            pest_app(self).open_case(row.case_id)

    def action_start_item(self) -> None:
        """Ask the screen to start the selected item: the follow-up, the conversation or the parent contact."""
        row = self.selected_row()
        if row is None:
            self.notify("Kies eerst een regel in de lijst.")
            return
        self.post_message(self.StartRequested(self, row))

    def action_move_item(self) -> None:
        """Ask the screen to move the selected follow-up to another day (with a reason)."""
        row = self.selected_row()
        if row is None or row.kind != "vervolg":
            self.notify("Alleen een vervolggesprek kun je verzetten; kies er een in de lijst.")
            return
        self.post_message(self.MoveRequested(self, row.ref_id))


def skip_heading(event: DataTable.RowHighlighted, last_row: int) -> int:
    """Move the cursor off a heading row (key ``group:...``) to the nearest item.

    It keeps going the way it came (down when ``cursor_row >= last_row``) and
    turns back at the end of the table; it stays put when there is no item
    at all. Returns the row to remember as the last item row.
    """
    key = event.row_key.value or ""
    if not key.startswith(HEADING):
        return event.cursor_row
    table = event.data_table
    keys = [row.key.value or "" for row in table.ordered_rows]
    step = 1 if event.cursor_row >= last_row else -1
    for direction in (step, -step):
        target = event.cursor_row + direction
        while 0 <= target < len(keys):
            if not keys[target].startswith(HEADING):
                table.move_cursor(row=target, scroll=table.size.height > 0)  # see _place_cursor
                return target
            target += direction
    return last_row


def row_key(row: AgendaRow) -> str:
    """A unique table key for an agenda row: ``vervolg-12``."""
    return f"{row.kind}-{row.ref_id}"


def selected_agenda_row(table: DataTable, rows: list[AgendaRow]) -> AgendaRow | None:
    """The agenda row under ``table``'s cursor, looked up by its key."""
    if not table.row_count:
        return None
    try:
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    except Exception:  # noqa: BLE001 - the cursor may be past the end after a clear
        return None
    return next((row for row in rows if row_key(row) == key), None)
