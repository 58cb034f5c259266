"""The audit trail in the app: when, which OS user, what was done to what.

The same rows as ``pestcli audit`` (:func:`pestcli.services.reads.audit_log`),
newest first, read in a worker thread. The trail holds no notes or names,
so neither does this screen. ``m`` shows more rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from pestcli.app_access import pest_app
from pestcli.services.errors import StoreError
from pestcli.text import literal
from pestcli.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from pestcli.services.reads import AuditRow

#: How many rows are read at first, and how many more ``m`` adds.
PAGE = 200


class AuditScreen(Screen[None]):
    """The newest audit events of every case."""

    BINDINGS = [
        Binding("m", "more", "Meer regels", id="audit_more", show=True),
        Binding("f5", "reload", "Vernieuwen", id="audit_reload", show=True),
        Binding("escape", "back", "Terug", id="audit_back", show=True),
    ]

    def __init__(self) -> None:
        super().__init__(id="audit")
        self.limit = PAGE
        self.rows: list[AuditRow] = []
        self.loaded = False

    def compose(self) -> ComposeResult:
        """Intro, table, empty note."""
        yield Header()
        yield Static("Wie wanneer iets heeft vastgelegd, gewijzigd, geëxporteerd, afgedrukt of gewist. "
                     "Zonder namen of notities.", id="audit-intro")
        yield DataTable(id="audit-table", cursor_type="row", zebra_stripes=True)
        yield Static("Het logboek is leeg.", id="audit-empty")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Title, columns, first read."""
        self.title = "Logboek"
        # What happened first: at 80 columns the description is in view, the OS user last.
        self.query_one(DataTable).add_columns("Wanneer", "Melding", "Omschrijving", "Wat", "Handeling",
                                              "Gebruiker")
        self.action_reload()

    def action_reload(self) -> None:
        """Read the newest rows again."""
        self._load(self.limit)

    def action_more(self) -> None:
        """Read more rows."""
        self.limit += PAGE
        self.action_reload()

    @work(thread=True, exclusive=True, group="audit-load")
    def _load(self, limit: int) -> None:
        """Read in a thread, show on the UI thread."""
        from pestcli.services.reads import audit_log

        try:
            rows = audit_log(pest_app(self).store, pest_app(self).protocol, limit=limit)
        except StoreError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[AuditRow]) -> None:
        """Fill the table."""
        self.rows, self.loaded = rows, True
        table = self.query_one(DataTable)
        table.clear()
        for row in rows:
            table.add_row(*(literal(value) for value in (row.when, row.case_number or "—", row.summary, row.subject,
                                                         row.action, row.os_user)))  # text, no controls
        self.query_one("#audit-empty").display = not rows
        table.display = bool(rows)

    def action_back(self) -> None:
        """Back to where the mentor came from."""
        self.app.pop_screen()
