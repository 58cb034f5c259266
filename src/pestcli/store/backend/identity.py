"""What a database file is: plain or SQLCipher, pestcli's or not, sound or not (SQLite's own check).

Read with the standard ``sqlite3`` module (or SQLCipher with a passphrase),
never written. ``store.backend.check`` turns these facts into a verdict before a
file is opened; ``store.backend.backup_checks`` uses them to check a backup; the
integrity check beside the work (``store.backend.integrity``) runs ``quick_check``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pestcli.store.backend.files import sqlite_target

#: ``PRAGMA application_id`` of a pestcli database ("PEST").
APPLICATION_ID = 0x50455354


def cipher_errors(passphrase: str | None) -> tuple[type[BaseException], ...]:
    """SQLCipher's DatabaseError when a passphrase is in play (it is not sqlite3's)."""
    if passphrase is None:
        return ()
    from pestcli.store.backend.cipher import dbapi

    return (dbapi().DatabaseError,)


def read_identity(
    path: Path, passphrase: str | None = None, quick_check: bool = True
) -> tuple[list[str], int, list[str]]:
    """``quick_check`` problems (none when not asked), ``application_id`` and table names."""
    if passphrase is not None:
        from pestcli.store.backend.cipher import connect, identity

        con = connect(path, passphrase)
        try:
            return identity(con, quick_check)
        finally:
            con.close()
    con = sqlite3.connect(sqlite_target(path), uri=True, timeout=5.0)
    try:
        problems = _quick_check(con) if quick_check else []
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
    finally:
        con.close()
    return problems, app_id, tables


def _quick_check(con) -> list[str]:
    """SQLite's ``quick_check`` of an open connection: its problems, none when "ok"."""
    rows = [r[0] for r in con.execute("PRAGMA quick_check").fetchall()]
    return [] if rows == ["ok"] else rows


def integrity_problems(path: Path, passphrase: str | None = None, opened=None) -> list[str]:
    """``quick_check`` of a database file on a connection of its own; its problems.

    ``opened(con)`` is told the connection once it is open (so another thread
    can interrupt it).
    """
    if passphrase is not None:
        from pestcli.store.backend.cipher import connect

        con = connect(path, passphrase, check=False)
    else:
        con = sqlite3.connect(sqlite_target(path), uri=True, timeout=5.0, check_same_thread=False)
    try:
        if opened is not None:
            opened(con)
        con.execute("PRAGMA cache_size = -256")  # one pass over every page: a big cache only costs memory
        return _quick_check(con)
    finally:
        con.close()
