"""Escalation: the case goes up the ladder (APC, teamleider/directie) with a sanction phase."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import col, select

from pestcli.store import audit
from pestcli.store.common import check_choice, check_id, require
from pestcli.store.models import Case, Escalation
from pestcli.store.values import SANCTION_PHASES

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

    The case's status becomes ``escalated`` in the same transaction.
    """
    to_rung = check_id(to_rung, "Naar wie")
    if sanction_phase is not None:
        check_choice(sanction_phase, SANCTION_PHASES, "fase")
    with store.write() as session:
        case = require(session, Case, case_id, "Melding")
        row = Escalation(case_id=case_id, to_rung=to_rung, sanction_phase=sanction_phase,
                         reason=reason, escalated_on=escalated_on or date.today(),
                         escalated_by=escalated_by)
        session.add(row)
        case.status = "escalated"
        session.flush()
        phase = f", fase {sanction_phase}" if sanction_phase else ""
        audit.record(session, "escalations", row.id, "create", f"geëscaleerd naar {to_rung}{phase}", case_id)
        return row


def escalations_of_case(store: Store, case_id: int) -> list[Escalation]:
    """The escalations of a case, oldest first."""
    with store.read() as session:
        return list(session.exec(
            select(Escalation).where(Escalation.case_id == case_id)
            .order_by(col(Escalation.escalated_on), col(Escalation.id))
        ).all())
