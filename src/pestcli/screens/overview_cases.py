"""The cases behind one figure of the overview: number, class, reported on, status.

Opened by Enter on a figure (``screens.overview``). The list is read in a
worker thread (``services.overview.cases_behind``, through the server's
row-level security: only cases the person may see) with "Bezig met zoeken…"
meanwhile; Enter on a case opens its case screen over this list, so Escape
there comes back here, and Escape here back to the figures.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label, Static

from pestcli.app_access import pest_app
from pestcli.protocol.dates import format_date
from pestcli.screens.dialog import Dialog
from pestcli.services.errors import StoreError
from pestcli.text import literal

if TYPE_CHECKING:
    from pestcli.protocol.periods import Period
    from pestcli.services.overview import CaseBehind, Selection

#: Shown while the cases are read (said in words, not by colour).
SEARCHING = "Bezig met zoeken…"


def count_line(found: int) -> str:
    """``3 meldingen · Enter opent een melding`` (or that there are none)."""
    if not found:
        return "Geen meldingen die u mag zien."
    noun = "melding" if found == 1 else "meldingen"
    return f"{found} {noun} · Enter opent de melding, Escape gaat terug"


class OverviewCasesDialog(Dialog[None]):
    """The cases a figure counts; Enter opens one (the case screen comes over this list)."""

    BOX_ID = "overview-cases-dialog"
    BOX_CLASSES = "-wide -tall"

    BINDINGS = [
        Binding("escape", "back", "Terug", id="overview_cases_back"),
    ]

    def __init__(self, label: str, key: str, period: Period, selection: Selection, today: date) -> None:
        super().__init__()
        self.label = label
        self.key = key
        self.period = period
        self.selection = selection
        self.today = today
        #: The cases read (None until the read is done).
        self.cases: list[CaseBehind] | None = None

    def compose_dialog(self) -> ComposeResult:
        """Title (the figure, its period and classes), the state line, the cases."""
        title = f"Meldingen achter: {self.label.strip()} · {self.period.label} · {self.selection.label}"
        yield Label(literal(title), id="dialog-title", classes="dialog-title")
        yield Static(SEARCHING, id="overview-cases-state", markup=False)
        yield DataTable(id="overview-cases", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        """Columns, the focus on the list, and the read."""
        table = self.query_one("#overview-cases", DataTable)
        table.add_columns("Melding", "Klas", "Gemeld op", "Status")
        table.focus()
        self._read()

    @work(thread=True, exclusive=True, group="overview-cases")
    def _read(self) -> None:
        """The cases behind the figure (off the main thread); a Dutch message when the read fails."""
        from pestcli.services.overview import cases_behind

        try:
            found = cases_behind(pest_app(self).store, self.period, self.key, self.selection, self.today)
        except StoreError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._show, found)

    def _failed(self, message: str) -> None:
        """Say why the cases could not be read."""
        self.query_one("#overview-cases-state", Static).update(f"De meldingen konden niet worden gelezen: {message}")

    def _show(self, found: list[CaseBehind]) -> None:
        """Fill the list."""
        from pestcli.services.reads import CASE_STATUSES

        self.cases = found
        table = self.query_one("#overview-cases", DataTable)
        table.clear()
        for case in found:
            table.add_row(literal(case.number), literal(case.class_name or "-"), format_date(case.reported_on),
                          CASE_STATUSES.get(case.status, case.status), key=str(case.case_id))
        self.query_one("#overview-cases-state", Static).update(count_line(len(found)))

    @on(DataTable.RowSelected, "#overview-cases")
    def _open(self, event: DataTable.RowSelected) -> None:
        """Enter on a case opens its case screen, as the home screen does."""
        event.stop()
        if event.row_key.value is not None:
            pest_app(self).open_case(int(event.row_key.value))

    def action_back(self) -> None:
        """Back to the figures."""
        self.dismiss(None)
