"""Plain read connections: the fast path for the reads that need no ORM.

The home screen, the agenda and ``pestcli agenda`` read with plain SQL on a
DB-API connection (the standard ``sqlite3`` module, or SQLCipher's for an
encrypted file), so the first screen is painted before SQLAlchemy and
SQLModel are even imported. Each connection is ``query_only``: this path
cannot write. Connections are kept in a small pool (opening a SQLCipher
connection derives the key, which is slow) and closed with the store.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pestcli.store.errors import StoreBusyError, StoreError
from pestcli.store.backend.files import sqlite_target

#: At most this many idle read connections are kept.
MAX_IDLE = 4


#: SQLite's (English) error messages by a fragment, and what they mean in Dutch.
_REASONS = (
    (("locked", "busy"), "de database is bezet door een ander venster van pestcli"),
    (("full",), "de schijf is vol"),
    (("readonly", "read-only"), "het bestand is alleen-lezen"),
    (("malformed", "not a database", "file is encrypted"), "het databasebestand is beschadigd"),
    (("unable to open", "cannot open"), "het bestand kon niet worden geopend"),
    (("disk i/o", "i/o error"), "de schijf gaf een lees- of schrijffout"),
    (("no such table", "no such column"), "het bestand hoort bij een andere versie van pestcli"),
    (("interrupt",), "de bewerking is afgebroken"),
    (("permission", "access"), "pestcli mag het bestand niet lezen of schrijven"),
)


def sqlite_reason(text: str) -> str:
    """What an error message of SQLite (or SQLCipher) means, in Dutch; never the English itself.

    "database disk image is malformed" -> "het databasebestand is beschadigd".
    A message not known here says only that SQLite reported an error.
    """
    folded = text.casefold()
    for fragments, reason in _REASONS:
        if any(fragment in folded for fragment in fragments):
            return reason
    return "SQLite meldde een onbekende fout"


def translate(text: str) -> StoreError:
    """A Dutch StoreError for an error message from SQLite (or SQLCipher)."""
    if "locked" in text or "busy" in text:
        return StoreBusyError()
    if "full" in text:
        return StoreError("De schijf is vol; er is niets opgeslagen. Maak ruimte vrij en probeer het opnieuw.")
    if "readonly" in text or "read-only" in text:
        return StoreError("Het databasebestand is alleen-lezen; er is niets opgeslagen.")
    if "malformed" in text or "not a database" in text:
        return StoreError("Het databasebestand is beschadigd en kan niet worden gelezen; er is niets "
                          "opgeslagen. Sluit pestcli: bij de volgende start staat de nieuwste reservekopie "
                          "erbij.")
    return StoreError(f"De database gaf een fout: {sqlite_reason(text)}. Er is niets opgeslagen.")


class IdleConnections:
    """The idle connections a read pool keeps (at most ``MAX_IDLE``), and closing them all.

    Shared by the file's :class:`ReadPool` and the server's ``ServerReadPool``.
    """

    def __init__(self) -> None:
        self._idle: list[Any] = []
        self._lock = threading.Lock()
        self._closed = False

    def _idle_one(self) -> Any | None:
        """An idle connection, or None; a Dutch StoreError once the pool is closed."""
        with self._lock:
            if self._closed:
                raise StoreError("De database is al gesloten.")
            return self._idle.pop() if self._idle else None

    def _give_back(self, con: Any) -> None:
        """Keep ``con`` for the next reader, unless the pool is closed or full, or ``con`` broke."""
        with self._lock:
            if not self._closed and len(self._idle) < MAX_IDLE and not getattr(con, "closed", False):
                self._idle.append(con)
                return
        self._discard(con)

    @staticmethod
    def _discard(con: Any) -> None:
        """Close a connection, also a broken one."""
        try:
            con.close()
        except Exception:  # noqa: BLE001 - a broken connection may not close cleanly
            pass

    def close(self) -> None:
        """Close every idle connection; later reads raise a Dutch StoreError."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for con in idle:
            self._discard(con)


class ReadPool(IdleConnections):
    """Read-only DB-API connections to one database file, handed out one per reader.

    ``connect`` opens a new connection (plain or keyed); the pool sets
    ``query_only`` and the busy timeout on it. ``errors`` are the DB-API
    error classes those connections raise.
    """

    def __init__(self, connect: Callable[[], Any], errors: tuple[type[BaseException], ...],
                 busy_timeout: float = 5.0) -> None:
        super().__init__()
        self._connect = connect
        self._errors = errors
        self._timeout_ms = int(busy_timeout * 1000)

    @contextmanager
    def read(self) -> Iterator[Any]:
        """A connection in one read transaction (a consistent snapshot); Dutch StoreErrors."""
        con = self._take()
        try:
            con.execute("BEGIN")
            try:
                yield con
            finally:
                con.execute("ROLLBACK")  # nothing was written: query_only
        except self._errors as exc:
            self._discard(con)
            raise translate(str(exc)) from None
        except BaseException:
            self._discard(con)
            raise
        self._give_back(con)

    def _take(self) -> Any:
        idle = self._idle_one()
        if idle is not None:
            return idle
        try:
            con = self._connect()
            con.isolation_level = None  # BEGIN and ROLLBACK are ours
            con.execute(f"PRAGMA busy_timeout = {self._timeout_ms}")
            con.execute("PRAGMA query_only = ON")
        except self._errors as exc:
            raise translate(str(exc)) from None
        return con



def file_pool(path: Path, passphrase: str | None, busy_timeout: float = 5.0) -> ReadPool:
    """A pool for a database file: plain ``sqlite3``, or keyed SQLCipher with a passphrase."""
    if passphrase is None:
        return ReadPool(
            lambda: sqlite3.connect(sqlite_target(path), uri=True, timeout=busy_timeout,
                                    check_same_thread=False),
            (sqlite3.Error,), busy_timeout,
        )
    from pestcli.store.backend.cipher import connect, dbapi

    return ReadPool(lambda: connect(path, passphrase, busy_timeout, check=False),
                    (sqlite3.Error, dbapi().Error), busy_timeout)
