"""The case store and its three ways in: plain reads, ORM reads, writes.

``open_store(path)`` (``store.opening``) is the only way in. Nothing is created at import time, so
tests pass a path in ``tmp_path``. ``Store.sql()`` hands out read-only plain
DB-API connections (``store.backend.reads``) for the reads the first screen needs;
``Store.read()``/``Store.write()`` are SQLModel sessions on an engine that is
built (and SQLAlchemy imported) on first use (``store.backend.sa_engine``). Every
engine connection gets ``journal_mode=WAL``, ``synchronous=FULL``,
``foreign_keys=ON`` and a busy timeout; every write runs in ``BEGIN
IMMEDIATE``, after the file's ``quick_check`` has passed (``store.backend.integrity``),
and is committed before ``Store.write()`` returns. With a passphrase the file
is a SQLCipher database (see ``store.backend.cipher``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pestcli.store.errors import StoreError
from pestcli.store.backend.reads import translate

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.exc import DatabaseError
    from sqlmodel import Session

    from pestcli.store.backend.crypto import Secret
    from pestcli.store.backend.integrity import IntegrityCheck
    from pestcli.store.backend.in_use import SharedLock
    from pestcli.store.backend.reads import ReadPool
    from pestcli.store.backend.server import ServerReadPool
    from pestcli.store.backend.server_users import StaffMember
    from pestcli.store.backend.trace import StatementLog

#: How many backups are kept unless the caller says otherwise.
DEFAULT_KEEP_BACKUPS = 10


class Store:
    """An open case store: the file it lives in, its side directories and its connections.

    ``secret`` holds the passphrase (in memory only) when the file is encrypted.
    Two ways in: ``sql()``, a plain read-only DB-API connection (no ORM, for the
    reads the first screen needs), and ``read()``/``write()``, SQLModel
    sessions. The SQLAlchemy engine behind the sessions is built, and
    SQLAlchemy imported, only when a session is first asked for.
    """

    def __init__(
        self, path: Path | None, keep_backups: int, secret: Secret | None = None,
        busy_timeout: float = 5.0, url: str | None = None,
    ) -> None:
        self.path = path
        #: The PostgreSQL server's URL (``store.backend.server``); None for a file or memory.
        self.url = url
        self.keep_backups = keep_backups
        self.secret = secret
        #: Why the file cannot be written (Dutch), when it is read-only: reads work, writes are refused.
        self.read_only: str | None = None
        self.busy_timeout = busy_timeout
        #: The school (location) whose records are made and looked up by number (schools.id).
        self.school_id = 1
        #: The person logged in on the school's server (``server_users.StaffMember``); None in a file,
        #: or for the administrator who owns the database.
        self.staff: StaffMember | None = None
        #: Counts the statements and transactions sent while set (``store.backend.trace``; tests, bench).
        self.statement_log: StatementLog | None = None
        #: The quick_check running beside the work (None: it ran at open, or a memory database).
        self.integrity: IntegrityCheck | None = None
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()
        self._reads: ReadPool | None = None
        #: The shared lock that tells encrypt/rekey/restore this file is open (store.in_use).
        self.in_use_lock: SharedLock | None = None
        #: (device, inode) of the file when it was opened: a write to a replaced file is refused.
        self.file_identity: tuple[int, int] | None = _identity_of(path) if path is not None else None
        #: The write session of the use case running on this thread (see ``transaction``).
        self._current = threading.local()
        self._reads_server: ServerReadPool | None = None
        if url is not None:
            from pestcli.store.backend.server import ServerReadPool

            self._reads_server = ServerReadPool(url)
        elif path is not None:
            from pestcli.store.backend.reads import file_pool

            self._reads = file_pool(path, secret.passphrase if secret else None, busy_timeout)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (built on first use, with the pragmas on every connection)."""
        if self._engine is None:
            with self._engine_lock:
                if self._engine is None and self.url is not None:
                    from pestcli.store.backend.sa_engine import build_server_engine

                    self._engine = build_server_engine(self.url, self.busy_timeout)
                elif self._engine is None:
                    from pestcli.store.backend.sa_engine import build_engine

                    self._engine = build_engine(self.path, self.busy_timeout, self.secret)
                self._count_on(self._engine)
        return self._engine

    def _count_on(self, engine: Engine) -> None:
        """Let the engine report its statements and transactions to ``statement_log`` when one is set."""
        from sqlalchemy import event

        def statement(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
            if self.statement_log is not None:
                self.statement_log.add(sql)

        def begun(_conn: Any) -> None:
            if self.statement_log is not None:
                self.statement_log.begin()

        event.listen(engine, "before_cursor_execute", statement)
        event.listen(engine, "begin", begun)

    @property
    def where(self) -> str:
        """Where the data is, for a Dutch message: the file, or the server (never its password)."""
        if self.url is not None:
            from pestcli.store.backend.server import server_label

            return f"de server {server_label(self.url)}"
        return str(self.path) if self.path is not None else "het geheugen"

    @property
    def on_server(self) -> bool:
        """Whether the store is a PostgreSQL server (not a file or memory)."""
        return self.url is not None

    @property
    def dialect(self) -> str:
        """``postgresql`` or ``sqlite``: for the few places where the SQL itself differs."""
        return "postgresql" if self.url is not None else "sqlite"

    @property
    def encrypted(self) -> bool:
        """Whether the database (and its backups and evidence files) are encrypted."""
        return self.secret is not None

    @property
    def data_dir(self) -> Path:
        """The directory of the database file (holds backups/ and evidence/)."""
        if self.url is not None:
            raise StoreError("Een database op de server heeft geen gegevensmap op deze computer.")
        if self.path is None:
            raise StoreError("Een database in het geheugen heeft geen gegevensmap.")
        return self.path.parent

    @contextmanager
    def sql(self) -> Iterator[Any]:
        """A plain DB-API connection in one read-only transaction (a consistent snapshot).

        For the fast reads written in SQL: ``con.execute(...)`` returns tuples,
        dates as ISO text. Nothing can be written through it (``query_only``).
        SQLite errors become Dutch StoreErrors. Inside ``transaction()`` it is
        the transaction's own connection, so the reads see what the use case
        wrote so far. With a ``statement_log`` set, what it runs is counted.
        """
        log = self.statement_log
        with self._sql() as con:
            if log is None:
                yield con
                return
            from pestcli.store.backend.trace import TracedConnection

            if self._active_session() is None:
                log.begin()  # a snapshot of its own
            yield TracedConnection(con, log)

    @contextmanager
    def _sql(self) -> Iterator[Any]:
        """The connection of ``sql()``, uncounted."""
        active = self._active_session()
        if active is not None:
            active.flush()  # the use case's pending ORM changes first
            driver = active.connection().connection.driver_connection
            if self.url is not None:
                from pestcli.store.backend.server import QmarkConnection

                driver = QmarkConnection(driver)
            yield driver
            return
        if self._reads_server is not None:
            with self._reads_server.read() as con:
                yield con
            return
        if self._reads is not None:
            with self._reads.read() as con:
                yield con
            return
        import sqlite3  # a memory database: its one connection, shared with the engine

        raw = self.engine.raw_connection()
        try:
            yield raw.driver_connection
        except sqlite3.Error as exc:
            raise translate(str(exc)) from None
        finally:
            raw.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading: one consistent snapshot, nothing written.

        Inside ``transaction()`` it is the transaction's session (the reads see
        what the use case wrote so far).
        """
        from sqlalchemy.exc import DatabaseError, IntegrityError
        from sqlmodel import Session

        active = self._active_session()
        if active is not None:
            yield active
            return
        try:
            with Session(self.engine, expire_on_commit=False, autoflush=False) as session:
                yield session
        except IntegrityError:
            raise
        except DatabaseError as exc:  # locked, malformed, disk full, server gone ...: in Dutch
            raise self.dutch_error(exc) from None
        except ValueError as exc:
            raise unreadable_value(exc) from None

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in one ``BEGIN IMMEDIATE`` transaction, committed on a clean exit.

        Nothing is written before the file's integrity check has passed (a
        damaged file raises the Dutch StoreDamagedError). The write lock is
        taken at once; if another pestcli holds it longer than the busy
        timeout, a Dutch StoreBusyError is raised before anything is
        written. Any exception rolls the whole transaction back.

        Inside ``transaction()`` it is the transaction's session: the writes
        become part of the one transaction, committed when it ends.
        """
        active = self._active_session()
        if active is not None:
            yield active
            active.flush()
            return
        with self._begin_write() as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One write transaction for a whole use case (``pestcli.services``).

        Every ``write()``, ``read()`` and ``sql()`` on this thread inside the
        block joins it: a mentor's action that touches several records (end a
        conversation, mark its step done, plan the follow-ups) is committed as
        one, or, on any exception, not at all. Transactions on one thread do
        not nest into separate ones: an inner ``transaction()`` joins the outer.
        """
        active = self._active_session()
        if active is not None:
            yield active
            return
        with self._begin_write() as session:
            self._current.session = session
            try:
                yield session
            finally:
                self._current.session = None

    def _active_session(self) -> Session | None:
        """The write session of the transaction running on this thread, if any."""
        return getattr(self._current, "session", None)

    @contextmanager
    def _begin_write(self) -> Iterator[Session]:
        """A new session in ``BEGIN IMMEDIATE``, committed on a clean exit (see ``write``)."""
        from sqlalchemy.exc import DatabaseError, IntegrityError
        from sqlalchemy.orm.exc import StaleDataError
        from sqlmodel import Session

        from pestcli.store.backend.sa_engine import BEGIN_OPTION
        from pestcli.store.errors import CONFLICT_MESSAGE, ConflictError

        if self.read_only:
            raise StoreError(read_only_message(self.read_only))
        if self.integrity is not None:
            self.integrity.wait()
        self.check_not_replaced()
        try:
            with self.engine.connect() as conn:
                conn.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
                with Session(bind=conn, expire_on_commit=False, autoflush=True) as session:
                    with session.begin():
                        begun = session.connection()  # BEGIN (IMMEDIATE) now, not at the first query
                        if self.url is not None:  # writers take turns, as in a file
                            from pestcli.store.backend.server import WRITE_LOCK_KEY

                            begun.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
                        yield session
        except IntegrityError:
            raise
        except StaleDataError:  # a row changed under this transaction's UPDATE (its version moved on)
            raise ConflictError(CONFLICT_MESSAGE) from None
        except DatabaseError as exc:
            raise self.dutch_error(exc) from None
        except ValueError as exc:
            raise unreadable_value(exc) from None

    def dutch_error(self, exc: DatabaseError) -> StoreError:
        """A Dutch StoreError for a DatabaseError of this store's backend."""
        if self.url is not None:
            from pestcli.store.backend.server import translate as server_translate

            return server_translate(self.url, exc)
        return _translate(exc)

    def compact(self) -> None:
        """Write the WAL into the file, rebuild it (VACUUM) and empty the WAL again.

        Afterwards deleted text is neither in the database file nor in its
        -wal (after an erasure). Raises a Dutch StoreError when another program
        keeps the file busy.
        """
        from pestcli.store.backend.sa_engine import BEGIN_OPTION

        if self.url is not None:  # the server: VACUUM frees the erased rows' space for reuse
            with self.engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM")
            return
        self.engine.dispose()  # idle pooled connections would keep the WAL alive
        with self.engine.connect() as conn:
            conn.execution_options(**{BEGIN_OPTION: "AUTOCOMMIT"})
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.exec_driver_sql("VACUUM")
            busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            conn.commit()
        if busy is not None and busy[0]:
            raise StoreError("De gegevens zijn gewist, maar het bestand kon nog niet worden opgeschoond "
                             "omdat een ander programma het gebruikt. Sluit dat en probeer het opnieuw.")

    def check_not_replaced(self) -> None:
        """Raise a Dutch StoreError when the file was replaced or removed since it was opened.

        ``pestcli encrypt`` or ``restore`` in another window (or a user) may put
        a new file in its place; the connections of this store still point at
        the old one, so whatever is written now would be lost without a word.
        """
        if self.path is None or self.file_identity is None:
            return
        if self.file_identity_now() != self.file_identity:
            raise StoreError(
                f"Het databasebestand {self.path} is vervangen of verwijderd terwijl pestcli openstond "
                "(bijvoorbeeld door pestcli encrypt of restore in een ander venster). "
                "Dit is NIET opgeslagen. Sluit pestcli en start het opnieuw."
            )

    def file_identity_now(self) -> tuple[int, int] | None:
        """(device, inode) of the file at ``path`` now; None when it is gone."""
        return _identity_of(self.path) if self.path is not None else None

    def close(self) -> None:
        """Stop a running check; close every connection (checkpointing the WAL when the last goes)."""
        if self.integrity is not None and not self.integrity.done:
            self.integrity.interrupt()
        if self._reads is not None:
            self._reads.close()
        if self._reads_server is not None:
            self._reads_server.close()
        if self._engine is not None:
            self._engine.dispose()
        if self.in_use_lock is not None:
            self.in_use_lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def read_only_message(reason: str) -> str:
    """The Dutch refusal of a write to a read-only database, with the reason."""
    return (f"pestcli kan hier niets opslaan: {reason}. U kunt de gegevens wel bekijken; "
            "er is niets opgeslagen en niets veranderd.")


