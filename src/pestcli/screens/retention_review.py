"""Closed cases past the retention period, each waiting for a decision: keep or erase.

The list comes from :func:`pestcli.services.reads.cases_due_for_review`
with the school's period (``protocol.retention_months``). ``b`` keeps the
case under the cursor (reason and date, ``KeepDialog``); ``w`` erases it
after the serious confirmation (``EraseDialog``) and then says when the
last backup holding it disappears. Erasing compacts the database, so it
runs in a worker thread.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from pestcli.app_access import pest_app
from pestcli.protocol.dates import format_date
from pestcli.screens.retention_dialogs import EraseDialog, KeepDecision, KeepDialog
from pestcli.services.errors import StoreError
from pestcli.text import literal
from pestcli.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from pestcli.services.reads import ReviewItem


class RetentionReviewScreen(Screen[None]):
    """The closed cases that wait for a keep-or-erase decision."""

    BINDINGS = [
        Binding("b", "keep", "Bewaren", id="retention_keep", show=True),
        Binding("w", "erase", "Wissen", id="retention_erase", show=True),
        Binding("f5", "reload", "Vernieuwen", id="retention_reload", show=False),
        Binding("escape", "back", "Terug", id="retention_back", show=True),
    ]

    def __init__(self) -> None:
        super().__init__(id="retention-review")
        self.items: list[ReviewItem] = []
        self.loaded = False
        self.busy = False

    def compose(self) -> ComposeResult:
        """Intro, the table, an empty note and the last result."""
        yield Header()
        months = pest_app(self).protocol.retention_months
        yield Static(f"Gesloten meldingen die langer dan {months} maanden geleden zijn gesloten. "
                     "Bewaar ze met een reden (b) of wis ze definitief (w).", id="retention-intro")
        yield DataTable(id="retention-cases", cursor_type="row", zebra_stripes=True)
        yield Static("Er wachten geen meldingen op een bewaarbesluit.", id="retention-empty")
        yield Static("", id="retention-result")
        yield KeysFooter()

    def on_mount(self) -> None:
        """Title, columns, and the first read."""
        self.title = "Bewaartermijn"
        self.query_one(DataTable).add_columns("Melding", "Klas", "Gesloten op", "Te beoordelen sinds",
                                              "Eerder bewaard tot")
        self.action_reload()

    def action_reload(self) -> None:
        """Read the list again."""
        self._load(pest_app(self).today(), pest_app(self).protocol.retention_months)

    @work(thread=True, exclusive=True, group="retention-load")
    def _load(self, today: date, months: int) -> None:
        """Read in a thread, show on the UI thread."""
        from pestcli.services.reads import cases_due_for_review

        try:
            items = cases_due_for_review(pest_app(self).store, today, months)
        except StoreError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self._show, items)

    def _show(self, items: list[ReviewItem]) -> None:
        """Fill the table."""
        self.items, self.loaded = items, True
        table = self.query_one(DataTable)
        table.clear()
        for item in items:
            kept = format_date(item.kept_until) if item.kept_until else "—"
            table.add_row(Text(item.number), literal(item.class_name or "—"), Text(format_date(item.closed_on)),
                          Text(format_date(item.due_on)), Text(kept), key=str(item.case_id))
        self.query_one("#retention-empty").display = not items
        table.display = bool(items)
        if items:
            table.focus()
        self.refresh_bindings()

    def _current(self) -> ReviewItem | None:
        """The case under the cursor."""
        table = self.query_one(DataTable)
        if not self.items or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((item for item in self.items if str(item.case_id) == key), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keep and erase only with a case under the cursor and nothing running."""
        if action in ("keep", "erase"):
            return bool(self.items) and not self.busy
        return True

    def action_keep(self) -> None:
        """Ask why and until when, then store the decision."""
        item = self._current()
        if item is None:
            return

        def decided(decision: KeepDecision | None) -> None:
            if decision is not None:
                self._keep(item, decision)

        self.app.push_screen(KeepDialog(item.number), decided)

    def _keep(self, item: ReviewItem, decision: KeepDecision) -> None:
        """``store.retention.keep_case``; say "Opgeslagen" only after it returned."""
        from pestcli.services.erasure import keep_case

        try:
            keep_case(pest_app(self).store, item.case_id, decision.reason, decision.until, pest_app(self).today())
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"Opgeslagen: melding {item.number} blijft bewaard tot {format_date(decision.until)}.")
        self.action_reload()

    def action_erase(self) -> None:
        """The serious confirmation, then erase in a thread."""
        item = self._current()
        if item is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.busy = True
                self.refresh_bindings()
                self.notify(f"Melding {item.number} wordt gewist…")
                self._erase(item, pest_app(self).today())

        self.app.push_screen(EraseDialog(item.number), confirmed)

    @work(thread=True, exclusive=True, group="retention-erase")
    def _erase(self, item: ReviewItem, today: date) -> None:
        """Erase and compact in a thread; report on the UI thread."""
        from pestcli.services.erasure import erase_case

        try:
            result = erase_case(pest_app(self).store, item.case_id, "bewaartermijn", today)
        except StoreError as exc:
            self.app.call_from_thread(self._erased, "", str(exc))
            return
        self.app.call_from_thread(self._erased, result.message, "")

    def _erased(self, message: str, error: str) -> None:
        """Show what happened and read the list again."""
        self.busy = False
        if error:
            self.notify(error, severity="error")
        else:
            self.query_one("#retention-result", Static).update(message)
            self.notify(message, title="Gewist", timeout=10)
        self.action_reload()

    @on(DataTable.RowSelected, "#retention-cases")
    def _open(self, event: DataTable.RowSelected) -> None:
        """Enter opens the case, to look before deciding."""
        key = event.row_key.value
        if key is None:  # every row is added with its case's id as key
            return
        pest_app(self).open_case(int(key))

    def action_back(self) -> None:
        """Back to where the mentor came from."""
        self.app.pop_screen()
