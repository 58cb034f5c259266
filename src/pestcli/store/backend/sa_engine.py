"""The SQLAlchemy engine behind ``Store.read()`` and ``Store.write()``, with its pragmas.

Built on the first session a store is asked for (``Store.engine``), so
SQLAlchemy is not imported before the first screen is painted.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import create_engine



#: Execution option that picks how a transaction starts ("", "IMMEDIATE", "AUTOCOMMIT").
BEGIN_OPTION = "pestcli_begin"

if TYPE_CHECKING:
    from pestcli.store.backend.crypto import Secret


def build_engine(path: Path | None, busy_timeout: float = 5.0, secret: Secret | None = None) -> Engine:
    """A SQLAlchemy engine for the file (or memory), with the pragmas on every connection.

    With a ``secret`` every connection is a SQLCipher one whose first
    statement is ``PRAGMA key``.
    """
    if secret is not None and path is not None:
        from pestcli.store.backend.cipher import connect, dbapi

        engine = create_engine(
            f"sqlite:///{path}", module=dbapi(),
            creator=lambda: connect(path, secret.passphrase, busy_timeout, check=False),
        )
    elif path is None:
        engine = create_engine(
            "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        import sqlite3

        from pestcli.store.backend.files import sqlite_target

        engine = create_engine(  # a read-only file is opened read-only (files.sqlite_target)
            f"sqlite:///{path}",
            creator=lambda: sqlite3.connect(sqlite_target(path), uri=True, timeout=busy_timeout,
                                            check_same_thread=False),
        )
    timeout_ms = int(busy_timeout * 1000)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {timeout_ms}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        mode = conn.get_execution_options().get(BEGIN_OPTION, "")
        if mode != "AUTOCOMMIT":
            conn.exec_driver_sql(f"BEGIN {mode}".strip())

    return engine


def build_server_engine(url: str, timeout: float = 5.0) -> Engine:
    """A SQLAlchemy engine (psycopg 3) for a PostgreSQL server.

    Connections are checked before use (``pool_pre_ping``), so after a
    dropped connection or a restarted server the next action simply gets a
    new one. Every connection has a connect timeout, a lock timeout (a write
    waits at most ``timeout`` for a colleague's) and the application name
    ``pestcli`` (for the administrator's ``pg_stat_activity``).
    """
    from pestcli.store.backend.server import CONNECT_TIMEOUT, driver_url, psycopg_module

    psycopg_module()  # a Dutch message when the extra is not installed
    lock_ms = int(timeout * 1000)
    return create_engine(
        driver_url(url), pool_pre_ping=True, pool_size=4, max_overflow=4,
        connect_args={"connect_timeout": CONNECT_TIMEOUT, "application_name": "pestcli",
                      "options": f"-c lock_timeout={lock_ms}"},
    )
