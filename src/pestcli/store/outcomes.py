"""The outcome of a follow-up, and what the protocol does when agreements are broken.

``record_followup_outcome`` records a held follow-up. Agreements kept: the
outcome is "goed". Broken: the rules engine (``on_broken_agreements``)
decides from the case's ladder state, and the decision is stored with the
follow-up in ONE transaction — the pester's one more chance (an extra
follow-up two school days later) or an escalation with a sanction phase.

``ladder_state`` derives where a case stands from its history: follow-ups
with a "gebroken" outcome, chances given, escalations and sanction phases.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import col, func, select

from pestcli.protocol.appointments import school_days_after
from pestcli.protocol.escalation import Decision, LadderState, on_broken_agreements
from pestcli.store import audit
from pestcli.store.agreements import check_agreement
from pestcli.store.followups import followup_conflict
from pestcli.store.common import check_seen, require
from pestcli.store.errors import InvalidValueError
from pestcli.store.models import Case, Escalation, FollowUp
from pestcli.store.sql_values import saved_id
from pestcli.store.values import BROKEN, BROKEN_OUTCOMES, KEPT

if TYPE_CHECKING:
    from sqlmodel import Session

    from pestcli.protocol.model import Rules as ProtocolRules
    from pestcli.store.backend.engine import Store
    from pestcli.store.workflow import Rules

#: Label of the extra follow-up after the one more chance ("Vervolggesprek na de extra kans").
CHANCE_LABEL = "na de extra kans"
#: School days between a chance and its extra follow-up.
CHANCE_SCHOOL_DAYS = 2


@dataclass(frozen=True)
class FollowUpOutcome:
    """What recording a follow-up did.

    ``decision`` is the rules engine's decision (None when the agreements
    were kept); ``escalation`` the escalation row stored for it (None for a
    chance or the end of the ladder); ``extra`` the extra follow-up planned
    after a chance (None otherwise).
    """

    followup: FollowUp
    decision: Decision | None
    escalation: Escalation | None
    extra: FollowUp | None = None


def ladder_state(store: Store, case_id: int, rules: ProtocolRules | None = None) -> LadderState:
    """Where the case stands on the escalation ladder, from its history.

    ``rules`` (the protocol's rules) orders the rungs; without them the
    rung of the latest escalation holds the lead.
    """
    with store.read() as session:
        require(session, Case, case_id, "Melding")
        return _state(session, case_id, rules)


def _state(session: Session, case_id: int, rules: ProtocolRules | None) -> LadderState:
    """``ladder_state`` inside an open session."""
    from pestcli.store.case_state import ladder_from

    outcomes = session.exec(select(FollowUp.outcome).where(
        FollowUp.case_id == case_id, col(FollowUp.outcome).like(f"{BROKEN}%"))).all()
    escalations = session.exec(select(Escalation.to_rung, Escalation.sanction_phase)
                               .where(Escalation.case_id == case_id)
                               .order_by(col(Escalation.escalated_on), col(Escalation.id))).all()
    return ladder_from(outcomes, escalations, rules)


def record_followup_outcome(
    store: Store,
    rules: Rules,
    followup_id: int,
    *,
    kept: bool,
    note: str = "",
    done_on: date | None = None,
    done_by: str = "",
    agreement_statuses: Mapping[int, str] | None = None,
    class_agreement_statuses: Mapping[int, str] | None = None,
    seen_version: int | None = None,
) -> FollowUpOutcome:
    """Record a held follow-up and, when the agreements were broken, the protocol's answer.

    With ``seen_version`` (the version the screen showed) a colleague's
    change since then is a ConflictError that says what they did.

    Everything — the follow-up, the agreement statuses, the statuses of the
    class's agreements revisited (``class_agreement_statuses``; they do not
    move the case up the ladder), the extra follow-up or the escalation (case
    status ``escalated``) — is one transaction.
    """
    day = done_on or date.today()
    protocol_rules = rules.protocol.rules
    with store.write() as session:
        row = require(session, FollowUp, followup_id, "Vervolggesprek")
        check_seen(row, seen_version, followup_conflict(row))
        if row.cancelled_on is not None:
            raise InvalidValueError("Dit vervolggesprek is geannuleerd.")
        if row.done_on is not None:
            raise InvalidValueError("Dit vervolggesprek is al vastgelegd.")
        case = require(session, Case, row.case_id, "Melding")
        decision = None if kept else on_broken_agreements(
            protocol_rules, _state(session, saved_id(case.id), protocol_rules))
        row.done_on, row.note, row.done_by = day, note, done_by
        row.outcome = KEPT if decision is None else BROKEN_OUTCOMES[decision.kind]
        for agreement_id, status in (agreement_statuses or {}).items():
            check_agreement(session, agreement_id, status, day, followup_id)
        if class_agreement_statuses:
            from pestcli.store.class_talks import check_class_agreement

            for agreement_id, status in class_agreement_statuses.items():
                check_class_agreement(session, agreement_id, status, day, followup_id)
        audit.record(session, "followups", followup_id, "update",
                     f"vervolggesprek {row.seq} gehouden ({row.outcome})", case.id)
        escalation = extra = None
        if decision is not None and decision.kind == "kans":
            extra = _plan_extra(session, saved_id(case.id), school_days_after(rules.calendar, day, CHANCE_SCHOOL_DAYS))
        elif decision is not None and decision.kind in ("escalatie", "sanctie"):
            escalation = _escalate(session, case, decision, day, done_by)
        session.flush()
        return FollowUpOutcome(followup=row, decision=decision, escalation=escalation, extra=extra)


def _plan_extra(session: Session, case_id: int, due_on: date) -> FollowUp:
    """The extra follow-up after the pester's one more chance."""
    last = session.exec(select(func.max(FollowUp.seq)).where(FollowUp.case_id == case_id)).one()
    extra = FollowUp(case_id=case_id, seq=(last or 0) + 1, label=CHANCE_LABEL, due_on=due_on)
    session.add(extra)
    session.flush()
    audit.record(session, "followups", extra.id, "create", "extra vervolggesprek gepland (kans)", case_id)
    return extra


def _escalate(session: Session, case: Case, decision: Decision, day: date, by: str) -> Escalation:
    """The escalation the decision prescribes; the case becomes ``escalated``."""
    row = Escalation(case_id=saved_id(case.id), to_rung=decision.who, sanction_phase=decision.sanction_phase,
                     reason=decision.text, escalated_on=day, escalated_by=by)
    session.add(row)
    case.status = "escalated"
    session.flush()
    phase = f", fase {decision.sanction_phase}" if decision.sanction_phase else ""
    audit.record(session, "escalations", row.id, "create", f"geëscaleerd naar {decision.who}{phase}", case.id)
    return row
