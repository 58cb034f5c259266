"""Putting a backup back as the database (``pestcli restore`` and the offer at start).

The backup is verified and its schema checked before anything changes; the
current database is backed up first (``voor-herstel``) or, when damaged,
renamed aside and kept; the backup is copied in with SQLite's backup API and
its row counts checked. Erasures made after the backup are re-applied by the
callers (``store.erasure.reapply_after_restore``).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pestcli.store.backend.backup import DEFAULT_KEEP, backup_now, rotate_backups
from pestcli.store.backend.backup_list import STAMP_FORMAT
from pestcli.store.backend.backup_checks import plain_header, table_counts, verify_backup
from pestcli.store.backend.cipher import KeyedPath, connect_any, db_errors
from pestcli.store.errors import StoreDamagedError, StoreError
from pestcli.store.backend.files import create_private_file, make_private_dir, secure_db_files, sidecars
from pestcli.store.backend.reads import sqlite_reason


def restore_backup(
    db: Path | str, backup: Path | str, keep: int = DEFAULT_KEEP, passphrase: str | None = None
) -> Path | None:
    """Put a verified backup back as the database; return where the old file went.

    A backup from a newer pestcli (a schema this version does not know) is
    refused before anything changes. A sound current database is first
    backed up itself (``voor-herstel``); a damaged or foreign one is renamed
    to ``<name>.beschadigd-<time>`` and kept. The backup is copied in with the
    backup API, so another pestcli that has the file open sees the restored
    data rather than a corrupt file. An encrypted backup brings its key file
    along when the database has none (it was lost with the database).
    """
    from pestcli.store.backend.check import inspect_database

    db_path, backup_path = Path(db).absolute(), Path(backup).absolute()
    if db_path == backup_path:
        raise StoreError("De reservekopie en de database zijn hetzelfde bestand.")
    if passphrase is not None and backup_path.is_file() and plain_header(backup_path):
        passphrase = None  # a plain backup (made before the database was encrypted)
    expected = verify_backup(backup_path, passphrase=passphrase)
    _refuse_newer_schema(backup_path, passphrase)
    make_private_dir(db_path.parent, tighten_existing=False)
    kept: Path | None = None
    current = _current_passphrase(db_path, passphrase)
    try:
        state = inspect_database(db_path, current)
    except StoreDamagedError:
        state = "damaged"
    if state == "ours":
        kept = backup_now(KeyedPath(db_path, current), reason="voor-herstel", rotate=False)
    elif state == "damaged":
        kept = _move_aside(db_path)
    if current != passphrase and db_path.exists():  # plain <-> encrypted: start from a new file
        for path in (db_path, *sidecars(db_path)):
            path.unlink(missing_ok=True)
    if passphrase is not None:
        _bring_key_file(backup_path, db_path)
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


def _current_passphrase(db_path: Path, passphrase: str | None) -> str | None:
    """The passphrase to read the current database with: None when it is plain."""
    if passphrase is None or not db_path.is_file() or db_path.stat().st_size == 0:
        return passphrase
    return None if plain_header(db_path) else passphrase


def backup_revision(path: Path, passphrase: str | None = None) -> str | None:
    """The schema revision a backup records in ``alembic_version`` (None when it has none)."""
    con = connect_any(path, passphrase)
    try:
        if not con.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchall():
            return None
        rows = con.execute("SELECT version_num FROM alembic_version").fetchall()
    finally:
        con.close()
    return rows[0][0] if len(rows) == 1 else None


def _refuse_newer_schema(backup_path: Path, passphrase: str | None) -> None:
    """A Dutch StoreError when the backup comes from a pestcli newer than this one."""
    from pestcli.store.backend.migrate import HEAD_REVISION, known_revisions

    try:
        revision = backup_revision(backup_path, passphrase)
    except db_errors(passphrase):
        raise StoreError(f"De reservekopie {backup_path} is beschadigd en kan niet worden gebruikt.") from None
    if revision is None or revision == HEAD_REVISION or revision in known_revisions():
        return
    raise StoreError(
        f"De reservekopie {backup_path} is gemaakt met een nieuwere versie van pestcli "
        f"(schema {revision}; deze versie kent tot en met {HEAD_REVISION}). Werk pestcli eerst bij. "
        "Er is niets veranderd."
    )


def _bring_key_file(backup_path: Path, db_path: Path) -> None:
    """Give the database the backup's key file when it has none of its own."""
    from pestcli.store.backend.crypto import KdfParams, read_params, write_params

    if read_params(db_path) is not None:
        return
    params = read_params(backup_path)
    write_params(db_path, params if params is not None else KdfParams.fresh())


def _move_aside(db_path: Path) -> Path:
    """Rename a damaged database (and its -wal/-shm) out of the way; return the new path."""
    stamp = datetime.now().strftime(STAMP_FORMAT)
    aside = db_path.with_name(f"{db_path.name}.beschadigd-{stamp}")
    for original in (db_path, *sidecars(db_path)):
        if original.exists():
            original.rename(aside.with_name(aside.name + original.name[len(db_path.name):]))
    return aside
