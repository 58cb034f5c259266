"""Close a case: a reason and a day, then a confirmation before ``store.close_case``.

Closing is not undone lightly, so after the fields are checked a small
question asks "Melding ... sluiten?" (j = ja, n or Escape = nee). Open steps
or follow-ups are named in that question, so the mentor sees what stays open.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label

from pestcli.protocol.dates import format_date
from pestcli.screens.case_dialog import CaseDialog, field, past_day_error
from pestcli.store import cases
from pestcli.store.detail import case_detail
from pestcli.widgets.date_field import DateField


class ConfirmClose(ModalScreen[bool]):
    """Asks once more before a case is closed."""

    BINDINGS = [
        Binding("j", "answer(True)", "Ja, sluiten", id="confirm_yes"),
        Binding("n", "answer(False)", "Nee", id="confirm_no"),
        Binding("escape", "answer(False)", "Terug", id="confirm_back"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__(classes="case-dialog-screen")
        self.question = question

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        with Vertical(id="confirm", classes="case-dialog"):
            yield Label(self.question, id="confirm-question", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button("Ja, sluiten", id="yes", variant="error")
                yield Button("Nee", id="no")
        yield Footer()

    def on_mount(self) -> None:
        """Start on "Nee": Enter alone never closes a case."""
        self.query_one("#no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        """Return the answer."""
        self.dismiss(yes)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The buttons answer too."""
        event.stop()
        self.dismiss(event.button.id == "yes")


class CloseCaseDialog(CaseDialog[bool]):
    """Closes a case with a reason and a day; dismisses with True once it is closed."""

    def heading(self) -> str:
        """The dialog's title."""
        return "Melding sluiten"

    def compose_fields(self) -> Iterable[Widget]:
        """Why, and on which day."""
        self.detail = case_detail(self.app.store, self.case_id)
        yield field("Reden", Input(placeholder="bijv. twee jaar gevolgd; het pesten is gestopt", id="reason"),
                    "reason")
        yield DateField("Gesloten op", "vandaag", today=self.app.today, prefer="past", id="closed-on")
        yield Label("", id="err-closed-on", classes="field-error", markup=False)

    def on_mount(self) -> None:
        """Start in the reason."""
        self.query_one("#reason", Input).focus()

    def _still_open(self) -> str:
        """What is still open in the case, for the confirmation."""
        steps = [str(s.step) for s in self.detail.steps if s.done_on is None and s.step != 5]
        waiting = [f for f in self.detail.followups if f.done_on is None and f.cancelled_on is None]
        parts = []
        if steps:
            parts.append("stap " + ", ".join(steps))
        if waiting:
            parts.append(f"{len(waiting)} vervolggesprek" + ("ken" if len(waiting) > 1 else ""))
        return f" Nog open: {' en '.join(parts)}." if parts else ""

    def save(self) -> None:
        """Check the fields and ask for confirmation."""
        self.clear_errors()
        reason = self.query_one("#reason", Input).value.strip()
        date_field = self.query_one("#closed-on", DateField)
        day, problem = date_field.value, date_field.error()
        if problem is None and day is not None:
            problem = past_day_error(day, self.app.today(), self.detail.case.reported_on)
        if not reason:
            self.set_error("reason", "Vul een reden in.")
        if problem is not None or day is None:
            self.set_error("closed-on", problem or "Vul een datum in.")
        if self.shown_errors:
            self.refuse()
            return
        question = (f"Melding {self.detail.case.number} sluiten op {format_date(day)}?"
                    f"{self._still_open()}")

        def answered(yes: bool | None) -> None:
            if yes:
                self._close(reason, day)

        self.app.push_screen(ConfirmClose(question), answered)

    def _close(self, reason: str, day) -> None:
        """``store.close_case``; dismiss with True once it is stored."""
        row = self.store_call(cases.close_case, self.app.store, self.case_id, day, reason)
        if row is None:
            return
        self.notify(f"Opgeslagen: melding {row.number} is gesloten.")
        self.dismiss(True)
