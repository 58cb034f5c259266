"""Recording an export of a case summary in the audit trail with plain SQL (no ORM).

``store.exports.record_export`` writes the same event through SQLModel; this
is its twin for ``pestcli summary``, which starts as a process of its own
and never imports SQLAlchemy. One short write transaction on a DB-API
connection of its own, with the store's write semantics: nothing is written
to a read-only store or before the file's integrity check has passed, nor to
a file replaced since it was opened; on a file the transaction is ``BEGIN
IMMEDIATE`` with the engine's pragmas, on a server it first takes the
advisory write lock every writer takes (``WRITE_LOCK_KEY``). The event has
the columns and values of the ORM's: the case's ``updated_at`` is left alone.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from pestcli.store.common import check_choice, now, os_user
from pestcli.store.errors import NotFoundError

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

#: The audit action of an export (beside create / update / delete).
EXPORT_ACTION = "export"

#: What can be exported, with the words the audit trail uses.
EXPORT_KINDS = {
    "pdf": "samenvatting als PDF opgeslagen",
    "markdown": "samenvatting als Markdown opgeslagen",
    "print": "samenvatting naar de printer gestuurd",
    "text": "samenvatting als tekst getoond",
    "dossier": "dossiertekst voor een leerling gemaakt",
}

_INSERT = ("INSERT INTO audit_events (at, os_user, table_name, row_id, action, summary, case_id)"
           " VALUES (?, ?, ?, ?, ?, ?, ?)")


def record_export_plain(store: Store, case_id: int, what: str) -> None:
    """Record that a summary of the case left pestcli (``what`` is a key of EXPORT_KINDS), committed.

    For a file or a server: a database in memory (tests) has no second
    connection, so there ``store.exports.record_export`` writes it (see
    ``report.export.audit``). Raises the Dutch StoreErrors of a write.
    """
    check_choice(what, EXPORT_KINDS, "soort export")
    if store.url is None and store.path is None:
        from pestcli.store.errors import StoreError

        raise StoreError("Een database in het geheugen heeft geen tweede verbinding om in te schrijven.")
    if store.read_only:
        from pestcli.store.backend.engine import read_only_message
        from pestcli.store.errors import StoreError

        raise StoreError(read_only_message(store.read_only))
    if store.integrity is not None:
        store.integrity.wait()
    store.check_not_replaced()
    if store.url is not None:
        _on_server(store.url, store.busy_timeout, case_id, what)
    else:
        _in_file(store, case_id, what)


def _values(con: Any, case_id: int, what: str, stamp: datetime | str) -> list[Any]:
    """The event's columns, with the case's number read in the open transaction."""
    found = con.execute("SELECT id, number FROM cases WHERE id = ?", [case_id]).fetchone()
    if found is None:
        raise NotFoundError(f"Melding {case_id} bestaat niet (meer).")
    row_id, number = found
    return [stamp, os_user(), "cases", row_id, EXPORT_ACTION, f"{EXPORT_KINDS[what]} ({number})", row_id]


def _in_file(store: Store, case_id: int, what: str) -> None:
    """The write on the file: its own connection (keyed when encrypted), ``BEGIN IMMEDIATE``, commit."""
    import sqlite3

    from pestcli.store.backend.files import sqlite_target
    from pestcli.store.backend.reads import translate

    path, timeout = store.path, store.busy_timeout
    assert path is not None  # the caller checked: a file
    errors: tuple[type[BaseException], ...] = (sqlite3.Error,)
    try:
        if store.secret is not None:
            from pestcli.store.backend.cipher import connect, dbapi

            errors = (sqlite3.Error, dbapi().Error)
            con = connect(path, store.secret.passphrase, timeout, check=False)
        else:
            con = sqlite3.connect(sqlite_target(path), uri=True, timeout=timeout)
    except errors as exc:
        raise translate(str(exc)) from None
    try:
        con.isolation_level = None  # BEGIN and COMMIT are ours
        for pragma in (f"busy_timeout = {int(timeout * 1000)}", "journal_mode = WAL", "synchronous = FULL",
                       "foreign_keys = ON"):
            con.execute(f"PRAGMA {pragma}")
        con.execute("BEGIN IMMEDIATE")
        try:
            # the text SQLAlchemy stores for a DateTime on SQLite
            con.execute(_INSERT, _values(con, case_id, what, now().strftime("%Y-%m-%d %H:%M:%S.%f")))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    except errors as exc:
        raise translate(str(exc)) from None
    finally:
        con.close()


def _on_server(url: str, timeout: float, case_id: int, what: str) -> None:
    """The write on the server: a psycopg connection, the writers' advisory lock, commit."""
    from pestcli.store.backend.server import (
        CONNECT_TIMEOUT,
        WRITE_LOCK_KEY,
        QmarkConnection,
        libpq_url,
        psycopg_module,
        translate,
        unreachable,
    )

    psycopg = psycopg_module()
    try:
        raw = psycopg.connect(libpq_url(url), connect_timeout=CONNECT_TIMEOUT, application_name="pestcli",
                              options=f"-c lock_timeout={int(timeout * 1000)}")
    except psycopg.Error as exc:
        raise unreachable(url, str(exc)) from None
    try:
        with raw.transaction():
            con = QmarkConnection(raw)
            con.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
            con.execute(_INSERT, _values(con, case_id, what, now()))
    except psycopg.Error as exc:
        raise translate(url, exc) from None
    finally:
        raw.close()
