"""Who takes part in a conversation: pick from the people of the case."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Label, SelectionList
from textual.widgets.selection_list import Selection

from pestcli.screens.dialog import Dialog
from pestcli.text import plain
from pestcli.widgets.marked_selection import MarkedSelectionList

if TYPE_CHECKING:
    from pestcli.services.reads import Person, PersonInCase


def person_name(person: Person) -> str:
    """First and last name, without control characters."""
    return plain(f"{person.first_name} {person.last_name}").strip()


def person_with_role(entry: PersonInCase, role_labels: Mapping[str, str]) -> str:
    """``Sanne de Vries (gepeste, 2B)``: name, role in the case and class."""
    details = [role_labels.get(entry.role, entry.role).lower()]
    if entry.person.class_name:
        details.append(entry.person.class_name)
    return plain(f"{person_name(entry.person)} ({', '.join(details)})")


def unique_people(people: Iterable[PersonInCase]) -> list[PersonInCase]:
    """One entry per person (the first role given), in the case's order."""
    seen: set[int | None] = set()
    result = []
    for entry in people:
        if entry.person.id not in seen:
            seen.add(entry.person.id)
            result.append(entry)
    return result


class ParticipantsDialog(Dialog[dict[int, str] | None]):
    """Tick who takes part; returns ``{person_id: role}`` or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Opslaan", id="participants_save", show=True),
        Binding("escape", "cancel", "Annuleren", id="participants_cancel", show=True),
    ]

    def __init__(self, people: Sequence[PersonInCase], chosen: Iterable[int],
                 role_labels: Mapping[str, str], names: Mapping[int, str] | None = None) -> None:
        super().__init__()
        self.people = unique_people(people)
        self.chosen = set(chosen)
        self.role_labels = role_labels
        #: How some people are named instead (a parent: "Kees Jansen (vader van Daan Jansen)").
        self.names = dict(names or {})

    def compose_dialog(self) -> ComposeResult:
        """The list of the case's people with a tick for each participant."""
        yield Label("Wie doen er mee aan dit gesprek?", classes="dialog-title")
        if not self.people:
            yield Label("Er staan nog geen mensen bij deze melding.", classes="dialog-hint")
        yield MarkedSelectionList[int](*[
            Selection(Content(self.names.get(entry.person.id) or person_with_role(entry, self.role_labels)),
                      entry.person.id, entry.person.id in self.chosen)
            for entry in self.people if entry.person.id is not None  # read from the file: all have an id
        ], id="participants")
        yield Label("Spatie zet een vinkje aan of uit; Ctrl+S slaat op.", classes="dialog-hint")

    def action_save(self) -> None:
        """Return the ticked people with their role in the case."""
        ticked = set(self.query_one(SelectionList).selected)
        self.dismiss({e.person.id: e.role for e in self.people if e.person.id is not None and e.person.id in ticked})

    def action_cancel(self) -> None:
        """Change nothing."""
        self.dismiss(None)
