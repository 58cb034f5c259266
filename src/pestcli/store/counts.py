"""The numbers on "Vandaag": open cases per step, items overdue and due today.

Each number is one COUNT (or one grouped query) over the indexes the agenda
uses, so it stays quick on a coordinator's whole-school database. Closed
cases are left out; escalated cases count (the mentor keeps following them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import case as sql_case
from sqlmodel import col, func, select

from pestcli.store.agenda import agenda_queries
from pestcli.store.models import Case, FollowUp, StepProgress

if TYPE_CHECKING:
    from sqlmodel import Session

    from pestcli.store.engine import Store

#: The main conversation steps, in order; stap 6 (the parents) fits in by its due date.
MAIN_STEPS = (2, 3, 4)
PARENTS_STEP = 6
FOLLOWUP_STEP = 5


@dataclass(frozen=True)
class AgendaCounts:
    """Open cases per step (the step each case is at), overdue and today's items, open cases."""

    open_per_step: dict[int, int] = field(default_factory=dict)
    overdue: int = 0
    due_today: int = 0
    open_cases: int = 0


def counts(store: Store, today: date) -> AgendaCounts:
    """The numbers for ``today``."""
    with store.read() as session:
        open_cases = session.exec(select(func.count()).select_from(Case)
                                  .where(col(Case.status) != "closed")).one()
        overdue = _count_due(session, today - timedelta(days=1), today - timedelta(days=1), True)
        due_today = _count_due(session, today, today, False)
        per_step = _open_per_step(session)
    return AgendaCounts(open_per_step=per_step, overdue=overdue, due_today=due_today,
                        open_cases=open_cases)


def _count_due(session: Session, start: date, end: date, include_overdue: bool) -> int:
    """How many steps, follow-ups and parent contacts the agenda has for the window."""
    total = 0
    for query in agenda_queries(start, end, include_overdue).values():
        total += session.exec(select(func.count()).select_from(query.subquery())).one()
    return total


def step_of_case(main: int | None, main_due: date | None, parents_open: bool,
                 parents_due: date | None, followups_open: bool) -> int | None:
    """The step a case is at: stap 2, 3, 4 in order, stap 6 first when it is due
    earlier, then stap 5 while follow-ups (or stap 5 itself) are open."""
    if parents_open and (main is None or (parents_due and main_due and parents_due < main_due)):
        return PARENTS_STEP
    if main is not None:
        return main
    return FOLLOWUP_STEP if followups_open else None


def _open_per_step(session: Session) -> dict[int, int]:
    """Step number -> number of open cases at that step (one grouped query + one for stap 5)."""
    is_main = col(StepProgress.step).in_(MAIN_STEPS)
    is_parents = col(StepProgress.step) == PARENTS_STEP
    is_five = col(StepProgress.step) == FOLLOWUP_STEP
    rows = session.exec(
        select(
            StepProgress.case_id,
            func.min(sql_case((is_main, StepProgress.step))),
            func.min(sql_case((is_main, StepProgress.due_on))),
            func.max(sql_case((is_parents, 1), else_=0)),
            func.max(sql_case((is_parents, StepProgress.due_on))),
            func.max(sql_case((is_five, 1), else_=0)),
        )
        .join(Case, col(Case.id) == StepProgress.case_id)
        .where(col(StepProgress.done_on).is_(None), col(Case.status) != "closed")
        .group_by(StepProgress.case_id)
    ).all()
    with_followups = set(session.exec(
        select(FollowUp.case_id).distinct()
        .join(Case, col(Case.id) == FollowUp.case_id)
        .where(col(FollowUp.done_on).is_(None), col(FollowUp.cancelled_on).is_(None),
               col(Case.status) != "closed")
    ).all())
    per_step: dict[int, int] = {}
    seen: set[int] = set()
    for case_id, main, main_due, parents, parents_due, five in rows:
        seen.add(case_id)
        step = step_of_case(main, _day(main_due), bool(parents), _day(parents_due),
                            bool(five) or case_id in with_followups)
        if step is not None:
            per_step[step] = per_step.get(step, 0) + 1
    rest = len(with_followups - seen)
    if rest:
        per_step[FOLLOWUP_STEP] = per_step.get(FOLLOWUP_STEP, 0) + rest
    return per_step


def _day(value: date | str | None) -> date | None:
    """An aggregated date column (SQLite hands MIN/MAX of dates back as text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
