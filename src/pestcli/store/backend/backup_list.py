"""The backups on disk: where they are, listed oldest first, the newest usable one.

A backup is ``backups/<name>-<YYYYmmdd-HHMMSS>-<reason>.db`` beside the
database. This module only looks (``store.backend.backup`` makes and rotates them,
``store.backend.backup_checks`` checks one, ``store.backend.restore`` puts one back), so the
check before opening a file can offer the newest sound backup without
depending on the open store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from pestcli.store.backend.backup_checks import looks_usable, plain_header, verify_backup
from pestcli.store.errors import StoreError
from pestcli.store.backend.files import backup_dir


class OnDisk(Protocol):
    """Anything with the path of its database file (an open ``Store``); None for a memory database."""

    @property
    def path(self) -> Path | None:
        """The database file (None: a database in memory)."""


STAMP_FORMAT = "%Y%m%d-%H%M%S"


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


def db_path_of_target(target: OnDisk | Path | str) -> Path:
    """The database file of a Store or a path."""
    path: Path | str | None = target if isinstance(target, Path | str) else target.path
    if path is None:
        raise StoreError("Van een database in het geheugen kan geen reservekopie worden gemaakt.")
    return Path(path)


def list_backups(db: OnDisk | Path | str) -> list[BackupInfo]:
    """The backups of this database, oldest first."""
    db_path = db_path_of_target(db)
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


def newest_backup(db: OnDisk | Path | str) -> BackupInfo | None:
    """The most recent backup of this database, if any."""
    backups = list_backups(db)
    return backups[-1] if backups else None


def newest_usable_backup(db: OnDisk | Path | str) -> BackupInfo | None:
    """The most recent backup that is sound (checked in full when it is plain)."""
    for info in reversed(list_backups(db)):
        if not looks_usable(info.path):
            continue
        if plain_header(info.path):
            try:
                verify_backup(info.path)
            except StoreError:
                continue
        return info
    return None
