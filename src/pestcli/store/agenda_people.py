"""The agenda's extra reads: the pupils of the cases on it, and a filtered agenda.

``case_pupils`` fetches the victims and bullies of ONLY the cases given, in
one query (per 500 cases), through the ``case_roles(case_id ...)`` unique
index. ``filtered_due_items`` is ``store.agenda.due_items`` narrowed to one
case, the cases of one person and/or some kinds, with the filter in SQL so
a coordinator's whole-school database is not read to show one pupil.
Plain SQL on ``Store.sql()``: no ORM is imported.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pestcli.store.agenda import KIND_ORDER, agenda_queries, read_due_items
from pestcli.store.sql_values import marks
from pestcli.store.views import DueItem

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

#: The roles an agenda row names (the victim first).
AGENDA_ROLES = ("gepeste", "pester")

#: At most this many case ids in one IN (...) list.
CHUNK = 500


@dataclass(frozen=True, slots=True)
class PupilName:
    """Just what an agenda row shows of a person: the id and the name (no ORM object)."""

    id: int
    first_name: str
    last_name: str


def case_pupils(
    store: Store, case_ids: Iterable[int], roles: Collection[str] = AGENDA_ROLES
) -> dict[int, list[tuple[str, PupilName]]]:
    """``case_id -> [(role, person), ...]`` for the given cases and roles.

    People are ordered by role (as in ``roles``), then last name (without
    tussenvoegsel) and first name.
    Cases without such people are missing from the result.
    """
    ids = sorted(set(case_ids))
    roles = list(roles)
    rank = {role: index for index, role in enumerate(roles)}
    found: dict[int, list[tuple[str, PupilName]]] = {}
    if not ids:
        return found
    with store.sql() as con:
        for begin in range(0, len(ids), CHUNK):
            chunk = ids[begin:begin + CHUNK]
            rows = con.execute(
                "SELECT case_roles.case_id, case_roles.role, people.id, people.first_name,"
                " people.last_name FROM case_roles JOIN people ON people.id = case_roles.person_id"
                f" WHERE case_roles.case_id IN ({marks(len(chunk))})"
                f" AND case_roles.role IN ({marks(len(roles))})",
                (*chunk, *roles),
            ).fetchall()
            for case_id, role, person_id, first_name, last_name in rows:
                found.setdefault(case_id, []).append((role, PupilName(person_id, first_name, last_name)))
    for people in found.values():
        people.sort(key=lambda rp: (rank.get(rp[0], 99), sort_name(rp[1].last_name),
                                    rp[1].first_name.casefold()))
    return found


def sort_name(last_name: str) -> str:
    """The last name as Dutch lists sort it: "de Boer" under B, case-insensitive."""
    words = last_name.split()
    while len(words) > 1 and words[0][:1].islower():
        words.pop(0)
    return " ".join(words).casefold()


def filtered_due_items(
    store: Store,
    start: date,
    end: date,
    today: date,
    *,
    include_overdue: bool = True,
    case_id: int | None = None,
    person_id: int | None = None,
    kinds: Collection[str] | None = None,
) -> list[DueItem]:
    """``due_items`` for one case and/or the cases of one person and/or some kinds.

    Same rows, labels and order as ``pestcli.store.agenda.due_items``; only
    the queries of the wanted kinds run, each with the case filter in SQL.
    """
    queries = agenda_queries(start, end, include_overdue, case_id=case_id, person_id=person_id)
    wanted = {k: queries[k] for k in KIND_ORDER if kinds is None or k in kinds}
    return read_due_items(store, wanted, today)
