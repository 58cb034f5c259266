"""Move a follow-up to another day, with the reason kept.

The mentor types the new day in Dutch ("do", "3-12", "over een week") and a
reason (required: the dossier says why a follow-up did not happen on time).
A day the school is closed is not taken as is: the dialog says why ("valt in
de kerstvakantie") and offers the next school day, as the rules engine's
``followups.reschedule`` decides; saving again takes it. The rule is the use
case's (``services.followups.plan_move``); the store keeps the old date and
the reason (``moved_from``, ``moved_reason``). Dismisses with the
``MovedFollowUp``, or None.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from pestcli.app_access import pest_app
from pestcli.protocol.dates import format_date
from pestcli.screens.case_dialog import field, reveal_first_error
from pestcli.screens.dialog import BUSY, Dialog
from pestcli.services.errors import StoreError
from pestcli.services.followups import MovedFollowUp, move_followup, plan_move
from pestcli.widgets.date_field import DateField

if TYPE_CHECKING:
    from pestcli.services.reads import FollowUp, FollowUpContext


def current_text(row: FollowUp, number: str) -> str:
    """``Melding 2026-0003 · staat op ma 30 nov 2026 (eerder verzet van ...: reden)``."""
    text = f"Melding {number} · staat op {format_date(row.due_on)}"
    if row.moved_from is not None:
        reason = f": {row.moved_reason}" if row.moved_reason else ""
        text += f" (eerder verzet van {format_date(row.moved_from)}{reason})"
    return text


class MoveFollowupDialog(Dialog[MovedFollowUp | None]):
    """The new day and the reason; dismisses with the ``MovedFollowUp`` (None when cancelled)."""

    BOX_ID = "move-dialog"

    BINDINGS = [
        Binding("ctrl+s", "save", "Opslaan", id="move_save", priority=True),
        Binding("escape", "cancel", "Annuleren", id="move_cancel"),
    ]

    def __init__(self, followup_id: int) -> None:
        super().__init__()
        self.followup_id = followup_id
        self.context: FollowUpContext | None = None
        #: (typed day, next school day) offered after a closed day was typed.
        self.offered: tuple[date, date] | None = None

    def compose_dialog(self) -> ComposeResult:
        """The follow-up, the new day, the reason, the advice for a closed day."""
        from pestcli.services.reads import followup_context

        try:
            self.context = followup_context(pest_app(self).store, self.followup_id)
        except StoreError as exc:
            yield Label("Vervolggesprek verzetten", id="dialog-title", classes="dialog-title")
            yield Static(str(exc), id="move-error", markup=False)
        else:
            row = self.context.followup
            yield Label(f"Vervolggesprek {row.label} verzetten", id="dialog-title", classes="dialog-title", markup=False)
            with VerticalScroll(id="dialog-body", classes="dialog-body"):
                yield Static(current_text(row, self.context.case.number), id="move-current", markup=False)
                yield DateField("Nieuwe datum", today=pest_app(self).today, prefer="future", id="move-day")
                yield Label("", id="err-move-day", classes="field-error", markup=False)
                yield field("Reden (verplicht)", Input(placeholder="bijv. leerling ziek, schoolreis",
                                                       id="move-reason"), "move-reason")
                yield Static("", id="move-advice", markup=False)
        with Horizontal(id="dialog-buttons", classes="dialog-buttons"):
            if self.context is not None:
                yield Button("Opslaan", id="save", variant="primary")
            yield Button("Annuleren", id="cancel")

    def on_mount(self) -> None:
        """Start in the date."""
        if self.context is None:
            self.query_one("#cancel", Button).focus()
            return
        self.query_one("#move-advice", Static).display = False
        self.query_one("#move-day Input", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Nothing to save when the follow-up could not be read; every key waits while it saves."""
        if super().check_action(action, parameters) is None:  # a save runs (Dialog)
            return None
        return self.context is not None if action == "save" else True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Opslaan saves, Annuleren cancels."""
        event.stop()
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the date goes to the reason; Enter in the reason saves."""
        event.stop()
        if event.input.id == "move-reason":
            self.action_save()
        else:
            self.focus_next()

    def on_input_changed(self, event: Input.Changed) -> None:
        """A new day typed: the earlier advice no longer applies."""
        if event.input.id != "move-reason" and self.offered is not None:
            self.offered = None
            self.query_one("#move-advice", Static).display = False

    def action_cancel(self) -> None:
        """Close without moving anything (not while a save runs: the button waits as Escape does)."""
        if self.saving:
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        self.dismiss(None)

    def _error(self, name: str, message: str) -> None:
        """Show ``message`` under the field ``name``."""
        label = self.query_one(f"#err-{name}", Label)
        label.update(message)
        label.add_class("shown")

    def _check(self) -> tuple[date | None, str]:
        """The typed day and reason, with Dutch errors beside the fields (the format only)."""
        for label in self.query(".field-error").results(Label):
            label.update("")
            label.remove_class("shown")
        day_field = self.query_one("#move-day", DateField)
        day, problem = day_field.value, day_field.error()
        if problem is not None or day is None:
            self._error("move-day", problem or "Vul een datum in.")
            day = None
        reason = self.query_one("#move-reason", Input).value.strip()
        if not reason:
            self._error("move-reason", "Vul een reden in: waarom gaat het niet door op de geplande dag?")
        return day, reason

    def action_save(self) -> None:
        """Check, offer the next school day for a closed day, then move (one use case)."""
        if self.context is None:
            return
        if self.saving:  # Enter in the reason or the button while a save runs: it only says to wait
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        day, reason = self._check()
        plan = None
        if day is not None:
            plan = plan_move(self.context.followup.due_on, day, pest_app(self).today(), pest_app(self).calendar)
            if plan.problem is not None:
                self._error("move-day", plan.problem)
                if plan.moved_because and reason:  # a closed day that lands on its own day: said beside it
                    return
        if plan is None or plan.problem is not None or not reason:
            message = reveal_first_error(self)  # the field with the error focused and in view
            self.notify(f"Niet verzet: {message}" if message else "Niet verzet: kijk naar de melding bij het veld.",
                        severity="error")
            return
        if plan.moved_because and self.offered != (plan.requested, plan.lands_on):
            self.offered = (plan.requested, plan.lands_on)
            advice = self.query_one("#move-advice", Static)
            advice.update(f"{format_date(plan.requested)} {plan.moved_because}: de school is dan dicht. "
                          f"Druk nog eens op Opslaan (Ctrl+S) om het naar {format_date(plan.lands_on)} te "
                          "verzetten, of kies een andere dag.")
            advice.display = True
            return
        self._move(plan.requested, reason)

    def _reread(self) -> None:
        """Read the follow-up again after a refused save: its date now is shown, the typed fields stay."""
        from pestcli.services.reads import followup_context

        try:
            self.context = followup_context(pest_app(self).store, self.followup_id)
        except StoreError:
            return
        self.query_one("#move-current", Static).update(current_text(self.context.followup, self.context.case.number))

    def _move(self, day: date, reason: str) -> None:
        """The use case, in the background; only after it returned does the dialog say it is saved.

        A refused save (said in Dutch) leaves the dialog open with what was
        typed, and reads the follow-up again: the next try compares with what
        is stored now.
        """
        store, rules, followup_id = pest_app(self).store, pest_app(self).rules, self.followup_id
        seen_version = self.context.followup.version if self.context else None

        def save() -> MovedFollowUp:
            return move_followup(store, rules, followup_id, day, reason, seen_version=seen_version)

        def stored(moved: MovedFollowUp) -> None:
            because = f" ({format_date(moved.requested)} {moved.moved_because})" if moved.moved_because else ""
            notice = pest_app(self).calendar.dates_notice([moved.due_on])
            self.notify(f"Opgeslagen: vervolggesprek verzet naar {format_date(moved.due_on)}{because}."
                        + (f" {notice}" if notice else ""))
            self.dismiss(moved)

        self.save_in_background(save, stored, failed=lambda _error: self._reread())
