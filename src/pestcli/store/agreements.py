"""Agreements (afspraken) and whether they were kept at each follow-up."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from pestcli.store import audit
from pestcli.store.common import check_choice, check_text, now, require
from pestcli.store.errors import InvalidValueError
from pestcli.store.models import Agreement, AgreementCheck, Case, Conversation, FollowUp, Person
from pestcli.store.values import AGREEMENT_STATUSES
from pestcli.store.views import AgreementView

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store


def add_agreement(
    store: Store,
    case_id: int,
    text: str,
    agreed_on: date | None = None,
    *,
    person_id: int | None = None,
    conversation_id: int | None = None,
) -> Agreement:
    """Record an agreement: what was agreed, by whom, when, and in which conversation."""
    text = check_text(text, "De afspraak")
    with store.write() as session:
        require(session, Case, case_id, "Melding")
        if person_id is not None:
            require(session, Person, person_id, "Persoon")
        if conversation_id is not None:
            talk = require(session, Conversation, conversation_id, "Gesprek")
            if talk.case_id != case_id:
                raise InvalidValueError("Dat gesprek hoort niet bij deze melding.")
        row = Agreement(case_id=case_id, text=text, agreed_on=agreed_on or date.today(),
                        person_id=person_id, conversation_id=conversation_id, created_at=now())
        session.add(row)
        session.flush()
        audit.record(session, "agreements", row.id, "create", "afspraak vastgelegd", case_id)
        return row


def check_agreement(
    session: Session, agreement_id: int, status: str, checked_on: date,
    followup_id: int | None = None, note: str = "",
) -> AgreementCheck:
    """Record a status inside an open write transaction (used by follow-ups too)."""
    check_choice(status, AGREEMENT_STATUSES, "status van een afspraak")
    agreement = require(session, Agreement, agreement_id, "Afspraak")
    if followup_id is not None:
        followup = require(session, FollowUp, followup_id, "Vervolggesprek")
        if followup.case_id != agreement.case_id:
            raise InvalidValueError("Die afspraak hoort niet bij de melding van dit vervolggesprek.")
        row = session.exec(select(AgreementCheck).where(
            AgreementCheck.agreement_id == agreement_id, AgreementCheck.followup_id == followup_id
        )).first()
    else:
        row = None
    if row is None:
        row = AgreementCheck(agreement_id=agreement_id, followup_id=followup_id,
                             checked_on=checked_on, status=status)
        session.add(row)
    row.status, row.checked_on, row.note = status, checked_on, note
    session.flush()
    audit.record(session, "agreement_checks", row.id, "update", f"afspraak {agreement_id}: {status}",
                 agreement.case_id)
    return row


def record_agreement_status(
    store: Store,
    agreement_id: int,
    status: str,
    checked_on: date | None = None,
    *,
    followup_id: int | None = None,
    note: str = "",
) -> AgreementCheck:
    """Record whether an agreement was kept or broken (at a follow-up, if given)."""
    with store.write() as session:
        return check_agreement(session, agreement_id, status, checked_on or date.today(), followup_id, note)


def agreements_of_case(store: Store, case_id: int) -> list[AgreementView]:
    """The agreements of a case with their person and checks, oldest first."""
    with store.read() as session:
        return load_agreements(session, case_id)


def load_agreements(session: Session, case_id: int) -> list[AgreementView]:
    """Agreements of a case with person and checks, in an open session."""
    rows = session.exec(
        select(Agreement, Person).outerjoin(Person, col(Person.id) == Agreement.person_id)
        .where(Agreement.case_id == case_id).order_by(col(Agreement.agreed_on), col(Agreement.id))
    ).all()
    ids = [a.id for a, _ in rows]
    checks = session.exec(
        select(AgreementCheck).where(col(AgreementCheck.agreement_id).in_(ids))
        .order_by(col(AgreementCheck.checked_on), col(AgreementCheck.id))
    ).all()
    return [
        AgreementView(a, person, [c for c in checks if c.agreement_id == a.id]) for a, person in rows
    ]
