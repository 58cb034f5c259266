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