def _identity_of(path: Path) -> tuple[int, int] | None:
    """(device, inode) of a file; None when it does not exist (yet)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


#: The start of SQLAlchemy's (and Python's) message for a stored date or time it cannot read.
_UNREADABLE = ("Invalid isoformat string", "Couldn't parse date", "Couldn't parse datetime",
               "Couldn't parse time")


def unreadable_value(exc: ValueError) -> Exception:
    """A stored value SQLAlchemy cannot turn into a date or time (the file was changed outside
    pestcli) as a Dutch StoreError; any other ValueError as it was (a bug is not hidden)."""
    text = str(exc)
    if not text.startswith(_UNREADABLE):
        return exc
    from pestcli.text import plain_line, shorten

    value = text.split(":", 1)[-1].strip().strip("'\"") if ":" in text else ""
    return StoreError(f"De database bevat een datum die niet te lezen is ('{shorten(plain_line(value), 40)}'); "
                      "het bestand is buiten pestcli om veranderd of beschadigd. Zet zo nodig een "
                      "reservekopie terug (pestcli restore --list).")


def _translate(exc: DatabaseError) -> StoreError:
    """A Dutch StoreError for a DatabaseError (or OperationalError) from SQLite."""
    return translate(str(exc.orig) if exc.orig is not None else str(exc))

