"""Backups with SQLite's backup API: made, verified, rotated and restored.

A backup is ``backups/<stem>-YYYYmmdd-HHMMSS-<reason>.db`` next to the
database (mode 0600, journal mode DELETE so it is one self-contained file).
Every backup is verified after writing: it opens, passes ``quick_check``, is
ours, and has exactly the row counts the database had at that moment.
Only the standard ``sqlite3`` module is used, so this works on a file that
SQLAlchemy would not open. The backup of an encrypted database is made with
SQLCipher's backup API under the same passphrase, so it stays encrypted and
opens with the passphrase alone; it is verified by opening it with the key.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from pestcli.store.cipher import KeyedPath, connect_any, db_errors, passphrase_of
from pestcli.store.errors import StoreDamagedError, StoreError
from pestcli.store.files import (
    PRIVATE_FILE,
    backup_dir,
    create_private_file,
    make_private_dir,
    secure_db_files,
    sidecars,
)
from pestcli.store.reads import sqlite_reason

if TYPE_CHECKING:
    from pestcli.store.engine import Store

STAMP_FORMAT = "%Y%m%d-%H%M%S"
DEFAULT_KEEP = 10


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: where, when and why it was made."""

    path: Path
    created: datetime
    reason: str

    @property
    def label(self) -> str:
        """The moment in Dutch notation, e.g. ``23-11-2026 21:28``."""
        return self.created.strftime("%d-%m-%Y %H:%M")


def _db_path(target: Store | Path | str) -> Path:
    """The database file of a Store or a path."""
    path = getattr(target, "path", target)
    if path is None:
        raise StoreError("Van een database in het geheugen kan geen reservekopie worden gemaakt.")
    return Path(path)


def list_backups(db: Store | Path | str) -> list[BackupInfo]:
    """The backups of this database, oldest first."""
    db_path = _db_path(db)
    folder = backup_dir(db_path)
    pattern = re.compile(
        rf"^{re.escape(db_path.stem)}-(\d{{8}}-\d{{6}})-([a-z0-9-]+)\.db$"
    )
    found = []
    if folder.is_dir():
        for entry in folder.iterdir():
            match = pattern.match(entry.name)
            if match and entry.is_file():
                created = datetime.strptime(match.group(1), STAMP_FORMAT)
                found.append(BackupInfo(entry, created, match.group(2)))
    return sorted(found, key=lambda b: (b.created, _mtime(b.path), b.path.name))


def _mtime(path: Path) -> int:
    """Modification time in ns (orders backups made within the same second)."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def newest_backup(db: Store | Path | str) -> BackupInfo | None:
    """The most recent backup of this database, if any."""
    backups = list_backups(db)
    return backups[-1] if backups else None


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
    from pestcli.store.check import APPLICATION_ID, read_identity

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


def backup_now(
    db: Store | Path | str, reason: str = "handmatig", keep: int | None = None, rotate: bool = True
) -> Path:
    """Write a verified backup of the database now and return its path.

    ``reason`` becomes part of the name (``dagelijks``, ``voor-migratie``,
    ``handmatig``...). Afterwards only the newest ``keep`` backups are kept.
    """
    db_path = _db_path(db)
    if keep is None:
        keep = getattr(db, "keep_backups", DEFAULT_KEEP)
    slug = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "kopie"
    folder = make_private_dir(backup_dir(db_path))
    target = _free_name(folder, db_path.stem, slug)
    passphrase = passphrase_of(db)
    try:
        expected = _copy(db_path, target, passphrase)
        os.chmod(target, PRIVATE_FILE)
        verify_backup(target, expected, passphrase)
    except db_errors(passphrase) as exc:
        target.unlink(missing_ok=True)
        raise StoreError(f"De reservekopie kon niet worden gemaakt: {sqlite_reason(str(exc))}.") from None
    except StoreError:
        target.unlink(missing_ok=True)
        raise
    if rotate:
        rotate_backups(db_path, keep)
    return target


def _free_name(folder: Path, stem: str, slug: str) -> Path:
    """A backup path that does not exist yet, created empty with mode 0600."""
    stamp = datetime.now().strftime(STAMP_FORMAT)
    for n in range(1, 1000):
        name = f"{stem}-{stamp}-{slug}.db" if n == 1 else f"{stem}-{stamp}-{slug}-{n}.db"
        if create_private_file(folder / name):
            return folder / name
    raise StoreError(f"Te veel reservekopieën tegelijk in {folder}.")


def _copy(source: Path, target: Path, passphrase: str | None = None) -> dict[str, int]:
    """Copy ``source`` into ``target`` in one read snapshot; return the source's row counts."""
    src = connect_any(source, passphrase, isolation_level=None, timeout=5.0)
    try:
        src.execute("BEGIN")
        expected = table_counts(src)  # starts the snapshot the backup also reads
        dst = connect_any(target, passphrase)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
        src.execute("COMMIT")
    finally:
        src.close()
    return expected


