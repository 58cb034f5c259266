"""Pick an open case from a list, filtered as you type (``app.action_open_case_list``).

The list shows number, class, status and the day of the report; no names, so
it can be opened with a pupil in the room. The filter matches the number, the
class, the status and the date as shown, and - through ``store.search_cases``
- the names of the people in a case. Returns the case id, or None on Escape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Label

from pestcli.app_access import pest_app
from pestcli.protocol.dates import format_date
from pestcli.screens.dialog import Dialog
from pestcli.services import reads
from pestcli.services.errors import StoreError
from pestcli.services.reads import CASE_STATUSES
from pestcli.text import literal

if TYPE_CHECKING:
    from pestcli.services.reads import Case


def case_row(case: Case) -> tuple[str, str, str, str]:
    """The cells of one case: number, class, status, reported date."""
    return (case.number, case.class_name or "—", CASE_STATUSES.get(case.status, case.status),
            format_date(case.reported_on))


def matches(case: Case, fragment: str) -> bool:
    """Whether the shown cells of ``case`` contain ``fragment`` (case-insensitive)."""
    needle = fragment.strip().lower()
    return not needle or any(needle in cell.lower() for cell in case_row(case))


class CasePickerScreen(Dialog[int | None]):
    """The open cases (open and escalated), newest report first."""

    BOX_ID = "case-picker"
    BOX_CLASSES = "-wide -tall"

    BINDINGS = [
        Binding("escape", "cancel", "Terug", id="picker_back"),
        Binding("down", "move(1)", "Omlaag", id="picker_down", show=False),
        Binding("up", "move(-1)", "Omhoog", id="picker_up", show=False),
        Binding("enter", "choose", "Openen", id="picker_open"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.open_cases: list[Case] = []
        self.shown: list[Case] = []

    def compose_dialog(self) -> ComposeResult:
        """The filter, the table and a line for "nothing found"."""
        yield Label("Open casus", id="dialog-title", classes="dialog-title")
        yield Label("Typ om te filteren · ↑/↓ kiezen · Enter opent · Esc terug", classes="dialog-note")
        yield Input(placeholder="Typ een casusnummer, klas, status, datum of naam", id="case-filter")
        yield DataTable(id="case-table", cursor_type="row", zebra_stripes=True)
        yield Label("", id="case-empty", markup=False)

    def on_mount(self) -> None:
        """Columns, focus in the filter, and the cases loaded in a worker."""
        self.query_one(DataTable).add_columns("Nummer", "Klas", "Status", "Gemeld")
        self.query_one(Input).focus()
        self.load_cases()

    @work(thread=True, exclusive=True, group="case-picker-load")
    def load_cases(self) -> None:
        """Read the open cases."""
        try:
            found = [c for c in reads.list_cases(pest_app(self).store) if c.status != "closed"]
        except StoreError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self._loaded, found)

    def _loaded(self, found: list[Case]) -> None:
        """Keep the cases and show them through the current filter."""
        self.open_cases = found
        self.filter_cases(self.query_one(Input).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Filter as the mentor types."""
        self.filter_cases(event.value)

    @work(thread=True, exclusive=True, group="case-picker-filter")
    def filter_cases(self, fragment: str) -> None:
        """The cases whose cells match, plus those with a person whose name matches."""
        by_name: set[int] = set()
        if len(fragment.strip()) >= 2:
            try:
                by_name = {c.id for c in reads.search_cases(pest_app(self).store, fragment) if c.id is not None}
            except StoreError:
                by_name = set()
        chosen = [c for c in self.open_cases if c.id in by_name or matches(c, fragment)]
        self.app.call_from_thread(self._show, chosen, fragment)

    def _show(self, chosen: list[Case], fragment: str) -> None:
        """Fill the table."""
        self.shown = chosen
        table = self.query_one(DataTable)
        table.clear()
        for case in chosen:
            table.add_row(*(literal(cell) for cell in case_row(case)), key=str(case.id))  # text, not markup
        empty = self.query_one("#case-empty", Label)
        if chosen:
            empty.update("")
        elif fragment.strip():
            empty.update(literal(f"Geen open melding gevonden met “{fragment.strip()}”."))
        else:
            empty.update("Er zijn geen open meldingen.")

    def action_move(self, delta: int) -> None:
        """Move through the list while typing in the filter."""
        table = self.query_one(DataTable)
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + delta)))

    def action_choose(self) -> None:
        """Open the highlighted case."""
        table = self.query_one(DataTable)
        if self.shown and 0 <= table.cursor_row < len(self.shown):
            self.dismiss(self.shown[table.cursor_row].id)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter opens the highlighted case."""
        event.stop()
        self.action_choose()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter or a click on a row opens that case."""
        event.stop()
        key = event.row_key.value
        if key is None:  # every row is added with its case's id as key
            return
        self.dismiss(int(key))

    def action_cancel(self) -> None:
        """Back without a case."""
        self.dismiss(None)
