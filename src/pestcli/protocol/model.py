"""The protocol's content as plain, frozen dataclasses.

These are what `loader.load_protocol` returns. They hold the school's protocol
(steps, conversation guides, reading material, rules data) and nothing else:
no UI, no database. Everything is Dutch text taken from the protocol document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: How long a closed case is kept before it is reviewed, unless protocol.toml says otherwise.
DEFAULT_RETENTION_MONTHS = 24


@dataclass(frozen=True)
class Document:
    """The protocol document's identity, recorded with every case."""

    name: str
    organisation: str
    version: str
    kenmerk: str
    source: str = ""


@dataclass(frozen=True)
class Item:
    """One list item: an instruction or fact, with the document's asides as guidance.

    ``appointment_school_days``: handling this checklist item plans a follow-up
    appointment that many school days later (bijlage 4, punt 15: "Maak een
    vervolgafspraak over 3 dagen"); None for every other item.
    """

    id: str
    text: str
    guidance: tuple[str, ...] = ()
    appointment_school_days: int | None = None


@dataclass(frozen=True)
class Section:
    """A titled part of the document: paragraphs, items and nested sections."""

    id: str
    title: str
    text: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()
    sections: tuple["Section", ...] = ()

    def walk(self):
        """Yield this section and every nested section, depth first."""
        yield self
        for sub in self.sections:
            yield from sub.walk()


@dataclass(frozen=True)
class Deadline:
    """When a step is due: `days` after the anchor (`melding` or `stap-N`).

    With `follows_informing_choice` the anchor of the case's own choice of
    when the parents are told (`InformingParents`) replaces `after` (stap 6:
    "Afhankelijk van de ernst doet de school dit na stap 1 of na stap 3");
    `after` stays the anchor of a case without a known choice.
    """

    after: str
    days: int
    follows_informing_choice: bool = False


