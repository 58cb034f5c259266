"""The home screen's list of open cases: one row per case, read in a few queries.

``open_case_overview`` returns, for every case that is not closed, its number,
class, status, victims, everyone's names (for filtering), the step it is at
and the next date something is due — without one query per case.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import col, select

from pestcli.names import full_name

from pestcli.store.models import Case, CaseRole, FollowUp, ParentContact, Person, StepProgress

if TYPE_CHECKING:
    from pestcli.store.engine import Store

#: The main conversation steps, done in this order; stap 6 fits in by its due date.
MAIN_STEPS = (2, 3, 4)
PARENTS_STEP = 6
FOLLOWUP_STEP = 5


@dataclass(frozen=True)
class CaseOverview:
    """One open (or escalated) case as the home screen lists it.

    ``current_step`` is the step the case is at (None when nothing is open);
    ``next_due`` the earliest due date of an open step, follow-up or planned
    parent contact.
    """

    case_id: int
    number: str
    class_name: str
    status: str
    reported_on: date
    victims: tuple[str, ...]
    names: tuple[str, ...]
    current_step: int | None
    next_due: date | None

    def matches(self, fragment: str) -> bool:
        """Whether every word of ``fragment`` is in the number, class or a name."""
        haystack = " ".join((self.number, self.class_name, *self.names)).casefold()
        return all(word in haystack for word in fragment.casefold().split())


def current_step(open_steps: dict[int, date | None], followups_open: bool) -> int | None:
    """The step a case is at, given its open steps (number -> due date).

    Stap 2, 3, 4 in order; stap 6 (the parents) comes first when it is due
    earlier; when those are done, stap 5 while follow-ups are open.
    """
    main = next((n for n in MAIN_STEPS if n in open_steps), None)
    if PARENTS_STEP in open_steps:
        parents_due, main_due = open_steps[PARENTS_STEP], open_steps.get(main) if main else None
        if main is None or (parents_due and main_due and parents_due < main_due):
            return PARENTS_STEP
    if main is not None:
        return main
    if followups_open or FOLLOWUP_STEP in open_steps:
        return FOLLOWUP_STEP
    return None


def open_case_overview(store: Store) -> list[CaseOverview]:
    """Every case that is not closed, newest report first, as ``CaseOverview`` rows."""
    not_closed = col(Case.status) != "closed"
    with store.read() as session:
        cases = session.exec(
            select(Case).where(not_closed).order_by(col(Case.reported_on).desc(), col(Case.id).desc())
        ).all()
        people = session.exec(
            select(CaseRole.case_id, CaseRole.role, Person)
            .join(Person, col(Person.id) == CaseRole.person_id)
            .join(Case, col(Case.id) == CaseRole.case_id)
            .where(not_closed).order_by(CaseRole.id)
        ).all()
        steps = session.exec(
            select(StepProgress.case_id, StepProgress.step, StepProgress.due_on)
            .join(Case, col(Case.id) == StepProgress.case_id)
            .where(not_closed, col(StepProgress.done_on).is_(None), StepProgress.step != 1)
        ).all()
        followups = session.exec(
            select(FollowUp.case_id, FollowUp.due_on)
            .join(Case, col(Case.id) == FollowUp.case_id)
            .where(not_closed, col(FollowUp.done_on).is_(None), col(FollowUp.cancelled_on).is_(None))
        ).all()
        contacts = session.exec(
            select(ParentContact.case_id, ParentContact.planned_on)
            .join(Case, col(Case.id) == ParentContact.case_id)
            .where(not_closed, col(ParentContact.held_on).is_(None),
                   col(ParentContact.planned_on).is_not(None))
        ).all()
    victims: dict[int, list[str]] = defaultdict(list)
    names: dict[int, list[str]] = defaultdict(list)
    for case_id, role, person in people:
        name = full_name(person.first_name, person.last_name)
        if role == "gepeste" and name not in victims[case_id]:
            victims[case_id].append(name)
        if name not in names[case_id]:
            names[case_id].append(name)
    open_steps: dict[int, dict[int, date | None]] = defaultdict(dict)
    dues: dict[int, list[date]] = defaultdict(list)
    for case_id, step, due_on in steps:
        open_steps[case_id][step] = due_on
        if due_on is not None:
            dues[case_id].append(due_on)
    with_followups = set()
    for case_id, due_on in followups:
        with_followups.add(case_id)
        dues[case_id].append(due_on)
    for case_id, planned_on in contacts:
        dues[case_id].append(planned_on)
    return [
        CaseOverview(
            case_id=case.id, number=case.number, class_name=case.class_name, status=case.status,
            reported_on=case.reported_on, victims=tuple(victims[case.id]), names=tuple(names[case.id]),
            current_step=current_step(open_steps[case.id], case.id in with_followups),
            next_due=min(dues[case.id], default=None),
        )
        for case in cases
    ]
