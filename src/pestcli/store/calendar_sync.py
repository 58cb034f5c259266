"""What a calendar export needs besides the agenda: the database's id and each item's version.

``database_id`` is the UUID of ``store_meta`` (revision 0009): calendar UIDs
carry it, so the items of two schools never collide. ``changes`` counts how
often an item's date or state changed (kept by triggers); it is the
iCalendar SEQUENCE. ``changed_items`` finds the items that changed and may
sit in a calendar that imported an earlier export: moved, done, cancelled,
or of a case that was closed.

Plain SQL on ``Store.sql()``, like the agenda: ``pestcli agenda --ics``
imports no ORM.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from pestcli.store.errors import StoreError
from pestcli.store.sql_values import as_date, as_text, marks

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store
    from pestcli.store.views import DueItem

#: Per agenda kind: table, due-date column, detail column, and the columns of "finished".
_TABLES = {
    "stap": ("step_progress", "due_on", "step", ("done_on",)),
    "vervolg": ("followups", "due_on", "label", ("done_on", "cancelled_on")),
    "ouders": ("parent_contacts", "planned_on", "pupil_id", ("held_on",)),
}

#: At most this many ids in one ``IN (...)`` list.
_CHUNK = 500

#: Per table: the version of a row (the SEQUENCE). A stap 6 also counts its case's
#: parent contacts and their changes: the agenda hides stap 6 while a parent contact
#: is planned and shows it again once that is held, and each of those turns is a
#: new version too. Everything counted only grows.
_VERSION = {
    "step_progress": "step_progress.changes + CASE WHEN step_progress.step = 6 THEN"
                     " (SELECT count(*) + coalesce(sum(pc.changes), 0) FROM parent_contacts AS pc"
                     " WHERE pc.case_id = step_progress.case_id) ELSE 0 END",
    "followups": "followups.changes",
    "parent_contacts": "parent_contacts.changes",
}


class ChangedItem(NamedTuple):
    """An item that changed since it was made, as the agenda reads it, with its version (SEQUENCE)."""

    item: DueItem
    changes: int


def database_id(store: Store) -> str:
    """This database's UUID (``store_meta.database_id``); a Dutch StoreError when it is missing."""
    with store.sql() as con:
        rows = con.execute("SELECT database_id FROM store_meta ORDER BY id LIMIT 1").fetchall()
    if not rows or not rows[0][0]:
        raise StoreError("De database heeft geen eigen kenmerk (store_meta ontbreekt); "
                         "start pestcli één keer om haar bij te werken.")
    return str(rows[0][0])


def item_changes(store: Store, refs: Iterable[tuple[str, int]]) -> dict[tuple[str, int], int]:
    """``(kind, id) -> version`` for these agenda items (0 for a row that is gone).

    The version is ``changes``; for a stap 6 plus its case's parent contacts
    and their changes (see ``_VERSION``).
    """
    wanted: dict[str, list[int]] = {}
    for kind, ref_id in refs:
        wanted.setdefault(kind, []).append(ref_id)
    found: dict[tuple[str, int], int] = {}
    with store.sql() as con:
        for kind, ids in wanted.items():
            table = _TABLES[kind][0]
            for at in range(0, len(ids), _CHUNK):
                chunk = ids[at:at + _CHUNK]
                sql = f"SELECT id, {_VERSION[table]} FROM {table} WHERE id IN ({marks(len(chunk))})"
                found.update(((kind, row_id), changes) for row_id, changes in con.execute(sql, chunk))
    return {(kind, ref_id): found.get((kind, ref_id), 0) for kind, ids in wanted.items() for ref_id in ids}


def changed_items(store: Store, since: date, today: date) -> list[ChangedItem]:
    """Items that changed (``changes > 0``) and may be in a calendar exported since ``since``.

    That is: due on or after ``since`` (a moved item, also one moved far
    ahead), or finished on or after ``since`` (done, cancelled, held), or
    of a case closed on or after ``since``. Whether each is still open is
    for the caller to tell (the agenda's own rules decide that).
    """
    from pestcli.store.agenda import due_item

    day = as_text(since)
    found: list[ChangedItem] = []
    with store.sql() as con:
        for kind, (table, due, detail, finished) in _TABLES.items():
            recent = " OR ".join([f"{table}.{due} >= ?"] + [f"{table}.{c} >= ?" for c in finished]
                                 + ["(cases.status = 'closed' AND cases.closed_on >= ?)"])
            sql = (f"SELECT {table}.id, {table}.case_id, {table}.{due}, {table}.{detail},"
                   f" cases.number, cases.class_name, {_VERSION[table]}"
                   f" FROM {table} JOIN cases ON cases.id = {table}.case_id"
                   f" WHERE {table}.changes > 0 AND {table}.{due} IS NOT NULL AND ({recent})")
            params = [day] * (len(finished) + 2)
            for row in con.execute(sql, params).fetchall():
                if as_date(row[2]) is not None:
                    found.append(ChangedItem(due_item(kind, row[:6], today), int(row[6])))
    return found
