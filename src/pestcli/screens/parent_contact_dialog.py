"""Log a contact with the parents of a pupil in the case (stap 2's informing, stap 6 and later).

Decisions (documented here and in the dialog):

- Stap 6 asks for "een gesprek op school of thuis". While stap 6 is not
  done the dialog shows "Dit was het gesprek van stap 6": ticked by default
  when the contact is a conversation at school or at home, not ticked for a
  phone call, an e-mail or a letter (the mentor may still tick it). Changing
  "Hoe" moves the default until the mentor touches the box. Ticked, saving
  also marks stap 6 done on the contact's day through
  ``services.parents.log_parent_contact`` (which moves the later due dates),
  in the same transaction as the contact: both are saved, or neither.
- Stap 2's to-do "ouders informeren" (what goes on and what will be done;
  a phone call is fine): while it is open the dialog shows "Hiermee zijn de
  ouders geïnformeerd (stap 2)", ticked by default; saving then completes
  that to-do with this contact.
- The contact names the parents spoken to (tick them under "Met wie"); a
  parent not yet known is added with Ctrl+N (the parent dialog) without
  leaving this dialog. A planned conversation with the same pupil's parents
  is completed instead of adding a second row when this contact is that
  conversation.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Checkbox, Label, Select, SelectionList, TextArea
from textual.widgets.select import NoSelection
from textual.widgets.selection_list import Selection

from pestcli.app_access import pest_app
from pestcli.protocol.dates import format_date
from pestcli.protocol.escalation import PARENTS_STEP
from pestcli.screens.case_dialog import CaseDialog, field, past_day_error
from pestcli.screens.case_labels import CaseLabels
from pestcli.screens.dialog import BUSY
from pestcli.screens.parent_dialog import pupil_choices
from pestcli.services import parents
from pestcli.services.reads import case_detail
from pestcli.widgets.date_field import DateField
from pestcli.widgets.dutch_select import DutchSelect
from pestcli.widgets.marked_selection import MarkedSelectionList

#: The kinds of contact that are "een gesprek op school of thuis" (stap 6).
CONVERSATION_HOWS = ("school", "thuis")


class ParentContactDialog(CaseDialog[int]):
    """Records a held parent contact; dismisses with the contact's id."""

    BINDINGS = [
        *CaseDialog.BINDINGS,
        Binding("ctrl+n", "add_parent", "Ouder toevoegen", id="parent_contact_add_parent"),
    ]

    def __init__(self, case_id: int) -> None:
        super().__init__(case_id)
        self.step6_touched = False
        self._setting_step6 = False

    def heading(self) -> str:
        """The dialog's title."""
        return "Contact met ouders vastleggen"

    def compose_fields(self) -> Iterable[Widget]:
        """Whose parents, when, how, what was said, with whom, and (maybe) stap 2 / stap 6 done."""
        self.detail = case_detail(pest_app(self).store, self.case_id)
        labels = CaseLabels(pest_app(self).protocol)
        pupils = pupil_choices(self.detail.people, labels)
        ids = {p for _, p in pupils}
        victim = next((p.person.id for p in self.detail.people if p.role == "gepeste" and p.person.id in ids), None)
        yield field("Ouders van", DutchSelect(pupils, prompt="Kies een leerling", id="pupil",
                                         value=victim if victim is not None else Select.NULL), "pupil")
        yield DateField("Wanneer", "vandaag", today=pest_app(self).today, prefer="past", id="held-on")
        yield Label("", id="err-held-on", classes="field-error", markup=False)
        kinds = [(k.label, k.id) for k in pest_app(self).protocol.contact_kinds]
        yield field("Hoe", DutchSelect(kinds, prompt="Kies hoe", id="how",
                                  value=kinds[0][1] if kinds else Select.NULL), "how")
        yield field("Wat is besproken", TextArea(id="summary", placeholder="Kort verslag van het contact"),
                    "summary")
        yield field("Met wie (spatie: vinkje · Ctrl+N: nieuwe ouder)",
                    MarkedSelectionList[int](*self._parent_options(()), id="parents"), "parents")
        if self.open_informing() is not None:
            yield Checkbox("Hiermee zijn de ouders geïnformeerd (stap 2: wat er speelt, welke acties)", True,
                           id="informing")
        step = self.detail.step(PARENTS_STEP)
        if step is None or step.done_on is None:
            first = kinds[0][1] if kinds else ""
            yield Checkbox("Dit was het gesprek van stap 6 (op school of thuis)", first in CONVERSATION_HOWS,
                           id="step6")
            yield Label("Een telefoontje of mail wordt vastgelegd, maar telt alleen als stap 6 "
                        "als je dit aanvinkt.", classes="dialog-note")
        else:
            yield Label(f"Stap 6 is al gedaan op {format_date(step.done_on)}.", classes="dialog-note")

    def _parent_options(self, ticked: Iterable[int]) -> list[Selection[int]]:
        """The parents and carers of the case, ``Kees Jansen (vader van Daan Jansen)``."""
        chosen = set(ticked)
        return [Selection(Content(p.label), p.parent.id, p.parent.id in chosen) for p in self.detail.parents
                if p.parent.id is not None]

    def open_informing(self) -> int | None:
        """The id of stap 2's open "ouders informeren", if any."""
        return next((c.id for c in self.detail.parent_contacts
                     if c.purpose == parents.INFORMING and c.held_on is None), None)

    def on_mount(self) -> None:
        """Start in the first field."""
        self.query_one("#pupil", Select).focus()

    # --- stap 6 follows "Hoe" until the mentor decides ------------------------------------
    def on_select_changed(self, event: Select.Changed) -> None:
        """A conversation at school or at home is stap 6 by default; a phone call is not."""
        if event.select.id != "how" or self.step6_touched:
            return
        box = next(self.query("#step6").results(Checkbox), None)
        wanted = event.value in CONVERSATION_HOWS
        if box is not None and event.value != Select.NULL and box.value != wanted:
            self._setting_step6 = True
            box.value = wanted

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        """The mentor's own tick on stap 6 is kept whatever "Hoe" becomes."""
        if event.checkbox.id == "step6":
            if self._setting_step6:
                self._setting_step6 = False
            else:
                self.step6_touched = True

    # --- a parent not yet known ----------------------------------------------------------
    def action_add_parent(self) -> None:
        """Add a parent or carer (of the chosen pupil) without leaving this dialog."""
        from pestcli.screens.parent_dialog import ParentDialog

        pupil = self.query_one("#pupil", Select).value
        self.app.push_screen(ParentDialog(self.case_id, None if isinstance(pupil, NoSelection) else pupil),
                             self._parent_added)

    def _parent_added(self, person_id: int | None) -> None:
        """Read the case again and tick the new parent."""
        if person_id is None:
            return
        chooser = self.query_one("#parents", SelectionList)
        ticked = [*chooser.selected, person_id]
        self.detail = case_detail(pest_app(self).store, self.case_id)
        chooser.clear_options()
        chooser.add_options(self._parent_options(ticked))
        chooser.focus()

    # --- saving --------------------------------------------------------------------------
    def save(self) -> None:
        """Check the fields, record the contact (off-screen), complete stap 2's informing and stap 6 if ticked."""
        if self.saving:  # the Opslaan button while a save runs
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        self.clear_errors()
        pupil = self.query_one("#pupil", Select).value
        how = self.query_one("#how", Select).value
        date_field = self.query_one("#held-on", DateField)
        day, problem = date_field.value, date_field.error()
        if problem is None and day is not None:
            problem = past_day_error(day, pest_app(self).today(), self.detail.case.reported_on)
        if pupil == Select.NULL:
            self.set_error("pupil", "Kies de leerling van wie je de ouders sprak.")
        if problem is not None or day is None:
            self.set_error("held-on", problem or "Vul een datum in.")
        if how == Select.NULL:
            self.set_error("how", "Kies hoe het contact was.")
        if self.shown_errors or day is None:  # no day is an error shown above
            self.refuse()
            return
        if isinstance(pupil, NoSelection) or isinstance(how, NoSelection):
            return  # not reached: an empty choice set an error above
        informing_box = next(self.query("#informing").results(Checkbox), None)
        step6_box = next(self.query("#step6").results(Checkbox), None)
        informing = informing_box is not None and informing_box.value
        step6 = step6_box is not None and step6_box.value
        contact_id = self.open_informing() if informing else None
        if contact_id is None and (step6 or how in CONVERSATION_HOWS):
            contact_id = next((c.id for c in self.detail.parent_contacts
                               if c.held_on is None and c.purpose != parents.INFORMING and c.pupil_id == pupil),
                              None)
        summary = self.query_one("#summary", TextArea).text.strip()
        chosen = list(self.query_one("#parents", SelectionList).selected)
        store, rules, case_id = pest_app(self).store, pest_app(self).rules, self.case_id
        mentor = self.detail.case.mentor

        def call() -> int:
            return parents.log_parent_contact(store, rules, case_id, day, how, summary, pupil_id=pupil, by=mentor,
                                              contact_id=contact_id, parent_ids=chosen, completes_step=step6)

        def saved(contact: int) -> None:
            done = []
            if informing:
                done.append("de ouders zijn geïnformeerd (stap 2)")
            if step6:
                done.append("stap 6 is gedaan")
            self.notify(f"Opgeslagen: oudercontact van {format_date(day)}"
                        + (f"; {' en '.join(done)}." if done else "."))
            self.dismiss(contact)

        # refused: the error beside "Met wie"; everything typed stays
        self.save_in_background(call, saved, lambda error: self.set_error("parents", str(error)))
