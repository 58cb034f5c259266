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
``pestcli encrypt``, are removed by ``clean_leftovers``. An encrypted backup
gets a copy of the database's key file (``<name>.key.json``: salt and scrypt
parameters, no secret) before it appears, so it opens, evidence included,
with the passphrase alone even when the database and its key file are gone.
Rotation never deletes the newest backup that holds cases, however many
empty ones were made after it.
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
from pestcli.store.crypto import key_file_of
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
#: The end of a backup's name while it is being written and verified.
TMP_SUFFIX = ".tmp-kopie"
#: The end of the temporary copy ``pestcli encrypt`` writes (store/encryption.py).
ENCRYPT_TMP_SUFFIX = ".versleuteld-tmp"


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


def backup_cases(path: Path | str, passphrase: str | None = None) -> int | None:
    """How many cases a backup holds; None when it cannot be read (or needs a passphrase)."""
    path = Path(path)
    try:
        if path.stat().st_size == 0:
            return None
        if passphrase is None and not _has_plain_header(path):
            return None
        if passphrase is not None and _has_plain_header(path):
            passphrase = None  # a plain backup of a database encrypted later
        con = connect_any(path, passphrase)
        try:
            return con.execute("SELECT count(*) FROM cases").fetchone()[0]
        finally:
            con.close()
    except (OSError, StoreError, *db_errors(passphrase)):
        return None


def _has_plain_header(path: Path) -> bool:
    """Whether a file starts like a plain SQLite database."""
    from pestcli.store.check import SQLITE_HEADER

    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def looks_usable(path: Path | str) -> bool:
    """A cheap check of a backup: a plain pestcli database, or encrypted with a key file."""
    path = Path(path)
    try:
        if path.stat().st_size == 0:
            return False
        if _has_plain_header(path):
            return backup_cases(path) is not None
    except OSError:
        return False
    return key_file_of(path).is_file() or key_file_of(_db_of_backup(path)).is_file()


def _db_of_backup(backup: Path) -> Path:
    """The database a backup in ``<dir>/backups/`` belongs to (from its name)."""
    stem = re.sub(r"-\d{8}-\d{6}-[a-z0-9-]+$", "", backup.stem)
    return backup.parent.parent / f"{stem}.db"


def newest_usable_backup(db: Store | Path | str) -> BackupInfo | None:
    """The most recent backup that is sound (checked in full when it is plain)."""
    for info in reversed(list_backups(db)):
        if not looks_usable(info.path):
            continue
        if _has_plain_header(info.path):
            try:
                verify_backup(info.path)
            except StoreError:
                continue
        return info
    return None


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
    ``handmatig``...). The copy is made under a temporary name and gets its
    real name only after it (and, when encrypted, its key file) is verified.
    Afterwards only the newest ``keep`` backups are kept, and the newest
    that holds cases.
    """
    db_path = _db_path(db)
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
        from pestcli.store.crypto import read_params

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
    tmp = path.with_name(f".{path.name}.{os.getpid()}{TMP_SUFFIX}")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(params_text)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    if path.read_text(encoding="utf-8") != params_text:
        raise StoreError(f"Het sleutelbestand {path} kon niet goed worden geschreven.")


def give_backup_its_key(backup: Path, db_path: Path) -> None:
    """Write the database's key file beside an encrypted backup (for ``pestcli encrypt``).

    A backup encrypted after it was made needs it to be opened, evidence
    included, with the passphrase alone once the database is gone.
    """
    from pestcli.store.crypto import read_params

    params = read_params(db_path)
    if params is not None and not key_file_of(backup).is_file():
        _write_key_file(backup, params.to_json())


def _pid_alive(pid: int) -> bool:
    """Whether a process with this id still runs."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it runs, as someone else
        return True
    return True


def clean_leftovers(db: Store | Path | str) -> list[Path]:
    """Remove what killed backups and encrypt runs left behind; return the removed paths.

    A temporary backup is removed only when the process that wrote it has
    ended. An ``*.versleuteld-tmp`` is never the only copy of anything (the
    file it was to replace is still there), so it is always removed.
    """
    db_path = _db_path(db)
    candidates = [db_path.with_name(db_path.name + ENCRYPT_TMP_SUFFIX)]
    folder = backup_dir(db_path)
    if folder.is_dir():
        candidates += [p for p in folder.iterdir() if p.name.endswith((TMP_SUFFIX, ENCRYPT_TMP_SUFFIX))]
    removed: list[Path] = []
    for path in candidates:
        if path.name.endswith(TMP_SUFFIX):
            pid = path.name[: -len(TMP_SUFFIX)].rsplit(".", 1)[-1]
            if not pid.isdigit() or _pid_alive(int(pid)):
                continue
        try:
            if path.is_file():
                path.unlink()
                removed.append(path)
        except OSError:
            continue  # a read-only folder: harmless, tried again next time
    return removed


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
    from pestcli.store.check import inspect_database

    db_path, backup_path = Path(db).absolute(), Path(backup).absolute()
    if db_path == backup_path:
        raise StoreError("De reservekopie en de database zijn hetzelfde bestand.")
    if passphrase is not None and backup_path.is_file() and _has_plain_header(backup_path):
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
    return None if _has_plain_header(db_path) else passphrase


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
    from pestcli.store.migrate import HEAD_REVISION, known_revisions

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
    from pestcli.store.crypto import KdfParams, read_params, write_params

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
