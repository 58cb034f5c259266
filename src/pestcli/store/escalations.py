"""Escalation: the case goes up the ladder (APC, teamleider/directie) with a sanction phase."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import col, select

from pestcli.store import audit
from pestcli.store.common import check_choice, check_id, require
from pestcli.store.models import Case, Escalation
from pestcli.store.errors import StoreError
from pestcli.store.values import SANCTION_PHASES

#: The first sanction phase a team leader or the directie decides (4 schorsing, 5 verwijdering; protocol §9).
FIRST_DECIDED_PHASE = 4

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store


def escalate(
    store: Store,
    case_id: int,
    to_rung: str,
    escalated_on: date | None = None,
    *,
    reason: str = "",
    sanction_phase: int | None = None,
    escalated_by: str = "",
) -> Escalation:
    """Hand the case to a rung (``apc``, ``teamleider``) with an optional sanction phase 1-5.

    The case's status becomes ``escalated`` in the same transaction; to the
    APC, the APC has the regie from then on (protocol §8, ``cases.regie``).
    On the school's server sanction phases 4 and 5 are decided by a team
    leader or the directie: recorded by anyone else they are a proposal
    (``proposed``), which :func:`decide_sanction` turns into the decision.
    """
    from pestcli.store.team import may_decide_sanctions

    to_rung = check_id(to_rung, "Naar wie")
    if sanction_phase is not None:
        check_choice(sanction_phase, SANCTION_PHASES, "fase")
    proposed = (sanction_phase or 0) >= FIRST_DECIDED_PHASE and not may_decide_sanctions(store)
    with store.write() as session:
        case = require(session, Case, case_id, "Melding")
        row = Escalation(case_id=case_id, to_rung=to_rung, sanction_phase=sanction_phase,
                         reason=reason, escalated_on=escalated_on or date.today(),
                         escalated_by=escalated_by, proposed=proposed)
        session.add(row)
        case.status = "escalated"
        if to_rung == "apc":
            case.regie = "apc"
        session.flush()
        phase = f", fase {sanction_phase}" if sanction_phase else ""
        what = "voorgesteld" if proposed else "geëscaleerd"
        audit.record(session, "escalations", row.id, "create", f"{what} naar {to_rung}{phase}", case_id)
        return row


def decide_sanction(store: Store, escalation_id: int, decided_by: str = "") -> Escalation:
    """A team leader or the directie decides a proposed sanction phase (4 or 5): it is no proposal any more."""
    from pestcli.store.team import may_decide_sanctions

    if not may_decide_sanctions(store):
        raise StoreError("Alleen een teamleider of de directie besluit over schorsing en verwijdering "
                         "(fase 4 en 5); u kunt het voorstellen.")
    with store.write() as session:
        row = require(session, Escalation, escalation_id, "Escalatie")
        row.proposed = False
        if decided_by:
            row.escalated_by = decided_by
        session.flush()
        audit.record(session, "escalations", row.id, "update", f"besloten: fase {row.sanction_phase}", row.case_id)
        return row


def escalations_of_case(store: Store, case_id: int) -> list[Escalation]:
    """The escalations of a case, oldest first."""
    with store.read() as session:
        return list(session.exec(
            select(Escalation).where(Escalation.case_id == case_id)
            .order_by(col(Escalation.escalated_on), col(Escalation.id))
        ).all())
