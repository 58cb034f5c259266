"""Capture one agreement (afspraak) as it is made: who agrees to what, in the pupil's words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from pestcli.protocol.model import LanguageHint
from pestcli.screens.dialog import Dialog
from pestcli.screens.participants_dialog import person_with_role, unique_people
from pestcli.services.reads import PersonInCase
from pestcli.widgets.hinted_note import HintedNote

#: The option id for an agreement the whole group makes.
TOGETHER = "samen"


@dataclass(frozen=True)
class AgreementDraft:
    """What the mentor typed: the person (None = together) and the agreement's text."""

    person_id: int | None
    text: str


class AgreementDialog(Dialog[AgreementDraft | None]):
    """Pick who agrees, type what, Ctrl+S to save; returns the draft or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Annuleren", id="agreement_cancel", show=True),
        Binding("ctrl+s", "save", "Opslaan", id="agreement_save", show=True),
    ]

    def __init__(self, people: Sequence[PersonInCase], hints: Sequence[LanguageHint],
                 role_labels: Mapping[str, str], draft: AgreementDraft | None = None) -> None:
        super().__init__()
        self.people = unique_people(people)
        self.hints = hints
        self.role_labels = role_labels
        self.draft = draft

    def compose_dialog(self) -> ComposeResult:
        """Who (a list), what (a hinted text area), and the error line."""
        yield Label("Afspraak vastleggen", classes="dialog-title")
        yield Label("Wie spreekt dit af?", classes="field-label")
        yield OptionList(
            Option("Samen (alle deelnemers)", id=TOGETHER),
            *[Option(person_with_role(e, self.role_labels), id=str(e.person.id)) for e in self.people],
            id="agreement-who", markup=False,  # names are text, never markup
        )
        yield HintedNote(self.hints, title="Wat wordt er afgesproken? In de woorden van de leerling.",
                         placeholder="bijv. Ik laat Sanne met rust in de kantine.", id="agreement-text")
        yield Label("", id="agreement-error", classes="field-error", markup=False)

    def on_mount(self) -> None:
        """Restore a draft (after a failed save) and start at the text."""
        who = self.query_one(OptionList)
        who.highlighted = 0
        if self.draft is not None and self.draft.person_id is not None:
            who.highlighted = next((i + 1 for i, e in enumerate(self.people)
                                    if e.person.id == self.draft.person_id), 0)
        self.query_one(HintedNote).load(self.draft.text if self.draft else "")
        self.query_one("#agreement-error", Label).display = False
        who.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a person goes on to the text."""
        event.stop()
        self.query_one(HintedNote).query_one("TextArea").focus()

    def on_hinted_note_saved(self, event: HintedNote.Saved) -> None:
        """Ctrl+S inside the text area."""
        event.stop()
        self.action_save()

    def on_hinted_note_cancelled(self, event: HintedNote.Cancelled) -> None:
        """Escape inside the text area (twice when something was typed)."""
        event.stop()
        self.dismiss(None)

    def action_save(self) -> None:
        """Return the draft, or say in Dutch what is missing."""
        text = self.query_one(HintedNote).text.strip()
        if not text:
            error = self.query_one("#agreement-error", Label)
            error.update("Schrijf op wat er is afgesproken.")
            error.display = True
            return
        option = self.query_one(OptionList).highlighted_option
        person_id = None if option is None or option.id is None or option.id == TOGETHER else int(option.id)
        self.dismiss(AgreementDraft(person_id, text))

    def action_cancel(self) -> None:
        """Escape outside the text area: the editor decides (it warns when text was typed)."""
        self.query_one(HintedNote).action_cancel()
