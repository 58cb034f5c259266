"""The agenda: everything due in a week or a month, day by day, with the closed days.

Every day of the period gets a heading row; a school holiday or public
holiday shows its name ("kerstvakantie", "Tweede Kerstdag"), a weekend is
dimmed. Deadlines are where the rules engine put them (never on a closed
day); a follow-up the mentor moved says from when and why. In the period
that holds today, what is overdue comes first. ``w``/``m`` switch week and
month, left/right go to the previous/next period, the filter narrows by
case, pupil or class as you type, and three boxes choose the kinds.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Header, Input, Static

from pestcli.app_access import pest_app
from pestcli.screens.agenda_period import count_text, matches, month_anchor, period_of, period_title, shift_period
from pestcli.screens.agenda_table import AgendaTable
from pestcli.screens.due_start import move_due_followup, start_due_item
from pestcli.services.errors import StoreError
from pestcli.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from pestcli.agenda import AgendaRow
    from pestcli.services.reads import FollowUpMove

#: The kind toggles: (AgendaRow.kind, checkbox id, label); key 1, 2, 3 in this order.
KIND_BOXES = (("stap", "kind-stap", "Stappen"), ("vervolg", "kind-vervolg", "Vervolggesprekken"),
              ("ouders", "kind-ouders", "Ouders"))
#: Below this width the toolbar is narrow: a kind box's label is shortened so the filter keeps room.
NARROW = 100
#: A kind box's label on a narrow terminal (the other labels are short already).
SHORT_LABELS = {"vervolg": "Vervolg"}
#: The filter's hint on a wide and on a narrow terminal.
FILTER_HINT = "Filter (/): casus, leerling, klas…"
SHORT_FILTER_HINT = "Filter (/)…"


def kind_box_label(key: int, label: str) -> Content:
    """A kind box's label with its key shown as a key, as the footer does: "1 Stappen" (not a count)."""
    return Content.assemble((f" {key} ", "bold reverse"), " ", label)