@dataclass(frozen=True)
class Step:
    """One of the six steps of section 7 (het stappenplan na een melding)."""

    number: int
    title: str
    actor: str
    summary: str
    text: tuple[str, ...]
    guides: tuple[str, ...] = ()
    deadline: Deadline | None = None
    participants: tuple[str, ...] = ()
    evidence: tuple[Item, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The anchor name other rules use for this step, e.g. ``stap-3``."""
        return f"stap-{self.number}"


@dataclass(frozen=True)
class GuidePart:
    """A part of a conversation guide.

    ``kind`` is ``checklist`` for the items the mentor works through in order,
    or ``guidance`` for the reference blocks beside it (Houding, Vragen stellen,
    Informatie geven, Eventueel oefenen, In de weken na het gesprek,
    Aandachtspunten, ...), or ``vervallen`` for items that moved elsewhere:
    never shown, kept so a conversation that ticked one can still name it.
    """

    id: str
    title: str
    kind: str
    items: tuple[Item, ...]
    text: tuple[str, ...] = ()
    captures_agreements: bool = False
    plans_followups: bool = False


@dataclass(frozen=True)
class Guide:
    """A conversation guide (bijlage 1-7) as a checklist with guidance."""

    id: str
    number: int
    title: str
    audience: str
    purpose: tuple[str, ...]
    participants: tuple[str, ...]
    parts: tuple[GuidePart, ...]

    @property
    def checklist(self) -> tuple[Item, ...]:
        """All checklist items of the guide, in order."""
        return tuple(i for p in self.parts if p.kind == "checklist" for i in p.items)

    @property
    def guidance(self) -> tuple[GuidePart, ...]:
        """The guidance parts shown beside the checklist."""
        return tuple(p for p in self.parts if p.kind == "guidance")

    def part_of(self, item_id: str) -> GuidePart | None:
        """The part that holds the item with this id, if any."""
        for part in self.parts:
            if any(i.id == item_id for i in part.items):
                return part
        return None


@dataclass(frozen=True)
class FollowUpSlot:
    """One follow-up of stap 5: a label and an offset after the agreements."""

    label: str
    days: int = 0
    weeks: int = 0
    months: int = 0


@dataclass(frozen=True)
class InformingChoice:
    """One answer to "when are the parents told": the protocol's words and its anchor.

    ``after`` is the anchor (``stap-1``, ``stap-3``, ...) that the deadline of
    stap 6 counts from for a case with this choice.
    """

    id: str
    label: str
    after: str
    description: str = ""


@dataclass(frozen=True)
class InformingParents:
    """The protocol's choice of when the school tells the parents (stap 6).

    "Afhankelijk van de ernst doet de school dit na stap 1 of na stap 3": the
    mentor makes this choice per case, with a short reason.
    """

    question: str
    hint: str
    choices: tuple[InformingChoice, ...]

    def choice(self, choice_id: str) -> InformingChoice:
        """The choice with this id (KeyError when the protocol has none)."""
        for c in self.choices:
            if c.id == choice_id:
                return c
        raise KeyError(choice_id)


@dataclass(frozen=True)
class Label:
    """An id with its Dutch label (roles, reporter kinds, contact kinds...)."""

    id: str
    label: str
    description: str = ""


#: Who a reporter is, as a person: a pupil of the case (``gepeste`` for the
#: bullied pupil themselves, ``leerling`` for any pupil in the case), a parent,
#: a staff member, or anonymous (no name is kept).
REPORTER_PERSONS = ("gepeste", "leerling", "ouder", "medewerker", "anoniem")


@dataclass(frozen=True)
class ReporterKind(Label):
    """A kind of reporter (stap 1) and which person the form asks for (``REPORTER_PERSONS``)."""

    person: str = "anoniem"


@dataclass(frozen=True)
class EscalationRung:
    """A rung of the escalation ladder: who has the lead from here."""

    id: str
    label: str
    who: str
    description: str


@dataclass(frozen=True)
class SanctionPhase:
    """Sanction phase 1-5 of section 9, with who decides it."""

    number: int
    title: str
    description: tuple[str, ...]
    who: str


@dataclass(frozen=True)
class Judgement:
    """A sentence that labels a person: a subject, a form of "zijn", a few filler words, a label.

    "hij is gemeen", "ze zijn gewoon gemeen", "Daan is een pester": ``subjects``
    are pronouns (any case); with ``names`` a capitalised word counts too,
    except the words in ``not_names`` ("Het is gemeen" judges what happened).
    """

    subjects: tuple[str, ...]
    verbs: tuple[str, ...]
    fillers: tuple[str, ...]
    labels: tuple[str, ...]
    names: bool = True
    not_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class LanguageHint:
    """A word or phrase the no-blame conversation avoids, and the protocol's reason.

    With ``judgement`` set, ``pattern`` is only a description and the hint
    matches the judgement's sentences instead (see ``protocol.language``).
    """

    pattern: str
    reason: str
    kind: str
    judgement: Judgement | None = None


@dataclass(frozen=True)
class FormGroup:
    """A group of forms of bullying (section 4), e.g. Lichamelijk pesten."""

    id: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Rules:
    """The numbers and ladders the rules engine runs on."""

    followups: tuple[FollowUpSlot, ...]
    followup_anchor: str
    chances_after_broken: int
    escalation: tuple[EscalationRung, ...]
    sanctions: tuple[SanctionPhase, ...]
    police: tuple[str, ...] = ()
    region: str = "zuid"


@dataclass(frozen=True)
class Protocol:
    """A whole loaded protocol: document, steps, guides, reading and rules."""

    document: Document
    steps: tuple[Step, ...]
    guides: tuple[Guide, ...]
    rules: Rules
    informing_parents: InformingParents
    roles: tuple[Label, ...]
    reporter_kinds: tuple[ReporterKind, ...]
    contact_kinds: tuple[Label, ...]
    forms: tuple[FormGroup, ...]
    language_hints: tuple[LanguageHint, ...]
    reading: tuple[Section, ...]
    tussenstappen: tuple[Item, ...] = ()
    source_dir: str = ""
    decisions: tuple[str, ...] = field(default=())
    retention_months: int = DEFAULT_RETENTION_MONTHS

    def step(self, number: int) -> Step:
        """The step with this number (1-6)."""
        for s in self.steps:
            if s.number == number:
                return s
        raise KeyError(number)

    def guide(self, guide_id: str) -> Guide:
        """The guide with this id, e.g. ``bijlage-7``."""
        for g in self.guides:
            if g.id == guide_id:
                return g
        raise KeyError(guide_id)

    def reporter_kind(self, kind_id: str) -> ReporterKind:
        """The kind of reporter with this id."""
        for kind in self.reporter_kinds:
            if kind.id == kind_id:
                return kind
        raise KeyError(kind_id)

    def sanction(self, number: int) -> SanctionPhase:
        """Sanction phase 1-5."""
        for p in self.rules.sanctions:
            if p.number == number:
                return p
        raise KeyError(number)

    def form_label(self, item_id: str) -> str:
        """The Dutch text of a form of bullying by its id."""
        for group in self.forms:
            for item in group.items:
                if item.id == item_id:
                    return item.text
        raise KeyError(item_id)
