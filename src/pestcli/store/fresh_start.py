"""The restore offer: a database without cases next to a backup that holds some.

A lost or emptied database file must never be started afresh silently while
its backups still hold the cases. ``find_restore_offer`` finds the newest
backup that holds cases when the database holds none (missing, an empty
file, or a pestcli database without cases); the app names it and asks.
Only the standard ``sqlite3`` module (or SQLCipher with a passphrase) is
used, and nothing is written.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from pestcli.store.backend.backup_list import BackupInfo, list_backups
from pestcli.store.backend.backup_checks import backup_cases
from pestcli.store.backend.cipher import SQLITE_HEADER


@dataclass(frozen=True)
class RestoreOffer:
    """The backup to offer: which file, from when, how many cases, and its passphrase."""

    db_path: Path
    backup: BackupInfo
    cases: int
    passphrase: str | None = None

    @property
    def cases_text(self) -> str:
        """``1 melding`` or ``9 meldingen``."""
        return f"{self.cases} melding" if self.cases == 1 else f"{self.cases} meldingen"


def database_holds_no_cases(db_path: Path, passphrase: str | None = None) -> bool:
    """Whether the database is missing, empty, or a database with no cases.

    A file that cannot be read is not "empty": the damage check speaks for it.
    """
    db_path = Path(db_path)
    if not db_path.exists():
        return True
    if db_path.is_dir():
        return False
    if db_path.stat().st_size == 0:
        wal = db_path.with_name(db_path.name + "-wal")
        return not (wal.exists() and wal.stat().st_size > 0)
    with db_path.open("rb") as handle:
        plain = handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    if not plain and passphrase is None:
        return False
    try:
        if plain:
            con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5.0)
        else:
            from pestcli.store.backend.cipher import connect

            assert passphrase is not None  # not plain: returned above when there is none
            con = connect(db_path, passphrase)
        try:
            if not con.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cases'"
            ).fetchall():
                return not con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            return con.execute("SELECT count(*) FROM cases").fetchone()[0] == 0
        finally:
            con.close()
    except Exception:  # noqa: BLE001 - unreadable: not ours to call empty
        return False


def has_encrypted_backups(db_path: Path) -> bool:
    """Whether any backup of this database is encrypted (needs the passphrase to be read)."""
    for info in list_backups(db_path):
        try:
            with info.path.open("rb") as handle:
                start = handle.read(len(SQLITE_HEADER))
        except OSError:
            continue
        if start and start != SQLITE_HEADER:
            return True
    return False


def find_restore_offer(db_path: Path, passphrase: str | None = None) -> RestoreOffer | None:
    """The newest backup holding cases, when the database holds none; else None."""
    db_path = Path(db_path)
    if not database_holds_no_cases(db_path, passphrase):
        return None
    for info in reversed(list_backups(db_path)):
        cases = backup_cases(info.path, passphrase)
        if cases:
            return RestoreOffer(db_path, info, cases, passphrase)
    return None


def restore_offered(offer: RestoreOffer) -> Path | None:
    """Put the offered backup back (the mentor said yes); return where the old file went.

    Refused while another pestcli has the file open; erasures made after
    the backup was taken are applied again.
    """
    from pestcli.store.backend.restore import restore_backup
    from pestcli.store.erasure import reapply_after_restore
    from pestcli.store.backend.in_use import check_not_in_use

    check_not_in_use(offer.db_path, "terugzetten")
    kept = restore_backup(offer.db_path, offer.backup.path, passphrase=offer.passphrase)
    reapply_after_restore(offer.db_path, offer.passphrase)
    return kept