class AgendaScreen(Screen[None]):
    """Week and month views of everything due, holidays visible, filter by case, pupil and kind."""

    BINDINGS = [
        Binding("g", "start_item", "Starten", id="agenda_start"),
        Binding("v", "move_item", "Verzetten", id="agenda_move"),
        Binding("w", "week", "Week", id="agenda_week"),
        Binding("m", "month", "Maand", id="agenda_month"),
        Binding("escape", "back", "Terug", id="agenda_back"),
        Binding("t", "today", "Vandaag", id="agenda_today", show=False),
        Binding("slash", "focus_filter", "Filter", id="agenda_filter", show=False),
        *(Binding(str(n), f"toggle_kind('{kind}')", f"{label} tonen of verbergen", id=f"agenda_kind_{kind}",
                  show=False)
          for n, (kind, _, label) in enumerate(KIND_BOXES, start=1)),
    ]

    #: The day whose week or month is shown (None until mounted, then today). The name hides
    #: Textual's ``Widget.anchor()`` (scroll anchoring), which nothing calls on a screen; the
    #: attribute keeps its name because callers and tests read ``AgendaScreen.anchor``.
    anchor: date | None  # type: ignore[assignment]

    def __init__(self, view: str = "week", anchor: date | None = None) -> None:
        super().__init__(id="agenda")
        self.view = view
        self.anchor = anchor
        self.rows: list[AgendaRow] = []
        self.moves: dict[int, FollowUpMove] = {}
        self.shown: list[AgendaRow] = []
        self.loaded = False

    def compose(self) -> ComposeResult:
        """Period, filter and kinds, the table, the footer."""
        yield Header()
        yield Static("", id="agenda-period", markup=False)
        with Horizontal(id="agenda-toolbar"):
            yield Input(placeholder=FILTER_HINT, id="agenda-filter")
            for key, (_, box_id, label) in enumerate(KIND_BOXES, start=1):
                yield Checkbox(kind_box_label(key, label), True, id=box_id)
        yield Static("", id="agenda-warning", markup=False)
        yield AgendaTable(id="agenda-table")
        yield Static("", id="agenda-count", markup=False)
        yield KeysFooter()

    def on_resize(self, event: events.Resize) -> None:
        """On a narrow terminal (80 columns) shorter kind labels and filter hint, so the filter keeps room."""
        narrow = event.size.width < NARROW
        for key, (kind, box_id, label) in enumerate(KIND_BOXES, start=1):
            shown = SHORT_LABELS.get(kind, label) if narrow else label
            self.query_one(f"#{box_id}", Checkbox).label = kind_box_label(key, shown)
        self.query_one("#agenda-filter", Input).placeholder = SHORT_FILTER_HINT if narrow else FILTER_HINT

    def on_mount(self) -> None:
        """Columns, this week, and a new read whenever the screen becomes active again."""
        self.title = "Agenda"
        self.anchor = self.anchor or pest_app(self).today()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._fill())
        self.query_one(AgendaTable).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        """Back from a dialog, the case or a conversation: read again."""
        if self.loaded:
            self.reload()

    # --- reading -------------------------------------------------------------------
    @property
    def period(self) -> tuple[date, date]:
        """The first and last day shown."""
        return period_of(self.view, self.anchor or pest_app(self).today())

    def reload(self) -> None:
        """Read the period again (in a worker thread)."""
        start, end = self.period
        self.query_one("#agenda-period", Static).update(period_title(self.view, start, end))
        notice = pest_app(self).calendar.period_notice(start, end)
        warning = self.query_one("#agenda-warning", Static)
        warning.update(notice or "")
        warning.display = notice is not None
        self._load(start, end, pest_app(self).today())

    @work(thread=True, exclusive=True, group="agenda-load")
    def _load(self, start: date, end: date, today: date) -> None:
        """The period's rows (with what is overdue when today is in it), and the moves."""
        from pestcli.agenda import agenda_rows
        from pestcli.services.reads import moved_followups

        try:
            rows = agenda_rows(pest_app(self).store, pest_app(self).protocol, start, end, today,
                               include_overdue=start <= today <= end, include_names=True)
            moves = moved_followups(pest_app(self).store, (r.ref_id for r in rows if r.kind == "vervolg"))
        except StoreError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self._show, (start, end), rows, moves)

    def _show(self, period: tuple[date, date], rows: list[AgendaRow], moves: dict[int, FollowUpMove]) -> None:
        """Keep what was read (unless the mentor paged on meanwhile) and draw it."""
        if period != self.period:
            return
        self.rows, self.moves, self.loaded = rows, moves, True
        self._fill()

    # --- drawing ---------------------------------------------------------------------
    def _kinds(self) -> set[str]:
        """The kinds whose box is ticked."""
        return {kind for kind, box_id, _ in KIND_BOXES if self.query_one(f"#{box_id}", Checkbox).value}

    def _fill(self) -> None:
        """Draw what passes the filter and the kind boxes."""
        table = self.query_one(AgendaTable)
        fragment = self.query_one("#agenda-filter", Input).value
        kinds = self._kinds()
        self.shown = [r for r in self.rows if r.kind in kinds and matches(r, fragment)]
        start, end = self.period
        overdue = table.draw(self.shown, start, end, pest_app(self).today(), self.moves)
        filtered = bool(self.rows) and (bool(fragment.strip()) or len(kinds) < len(KIND_BOXES))
        text = count_text(len(self.shown), overdue, filtered, self.view) if self.loaded else "Laden…"
        self.query_one("#agenda-count", Static).update(text)

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on an item opens its case."""
        event.stop()
        row = self.selected_row()
        if row is not None:
            pest_app(self).open_case(row.case_id)

    @on(Input.Changed, "#agenda-filter")
    @on(Checkbox.Changed)
    def _filter_changed(self) -> None:
        """Narrow the rows as the mentor types or ticks."""
        if self.loaded:
            self._fill()

    @on(Input.Submitted, "#agenda-filter")
    def _filter_submitted(self) -> None:
        """Enter in the filter goes to the table."""
        self.query_one(AgendaTable).focus()

    # --- actions -----------------------------------------------------------------------
    def selected_row(self) -> AgendaRow | None:
        """The item under the cursor (None on a day heading)."""
        return self.query_one(AgendaTable).selected_row()

    def _go(self, view: str, anchor: date) -> None:
        """Show another period."""
        self.view, self.anchor, self.loaded = view, anchor, False
        self.rows, self.shown, self.moves = [], [], {}
        self.reload()
        self._fill()

    def action_week(self) -> None:
        """The week view (of the period's first day, or today's week in the current month)."""
        start, end = self.period
        today = pest_app(self).today()
        self._go("week", today if start <= today <= end else start)

    def action_month(self) -> None:
        """The month view of the period shown: today's month when today is in it."""
        self._go("month", month_anchor(*self.period, pest_app(self).today()))

    def action_today(self) -> None:
        """Back to the period that holds today."""
        self._go(self.view, pest_app(self).today())

    def action_previous_period(self) -> None:
        """The week or month before."""
        self._go(self.view, shift_period(self.view, self.period[0], -1))

    def action_next_period(self) -> None:
        """The week or month after."""
        self._go(self.view, shift_period(self.view, self.period[0], 1))

    def action_focus_filter(self) -> None:
        """Put the cursor in the filter."""
        self.query_one("#agenda-filter", Input).focus()

    def action_toggle_kind(self, kind: str) -> None:
        """Show or hide one kind (keys 1-3)."""
        box = next(b for k, b, _ in KIND_BOXES if k == kind)
        self.query_one(f"#{box}", Checkbox).toggle()

    def action_back(self) -> None:
        """Escape: leave the filter first, else go back."""
        box = self.query_one("#agenda-filter", Input)
        if self.focused is box:
            self.query_one(AgendaTable).focus()
        else:
            self.app.pop_screen()

    def action_start_item(self) -> None:
        """Start the selected item, as on "Vandaag"."""
        row = self.selected_row()
        if row is None:
            self.notify("Kies eerst een regel met iets dat op de agenda staat.")
            return
        start_due_item(self.app, row)

    def action_move_item(self) -> None:
        """Move the selected follow-up to another day (with a reason)."""
        row = self.selected_row()
        if row is None or row.kind != "vervolg":
            self.notify("Alleen een vervolggesprek kun je verzetten; kies er een in de lijst.")
            return
        move_due_followup(self.app, row.ref_id)
