"""The agenda's table: overdue first (in today's period), then every day with its items.

A day heading shows the date and, on a closed day, why ("kerstvakantie ·
Eerste Kerstdag", "weekend", dimmed). An item shows how late it is (or
"vandaag"), what is due with the pupils under it, the case, and for a
follow-up the mentor moved, from when and why. The cursor passes over the
headings. Left and right page through the periods (the screen's actions).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widgets import DataTable

from pestcli.app_access import pest_app
from pestcli.protocol.dates import format_date
from pestcli.screens.agenda_period import closed_note, move_note
from pestcli.widgets.due_list import (
    HEADING,
    DueTable,
    case_text,
    row_key,
    selected_agenda_row,
    skip_heading,
    theme_style,
    what_and_who,
    when_text,
)

if TYPE_CHECKING:
    from pestcli.agenda import AgendaRow
    from pestcli.services.reads import FollowUpMove

COLUMNS = ("Dag", "Wat en voor wie", "Casus")


class AgendaTable(DueTable):
    """Day headings with their items; ``draw`` fills it, ``selected_row`` reads the cursor."""

    BINDINGS = [
        Binding("left", "screen.previous_period", "Vorige", id="agenda_previous", show=True),
        Binding("right", "screen.next_period", "Volgende", id="agenda_next", show=True),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.shown: list[AgendaRow] = []
        self._last_row = 0

    def on_mount(self) -> None:
        """The columns."""
        self.add_columns(*COLUMNS)

    def draw(self, shown: list[AgendaRow], start: date, end: date, today: date,
             moves: dict[int, FollowUpMove]) -> int:
        """Show ``shown`` (ordered overdue first) for ``start``-``end``; returns how many are overdue."""
        selected = self.selected_row()
        self.shown = shown
        self.clear()
        overdue = [r for r in shown if r.due_on < today] if start <= today <= end else []
        if overdue:
            late = theme_style(self.app, "text-error", "red", bold=True)
            self.add_row(Text(f"TE LAAT ({len(overdue)})", style=late), "", "", key=HEADING + "late")
            for row in overdue:
                self._add_item(row, today, moves)
        by_day: dict[date, list[AgendaRow]] = {}
        for row in shown[len(overdue):]:
            by_day.setdefault(row.due_on, []).append(row)
        closed = dict(pest_app(self).calendar.closed_days_between(start, end))
        day = start
        while day <= end:
            self.add_row(*self._day_heading(day, today, closed.get(day)), key=f"{HEADING}{day.isoformat()}")
            for row in by_day.get(day, []):
                self._add_item(row, today, moves)
            day += timedelta(days=1)
        self.fit_columns()
        self._place_cursor(selected)
        return len(overdue)

    def _day_heading(self, day: date, today: date, closed: str | None) -> tuple[Text, Text, str]:
        """``ma 21 dec 2026`` with the holiday's name (and the public holiday in it); weekends dimmed."""
        dim = Style(dim=True)
        style = dim if day.weekday() >= 5 else theme_style(self.app, "text-primary", "blue", bold=True)
        label = format_date(day) + (" · vandaag" if day == today else "")
        reason = closed_note(day, closed, pest_app(self).calendar.good_friday)
        note = Text(reason, style=dim if reason == "weekend" else theme_style(self.app, "text-warning", "yellow"))
        return Text(label, style=style), note, ""

    def _add_item(self, row: AgendaRow, today: date, moves: dict[int, FollowUpMove]) -> None:
        """One item: how late (if it is), what and for whom, the case, the move note."""
        first = Text("")
        if row.due_on < today:
            first = Text(when_text(row, today), style=theme_style(self.app, "text-error", "red", bold=True))
        elif row.due_on == today:
            first = Text("vandaag", style=theme_style(self.app, "text-warning", "yellow", bold=True))
        note = move_note(moves.get(row.ref_id)) if row.kind == "vervolg" else ""
        what = what_and_who(row, note, theme_style(self.app, "text-warning", "yellow"))
        self.add_row(first, what, Text(case_text(row)), key=row_key(row), height=3 if note else 2)

    def _place_cursor(self, selected: AgendaRow | None) -> None:
        """Back on the selected item, else on the first item (or the first day)."""
        keys = [row_key(r) for r in self.shown]
        index = 0
        if keys:
            key = row_key(selected) if selected is not None and row_key(selected) in keys else None
            index = self.get_row_index(key) if key else min(self.get_row_index(k) for k in keys)
        self._last_row = index
        self.move_cursor(row=index)

    @on(DataTable.RowHighlighted)
    def _skip_heading(self, event: DataTable.RowHighlighted) -> None:
        """The cursor passes over the day headings."""
        self._last_row = skip_heading(event, self._last_row)

    def selected_row(self) -> AgendaRow | None:
        """The item under the cursor (None on a day heading)."""
        return selected_agenda_row(self, self.shown)