def rotate_backups(db: Store | Path | str, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups; return the deleted paths."""
    backups = list_backups(db)
    doomed = backups[: max(0, len(backups) - max(1, keep))]
    for info in doomed:
        info.path.unlink(missing_ok=True)
    return [info.path for info in doomed]


def backup_if_stale(store: Store, max_age: timedelta = timedelta(days=1)) -> Path | None:
    """Make the daily backup when the newest one is older than ``max_age``."""
    newest = newest_backup(store)
    if newest is not None and datetime.now() - newest.created < max_age:
        return None
    return backup_now(store, reason="dagelijks")


def restore_backup(
    db: Path | str, backup: Path | str, keep: int = DEFAULT_KEEP, passphrase: str | None = None
) -> Path | None:
    """Put a verified backup back as the database; return where the old file went.

    A sound current database is first backed up itself (``voor-herstel``); a
    damaged or foreign one is renamed to ``<name>.beschadigd-<time>`` and kept.
    The backup is copied in with the backup API, so another pestcli that has
    the file open sees the restored data rather than a corrupt file.
    """
    from pestcli.store.check import inspect_database

    db_path, backup_path = Path(db).absolute(), Path(backup).absolute()
    if db_path == backup_path:
        raise StoreError("De reservekopie en de database zijn hetzelfde bestand.")
    expected = verify_backup(backup_path, passphrase=passphrase)
    make_private_dir(db_path.parent, tighten_existing=False)
    kept: Path | None = None
    try:
        state = inspect_database(db_path, passphrase)
    except StoreDamagedError:
        state = "damaged"
    if state == "ours":
        kept = backup_now(KeyedPath(db_path, passphrase), reason="voor-herstel", rotate=False)
    elif state == "damaged":
        kept = _move_aside(db_path)
    create_private_file(db_path)
    try:
        src = connect_any(backup_path, passphrase)
        dst = connect_any(db_path, passphrase, timeout=5.0)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = WAL")
        finally:
            dst.close()
            src.close()
    except db_errors(passphrase) as exc:
        raise StoreError(f"Terugzetten is mislukt: {sqlite_reason(str(exc))}. "
                         f"De vorige toestand staat in {kept}.") from None
    secure_db_files(db_path)
    con = connect_any(db_path, passphrase)
    try:
        if table_counts(con) != expected:
            raise StoreError(f"Terugzetten is niet volledig gelukt; de vorige toestand staat in {kept}.")
    finally:
        con.close()
    rotate_backups(db_path, keep)
    return kept


def _move_aside(db_path: Path) -> Path:
    """Rename a damaged database (and its -wal/-shm) out of the way; return the new path."""
    stamp = datetime.now().strftime(STAMP_FORMAT)
    aside = db_path.with_name(f"{db_path.name}.beschadigd-{stamp}")
    for original in (db_path, *sidecars(db_path)):
        if original.exists():
            original.rename(aside.with_name(aside.name + original.name[len(db_path.name):]))
    return aside
