"""The home screen's reads: the list of open cases, and how many cases there are at all.

``open_case_overview`` returns, for every case that is not closed, its number,
class, status, victims, everyone's names (for filtering), the step it is at
and the next date something is due — without one query per case.
``count_cases`` tells the home screen whether to show the welcome. Plain SQL
on ``Store.sql()``: the first screen is read before any ORM is imported.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pestcli.names import full_name
from pestcli.store.sql_values import as_date

from pestcli.store.scope import scoped

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

#: The main conversation steps, done in this order; stap 6 fits in by its due date.
MAIN_STEPS = (2, 3, 4)
PARENTS_STEP = 6
FOLLOWUP_STEP = 5

#: The cases the overview lists, newest report first.
CASES_SQL = (
    "SELECT cases.id, cases.number, cases.class_name, cases.status, cases.reported_on FROM cases"
    " WHERE cases.status != 'closed' ORDER BY cases.reported_on DESC, cases.id DESC"
)
#: Everyone with a role in those cases (sorted by case_roles.id afterwards: the order they
#: were added). Driven by the open cases through the case_roles(case_id ...) index, so a
#: whole school's closed cases are not read.
PEOPLE_SQL = (
    "SELECT case_roles.id, case_roles.case_id, case_roles.role, people.first_name, people.last_name"
    " FROM case_roles JOIN people ON people.id = case_roles.person_id"
    " WHERE case_roles.case_id IN (SELECT cases.id FROM cases WHERE cases.status != 'closed')"
)
#: Their open steps (stap 1, the report itself, never counts).
STEPS_SQL = (
    "SELECT step_progress.case_id, step_progress.step, step_progress.due_on"
    " FROM step_progress JOIN cases ON cases.id = step_progress.case_id"
    " WHERE cases.status != 'closed' AND step_progress.done_on IS NULL AND step_progress.step != 1"
)
#: Their open follow-ups.
FOLLOWUPS_SQL = (
    "SELECT followups.case_id, followups.due_on FROM followups JOIN cases ON cases.id = followups.case_id"
    " WHERE cases.status != 'closed' AND followups.done_on IS NULL AND followups.cancelled_on IS NULL"
)
#: Their planned parent contacts that were not held yet.
CONTACTS_SQL = (
    "SELECT parent_contacts.case_id, parent_contacts.planned_on"
    " FROM parent_contacts JOIN cases ON cases.id = parent_contacts.case_id"
    " WHERE cases.status != 'closed' AND parent_contacts.held_on IS NULL"
    " AND parent_contacts.planned_on IS NOT NULL"
)


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


def count_cases(store: Store) -> int:
    """How many cases the database holds (open, escalated and closed)."""
    with store.sql() as con:
        return con.execute("SELECT count(*) FROM cases").fetchone()[0]


def open_case_overview(store: Store) -> list[CaseOverview]:
    """Every case that is not closed, newest report first, as ``CaseOverview`` rows."""
    with store.sql() as con:
        cases = con.execute(scoped(store, CASES_SQL)).fetchall()
        people = sorted(con.execute(scoped(store, PEOPLE_SQL)).fetchall())
        steps = con.execute(scoped(store, STEPS_SQL)).fetchall()
        followups = con.execute(scoped(store, FOLLOWUPS_SQL)).fetchall()
        contacts = con.execute(scoped(store, CONTACTS_SQL)).fetchall()
    victims: dict[int, list[str]] = defaultdict(list)
    names: dict[int, list[str]] = defaultdict(list)
    for _, case_id, role, first_name, last_name in people:
        name = full_name(first_name, last_name)
        if role == "gepeste" and name not in victims[case_id]:
            victims[case_id].append(name)
        if name not in names[case_id]:
            names[case_id].append(name)
    open_steps: dict[int, dict[int, date | None]] = defaultdict(dict)
    dues: dict[int, list[date]] = defaultdict(list)
    for case_id, step, due_text in steps:
        due_on = as_date(due_text)
        open_steps[case_id][step] = due_on
        if due_on is not None:
            dues[case_id].append(due_on)
    with_followups = set()
    for case_id, due_text in followups:
        with_followups.add(case_id)
        dues[case_id].append(_stored_day(due_text))
    for case_id, planned_text in contacts:
        dues[case_id].append(_stored_day(planned_text))
    return [
        CaseOverview(
            case_id=case_id, number=number, class_name=class_name, status=status,
            reported_on=_stored_day(reported_on), victims=tuple(victims[case_id]),
            names=tuple(names[case_id]),
            current_step=current_step(open_steps[case_id], case_id in with_followups),
            next_due=min(dues[case_id], default=None),
        )
        for case_id, number, class_name, status, reported_on in cases
    ]


def _stored_day(value: date | str) -> date:
    """``as_date`` of a date every row has: never None, so typed ``date``.

    cases.reported_on and followups.due_on are NOT NULL; CONTACTS_SQL keeps
    only contacts with a planned_on.
    """
    day = as_date(value)
    assert day is not None  # as_date returns None only for None
    return day
