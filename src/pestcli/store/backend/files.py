"""The files around a database: where backups and evidence go, and their permissions.

Everything pestcli writes is private to the user: directories 0700, files 0600.
The side directories live next to the database file: ``backups/`` and
``evidence/`` in the same directory (for the default database that is the
user data directory).
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600

#: Files SQLite keeps beside a database.
SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")


def backup_dir(db_path: Path) -> Path:
    """The directory that holds the backups of this database."""
    return db_path.parent / "backups"


def evidence_dir(db_path: Path) -> Path:
    """The directory that holds the evidence files of this database."""
    return db_path.parent / "evidence"


def write_private_text(path: Path, text: str, temp_suffix: str = ".tmp") -> None:
    """Write ``text`` to ``path`` whole or not at all (mode 0600).

    A temporary file beside it (``.<name>.<pid><temp_suffix>``) is written and synced,
    renamed into place and the folder synced; a crash leaves the old file or
    the new one, never half of one. OSError when it cannot be written (the
    temporary file is removed).
    """
    temp = path.with_name(f".{path.name}.{os.getpid()}{temp_suffix}")
    try:
        fd = os.open(temp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, PRIVATE_FILE)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    except OSError:
        temp.unlink(missing_ok=True)
        raise


def sidecars(db_path: Path) -> list[Path]:
    """The -wal, -shm and -journal paths of a database (whether or not they exist)."""
    return [db_path.with_name(db_path.name + suffix) for suffix in SIDECAR_SUFFIXES]


def make_private_dir(path: Path, tighten_existing: bool = True) -> Path:
    """Create ``path`` (and missing parents) with mode 0700.

    An existing directory is set to 0700 too when ``tighten_existing`` (our own
    directories); a directory the user chose, such as the parent of ``--db``,
    is left alone.
    """
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    for created in missing:
        os.chmod(created, PRIVATE_DIR)
    if tighten_existing and not missing:
        os.chmod(path, PRIVATE_DIR)
    return path


def create_private_file(path: Path) -> bool:
    """Create an empty file with mode 0600; False if it already existed."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def secure_db_files(db_path: Path) -> None:
    """Set the database and its -wal/-shm/-journal files to 0600 where they exist."""
    for path in (db_path, *sidecars(db_path)):
        try:
            os.chmod(path, PRIVATE_FILE)
        except FileNotFoundError:
            pass


def _writable(path: Path) -> bool:
    """Whether pestcli may write ``path``: the OS allows it and its owner-write bit is set.

    The mode bit is checked as well so that a file or folder made read-only
    on purpose (``chmod 0400``) stays read-only for root too, who the OS
    would let write anyway.
    """
    info = os.stat(path)
    if not os.access(path, os.W_OK):
        return False
    return not (info.st_uid == os.geteuid() and not info.st_mode & 0o200)


def read_only_reason(db_path: Path) -> str | None:
    """Why pestcli cannot write the existing database at ``db_path``, in Dutch; None when it can.

    A read-only mount, a read-only file (also one owned by someone else) or
    a folder pestcli may not write in (SQLite keeps its -wal and -shm files
    there). pestcli then only reads the file and never changes its mode.
    """
    db_path = Path(db_path)
    try:
        if not db_path.is_file():
            return None
        flags = os.statvfs(db_path.parent).f_flag
        if flags & getattr(os, "ST_RDONLY", 1):
            return f"de map {db_path.parent} staat op een alleen-lezen schijf"
        if not _writable(db_path):
            return f"het bestand {db_path} is alleen-lezen (of van een andere gebruiker)"
        if not _writable(db_path.parent):
            return f"pestcli mag niet schrijven in de map {db_path.parent}"
    except OSError:
        return None
    return None


def sqlite_target(db_path: Path | str) -> str:
    """What to hand ``sqlite3.connect(..., uri=True)`` for ``db_path``.

    A writable file is its plain path. A read-only one (``read_only_reason``)
    is a ``file:`` URI with ``mode=ro``, and ``immutable=1`` when its folder
    cannot be written either (SQLite could not make its -shm file there) and
    no -wal file holds changes; so a read-only file is read, never written.
    """
    from urllib.parse import quote

    path = Path(db_path)
    if not read_only_reason(path):
        return str(path)
    uri = f"file:{quote(str(path.absolute()))}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    folder_ok = os.access(path.parent, os.W_OK) and _writable(path.parent)
    if not folder_ok and not (wal.exists() and wal.stat().st_size > 0):
        uri += "&immutable=1"
    return uri


#: The name ending of the encrypted copy ``encrypt`` writes before it replaces a file.
TMP_SUFFIX = ".versleuteld-tmp"


def remove_leftovers(db_path: Path) -> int:
    """Remove the half-written encrypted copies a killed ``encrypt`` left; how many were removed.

    Only call this while holding the file's lock (``store.backend.in_use``): then no
    encrypt is running, so every such file is a leftover, never the real data.
    """
    db_path = Path(db_path)
    found = [db_path.with_name(db_path.name + TMP_SUFFIX)]
    backups = backup_dir(db_path)
    if backups.is_dir():
        found += list(backups.glob("*" + TMP_SUFFIX))
    removed = 0
    for leftover in found:
        try:
            leftover.unlink()
            removed += 1
        except OSError:
            pass  # gone already, or cannot be removed now: tried again at the next start
    return removed
