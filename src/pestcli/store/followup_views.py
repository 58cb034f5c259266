"""Read models about follow-ups: what the follow-up dialogs show, and which follow-ups were moved.

``followup_context``: the follow-up dialog is opened with only a follow-up id
(from the "Vandaag" list or the agenda); it needs the case (number, class,
mentor), who is in it, and the case's agreements with their checks so far,
in one read.

``moved_followups``: the agenda shows "verzet van do 17 dec 2026: leerling
ziek" beside a moved follow-up. It asks only for the follow-ups it shows, in
one query per chunk of ids (SQLite limits the number of parameters).

(Planning, moving and completing follow-ups is ``store.followups``; the
rule for moving one is the use case's, ``services.followups``.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import col, select

from pestcli.store.agreements import load_agreements
from pestcli.store.common import require
from pestcli.store.models import Case, CaseRole, FollowUp, Person
from pestcli.store.sql_values import saved_id
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
            .where(CaseRole.case_id == case.id).order_by(col(CaseRole.id))
        ).all()
        return FollowUpContext(
            followup=followup,
            case=case,
            people=[PersonInCase(role.role, person, role) for role, person in people],
            agreements=load_agreements(session, saved_id(case.id)),
        )


#: Ids per query, well below SQLite's parameter limit.
CHUNK = 500


@dataclass(frozen=True)
class FollowUpMove:
    """A follow-up's date before its last move, and the mentor's reason."""

    moved_from: date
    reason: str


def moved_followups(store: Store, followup_ids: Iterable[int]) -> dict[int, FollowUpMove]:
    """Follow-up id -> its last move, for those of ``followup_ids`` that were moved."""
    ids = sorted(set(followup_ids))
    moves: dict[int, FollowUpMove] = {}
    if not ids:
        return moves
    with store.read() as session:
        for start in range(0, len(ids), CHUNK):
            rows = session.exec(
                select(col(FollowUp.id), col(FollowUp.moved_from), FollowUp.moved_reason)
                .where(col(FollowUp.id).in_(ids[start:start + CHUNK]), col(FollowUp.moved_from).is_not(None))
            ).all()
            # moved_from IS NOT NULL in the query: the check only narrows the type
            moves.update({saved_id(row_id): FollowUpMove(moved_from, reason or "")
                          for row_id, moved_from, reason in rows if moved_from is not None})
    return moves
