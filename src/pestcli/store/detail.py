"""One case with everything recorded about it, loaded in one read transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

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
from pestcli.store.parent_contacts import contact_people_of
from pestcli.store.parents import PARENT_KIND, parent_links_of
from pestcli.store.sql_values import saved_id
from pestcli.store.views import CaseDetail, ParentOfPupil, PersonInCase

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store


def case_detail(store: Store, case_id: int) -> CaseDetail:
    """The case screen's and the summary's data: the case and every child row."""
    with store.read() as session:
        case = require(session, Case, case_id, "Melding")

        def rows(model, *order):
            return list(session.exec(select(model).where(model.case_id == case_id).order_by(*order)).all())

        people = session.exec(
            select(CaseRole, Person).join(Person, col(Person.id) == CaseRole.person_id)
            .where(CaseRole.case_id == case_id).order_by(col(CaseRole.id))
        ).all()
        talks = rows(Conversation, Conversation.started_at, Conversation.id)
        contacts = rows(ParentContact, ParentContact.id)
        return CaseDetail(
            case=case,
            forms=[f.form_id for f in rows(CaseForm, CaseForm.form_id)],
            people=[PersonInCase(role.role, person, role) for role, person in people],
            steps=rows(StepProgress, StepProgress.step),
            conversations=load_conversation_details(session, talks),
            agreements=load_agreements(session, case_id),
            followups=rows(FollowUp, FollowUp.due_on, FollowUp.seq),
            evidence=rows(Evidence, Evidence.id),
            parent_contacts=contacts,
            escalations=rows(Escalation, Escalation.escalated_on, Escalation.id),
            parents=parents_in_case(session, [person for _, person in people]),
            contact_parents=contact_people_of(session, [c.id for c in contacts]),
        )


def parents_in_case(session: Session, people: list[Person]) -> list[ParentOfPupil]:
    """The parents and carers among ``people``, each with their pupil and relation."""
    parents = {saved_id(p.id): p for p in people if p.kind == PARENT_KIND}
    links = {link.parent_id: link for link in parent_links_of(session, list(parents))}
    pupils = {saved_id(p.id): p for p in people}
    missing = [link.pupil_id for link in links.values() if link.pupil_id not in pupils]
    if missing:
        pupils.update({saved_id(p.id): p for p in session.exec(select(Person).where(col(Person.id).in_(missing))).all()})
    result = []
    for person_id, parent in parents.items():
        link = links.get(person_id)
        result.append(ParentOfPupil(parent, pupils.get(link.pupil_id) if link else None,
                                    link.relation if link else "ouder/verzorger"))
    return result
