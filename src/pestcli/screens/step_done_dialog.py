"""Mark a step done: on which day (default vandaag) and by whom.

``services.cases.mark_step_done`` stores it and moves the later due dates in the
same transaction; the dialog previews those new dates as the mentor types the
day, so the effect is visible before saving. The dialog returns the day.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from textual.widget import Widget
from textual.widgets import Input, Label

from pestcli.app_access import pest_app
from pestcli.protocol.dates import format_date
from pestcli.screens.case_dialog import CaseDialog, field, past_day_error
from pestcli.screens.dialog import BUSY
from pestcli.services import cases, reads
from pestcli.widgets.date_field import DateField


class StepDoneDialog(CaseDialog[date]):
    """Records that stap ``step`` of a case was done; dismisses with the day."""

    def __init__(self, case_id: int, step: int) -> None:
        super().__init__(case_id)
        self.step = step

    def heading(self) -> str:
        """``Stap 2 afronden: Gesprek met de gepeste leerling``."""
        return f"Stap {self.step} afronden: {pest_app(self).protocol.step(self.step).title}"

    def compose_fields(self) -> Iterable[Widget]:
        """Current state, the day, who did it, and the preview of the new due dates."""
        store = pest_app(self).store
        self.case = reads.get_case(store, self.case_id)
        self.progress = {row.step: row for row in reads.step_progress(store, self.case_id)}
        row = self.progress.get(self.step)
        if row is not None and row.done_on is not None:
            state = f"Deze stap staat al als gedaan op {format_date(row.done_on)}; opslaan vervangt die datum."
        elif row is not None and row.due_on is not None:
            state = f"Termijn: uiterlijk {format_date(row.due_on)}."
        else:
            state = "Deze stap heeft geen vaste termijn."
        yield Label(state, id="step-state", classes="dialog-note", markup=False)
        yield DateField("Gedaan op", "vandaag", today=pest_app(self).today, prefer="past", id="done-on")
        yield Label("", id="err-done-on", classes="field-error", markup=False)
        yield field("Door wie", Input(self.case.mentor, placeholder="bijv. de mentor", id="done-by"), "done-by")
        yield Label("", id="preview", classes="dialog-note", markup=False)

    def on_mount(self) -> None:
        """Show the preview for the default day and put the cursor in the date."""
        self._preview()
        self.query_one("#done-on Input", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Update the preview as the date is typed."""
        if self.is_mounted:
            self._preview()

    def _preview(self) -> None:
        """The later due dates the rules engine gives with this day."""
        day = self.query_one("#done-on", DateField).value
        label = self.query_one("#preview", Label)
        if day is None:
            label.update("")
            return
        done = {n: r.done_on for n, r in self.progress.items() if r.done_on is not None}
        done[self.step] = day
        dues = pest_app(self).rules.due_dates(self.case.reported_on, self.case, done)
        later = [f"stap {n} uiterlijk {format_date(d)}" for n, d in dues.items() if n not in done]
        label.update("Daarna: " + "; ".join(later) + "." if later else "")

    def save(self) -> None:
        """Check the day, then ``services.cases.mark_step_done`` in the background; dismiss with the day."""
        if self.saving:  # the Opslaan button while a save runs: it only says to wait
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        self.clear_errors()
        date_field = self.query_one("#done-on", DateField)
        problem = date_field.error()
        day = date_field.value
        if problem is None and day is not None:
            problem = past_day_error(day, pest_app(self).today(), self.case.reported_on)
        if problem is not None or day is None:
            self.set_error("done-on", problem or "Vul een datum in.")
            self.refuse()
            return
        by = self.query_one("#done-by", Input).value.strip()
        store, rules, case_id, step = pest_app(self).store, pest_app(self).rules, self.case_id, self.step

        def mark() -> date:
            return cases.mark_step_done(store, rules, case_id, step, day, by)

        def stored(_done_on: date) -> None:
            self.notify(f"Opgeslagen: stap {step} gedaan op {format_date(day)}.")
            self.dismiss(day)

        # refused: the Dutch error beside the day too; the dialog stays open with what was typed
        self.save_in_background(mark, stored, failed=lambda error: self.set_error("done-on", str(error)))

    def action_cancel(self) -> None:
        """Close without saving (not while a save runs: the button waits as Escape does)."""
        if self.saving:
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        super().action_cancel()
