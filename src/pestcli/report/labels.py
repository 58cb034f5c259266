"""Dutch words for the ids a case stores, and the ways a person is named.

The store keeps protocol ids (``gepeste``, ``bijlage-6``, ``apc``); the
summary shows the protocol's own Dutch labels. An id the loaded protocol no
longer knows (an old case under a changed protocol) is shown as it is, so an
old case still reads. Pure: no UI, no database.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from pestcli.protocol.dates import format_date
from pestcli.protocol.model import Label, Protocol



def short_date(day: date | None) -> str:
    """``ma 23 nov 2026``, or a dash for no date."""
    return format_date(day) if day else "—"


def date_time(moment: datetime | None) -> str:
    """``ma 23 nov 2026 21:14``, or a dash."""
    return f"{format_date(moment.date())} {moment:%H:%M}" if moment else "—"


def days_word(days: int) -> str:
    """``1 dag`` or ``3 dagen``."""
    return f"{days} {'dag' if days == 1 else 'dagen'}"


def _label(options: Iterable[Label], wanted: str) -> str:
    """The label of ``wanted`` among ``options``, or the id itself."""
    return next((o.label for o in options if o.id == wanted), wanted)


class Labels:
    """Looks up the Dutch label of every protocol id a case stores."""

    def __init__(self, protocol: Protocol) -> None:
        self.protocol = protocol

    def role(self, role_id: str) -> str:
        """``gepeste`` -> ``Gepeste``."""
        return _label(self.protocol.roles, role_id)

    def reporter(self, kind: str) -> str:
        """``ouder`` -> ``Een ouder``."""
        return _label(self.protocol.reporter_kinds, kind)

    def contact(self, kind: str | None) -> str:
        """``telefoon`` -> ``Telefoon``; ``onbekend`` for none."""
        return _label(self.protocol.contact_kinds, kind) if kind else "onbekend"

    def parents_informed(self, choice_id: str, reason: str = "") -> str:
        """``na-stap-1`` -> ``Na stap 1 — bedreiging`` (the protocol's label and the reason)."""
        try:
            label = self.protocol.informing_parents.choice(choice_id).label
        except KeyError:
            label = choice_id
        return f"{label} — {reason}" if reason else label

    def reporter_person(self, kind: str) -> str:
        """Which person a kind of reporter is (``gepeste``, ``ouder``, ...); ``anoniem`` if unknown."""
        try:
            return self.protocol.reporter_kind(kind).person
        except KeyError:
            return "anoniem"

    def rung(self, rung_id: str) -> str:
        """``apc`` -> ``Anti-pestcoördinator``."""
        return next((r.label for r in self.protocol.rules.escalation if r.id == rung_id), rung_id)

    def phase(self, number: int) -> str:
        """``2`` -> ``Fase 2: een tweede gesprek met de ouder(s)``."""
        try:
            return self.protocol.sanction(number).title
        except KeyError:
            return f"Fase {number}"

    def guide(self, guide_id: str) -> str:
        """``bijlage-6`` -> ``Stappenplan gesprek met de gepeste leerling (bijlage 6)``."""
        try:
            guide = self.protocol.guide(guide_id)
        except KeyError:
            return guide_id
        return f"{guide.title} (bijlage {guide.number})"

    def item(self, guide_id: str, item_id: str) -> str:
        """The text of a checklist item of a guide, or its id when unknown."""
        try:
            guide = self.protocol.guide(guide_id)
        except KeyError:
            return item_id
        return next((i.text for p in guide.parts for i in p.items if i.id == item_id), item_id)

    def evidence_kind(self, kind: str) -> str:
        """``bewijs.schermafdruk`` -> ``Schermafdruk`` (the label; the instruction is its guidance)."""
        try:
            items = self.protocol.step(1).evidence
        except KeyError:
            return kind
        return next((i.text for i in items if i.id == kind), kind)

    def form(self, form_id: str) -> str:
        """A form of bullying by its id (without a closing full stop)."""
        try:
            return self.protocol.form_label(form_id).rstrip(".")
        except KeyError:
            return form_id

    def step_title(self, number: int) -> str:
        """``2`` -> ``Gesprek met de gepeste leerling``."""
        try:
            return self.protocol.step(number).title
        except KeyError:
            return f"Stap {number}"
