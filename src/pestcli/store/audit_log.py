"""The audit trail as rows for ``pestcli audit`` and the audit screen, in Dutch.

Each row says when, which OS user, what kind of action on what, and the
case number; the summaries of the trail never hold notes or names, so
neither do these rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import col, select

from pestcli.store.audit_words import AuditWords, dutch_summary
from pestcli.store.errors import NotFoundError
from pestcli.store.models import AuditEvent, Case

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

#: Audit actions in Dutch.
ACTION_LABELS = {
    "create": "aangemaakt", "update": "gewijzigd", "delete": "verwijderd",
    "export": "geëxporteerd", "erase": "gewist", "keep": "bewaarbesluit",
    "viewed": "bekeken", "handover": "overgedragen", "import": "geïmporteerd",
}

#: Table names in Dutch.
TABLE_LABELS = {
    "cases": "melding", "case_forms": "pestvorm", "people": "persoon", "case_roles": "rol",
    "step_progress": "stap", "conversations": "gesprek", "conversation_participants": "deelnemer",
    "conversation_items": "gesprekspunt", "agreements": "afspraak", "followups": "vervolggesprek",
    "agreement_checks": "afspraakcontrole", "evidence": "bewijs", "parent_contacts": "oudercontact",
    "escalations": "escalatie", "class_conversations": "klassengesprek",
    "class_conversation_items": "punt van een klassengesprek", "class_agreements": "afspraak met de klas",
    "class_agreement_checks": "controle van een afspraak met de klas",
    "case_access": "toegang", "case_handovers": "overdracht", "class_mentors": "mentor van een klas",
}


@dataclass(frozen=True)
class AuditRow:
    """One line of the audit trail, ready to show."""

    at: datetime
    os_user: str
    action: str
    subject: str
    summary: str
    case_number: str

    @property
    def when(self) -> str:
        """The moment in Dutch notation, e.g. ``23-11-2026 21:28``."""
        return self.at.strftime("%d-%m-%Y %H:%M")


def audit_rows(store: Store, case_number: str | None = None, limit: int = 200,
               words: AuditWords | None = None) -> list[AuditRow]:
    """The newest audit events (of one case number, if given), newest first.

    Each summary is in Dutch words (:func:`pestcli.store.audit_words.dutch_summary`),
    with the protocol's labels when ``words`` holds the protocol.
    """
    query = (select(AuditEvent, Case.number).outerjoin(Case, col(Case.id) == AuditEvent.case_id)
             .order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc()).limit(max(1, limit)))
    with store.read() as session:
        if case_number:
            case_id = session.exec(select(Case.id).where(Case.school_id == store.school_id,
                                                         Case.number == case_number.strip())).first()
            if case_id is None:
                raise NotFoundError(f"Er is geen melding met nummer {case_number.strip()}.")
            query = query.where(AuditEvent.case_id == case_id)
        rows = session.exec(query).all()
    return [AuditRow(event.at, event.os_user, ACTION_LABELS.get(event.action, event.action),
                     TABLE_LABELS.get(event.table_name, event.table_name), dutch_summary(event.summary, words),
                     number or "")
            for event, number in rows]
