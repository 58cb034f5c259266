"""Removing what killed backups and ``pestcli encrypt`` runs left behind.

A backup is written as ``.<name>.<pid>.tmp-kopie`` and renamed once
verified; ``pestcli encrypt`` writes ``<db>.versleuteld-tmp``. After a kill
those stay: ``clean_leftovers`` removes them before every backup (a
temporary backup only once the process that wrote it has ended).
"""

from __future__ import annotations

import os
from pathlib import Path

from pestcli.store.backend.files import TMP_SUFFIX as ENCRYPT_TMP_SUFFIX  # what pestcli encrypt writes
from pestcli.store.backend.backup_list import OnDisk, db_path_of_target
from pestcli.store.backend.files import backup_dir


#: The end of a backup's name while it is being written and verified.
TMP_SUFFIX = ".tmp-kopie"


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


def clean_leftovers(db: OnDisk | Path | str) -> list[Path]:
    """Remove what killed backups and encrypt runs left behind; return the removed paths.

    A temporary backup is removed only when the process that wrote it has
    ended. An ``*.versleuteld-tmp`` is never the only copy of anything (the
    file it was to replace is still there), so it is always removed.
    """
    db_path = db_path_of_target(db)
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
