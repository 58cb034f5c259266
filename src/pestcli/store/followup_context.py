"""One follow-up with what the follow-up dialog shows beside it, in one read.

The dialog is opened with only a follow-up id (from the "Vandaag" list or the
agenda); it needs the case (number, class, mentor), who is in it, and the
case's agreements with their checks so far.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import col, select

from pestcli.store.agreements import load_agreements
from pestcli.store.common import require
from pestcli.store.models import Case, CaseRole, FollowUp, Person
from pestcli.store.views import AgreementView, PersonInCase

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store


@dataclass(frozen=True)
class FollowUpContext:
    """A follow-up, its case, the people in the case and the case's agreements."""

    followup: FollowUp
    case: Case
    people: list[PersonInCase]
    agreements: list[AgreementView]

    def with_role(self, role: str) -> list[Person]:
        """The people with this role in the case."""
        return [p.person for p in self.people if p.role == role]


def followup_context(store: Store, followup_id: int) -> FollowUpContext:
    """The follow-up ``followup_id`` with its case; NotFoundError (Dutch) when it is gone."""
    with store.read() as session:
        followup = require(session, FollowUp, followup_id, "Vervolggesprek")
        case = require(session, Case, followup.case_id, "Melding")
        people = session.exec(
            select(CaseRole, Person).join(Person, col(Person.id) == CaseRole.person_id)
            .where(CaseRole.case_id == case.id).order_by(CaseRole.id)
        ).all()
        return FollowUpContext(
            followup=followup,
            case=case,
            people=[PersonInCase(role.role, person, role) for role, person in people],
            agreements=load_agreements(session, case.id),
        )
