"""Backups with SQLite's backup API: made, verified, rotated and restored.

A backup is ``backups/<stem>-YYYYmmdd-HHMMSS-<reason>.db`` next to the
database (mode 0600, journal mode DELETE so it is one self-contained file).
Every backup is verified after writing: it opens, passes ``quick_check``, is
ours, and has exactly the row counts the database had at that moment.
Only the standard ``sqlite3`` module is used, so this works on a file that
SQLAlchemy would not open. The backup of an encrypted database is made with
SQLCipher's backup API under the same passphrase, so it stays encrypted and
opens with the passphrase alone; it is verified by opening it with the key.

A backup is written under a temporary name (``.<name>.<pid>.tmp-kopie``) and
gets its real name only once it is verified, so a killed backup never looks
like one; such leftovers, and the ``*.versleuteld-tmp`` of a killed
``pestcli encrypt``, are removed by ``clean_leftovers``
(``store.backend.backup_leftovers``). Checking a backup is ``store.backend.backup_checks``;
putting one back is ``store.backend.restore``. An encrypted backup
gets a copy of the database's key file (``<name>.key.json``: salt and scrypt
parameters, no secret) before it appears, so it opens, evidence included,
with the passphrase alone even when the database and its key file are gone.
Rotation never deletes the newest backup that holds cases, however many
empty ones were made after it.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from pestcli.store.backend.cipher import connect_any, db_errors, passphrase_of
from pestcli.store.backend.crypto import key_file_of
from pestcli.store.errors import StoreError
from pestcli.store.backend.files import (
    PRIVATE_FILE,
    backup_dir,
    create_private_file,
    make_private_dir,
    write_private_text,
)
from pestcli.store.backend.backup_checks import backup_cases, table_counts, verify_backup
from pestcli.store.backend.backup_leftovers import TMP_SUFFIX, clean_leftovers
from pestcli.store.backend.backup_list import STAMP_FORMAT, db_path_of_target, list_backups, newest_backup
from pestcli.store.backend.reads import sqlite_reason

if TYPE_CHECKING:
    from pestcli.store.backend.cipher import KeyedPath
    from pestcli.store.backend.engine import Store

DEFAULT_KEEP = 10


def backup_now(
    db: Store | KeyedPath | Path | str, reason: str = "handmatig", keep: int | None = None, rotate: bool = True
) -> Path:
    """Write a verified backup of the database now and return its path.

    ``reason`` becomes part of the name (``dagelijks``, ``voor-migratie``,
    ``handmatig``...). The copy is made under a temporary name and gets its
    real name only after it (and, when encrypted, its key file) is verified.
    Afterwards only the newest ``keep`` backups are kept, and the newest
    that holds cases.
    """
    db_path = db_path_of_target(db)
    if keep is None:
        keep = getattr(db, "keep_backups", DEFAULT_KEEP)
    slug = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "kopie"
    passphrase = passphrase_of(db)
    try:
        folder = make_private_dir(backup_dir(db_path))
        clean_leftovers(db_path)
        base = f"{db_path.stem}-{datetime.now().strftime(STAMP_FORMAT)}-{slug}"
        tmp = folder / f".{base}.db.{os.getpid()}{TMP_SUFFIX}"
        tmp.unlink(missing_ok=True)
        create_private_file(tmp)
    except OSError as exc:
        raise StoreError(f"De reservekopie kon niet worden gemaakt: {exc.strerror or exc}.") from None
    try:
        expected = _copy(db_path, tmp, passphrase)
        os.chmod(tmp, PRIVATE_FILE)
        _fsync(tmp)
        verify_backup(tmp, expected, passphrase)
        target = _publish(tmp, folder, db_path, base, passphrase)
    except db_errors(passphrase) as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"De reservekopie kon niet worden gemaakt: {sqlite_reason(str(exc))}.") from None
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"De reservekopie kon niet worden gemaakt: {exc.strerror or exc}.") from None
    except StoreError:
        tmp.unlink(missing_ok=True)
        raise
    if rotate:
        rotate_backups(db_path, keep, passphrase)
    return target


def _fsync(path: Path) -> None:
    """Flush a file (or a directory's entries) to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _publish(tmp: Path, folder: Path, db_path: Path, base: str, passphrase: str | None) -> Path:
    """Give a verified temporary backup its real name (never over another); return it.

    An encrypted backup first gets a copy of the database's key file, read
    back and compared, so the backup never appears without it.
    """
    params_text = None
    if passphrase is not None:
        from pestcli.store.backend.crypto import read_params

        params = read_params(db_path)
        if params is None:
            raise StoreError(
                f"Het sleutelbestand {key_file_of(db_path)} ontbreekt; er is geen reservekopie gemaakt."
            )
        params_text = params.to_json()
    for n in range(1, 1000):
        target = folder / (f"{base}.db" if n == 1 else f"{base}-{n}.db")
        if target.exists():
            continue
        if params_text is not None:
            _write_key_file(target, params_text)
        try:
            os.link(tmp, target)  # fails when the name was taken meanwhile: nothing is overwritten
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links
            if target.exists():
                continue
            os.replace(tmp, target)
        tmp.unlink(missing_ok=True)
        _fsync(folder)
        return target
    raise StoreError(f"Te veel reservekopieën tegelijk in {folder}.")


def _write_key_file(backup: Path, params_text: str) -> None:
    """Write ``<backup>.key.json`` atomically (mode 0600) and check that it reads back the same."""
    path = key_file_of(backup)
    write_private_text(path, params_text, TMP_SUFFIX)  # a killed write is a leftover clean_leftovers removes
    if path.read_text(encoding="utf-8") != params_text:
        raise StoreError(f"Het sleutelbestand {path} kon niet goed worden geschreven.")


def give_backup_its_key(backup: Path, db_path: Path) -> None:
    """Write the database's key file beside an encrypted backup (for ``pestcli encrypt``).

    A backup encrypted after it was made needs it to be opened, evidence
    included, with the passphrase alone once the database is gone.
    """
    from pestcli.store.backend.crypto import read_params

    params = read_params(db_path)
    if params is not None and not key_file_of(backup).is_file():
        _write_key_file(backup, params.to_json())


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


def rotate_backups(db: Store | Path | str, keep: int, passphrase: str | None = None) -> list[Path]:
    """Delete all but the newest ``keep`` backups; return the deleted paths.

    The newest backup that holds cases is never deleted, however many
    backups without cases were made after it (a lost database started afresh
    must not rotate away the last copy of its cases). An encrypted backup
    goes together with its key file.
    """
    if passphrase is None:
        passphrase = passphrase_of(db)
    backups = list_backups(db)
    doomed = backups[: max(0, len(backups) - max(1, keep))]
    if doomed:
        for info in reversed(backups):
            if (backup_cases(info.path, passphrase) or 0) > 0:
                doomed = [d for d in doomed if d != info]
                break
    for info in doomed:
        info.path.unlink(missing_ok=True)
        key_file_of(info.path).unlink(missing_ok=True)
    return [info.path for info in doomed]


def backup_if_stale(store: Store, max_age: timedelta = timedelta(days=1)) -> Path | None:
    """Make the daily backup when the newest one is older than ``max_age``."""
    newest = newest_backup(store)
    if newest is not None and datetime.now() - newest.created < max_age:
        return None
    return backup_now(store, reason="dagelijks")

