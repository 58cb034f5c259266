"""One case with everything recorded about it, loaded in one read transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import col, select

from pestcli.store.agreements import load_agreements
from pestcli.store.common import require
from pestcli.store.conversations import load_conversation_details
from pestcli.store.models import (
    Case,
    CaseForm,
    CaseRole,
    Conversation,
    Escalation,
    Evidence,
    FollowUp,
    ParentContact,
    Person,
    StepProgress,
)
from pestcli.store.views import CaseDetail, PersonInCase

if TYPE_CHECKING:
    from pestcli.store.engine import Store


def case_detail(store: Store, case_id: int) -> CaseDetail:
    """The case screen's and the summary's data: the case and every child row."""
    with store.read() as session:
        case = require(session, Case, case_id, "Melding")

        def rows(model, *order):
            return list(session.exec(select(model).where(model.case_id == case_id).order_by(*order)).all())

        people = session.exec(
            select(CaseRole, Person).join(Person, col(Person.id) == CaseRole.person_id)
            .where(CaseRole.case_id == case_id).order_by(CaseRole.id)
        ).all()
        talks = rows(Conversation, Conversation.started_at, Conversation.id)
        return CaseDetail(
            case=case,
            forms=[f.form_id for f in rows(CaseForm, CaseForm.form_id)],
            people=[PersonInCase(role.role, person, role) for role, person in people],
            steps=rows(StepProgress, StepProgress.step),
            conversations=load_conversation_details(session, talks),
            agreements=load_agreements(session, case_id),
            followups=rows(FollowUp, FollowUp.due_on, FollowUp.seq),
            evidence=rows(Evidence, Evidence.id),
            parent_contacts=rows(ParentContact, ParentContact.id),
            escalations=rows(Escalation, Escalation.escalated_on, Escalation.id),
        )
