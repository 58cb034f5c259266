"""Dutch labels for the protocol ids a case stores (roles, guides, rungs, ...).

The store keeps plain ids (``gepeste``, ``bijlage-6``, ``apc``); the case
screen, its log and its dialogs show the protocol's own Dutch words. Without
a protocol (or for an id the protocol no longer knows) the id itself is shown,
so an old case under a changed protocol still reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pestcli.protocol.dates import format_date
from pestcli.protocol.model import Label, Protocol

if TYPE_CHECKING:
    from pestcli.services.reads import Person


def person_name(person: Person | None) -> str:
    """First and last name, e.g. ``Fenna Kuipers`` ("onbekend" for None)."""
    if person is None:
        return "onbekend"
    return f"{person.first_name} {person.last_name}".strip()


def person_with_class(person: Person) -> str:
    """Name with the class in brackets, e.g. ``Fenna Kuipers (1A)``."""
    name = person_name(person)
    return f"{name} ({person.class_name})" if person.class_name else name


def _label(options: Iterable[Label], wanted: str) -> str:
    """The label of ``wanted`` among ``options``, or the id itself."""
    return next((o.label for o in options if o.id == wanted), wanted)


class CaseLabels:
    """Looks up the Dutch label of each protocol id stored in a case."""

    def __init__(self, protocol: Protocol | None = None) -> None:
        self.protocol = protocol

    def role(self, role_id: str) -> str:
        """``gepeste`` -> ``Gepeste``."""
        return _label(self.protocol.roles, role_id) if self.protocol else role_id

    def reporter(self, kind: str) -> str:
        """``ouder`` -> ``Een ouder``."""
        return _label(self.protocol.reporter_kinds, kind) if self.protocol else kind

    def contact(self, kind: str | None) -> str:
        """``telefoon`` -> ``Telefoon``."""
        if not kind:
            return "onbekend"
        return _label(self.protocol.contact_kinds, kind) if self.protocol else kind

    def parents_informed(self, choice_id: str) -> str:
        """``na-stap-1`` -> ``Na stap 1`` (the protocol's words for when the parents are told)."""
        if self.protocol:
            try:
                return self.protocol.informing_parents.choice(choice_id).label
            except KeyError:
                pass
        return choice_id

    def reporter_person(self, kind: str) -> str:
        """Which person a kind of reporter is (``gepeste``, ``ouder``, ...); ``anoniem`` if unknown."""
        if self.protocol:
            try:
                return self.protocol.reporter_kind(kind).person
            except KeyError:
                pass
        return "anoniem"

    def rung(self, rung_id: str) -> str:
        """``apc`` -> ``Anti-pestcoördinator``."""
        if self.protocol:
            for rung in self.protocol.rules.escalation:
                if rung.id == rung_id:
                    return rung.label
        return rung_id

    def phase(self, number: int) -> str:
        """Sanction phase ``2`` -> ``Fase 2: een tweede gesprek met de ouder(s)``."""
        if self.protocol:
            try:
                return self.protocol.sanction(number).title
            except KeyError:
                pass
        return f"Fase {number}"

    def guide(self, guide_id: str) -> str:
        """``bijlage-6`` -> ``bijlage 6: Stappenplan gesprek met de gepeste leerling``."""
        if self.protocol:
            try:
                guide = self.protocol.guide(guide_id)
            except KeyError:
                return guide_id
            return f"bijlage {guide.number}: {guide.title}"
        return guide_id.replace("-", " ")

    def evidence_kind(self, kind: str) -> str:
        """``bewijs.schermafdruk`` -> ``Schermafdruk`` (the label; the instruction is its guidance)."""
        if self.protocol:
            for item in self.protocol.step(1).evidence:
                if item.id == kind:
                    return item.text
        return kind

    def form(self, form_id: str) -> str:
        """A form of bullying by its id."""
        if self.protocol:
            try:
                return self.protocol.form_label(form_id)
            except KeyError:
                pass
        return form_id

    def step_title(self, number: int) -> str:
        """``2`` -> ``Gesprek met de gepeste leerling``."""
        if self.protocol:
            try:
                return self.protocol.step(number).title
            except KeyError:
                pass
        return f"Stap {number}"


def short_date(day) -> str:
    """``ma 23 nov 2026``, or a dash for no date."""
    return format_date(day) if day else "—"
