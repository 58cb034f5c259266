"""The report form's two small dialogs: a new pupil, and leaving without saving.

``NewPupilDialog`` asks for a name and a class and returns a
:class:`~pestcli.widgets.pupil_picker.PickedPupil` (nothing is written: the
pupil is saved with the report; a known name asks "Bedoelt u …?" first and
may return the known pupil). ``LeaveReportDialog`` asks "Melding niet
opslaan?" and returns True only when the mentor chooses to throw it away.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label

from pestcli.app_access import pest_app
from pestcli.names import capitalise_name
from pestcli.screens.case_labels import person_with_class
from pestcli.screens.dialog import Dialog
from pestcli.services.errors import StoreError
from pestcli.services.reads import people_with_name
from pestcli.services.reports import NewPerson
from pestcli.widgets.pupil_picker import PickedPupil


class NewPupilDialog(Dialog[PickedPupil | None]):
    """Name and class of a pupil the store does not know yet.

    The name is written as Dutch names are ("sanne de vries" -> "Sanne de
    Vries"); a name already known asks "Bedoelt u Sanne de Vries (2B)?" first.
    """

    BOX_ID = "new-pupil"

    BINDINGS = [
        Binding("ctrl+s", "add", "Toevoegen", id="new_pupil_add", priority=True),
        Binding("escape", "cancel", "Annuleren", id="new_pupil_cancel"),
    ]

    def __init__(self, name: str = "", class_name: str = "") -> None:
        super().__init__()
        self.initial_name = name
        self.initial_class = class_name

    def compose_dialog(self) -> ComposeResult:
        """Name and class fields, their error line, Toevoegen / Annuleren."""
        yield Label("Nieuwe leerling", classes="dialog-title")
        yield Label("Naam (voornaam en achternaam)", classes="field-label")
        yield Input(self.initial_name, placeholder="bijv. Sanne de Vries", id="new-pupil-name")
        yield Label("", id="new-pupil-error", classes="field-error", markup=False)
        yield Label("Klas", classes="field-label")
        yield Input(self.initial_class, placeholder="bijv. 2B", id="new-pupil-class")
        with Horizontal(classes="dialog-buttons"):
            yield Button("Toevoegen", id="new-pupil-add", variant="primary")
            yield Button("Annuleren", id="new-pupil-cancel")

    def on_mount(self) -> None:
        """Start in the name, or in the class when a name was typed already."""
        target = "#new-pupil-class" if self.initial_name.strip() else "#new-pupil-name"
        self.query_one(target, Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the name moves to the class; Enter in the class adds the pupil."""
        event.stop()
        if event.input.id == "new-pupil-name":
            self.query_one("#new-pupil-class", Input).focus()
        else:
            self.action_add()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Toevoegen adds, Annuleren cancels."""
        event.stop()
        if event.button.id == "new-pupil-add":
            self.action_add()
        else:
            self.action_cancel()

    def action_add(self) -> None:
        """Return the new pupil, or show "Vul een naam in." beside the name."""
        name = self.query_one("#new-pupil-name", Input).value
        error = self.query_one("#new-pupil-error", Label)
        if not name.strip():
            error.update("Vul een naam in.")
            error.add_class("shown")
            self.query_one("#new-pupil-name", Input).focus()
            return
        person = NewPerson.from_full_name(name, self.query_one("#new-pupil-class", Input).value)
        first, last = capitalise_name(person.first_name, person.last_name)
        new = PickedPupil(None, first, last, person.class_name)
        try:
            known = people_with_name(pest_app(self).store, first, last, "leerling")
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            return
        if not known:
            self.dismiss(new)
            return
        from pestcli.screens.same_name_dialog import ADD_NEW, SameNameDialog

        def answered(answer: int | None) -> None:
            """Ja: the known pupil; nee: the new one; Esc: stay in this dialog."""
            if answer == ADD_NEW:
                self.dismiss(new)
            elif answer is not None:
                self.dismiss(next(PickedPupil.from_person(p) for p in known if p.id == answer))

        self.app.push_screen(SameNameDialog([(p.id, person_with_class(p)) for p in known if p.id is not None]), answered)

    def action_cancel(self) -> None:
        """Close without adding anyone."""
        self.dismiss(None)


class LeaveReportDialog(Dialog[bool]):
    """ "Melding niet opslaan?": True throws the form away, False goes back to it."""

    BOX_ID = "leave-report"

    BINDINGS = [
        Binding("j", "leave", "Ja, niet opslaan", id="leave_yes"),
        Binding("n,escape", "stay", "Nee, verder invullen", id="leave_no"),
    ]

    def __init__(self) -> None:
        super().__init__()

    def compose_dialog(self) -> ComposeResult:
        """The question, what it means, and the two answers (Nee first)."""
        yield Label("Melding niet opslaan?", classes="dialog-title")
        yield Label("Wat je hebt ingevuld gaat verloren. Kies Nee om verder te gaan met invullen.",
                    classes="dialog-text")
        with Horizontal(classes="dialog-buttons"):
            yield Button("Nee, verder invullen", id="leave-no", variant="primary")
            yield Button("Ja, niet opslaan", id="leave-yes", variant="error")

    def on_mount(self) -> None:
        """The safe answer has the focus, so Enter keeps the form."""
        self.query_one("#leave-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Ja throws the form away; Nee returns to it."""
        event.stop()
        self.dismiss(event.button.id == "leave-yes")

    def action_leave(self) -> None:
        """Throw the form away."""
        self.dismiss(True)

    def action_stay(self) -> None:
        """Go back to the form."""
        self.dismiss(False)
