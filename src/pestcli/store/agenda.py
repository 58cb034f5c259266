"""The agenda: what is due in a date range (steps, follow-ups, parent contacts).

Each of the three queries reads only open rows in the range through an index
that starts with the "not done" column(s) and ends with the due date:
``step_progress(done_on, due_on)``, ``followups(done_on, cancelled_on,
due_on)`` and ``parent_contacts(held_on, planned_on)``. Closed cases are left
out; escalated cases stay (the mentor keeps following them).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import col, select

from pestcli.store.models import Case, FollowUp, ParentContact, StepProgress
from pestcli.store.views import DueItem

if TYPE_CHECKING:
    from sqlmodel.sql.expression import Select

    from pestcli.store.engine import Store


def agenda_queries(start: date, end: date, include_overdue: bool = True) -> dict[str, Select]:
    """The three selects behind ``due_items`` (exposed so tests can check their plans)."""
    def window(column):
        return (column <= end,) if include_overdue else (column >= start, column <= end)

    open_case = col(Case.status) != "closed"
    # Columns only (no ORM entities): every row is (id, case_id, due, detail, number, class).
    steps = (
        select(StepProgress.id, StepProgress.case_id, StepProgress.due_on, StepProgress.step,
               Case.number, Case.class_name)
        .join(Case, col(Case.id) == StepProgress.case_id)
        .where(col(StepProgress.done_on).is_(None), *window(col(StepProgress.due_on)), open_case)
    )
    followups = (
        select(FollowUp.id, FollowUp.case_id, FollowUp.due_on, FollowUp.label,
               Case.number, Case.class_name)
        .join(Case, col(Case.id) == FollowUp.case_id)
        .where(col(FollowUp.done_on).is_(None), col(FollowUp.cancelled_on).is_(None),
               *window(col(FollowUp.due_on)), open_case)
    )
    parents = (
        select(ParentContact.id, ParentContact.case_id, ParentContact.planned_on, ParentContact.pupil_id,
               Case.number, Case.class_name)
        .join(Case, col(Case.id) == ParentContact.case_id)
        .where(col(ParentContact.held_on).is_(None), *window(col(ParentContact.planned_on)), open_case)
    )
    return {"stap": steps, "vervolg": followups, "ouders": parents}


def due_items(
    store: Store,
    start: date,
    end: date,
    *,
    include_overdue: bool = True,
    today: date | None = None,
) -> list[DueItem]:
    """Everything due from ``start`` to ``end`` (and, by default, everything overdue before).

    ``overdue`` on an item means its date is before ``today`` (default: today).
    Sorted by date, then case number.
    """
    today = today or date.today()
    queries = agenda_queries(start, end, include_overdue)
    items: list[DueItem] = []
    with store.read() as session:
        for kind, query in queries.items():
            items.extend(due_item(kind, row, today) for row in session.exec(query).all())
    order = {"stap": 0, "vervolg": 1, "ouders": 2}
    items.sort(key=lambda i: (i.due_on, i.case_number, order[i.kind], i.step or 0, i.ref_id))
    return items


def due_item(kind: str, row, today: date) -> DueItem:
    """A DueItem from a row of ``agenda_queries``: (id, case_id, due, detail, number, class)."""
    row_id, case_id, due_on, detail, number, class_name = row
    if kind == "stap":
        return DueItem("stap", due_on, case_id, number, class_name, f"Stap {detail}", row_id,
                       due_on < today, detail)
    if kind == "vervolg":
        return DueItem("vervolg", due_on, case_id, number, class_name, f"Vervolggesprek {detail}",
                       row_id, due_on < today, 5)
    return DueItem("ouders", due_on, case_id, number, class_name, "Contact met ouders", row_id,
                   due_on < today, 6)
