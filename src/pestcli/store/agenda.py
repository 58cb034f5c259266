"""The agenda: what is due in a date range (steps, follow-ups, parent contacts).

Each of the three queries reads only open rows in the range through an index
that starts with the "not done" column(s) and ends with the due date:
``step_progress(done_on, due_on)``, ``followups(done_on, cancelled_on,
due_on)`` and ``parent_contacts(held_on, planned_on)``. Closed cases are left
out, except the follow-ups of a closed case whose two-year monitoring goes on;
escalated cases stay (the mentor keeps following them).

The queries are plain SQL on ``Store.sql()``: the home screen and ``pestcli
agenda`` read them before SQLAlchemy or SQLModel is imported.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from pestcli.store.scope import WORKS_ON, filters_cases
from pestcli.store.sql_values import as_date, as_text
from pestcli.store.views import DueItem

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

#: Agenda kinds in the order they are listed on one day.
KIND_ORDER = {"stap": 0, "vervolg": 1, "ouders": 2}

#: Per kind: the table, its columns (id, case_id, due, detail) and its "still open" condition.
_SOURCES = {
    "stap": ("step_progress", "due_on", "step", "step_progress.done_on IS NULL"),
    "vervolg": ("followups", "due_on", "label",
                "followups.done_on IS NULL AND followups.cancelled_on IS NULL"),
    "ouders": ("parent_contacts", "planned_on", "purpose", "parent_contacts.held_on IS NULL"),
}

#: Per kind: which cases still count. A closed case whose monitoring goes on
#: (``monitoring_ended_on`` NULL) keeps its follow-ups; its steps and parent contacts leave.
_CASE_FOLLOWED = {
    "stap": "cases.status != 'closed'",
    "vervolg": "(cases.status != 'closed' OR cases.monitoring_ended_on IS NULL)",
    "ouders": "cases.status != 'closed'",
}


class AgendaQuery(NamedTuple):
    """One SELECT of the agenda with its parameters (``con.execute(*query)``)."""

    sql: str
    params: tuple[object, ...]


def agenda_queries(
    start: date,
    end: date,
    include_overdue: bool = True,
    *,
    case_id: int | None = None,
    person_id: int | None = None,
    works_on: bool = False,
) -> dict[str, AgendaQuery]:
    """The three selects behind ``due_items``, by kind (exposed so tests can check their plans).

    Every row is (id, case_id, due, detail, number, class). ``case_id`` keeps
    one case, ``person_id`` the cases that person has a role in; ``works_on``
    (the school's server) only the cases the person may change (``store.scope``).
    """
    queries = {}
    for kind, (table, due, detail, still_open) in _SOURCES.items():
        where = [still_open, f"{table}.{due} <= ?", _CASE_FOLLOWED[kind]]
        params: list[object] = [as_text(end)]
        if not include_overdue:
            where.insert(1, f"{table}.{due} >= ?")
            params.insert(0, as_text(start))
        if case_id is not None:
            where.append("cases.id = ?")
            params.append(case_id)
        if person_id is not None:
            where.append("cases.id IN (SELECT case_roles.case_id FROM case_roles"
                         " WHERE case_roles.person_id = ?)")
            params.append(person_id)
        if works_on:
            where.append(WORKS_ON)
        sql = (f"SELECT {table}.id, {table}.case_id, {table}.{due}, {table}.{detail},"
               f" cases.number, cases.class_name"
               f" FROM {table} JOIN cases ON cases.id = {table}.case_id"
               f" WHERE {' AND '.join(where)}")
        queries[kind] = AgendaQuery(sql, tuple(params))
    return queries


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
    queries = agenda_queries(start, end, include_overdue, works_on=filters_cases(store))
    return read_due_items(store, queries, today or date.today())


def read_due_items(store: Store, queries: dict[str, AgendaQuery], today: date) -> list[DueItem]:
    """Run some of ``agenda_queries`` in one read; their items in agenda order."""
    items: list[DueItem] = []
    with store.sql() as con:
        for kind, query in queries.items():
            items.extend(due_item(kind, row, today) for row in con.execute(*query).fetchall())
    items.sort(key=lambda i: (i.due_on, i.case_number, KIND_ORDER[i.kind], i.step or 0, i.ref_id))
    return items


def once_per_parent_contact(items: list[DueItem]) -> list[DueItem]:
    """The items without stap 6 of a case that has a planned parent contact among them.

    A planned parent contact is stap 6 itself: the agenda, the home screen's
    list and its counts show it once, not twice. Stap 2's "ouders informeren"
    (a planned contact of purpose ``informeren``, step 2) is a to-do of its own.
    """
    planned = {item.case_id for item in items if item.kind == "ouders" and item.step == 6}
    return [item for item in items
            if not (item.kind == "stap" and item.step == 6 and item.case_id in planned)]


def parent_step_due(step_due: date | None, planned: Iterable[date | None]) -> date | None:
    """Stap 6's date as the home screen and the agenda show it, for the case screen too.

    A planned parent contact is stap 6 itself (:func:`once_per_parent_contact`):
    the earliest planned contact not yet held is the date, and only without
    one the step's own due date. So "Gesprek met de ouders (stap 6), 4 dagen te
    laat" at home is "stap 6 ... 4 dagen te laat" on the case screen, not 5.
    ``planned``: the ``planned_on`` of the case's parent contacts not held.
    """
    days = [day for day in planned if day is not None]
    return min(days) if days else step_due


def due_item(kind: str, row, today: date) -> DueItem:
    """A DueItem from a row of ``agenda_queries``: (id, case_id, due, detail, number, class)."""
    row_id, case_id, due_text, detail, number, class_name = row
    due_on = as_date(due_text)
    assert due_on is not None  # the query keeps only rows with due <= end, never a NULL date
    if kind == "stap":
        return DueItem("stap", due_on, case_id, number, class_name, f"Stap {detail}", row_id,
                       due_on < today, detail)
    if kind == "vervolg":
        return DueItem("vervolg", due_on, case_id, number, class_name, f"Vervolggesprek {detail}",
                       row_id, due_on < today, 5)
    if detail == "informeren":  # stap 2's "ouders op de hoogte stellen"
        return DueItem("ouders", due_on, case_id, number, class_name, "Ouders informeren", row_id,
                       due_on < today, 2)
    return DueItem("ouders", due_on, case_id, number, class_name, "Contact met ouders", row_id,
                   due_on < today, 6)
