"""Read models: what the store hands to screens besides single table rows.

They hold detached rows, loaded in one read transaction; reading their
attributes never touches the database again. The table classes are named in
annotations only, so importing this module (for ``DueItem``) loads no ORM.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: DueItem and the agenda import no ORM
    from pestcli.store.models import (
        Agreement,
        AgreementCheck,
        Case,
        CaseRole,
        Conversation,
        ConversationItem,
        ConversationParticipant,
        Escalation,
        Evidence,
        FollowUp,
        ParentContact,
        Person,
        StepProgress,
    )


@dataclass(frozen=True)
class PersonInCase:
    """A person with their role in one case."""

    role: str
    person: Person
    case_role: CaseRole


@dataclass(frozen=True)
class Participant:
    """A person who took part in a conversation, with the role they had in it."""

    role: str
    person: Person
    row: ConversationParticipant


@dataclass(frozen=True)
class ConversationDetail:
    """A conversation with its participants and the recorded checklist items."""

    conversation: Conversation
    participants: list[Participant] = field(default_factory=list)
    items: dict[str, ConversationItem] = field(default_factory=dict)

    def state_of(self, item_id: str) -> str:
        """The state of a checklist item: ``open`` until something was recorded."""
        item = self.items.get(item_id)
        return item.state if item else "open"

    def note_of(self, item_id: str) -> str:
        """The note of a checklist item, or an empty string."""
        item = self.items.get(item_id)
        return item.note if item else ""

    @property
    def finished(self) -> bool:
        """Whether the conversation has ended."""
        return self.conversation.ended_at is not None


@dataclass(frozen=True)
class AgreementView:
    """An agreement with the person who made it and its status at each follow-up."""

    agreement: Agreement
    person: Person | None
    checks: list[AgreementCheck] = field(default_factory=list)

    @property
    def latest_status(self) -> str | None:
        """``kept`` or ``broken`` at the latest check, None if never checked."""
        return self.checks[-1].status if self.checks else None


@dataclass(frozen=True)
class ParentOfPupil:
    """A parent or carer in a case: the person, the pupil and how they are related."""

    parent: Person
    pupil: Person | None
    relation: str

    @property
    def label(self) -> str:
        """``Kees Jansen (vader van Daan Jansen)``: the name with the relation to the pupil."""
        name = f"{self.parent.first_name} {self.parent.last_name}".strip()
        if self.pupil is None:
            return f"{name} ({self.relation})"
        pupil = f"{self.pupil.first_name} {self.pupil.last_name}".strip()
        return f"{name} ({self.relation} van {pupil})"


@dataclass(frozen=True)
class CaseDetail:
    """Everything recorded about one case, for the case screen and the summary.

    ``parents`` are the parents and carers in the case with their pupil;
    ``contact_parents`` maps a parent contact's id to the parents spoken to.
    """

    case: Case
    forms: list[str]
    people: list[PersonInCase]
    steps: list[StepProgress]
    conversations: list[ConversationDetail]
    agreements: list[AgreementView]
    followups: list[FollowUp]
    evidence: list[Evidence]
    parent_contacts: list[ParentContact]
    escalations: list[Escalation]
    parents: list[ParentOfPupil] = field(default_factory=list)
    contact_parents: dict[int, list[int]] = field(default_factory=dict)

    def step(self, number: int) -> StepProgress | None:
        """The progress row of stap ``number``."""
        return next((s for s in self.steps if s.step == number), None)

    def parent(self, person_id: int) -> ParentOfPupil | None:
        """The parent or carer with this id in the case, if any."""
        return next((p for p in self.parents if p.parent.id == person_id), None)

    def person_label(self, person: Person) -> str:
        """A name as the summary says who was there: a parent with the relation to the pupil."""
        parent = self.parent(person.id) if person.id is not None else None
        return parent.label if parent is not None else f"{person.first_name} {person.last_name}".strip()

    def contact_parent_labels(self, contact_id: int | None) -> list[str]:
        """The parents spoken to in a contact, as ``Kees Jansen (vader van Daan Jansen)``."""
        labels = []
        for person_id in self.contact_parents.get(contact_id, []) if contact_id is not None else []:
            parent = self.parent(person_id)
            if parent is not None:
                labels.append(parent.label)
        return labels

    def with_role(self, role: str) -> list[Person]:
        """The people with this role in the case."""
        return [p.person for p in self.people if p.role == role]

    @property
    def unfinished_conversation(self) -> ConversationDetail | None:
        """The most recently started conversation that has not ended."""
        open_ones = [c for c in self.conversations if not c.finished]
        return open_ones[-1] if open_ones else None


@dataclass(frozen=True)
class DueItem:
    """One line of the agenda: a step, follow-up or parent contact that is due.

    ``kind`` is ``stap``, ``vervolg`` or ``ouders``; ``ref_id`` is the id of the
    row in step_progress, followups or parent_contacts.
    """

    kind: str
    due_on: date
    case_id: int
    case_number: str
    class_name: str
    label: str
    ref_id: int
    overdue: bool
    step: int | None = None
