"""The case summary as plain data: what every report format prints.

``pestcli.report.build`` fills a :class:`CaseSummary` from the store's
``CaseDetail`` and the protocol; the Markdown, PDF and dossier writers only
read it. Labels are already Dutch; dates stay dates so each format can write
them its own way. Nothing here touches the database or the screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from pestcli.names import full_name, initials

#: The section headings, in order; every format uses exactly these words.
SECTION_TITLES = {
    "people": "Betrokkenen",
    "forms": "Vormen van pesten",
    "steps": "Het stappenplan",
    "conversations": "Gesprekken",
    "agreements": "Afspraken en vervolggesprekken",
    "evidence": "Bewijs van online pesten",
    "contacts": "Contact met ouders",
    "escalations": "Escalaties en sancties",
    "next": "Wat komt er nu",
}

#: Marked on every page and at the top of every text.
CONFIDENTIAL = "Vertrouwelijk"


@dataclass(frozen=True)
class PersonLine:
    """A person with one role in the case."""

    person_id: int
    role_id: str
    role: str
    first_name: str
    last_name: str
    class_name: str = ""
    kind: str = "leerling"
    #: For a parent or carer: ``vader van Jesse van Dongen``.
    relation: str = ""

    @property
    def name(self) -> str:
        """The full name, e.g. ``Fenna Kuipers``."""
        return full_name(self.first_name, self.last_name)

    @property
    def name_with_class(self) -> str:
        """``Fenna Kuipers (1A)``; a parent ``Kees van Dongen (vader van Jesse van Dongen)``."""
        if self.relation:
            return f"{self.name} ({self.relation})"
        return f"{self.name} ({self.class_name})" if self.class_name else self.name

    @property
    def initials(self) -> str:
        """``F.K.``."""
        return initials(self.first_name, self.last_name)


@dataclass(frozen=True)
class StepLine:
    """One of the six steps: due, done, and whether it was on time."""

    number: int
    title: str
    due_on: date | None
    done_on: date | None
    status: str
    late: bool = False
    done_by: str = ""


@dataclass(frozen=True)
class ItemLine:
    """A checklist item that was worked through, with the mentor's note."""

    text: str
    note: str = ""


@dataclass(frozen=True)
class ParticipantLine:
    """Someone who took part in a conversation, in a role."""

    person_id: int
    role: str
    first_name: str
    last_name: str
    class_name: str = ""
    #: For a parent or carer: ``Kees Jansen (vader van Daan Jansen)``.
    parent_label: str = ""

    @property
    def name(self) -> str:
        """The full name."""
        return full_name(self.first_name, self.last_name)

    @property
    def presence(self) -> str:
        """How "Aanwezig" names them: a parent with the relation to the pupil, others with their role."""
        return self.parent_label or f"{self.name} ({self.role.lower()})"


@dataclass(frozen=True)
class ConversationBlock:
    """A conversation: guide, when, who, how long, and what was covered."""

    conversation_id: int
    guide_id: str
    guide: str
    step: int | None
    started_at: datetime
    ended_at: datetime | None
    minutes: int | None
    held_by: str
    participants: list[ParticipantLine] = field(default_factory=list)
    done_items: list[ItemLine] = field(default_factory=list)
    skipped_items: list[str] = field(default_factory=list)
    open_count: int = 0
    notes: str = ""

    @property
    def person_ids(self) -> set[int]:
        """The ids of everyone who took part."""
        return {p.person_id for p in self.participants}


@dataclass(frozen=True)
class OutcomeLine:
    """The status of an agreement at one follow-up (or a separate check)."""

    checked_on: date
    followup: str
    status: str
    broken: bool
    note: str = ""


@dataclass(frozen=True)
class AgreementBlock:
    """An agreement: who made it, the text, and what became of it."""

    agreement_id: int
    person_id: int | None
    conversation_id: int | None
    text: str
    agreed_on: date
    outcomes: list[OutcomeLine] = field(default_factory=list)


@dataclass(frozen=True)
class ClassAgreementLine:
    """An agreement of the case's class (klassengesprek, bijlage 1) and how it went last."""

    text: str
    agreed_on: date
    #: "nagekomen" / "gebroken" at the latest check, "" when never revisited.
    status: str = ""
    checked_on: date | None = None
    broken: bool = False


