"""Values between Python and plain SQL: dates as SQLite holds them, and ``IN (...)`` lists.

The fast reads (``Store.sql()``) get rows from the DB-API module, which hands
dates back as the ISO text SQLAlchemy stored (``2026-11-23``). These helpers
turn them into ``date`` objects again, and dates into that text for a query.
Pure standard library, so the reads that use them import no ORM.
"""

from __future__ import annotations

from datetime import date


def as_date(value: date | str | None) -> date | None:
    """A stored date (ISO text, or already a ``date``) as a ``date``; None stays None.

    A stored value that is no date (the file was changed outside pestcli) is
    a Dutch StoreError naming the value, never a ValueError that stops the app.
    """
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        from pestcli.store.backend.engine import unreadable_value

        raise unreadable_value(ValueError(f"Invalid isoformat string: '{value}'")) from exc


def saved_id(row_id: int | None) -> int:
    """The id of a row read from the database: never None once saved (the ORM types it ``int | None``)."""
    if row_id is None:
        from pestcli.store.errors import StoreError

        raise StoreError("Een rij zonder nummer: die is nog niet opgeslagen.")
    return row_id


def as_text(day: date) -> str:
    """A date as SQLite holds it (``2026-11-23``), for a query parameter."""
    return day.isoformat()


def marks(count: int) -> str:
    """``?, ?, ?``: the placeholders of an ``IN (...)`` list of ``count`` values."""
    return ", ".join("?" * count)
