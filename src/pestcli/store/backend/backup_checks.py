"""What a backup file holds, and whether it is sound (standard ``sqlite3`` / SQLCipher only).

``verify_backup`` opens a backup, runs SQLite's check, checks it is ours and
compares its row counts; ``looks_usable`` is the cheap check ``restore
--list`` and the damage message use; ``backup_cases`` counts the cases a
backup holds (the offer to restore names it).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from pestcli.store.backend.cipher import connect_any, db_errors
from pestcli.store.backend.crypto import key_file_of
from pestcli.store.errors import StoreError


def backup_cases(path: Path | str, passphrase: str | None = None) -> int | None:
    """How many cases a backup holds; None when it cannot be read (or needs a passphrase)."""
    path = Path(path)
    try:
        if path.stat().st_size == 0:
            return None
        if passphrase is None and not plain_header(path):
            return None
        if passphrase is not None and plain_header(path):
            passphrase = None  # a plain backup of a database encrypted later
        con = connect_any(path, passphrase)
        try:
            return con.execute("SELECT count(*) FROM cases").fetchone()[0]
        finally:
            con.close()
    except (OSError, StoreError, *db_errors(passphrase)):  # type: ignore[misc]  # a tuple of classes, unpacked
        return None


def plain_header(path: Path) -> bool:
    """Whether a file starts like a plain SQLite database."""
    from pestcli.store.backend.cipher import SQLITE_HEADER

    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def looks_usable(path: Path | str) -> bool:
    """A cheap check of a backup: a plain pestcli database, or encrypted with a key file."""
    path = Path(path)
    try:
        if path.stat().st_size == 0:
            return False
        if plain_header(path):
            return backup_cases(path) is not None
    except OSError:
        return False
    return key_file_of(path).is_file() or key_file_of(db_of_backup(path)).is_file()


def db_of_backup(backup: Path) -> Path:
    """The database a backup in ``<dir>/backups/`` belongs to (from its name)."""
    stem = re.sub(r"-\d{8}-\d{6}-[a-z0-9-]+$", "", backup.stem)
    return backup.parent.parent / f"{stem}.db"


def table_counts(con: sqlite3.Connection) -> dict[str, int]:
    """Row count of every table of an open SQLite connection."""
    names = [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def verify_backup(
    path: Path | str, expected: dict[str, int] | None = None, passphrase: str | None = None
) -> dict[str, int]:
    """Check a backup file (with its passphrase when encrypted); return its row counts."""
    from pestcli.store.backend.identity import APPLICATION_ID, read_identity

    path = Path(path)
    if not path.is_file():
        raise StoreError(f"De reservekopie {path} bestaat niet.")
    try:
        problems, app_id, _tables = read_identity(path, passphrase)
        con = connect_any(path, passphrase)
        try:
            counts = table_counts(con)
        finally:
            con.close()
    except db_errors(passphrase):
        raise StoreError(f"De reservekopie {path} is beschadigd en kan niet worden gebruikt.") from None
    if problems:
        raise StoreError(f"De reservekopie {path} is beschadigd (de controle van SQLite vond fouten).")
    if app_id != APPLICATION_ID:
        raise StoreError(f"Het bestand {path} is geen reservekopie van pestcli.")
    if expected is not None and counts != expected:
        raise StoreError(
            f"De reservekopie {path} is niet volledig: het aantal rijen klopt niet met de database."
        )
    return counts
