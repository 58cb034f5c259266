"""Every pupil's name, for hiding them in a dossier text (``report/dossier.py``).

Plain SQL on ``Store.sql()``: one query, no ORM rows for thousands of pupils.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store


def known_pupils(store: Store) -> list[tuple[int, str, str]]:
    """(person id, first name, last name) of every person of kind ``leerling``."""
    with store.sql() as con:
        rows = con.execute("SELECT id, first_name, last_name FROM people WHERE kind = 'leerling'"
                           " ORDER BY id").fetchall()
    return [(int(pid), first or "", last or "") for pid, first, last in rows]
