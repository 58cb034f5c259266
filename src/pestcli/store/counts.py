"""The numbers on "Vandaag": open cases per step, items overdue and due today.

The open cases are one COUNT and one grouped query; overdue and today's
items are the agenda's own rows up to the end of the week, counted as the
home screen lists them (a planned parent contact and stap 6 once), over the
agenda's indexes, so it stays quick on a coordinator's whole-school
database. Closed cases are left out; escalated cases count (the mentor keeps
following them).
Plain SQL on ``Store.sql()``: the home screen counts before any ORM is imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from pestcli.protocol.dates import end_of_week
from pestcli.store.agenda import agenda_queries, once_per_parent_contact, read_due_items
from pestcli.store.scope import filters_cases, scoped
from pestcli.store.sql_values import as_date

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

#: The main conversation steps, in order; stap 6 (the parents) fits in by its due date.
MAIN_STEPS = (2, 3, 4)
PARENTS_STEP = 6
FOLLOWUP_STEP = 5

_MAIN = f"step_progress.step IN ({', '.join(map(str, MAIN_STEPS))})"

#: Per open case with open steps: the first open main step and the earliest due date of
#: those, whether stap 6 is open and its due date, whether stap 5 itself is open.
OPEN_STEPS_SQL = (
    "SELECT step_progress.case_id,"
    f" min(CASE WHEN {_MAIN} THEN step_progress.step END),"
    f" min(CASE WHEN {_MAIN} THEN step_progress.due_on END),"
    f" max(CASE WHEN step_progress.step = {PARENTS_STEP} THEN 1 ELSE 0 END),"
    f" max(CASE WHEN step_progress.step = {PARENTS_STEP} THEN step_progress.due_on END),"
    f" max(CASE WHEN step_progress.step = {FOLLOWUP_STEP} THEN 1 ELSE 0 END)"
    " FROM step_progress JOIN cases ON cases.id = step_progress.case_id"
    " WHERE step_progress.done_on IS NULL AND cases.status != 'closed'"
    " GROUP BY step_progress.case_id"
)

#: How many cases are open.
OPEN_CASES_SQL = "SELECT count(*) FROM cases WHERE cases.status != 'closed'"

#: The open cases with an open follow-up.
WITH_FOLLOWUPS_SQL = (
    "SELECT DISTINCT followups.case_id FROM followups JOIN cases ON cases.id = followups.case_id"
    " WHERE followups.done_on IS NULL AND followups.cancelled_on IS NULL"
    " AND cases.status != 'closed'"
)


@dataclass(frozen=True)
class AgendaCounts:
    """Open cases per step (the step each case is at), overdue and today's items, open cases."""

    open_per_step: dict[int, int] = field(default_factory=dict)
    overdue: int = 0
    due_today: int = 0
    open_cases: int = 0


def counts(store: Store, today: date) -> AgendaCounts:
    """The numbers for ``today``.

    Overdue and today's items are counted as the home screen lists them (up
    to the end of this week): a planned parent contact and stap 6 once.
    """
    items = once_per_parent_contact(read_due_items(
        store, agenda_queries(today, end_of_week(today), works_on=filters_cases(store)), today))
    with store.sql() as con:
        (open_cases,) = con.execute(scoped(store, OPEN_CASES_SQL)).fetchone()
        per_step = _open_per_step(con, store)
    return AgendaCounts(open_per_step=per_step, overdue=sum(item.due_on < today for item in items),
                        due_today=sum(item.due_on == today for item in items), open_cases=open_cases)


def step_of_case(main: int | None, main_due: date | None, parents_open: bool,
                 parents_due: date | None, followups_open: bool) -> int | None:
    """The step a case is at: stap 2, 3, 4 in order, stap 6 first when it is due
    earlier, then stap 5 while follow-ups (or stap 5 itself) are open."""
    if parents_open and (main is None or (parents_due and main_due and parents_due < main_due)):
        return PARENTS_STEP
    if main is not None:
        return main
    return FOLLOWUP_STEP if followups_open else None


def _open_per_step(con: Any, store: Store) -> dict[int, int]:
    """Step number -> number of open cases at that step (one grouped query + one for stap 5)."""
    rows = con.execute(scoped(store, OPEN_STEPS_SQL)).fetchall()
    with_followups = {case_id for (case_id,) in con.execute(scoped(store, WITH_FOLLOWUPS_SQL)).fetchall()}
    per_step: dict[int, int] = {}
    seen: set[int] = set()
    for case_id, main, main_due, parents, parents_due, five in rows:
        seen.add(case_id)
        step = step_of_case(main, as_date(main_due), bool(parents), as_date(parents_due),
                            bool(five) or case_id in with_followups)
        if step is not None:
            per_step[step] = per_step.get(step, 0) + 1
    rest = len(with_followups - seen)
    if rest:
        per_step[FOLLOWUP_STEP] = per_step.get(FOLLOWUP_STEP, 0) + rest
    return per_step
