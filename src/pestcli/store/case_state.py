"""Where one case stands, from its ``CaseDetail``: the escalation ladder and what comes next.

One place for what the case screen, the summary and the dialogs show, so they
always agree with each other and with ``store.outcomes`` (which records the
follow-up outcomes these functions read).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pestcli.protocol.deadlines import Due
from pestcli.protocol.escalation import LadderState, NextAction, next_action
from pestcli.protocol.model import Protocol, Rules
from pestcli.store.agenda import parent_step_due
from pestcli.store.values import BROKEN, BROKEN_OUTCOMES
from pestcli.store.views import CaseDetail

#: Steps whose due date ``next_action`` weighs.
DEADLINE_STEPS = (2, 3, 4, 6)


def ladder_from(outcomes: Iterable[str | None], escalations: Iterable[tuple[str, int | None]],
                rules: Rules | None) -> LadderState:
    """The ladder state from follow-up outcomes and ``(to_rung, sanction_phase)`` pairs in order.

    ``rules`` orders the rungs (the lead never moves down); without them the
    latest escalation's rung holds the lead.
    """
    outcomes = [o for o in outcomes if o and o.startswith(BROKEN)]
    ladder = [r.id for r in rules.escalation] if rules else []
    rung = ladder[0] if ladder else "mentor"
    phase = 0
    for to_rung, sanction_phase in escalations:
        if not ladder:
            rung = to_rung
        elif to_rung in ladder and ladder.index(to_rung) > ladder.index(rung):
            rung = to_rung
        phase = max(phase, sanction_phase or 0)
    return LadderState(broken=len(outcomes), chances_given=outcomes.count(BROKEN_OUTCOMES["kans"]),
                       rung=rung, sanction_phase=phase)


def ladder_state_of(detail: CaseDetail, protocol: Protocol) -> LadderState:
    """Where the case stands on the escalation ladder."""
    escalations = sorted(detail.escalations, key=lambda e: (e.escalated_on, e.id or 0))
    return ladder_from((f.outcome for f in detail.followups),
                       ((e.to_rung, e.sanction_phase) for e in escalations), protocol.rules)


def case_next_action(detail: CaseDetail, protocol: Protocol, today: date) -> NextAction:
    """What comes next in the case and whose turn it is (the rules engine's answer)."""
    done = {s.step: s.done_on for s in detail.steps}
    due = {s.step: Due(s.due_on, s.due_on) for s in detail.steps
           if s.due_on is not None and s.step in DEADLINE_STEPS}
    parents_due = parent_step_due(due[6].date if 6 in due else None,
                                  (c.planned_on for c in detail.parent_contacts
                                   if c.held_on is None and c.purpose != "informeren"))
    if parents_due is not None:  # as the timeline, the home screen and the agenda show stap 6
        due[6] = Due(parents_due, parents_due)
    waiting = [f for f in detail.followups if f.done_on is None and f.cancelled_on is None]
    first = min((f.due_on for f in waiting), default=None)
    return next_action(done, ladder_state_of(detail, protocol), len(waiting), today, due,
                       steps=protocol.steps, rules=protocol.rules, next_followup=first)


def planned_dates(detail: CaseDetail) -> list[date]:
    """The dates still ahead in the case: steps not done, planned parent contacts, open follow-ups.

    The dates the case screen and the summary show as "uiterlijk" or
    "gepland"; ``SchoolCalendar.dates_notice`` tells whether any of them falls
    in a school year whose holidays are unknown. A closed case has no step
    deadlines or planned contacts left; its follow-ups count while they are
    neither held nor cancelled.
    """
    dates = [f.due_on for f in detail.followups if f.done_on is None and f.cancelled_on is None]
    if detail.case.status != "closed":
        dates += [s.due_on for s in detail.steps if s.done_on is None and s.due_on is not None]
        dates += [c.planned_on for c in detail.parent_contacts
                  if c.held_on is None and c.planned_on is not None]
    return sorted(dates)