@dataclass(frozen=True)
class FollowUpLine:
    """A follow-up conversation of stap 5: planned, held or cancelled."""

    followup_id: int
    label: str
    due_on: date
    state: str
    done_on: date | None = None
    outcome: str = ""
    note: str = ""


@dataclass(frozen=True)
class EvidenceLine:
    """One piece of evidence of online bullying."""

    number: int
    kind: str
    occurred_at: datetime | None
    platform: str = ""
    url: str = ""
    username: str = ""
    description: str = ""
    file_name: str = ""
    sha256: str = ""
    recorded_by: str = ""


@dataclass(frozen=True)
class ContactLine:
    """A contact with parents: planned, or held (how, what)."""

    pupil_id: int | None
    planned_on: date | None
    held_on: date | None
    how: str
    summary: str = ""
    held_by: str = ""
    #: The parents spoken to (``Kees Jansen (vader van Daan Jansen)``); empty when none was named.
    parents: tuple[str, ...] = ()
    #: ``gesprek`` or ``informeren`` (stap 2's "ouders op de hoogte stellen").
    purpose: str = "gesprek"
    #: The guided conversation this contact was, if any.
    conversation_id: int | None = None

    @property
    def what(self) -> str:
        """``ouders informeren (stap 2)`` or ``gesprek volgens de leidraad`` or ``contact``."""
        if self.purpose == "informeren":
            return "ouders informeren (stap 2)"
        return "gesprek volgens de leidraad" if self.conversation_id is not None else "contact"


@dataclass(frozen=True)
class EscalationLine:
    """A hand-over up the ladder, with its sanction phase."""

    escalated_on: date
    rung: str
    phase: str = ""
    reason: str = ""
    escalated_by: str = ""


@dataclass(frozen=True)
class CaseSummary:
    """Everything the summary of one case prints, in Dutch, ready to render."""

    case_id: int
    number: str
    school_year: str
    status: str
    mentor: str
    reported_on: date
    reporter: str
    class_name: str
    parents_informed: str
    location: str
    online: bool
    description: str
    protocol: str
    organisation: str = ""
    closed_on: date | None = None
    closed_reason: str = ""
    protocol_note: str = ""
    #: Said when a planned date falls in a school year whose holidays are unknown.
    calendar_notice: str = ""
    generated_on: date | None = None
    forms: list[str] = field(default_factory=list)
    people: list[PersonLine] = field(default_factory=list)
    steps: list[StepLine] = field(default_factory=list)
    conversations: list[ConversationBlock] = field(default_factory=list)
    agreements: list[AgreementBlock] = field(default_factory=list)
    followups: list[FollowUpLine] = field(default_factory=list)
    evidence: list[EvidenceLine] = field(default_factory=list)
    contacts: list[ContactLine] = field(default_factory=list)
    escalations: list[EscalationLine] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)
    #: The agreements of the case's class for ``class_year`` (the class conversation, bijlage 1).
    class_agreements: list[ClassAgreementLine] = field(default_factory=list)
    class_year: str = ""
    #: Who reported, by name where the report recorded one ("Gemeld door"); the
    #: pupil's dossier text leaves it out.
    reported_by: str = ""

    def roles_of(self, person_id: int) -> list[PersonLine]:
        """Every role line of one person in this case."""
        return [p for p in self.people if p.person_id == person_id]

    def person(self, person_id: int | None) -> PersonLine | None:
        """The first role line of a person, or None."""
        return next((p for p in self.people if p.person_id == person_id), None)

    def people_by_role(self) -> list[tuple[str, list[PersonLine]]]:
        """The people grouped by role label, in the order the roles appear."""
        groups: dict[str, list[PersonLine]] = {}
        for line in self.people:
            groups.setdefault(line.role, []).append(line)
        return list(groups.items())

    def name_of(self, person_id: int | None, fallback: str = "iedereen") -> str:
        """The full name of a person in the case (``fallback`` for none)."""
        line = self.person(person_id)
        return line.name if line else fallback
