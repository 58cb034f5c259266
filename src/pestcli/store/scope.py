"""Whose cases a list shows: on the school's server, the ones the person works on.

Row-level security already hides what a person may not see. A mentor may
still *see* cases they only read (the previous mentor after a hand-over,
the support team asked in read-only): those are no longer theirs to act on,
so the home screen, the counts and the agenda leave them out. The APC, the
directie and a team leader act on everything they see. In a mentor's own
file nothing is filtered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

#: The SQL condition (on ``cases``) for a case the person may change: held, or shared with changes.
WORKS_ON = "pestcli_changes_case(cases.id)"

#: The roles that act on every case they can see.
SEES_TO_ACT = ("apc", "directie", "teamleider")

#: The condition every plain-SQL list of open cases carries, as a whole conjunct.
_OPEN = "cases.status != 'closed'"


def filters_cases(store: Store) -> bool:
    """Whether lists of cases must leave out those the person only reads."""
    staff = store.staff
    return staff is not None and not any(role in staff.roles for role in SEES_TO_ACT)


def scoped(store: Store, sql: str) -> str:
    """``sql`` (a list of open cases: it has ``cases.status != 'closed'`` as a conjunct) for this person.

    The condition :data:`WORKS_ON` is added beside the first open-case
    condition; unchanged when :func:`filters_cases` is False.
    """
    if not filters_cases(store):
        return sql
    if _OPEN not in sql:
        raise ValueError("scoped() needs a query with the open-case condition")
    return sql.replace(_OPEN, f"{_OPEN} AND {WORKS_ON}", 1)
