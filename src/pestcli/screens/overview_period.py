"""The overview's chosen period: two Dutch dates ("1-9", "vandaag"), both included.

Dismisses with the :class:`~pestcli.protocol.periods.Period` of the two
dates, or None when cancelled. Both dates look back (a period that has
passed); an end before the start is said beside the end.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label

from pestcli.app_access import pest_app
from pestcli.protocol.periods import Period, PeriodError, custom_period
from pestcli.screens.dialog import Dialog
from pestcli.widgets.date_field import DateField


class OverviewPeriodDialog(Dialog[Period | None]):
    """Van and t/m as Dutch dates; dismisses with the period (None when cancelled)."""

    BOX_ID = "overview-period-dialog"

    BINDINGS = [
        Binding("ctrl+s", "choose", "Kiezen", id="overview_period_choose", priority=True),
        Binding("escape", "cancel", "Annuleren", id="overview_period_cancel"),
    ]

    def __init__(self, start: date | None = None, end: date | None = None) -> None:
        super().__init__()
        self.start = start
        self.end = end

    def compose_dialog(self) -> ComposeResult:
        """Title, the two dates with their errors, the buttons."""
        yield Label("Periode kiezen", id="dialog-title", classes="dialog-title")
        with VerticalScroll(id="dialog-body", classes="dialog-body"):
            yield DateField("Van", self.start.strftime("%d-%m-%Y") if self.start else "",
                            today=pest_app(self).today, prefer="past", id="overview-from")
            yield Label("", id="err-overview-from", classes="field-error", markup=False)
            yield DateField("Tot en met", self.end.strftime("%d-%m-%Y") if self.end else "",
                            today=pest_app(self).today, prefer="past", id="overview-to")
            yield Label("", id="err-overview-to", classes="field-error", markup=False)
        with Horizontal(id="dialog-buttons", classes="dialog-buttons"):
            yield Button("Kiezen", id="choose", variant="primary")
            yield Button("Annuleren", id="cancel")

    def on_mount(self) -> None:
        """Start in the first date: the dialog was opened to type it."""
        self.query_one("#overview-from Input", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Kiezen takes the dates, Annuleren cancels."""
        event.stop()
        self.action_choose() if event.button.id == "choose" else self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the first date goes to the second; Enter in the second chooses."""
        event.stop()
        if self.focused is not None and self.focused.parent is self.query_one("#overview-to"):
            self.action_choose()
        else:
            self.focus_next()

    def _error(self, name: str, message: str) -> None:
        """Show ``message`` under the date ``name`` (empty: clear it)."""
        label = self.query_one(f"#err-{name}", Label)
        label.update(message)
        label.set_class(bool(message), "shown")

    def action_choose(self) -> None:
        """Check both dates; dismiss with the period when they make one."""
        dates: list[date | None] = []
        for name in ("overview-from", "overview-to"):
            field = self.query_one(f"#{name}", DateField)
            problem = field.error()
            self._error(name, problem or "")
            dates.append(None if problem else field.value)
        start, end = dates
        if start is None or end is None:
            return
        try:
            period = custom_period(start, end)
        except PeriodError as exc:
            self._error("overview-to", str(exc))
            return
        self.dismiss(period)

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
