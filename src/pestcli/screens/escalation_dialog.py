"""Record an escalation: the case goes to the APC or the teamleider/directie,
optionally with a sanction phase 1-5 (section 9 of the protocol).

The dialog proposes the next phase after the last one recorded, and the rung
that decides that phase (the protocol's ``who``); each phase's title and
description are shown as it is chosen. ``services.cases.escalate`` sets the case's
status to "Geëscaleerd" in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget
from textual.widgets import Input, Label, RadioButton, RadioSet, Select

from pestcli.app_access import pest_app
from pestcli.protocol.dates import format_date
from pestcli.screens.case_dialog import CaseDialog, field, past_day_error
from pestcli.screens.case_labels import CaseLabels
from pestcli.screens.dialog import BUSY
from pestcli.services import cases, team
from pestcli.services.reads import case_detail, ladder_state_of
from pestcli.widgets.date_field import DateField
from pestcli.widgets.dutch_select import DutchSelect

NO_PHASE = 0
#: The first sanction phase a team leader or the directie decides (fase 4 schorsing, 5 verwijdering; §9).
FIRST_DECIDED_PHASE = 4
#: What the dialog says when the person's phase 4 or 5 becomes a proposal (on the school's server).
PROPOSAL_TEXT = ("U kunt deze fase voorstellen: het wordt een voorstel aan de teamleider of de directie, "
                 "die erover besluit.")


class EscalationDialog(CaseDialog[int]):
    """Records a hand-over up the ladder with a sanction phase; dismisses with its id."""

    def heading(self) -> str:
        """The dialog's title."""
        return "Escaleren of een sanctiefase vastleggen"

    def compose_fields(self) -> Iterable[Widget]:
        """To whom, which phase (with its description), why, and when."""
        protocol = pest_app(self).protocol
        self.detail = case_detail(pest_app(self).store, self.case_id)
        self.may_decide = team.may_decide_sanctions(pest_app(self).store)  # the roles: no round trip
        state = ladder_state_of(self.detail, protocol)
        self.rungs = [r for r in protocol.rules.escalation[1:]]
        numbers = [p.number for p in protocol.rules.sanctions]
        proposed = state.sanction_phase + 1 if state.sanction_phase + 1 in numbers else NO_PHASE
        rung = self._rung_for(proposed, state.rung)
        yield Label(f"Nu heeft de regie: {CaseLabels(protocol).rung(state.rung)}.", classes="dialog-note")
        yield field("Naar wie", RadioSet(*(RadioButton(r.label, r.id == rung, id=f"rung-{r.id}")
                                          for r in self.rungs), id="rung"), "rung")
        phases = [("Geen sanctiefase", NO_PHASE)] + [(p.title, p.number) for p in protocol.rules.sanctions]
        yield field("Sanctiefase", DutchSelect(phases, allow_blank=False, value=proposed, id="phase"), "phase")
        yield Label("", id="phase-text", classes="dialog-note", markup=False)
        yield field("Waarom", Input(placeholder="bijv. afspraken opnieuw niet nagekomen", id="reason"), "reason")
        yield DateField("Wanneer", "vandaag", today=pest_app(self).today, prefer="past", id="escalated-on")
        yield Label("", id="err-escalated-on", classes="field-error", markup=False)

    def _rung_for(self, phase: int, current: str) -> str:
        """The rung that decides ``phase``, never below the rung that has the lead now."""
        ids = [r.id for r in pest_app(self).protocol.rules.escalation]
        wanted = ids[1] if len(ids) > 1 else ids[0]
        if phase != NO_PHASE:
            wanted = pest_app(self).protocol.sanction(phase).who
        if current in ids and wanted in ids and ids.index(current) > ids.index(wanted):
            wanted = current
        return wanted if any(r.id == wanted for r in self.rungs) else (self.rungs[0].id if self.rungs else "")

    def on_mount(self) -> None:
        """Describe the proposed phase and start at the rungs."""
        self._describe(self.query_one("#phase", Select).value)
        self.query_one("#rung", RadioSet).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        """A new phase: show its description and select the rung that decides it."""
        if event.select.id != "phase":
            return
        self._describe(event.value)
        if isinstance(event.value, int) and event.value != NO_PHASE:
            rung = self._rung_for(event.value, ladder_state_of(self.detail, pest_app(self).protocol).rung)
            for button in self.query("#rung RadioButton").results(RadioButton):
                if button.id == f"rung-{rung}":
                    button.value = True

    def _describe(self, phase: object) -> None:
        """Show the protocol's description of a phase and who decides it."""
        label = self.query_one("#phase-text", Label)
        if not isinstance(phase, int) or phase == NO_PHASE:  # no phase, or Select.NULL
            label.update("Alleen de regie gaat over; er start geen sanctiefase.")
            return
        sanction = pest_app(self).protocol.sanction(phase)
        who = CaseLabels(pest_app(self).protocol).rung(sanction.who)
        proposal = f"\n{PROPOSAL_TEXT}" if self._is_proposal(phase) else ""
        label.update(" ".join(sanction.description) + f"\nBesluit: {who}.{proposal}")

    def _is_proposal(self, phase: int | None) -> bool:
        """Whether recording ``phase`` makes it a proposal (fase 4 or 5 by someone who does not decide them)."""
        return (phase or 0) >= FIRST_DECIDED_PHASE and not self.may_decide

    def selected_rung(self) -> str | None:
        """The id of the chosen rung."""
        pressed = self.query_one("#rung", RadioSet).pressed_button
        return pressed.id.removeprefix("rung-") if pressed is not None and pressed.id else None

    def save(self) -> None:
        """Check the fields, then ``services.cases.escalate`` in the background; dismiss with the escalation's id."""
        if self.saving:  # the Opslaan button while a save runs
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        self.clear_errors()
        rung = self.selected_rung()
        phase = self.query_one("#phase", Select).value
        reason = self.query_one("#reason", Input).value.strip()
        date_field = self.query_one("#escalated-on", DateField)
        day, problem = date_field.value, date_field.error()
        if problem is None and day is not None:
            problem = past_day_error(day, pest_app(self).today(), self.detail.case.reported_on)
        if rung is None:
            self.set_error("rung", "Kies naar wie de melding gaat.")
        if not reason:
            self.set_error("reason", "Vul kort in waarom (bijv. welke afspraak niet is nagekomen).")
        if problem is not None or day is None:
            self.set_error("escalated-on", problem or "Vul een datum in.")
        if self.shown_errors or rung is None or day is None:  # rung or day None: an error is shown
            self.refuse()
            return
        sanction = phase if isinstance(phase, int) and phase != NO_PHASE else None
        store, case_id, mentor = pest_app(self).store, self.case_id, self.detail.case.mentor

        def call() -> int:
            return cases.escalate(store, case_id, rung, day, reason=reason, sanction_phase=sanction, by=mentor)

        def saved(escalation_id: int) -> None:
            labels = CaseLabels(pest_app(self).protocol)
            what = f" ({labels.phase(sanction)})" if sanction else ""
            if self._is_proposal(sanction):
                self.notify(f"Voorgesteld: {labels.phase(sanction or 0)}, op {format_date(day)}; de teamleider "
                            "of de directie besluit.", markup=False)
            else:
                self.notify(f"Opgeslagen: geëscaleerd naar {labels.rung(rung)}{what} op {format_date(day)}.")
            self.dismiss(escalation_id)

        self.save_in_background(call, saved)  # refused: said in Dutch, the dialog stays with what was typed
