"""Counting what a screen asks the database: statements and transactions, on either backend.

``Store.statement_log`` is None in normal use (nothing is counted, nothing
costs). A test or the benchmark sets a :class:`StatementLog`; from then on
every statement sent through a session (SQLAlchemy's ``before_cursor_execute``)
or the plain read path (``Store.sql()``) is added, and every transaction
begun (a session's, or a plain read's snapshot) is counted. On a server each
of those is a round trip; that is what the no-N+1 tests hold down.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any


class StatementLog:
    """The statements and transactions sent to the database while it is set."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.statements: list[str] = []
        self.transactions = 0

    def add(self, sql: str) -> None:
        """One statement (its SQL text)."""
        with self._lock:
            self.statements.append(" ".join(sql.split()))

    def begin(self) -> None:
        """One transaction begun (and so, on a server, a BEGIN and its end)."""
        with self._lock:
            self.transactions += 1

    def clear(self) -> None:
        """Start counting afresh."""
        with self._lock:
            self.statements.clear()
            self.transactions = 0

    @property
    def round_trips(self) -> int:
        """Statements plus a begin and an end per transaction: what a server answers one by one."""
        return len(self.statements) + 2 * self.transactions


class TracedConnection:
    """A plain read connection whose statements go into a :class:`StatementLog`."""

    def __init__(self, connection: Any, log: StatementLog) -> None:
        self._connection = connection
        self._log = log

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        """Count the statement, then run it."""
        self._log.add(sql)
        if params is None:
            return self._connection.execute(sql)
        return self._connection.execute(sql, params)
