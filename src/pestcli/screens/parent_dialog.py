"""Add a parent or carer of a pupil in the case: name, relation, optional phone and e-mail.

Opened from the case screen (key ``u``, or "Ouder of verzorger toevoegen" in
the palette) and from the parent-contact dialog. Saving adds the person, the
link to the pupil and the role "ouder/verzorger" in the case in one
transaction; the dialog dismisses with the new person's id. The name is
written as Dutch names are ("marieke de vries" -> "Marieke de Vries"); a
parent whose name is already known is asked about first ("Bedoelt u
Marieke de Vries (moeder van Sanne de Vries)?"): ja links that parent
(``store.link_parent``), nee adds a second one. The phone number
and e-mail address are checked lightly, with a Dutch message beside the field.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Select
from textual.widgets.select import NoSelection

from pestcli.app_access import pest_app
from pestcli.names import capitalise_name
from pestcli.screens.case_dialog import CaseDialog, field
from pestcli.screens.case_labels import CaseLabels, person_with_class
from pestcli.screens.dialog import BUSY
from pestcli.services.errors import InvalidValueError
from pestcli.services.parents import PARENT_KIND, add_parent, check_email, check_phone, link_parent
from pestcli.services.reads import PARENT_RELATIONS, people_in_case, people_with_name
from pestcli.widgets.dutch_select import DutchSelect

if TYPE_CHECKING:
    from pestcli.services.reads import Person


def pupil_choices(entries, labels: CaseLabels) -> list[tuple[Content, int]]:
    """The pupils of the case, once each: ``Daan Jansen (2B) — pester``."""
    choices, seen = [], set()
    for entry in entries:
        if entry.person.kind == "leerling" and entry.person.id not in seen:
            seen.add(entry.person.id)
            choices.append((Content(f"{person_with_class(entry.person)} — {labels.role(entry.role).lower()}"),
                            entry.person.id))
    return choices


class ParentDialog(CaseDialog[int]):
    """Adds a parent or carer; dismisses with the new person's id."""

    def __init__(self, case_id: int, pupil_id: int | None = None) -> None:
        super().__init__(case_id)
        self.pupil_id = pupil_id

    def heading(self) -> str:
        """The dialog's title."""
        return "Ouder of verzorger toevoegen"

    def compose_fields(self) -> Iterable[Widget]:
        """Whose parent, the name, the relation, phone and e-mail."""
        labels = CaseLabels(pest_app(self).protocol)
        pupils = pupil_choices(people_in_case(pest_app(self).store, self.case_id), labels)
        chosen = self.pupil_id if any(p == self.pupil_id for _, p in pupils) else (
            pupils[0][1] if len(pupils) == 1 else Select.NULL)
        yield field("Ouder of verzorger van", DutchSelect(pupils, prompt="Kies een leerling", id="pupil",
                                                     value=chosen), "pupil")
        yield field("Voornaam", Input(id="first-name", placeholder="Voornaam"), "first-name")
        yield field("Achternaam", Input(id="last-name", placeholder="Achternaam (mag leeg)"), "last-name")
        relations = [(word, key) for key, word in PARENT_RELATIONS.items()]
        yield field("Relatie", DutchSelect(relations, prompt="Kies de relatie", id="relation"), "relation")
        yield field("Telefoon (mag leeg)", Input(id="phone", placeholder="bijvoorbeeld 06-12345678"), "phone")
        yield field("E-mail (mag leeg)", Input(id="email", placeholder="naam@voorbeeld.nl"), "email")

    def on_mount(self) -> None:
        """Start in the first field, a choice (never a text field by surprise)."""
        self.query_one("#pupil", Select).focus()

    def save(self) -> None:
        """Check the fields, add the parent (in the background), dismiss with their id."""
        if self.saving:  # the Opslaan button while a save runs
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        self.clear_errors()
        pupil = self.query_one("#pupil", Select).value
        relation = self.query_one("#relation", Select).value
        first = self.query_one("#first-name", Input).value.strip()
        last = self.query_one("#last-name", Input).value.strip()
        phone = self.query_one("#phone", Input).value
        email = self.query_one("#email", Input).value
        if pupil == Select.NULL:
            self.set_error("pupil", "Kies de leerling van wie dit de ouder of verzorger is.")
        if not first:
            self.set_error("first-name", "Vul de voornaam in.")
        if relation == Select.NULL:
            self.set_error("relation", "Kies de relatie: moeder, vader, verzorger, …")
        for name, check, value in (("phone", check_phone, phone), ("email", check_email, email)):
            try:
                check(value)
            except InvalidValueError as exc:
                self.set_error(name, str(exc))
        if self.shown_errors:
            self.refuse()
            return
        if isinstance(pupil, NoSelection) or isinstance(relation, NoSelection):
            return  # not reached: an empty choice set an error above
        first, last = capitalise_name(first, last)
        store = pest_app(self).store

        def look_up() -> list[tuple[int, str]]:
            """The parents already known by this name, with whose parent they are (one round trip off-screen)."""
            return [(p.id, known_parent_label(store, p)) for p in people_with_name(store, first, last, PARENT_KIND)
                    if p.id is not None]

        def looked_up(known: list[tuple[int, str]]) -> None:
            if not known:
                self._add(pupil, first, last, relation, phone, email)
                return
            from pestcli.screens.same_name_dialog import ADD_NEW, SameNameDialog

            def answered(answer: int | None) -> None:
                """Ja: link the known parent; nee: add a second one; Esc: stay in the dialog."""
                if answer == ADD_NEW:
                    self._add(pupil, first, last, relation, phone, email)
                elif answer is not None:
                    self._add(pupil, first, last, relation, phone, email, known=answer)

            self.app.push_screen(SameNameDialog(known, what="ouder"), answered)

        self.save_in_background(look_up, looked_up)

    def _add(self, pupil: int, first: str, last: str, relation: str, phone: str, email: str,
             known: int | None = None) -> None:
        """Save (a new parent, or the link of the ``known`` one) in one transaction, off-screen; dismiss with the id."""
        store, case_id = pest_app(self).store, self.case_id

        def call() -> Person:
            if known is None:
                return add_parent(store, case_id, pupil, first, last, relation, phone=phone, email=email)
            return link_parent(store, case_id, pupil, known, relation, phone=phone, email=email)

        def saved(parent: Person) -> None:
            name = f"{parent.first_name} {parent.last_name}".rstrip()
            self.notify(f"Opgeslagen: {name} ({PARENT_RELATIONS[relation]}).")
            self.dismiss(parent.id)

        self.save_in_background(call, saved)  # refused: said in Dutch, the dialog stays with what was typed


def known_parent_label(store, parent) -> str:
    """``Marieke de Vries (moeder van Sanne de Vries)``: a known parent and whose parent they are."""
    from pestcli.services.reads import parent_children

    name = f"{parent.first_name} {parent.last_name}".strip()
    children = parent_children(store, parent.id)
    if not children:
        return name
    whose = "; ".join(f"{PARENT_RELATIONS.get(relation, relation)} van {child}" for relation, child in children)
    return f"{name} ({whose})"
