"""Log a contact with the parents of a pupil in the case (stap 6 and later).

Decision (documented here and in the dialog): stap 6 is "de ouders op de
hoogte brengen". While stap 6 is not done, the dialog shows a checkbox
"Hiermee is stap 6 gedaan", ticked by default; saving then also marks stap 6
done on the contact's day through ``workflow.complete_step`` (which moves the
later due dates). Once stap 6 is done the checkbox is not shown. A contact
that was planned for the same pupil (and not held yet) is completed instead
of adding a second row, so the agenda no longer shows it as due.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget
from textual.widgets import Checkbox, Label, Select, TextArea

from pestcli.protocol.dates import format_date
from pestcli.screens.case_dialog import CaseDialog, field, past_day_error
from pestcli.screens.case_labels import CaseLabels, person_with_class
from pestcli.store import parents, workflow
from pestcli.store.detail import case_detail
from pestcli.widgets.date_field import DateField

PARENTS_STEP = 6


class ParentContactDialog(CaseDialog[int]):
    """Records a held parent contact; dismisses with the contact's id."""

    def heading(self) -> str:
        """The dialog's title."""
        return "Contact met ouders vastleggen"

    def compose_fields(self) -> Iterable[Widget]:
        """Whose parents, when, how, what was said, and (maybe) stap 6 done."""
        self.detail = case_detail(self.app.store, self.case_id)
        labels = CaseLabels(self.app.protocol)
        pupils, seen = [], set()
        for person in self.detail.people:
            if person.person.kind == "leerling" and person.person.id not in seen:
                seen.add(person.person.id)
                pupils.append((f"{person_with_class(person.person)} — {labels.role(person.role).lower()}",
                               person.person.id))
        victim = next((p.person.id for p in self.detail.people if p.role == "gepeste" and p.person.id in seen), None)
        yield field("Ouders van", Select(pupils, prompt="Kies een leerling", id="pupil",
                                         value=victim if victim is not None else Select.NULL), "pupil")
        yield DateField("Wanneer", "vandaag", today=self.app.today, prefer="past", id="held-on")
        yield Label("", id="err-held-on", classes="field-error", markup=False)
        kinds = [(k.label, k.id) for k in self.app.protocol.contact_kinds]
        yield field("Hoe", Select(kinds, prompt="Kies hoe", id="how",
                                  value=kinds[0][1] if kinds else Select.NULL), "how")
        yield field("Wat is besproken", TextArea(id="summary", placeholder="Kort verslag van het contact"),
                    "summary")
        step = self.detail.step(PARENTS_STEP)
        if step is None or step.done_on is None:
            yield Checkbox("Hiermee is stap 6 gedaan (de ouders zijn op de hoogte)", True, id="step6")
        else:
            yield Label(f"Stap 6 is al gedaan op {format_date(step.done_on)}.", classes="dialog-note")

    def on_mount(self) -> None:
        """Start in the first field."""
        self.query_one("#pupil", Select).focus()

    def save(self) -> None:
        """Check the fields, record the contact, and mark stap 6 done if ticked."""
        self.clear_errors()
        pupil = self.query_one("#pupil", Select).value
        how = self.query_one("#how", Select).value
        date_field = self.query_one("#held-on", DateField)
        day, problem = date_field.value, date_field.error()
        if problem is None and day is not None:
            problem = past_day_error(day, self.app.today(), self.detail.case.reported_on)
        if pupil == Select.NULL:
            self.set_error("pupil", "Kies de leerling van wie je de ouders sprak.")
        if problem is not None or day is None:
            self.set_error("held-on", problem or "Vul een datum in.")
        if how == Select.NULL:
            self.set_error("how", "Kies hoe het contact was.")
        if self.shown_errors:
            self.refuse()
            return
        planned = next((c.id for c in self.detail.parent_contacts
                        if c.held_on is None and c.pupil_id == pupil), None)
        summary = self.query_one("#summary", TextArea).text.strip()
        row = self.store_call(parents.record_parent_contact, self.app.store, self.case_id, day, how, summary,
                              pupil_id=pupil, held_by=self.detail.case.mentor, contact_id=planned)
        if row is None:
            return
        boxes = self.query("#step6").results(Checkbox)
        box = next(boxes, None)
        if box is not None and box.value:
            done = self.store_call(workflow.complete_step, self.app.store, self.app.rules, self.case_id,
                                   PARENTS_STEP, day, self.detail.case.mentor)
            if done is None:
                self.notify(f"Het oudercontact van {format_date(day)} is wel opgeslagen.")
            else:
                self.notify(f"Opgeslagen: oudercontact van {format_date(day)}; stap 6 is gedaan.")
        else:
            self.notify(f"Opgeslagen: oudercontact van {format_date(day)}.")
        self.dismiss(row.id)
