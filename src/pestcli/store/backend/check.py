"""The check before a database file is opened: ours, new, or not to be touched.

It uses the standard ``sqlite3`` module and never writes: a damaged or foreign
file is reported in Dutch, naming the file and the newest backup, and left as
it is. pestcli never creates a new empty database over an existing file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pestcli.store.backend.cipher import SQLITE_HEADER
from pestcli.store.errors import StoreBusyError, StoreDamagedError, StoreError
from pestcli.store.backend.files import sidecars
from pestcli.store.backend.identity import APPLICATION_ID, cipher_errors, read_identity


def inspect_database(path: Path, passphrase: str | None = None, quick_check: bool = True) -> str:
    """``"new"`` (nothing to lose) or ``"ours"``; raise StoreDamagedError otherwise.

    With a ``passphrase`` the file is read as a SQLCipher database (a wrong
    one raises WrongPassphraseError); an encrypted file without a passphrase
    raises PassphraseRequiredError. ``quick_check=False`` leaves SQLite's
    page-by-page check to the caller (``store.backend.integrity``, beside the work);
    the header, the schema and the application id are still read here.
    """
    if not path.exists():
        return "new"
    if path.is_dir():
        raise StoreError(f"{path} is een map, geen databasebestand. Kies een bestand met --db.")
    wal = sidecars(path)[0]
    size = path.stat().st_size
    if size == 0 and not (wal.exists() and wal.stat().st_size > 0):
        return "new"
    if size > 0:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header == SQLITE_HEADER and passphrase is not None:
            raise StoreError(
                f"De database {path} is niet versleuteld. Zet versleuteling aan met: pestcli encrypt"
            )
        if header != SQLITE_HEADER and passphrase is None:
            from pestcli.store.backend.cipher import PassphraseRequiredError, is_encrypted

            if is_encrypted(path):
                raise PassphraseRequiredError(path)
            raise damaged(path, "is geen SQLite-database (het is beschadigd of een ander soort bestand)")
    try:
        found = read_identity(path, passphrase, quick_check)
    except cipher_errors(passphrase) as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreBusyError() from None
        raise damaged(path, "is beschadigd en kan niet worden gelezen") from None
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreBusyError() from None
        raise damaged(path, "is beschadigd en kan niet worden gelezen") from None
    except sqlite3.DatabaseError:
        raise damaged(path, "is beschadigd en kan niet worden gelezen") from None
    problems, app_id, tables = found
    if problems:
        raise damaged(path, "is beschadigd (de controle van SQLite vond fouten)")
    if app_id == APPLICATION_ID:
        return "ours"
    if not tables and app_id == 0:
        return "new"
    raise damaged(path, "is geen database van pestcli: het bevat gegevens van een ander programma")


def damaged(path: Path, problem: str) -> StoreDamagedError:
    """The Dutch error for an unusable file, offering the newest backup."""
    from pestcli.store.backend.backup_list import newest_usable_backup

    newest = newest_usable_backup(path)  # never a broken or half-made one
    message = (
        f"Het databasebestand {path} {problem}. pestcli heeft het bestand niet veranderd "
        "en maakt er ook geen nieuwe, lege database overheen."
    )
    if newest is not None:
        message += (
            f" De nieuwste reservekopie is {newest.path} (van {newest.label}). "
            f'Zet die terug met: pestcli restore "{newest.path}" --db "{path}"'
        )
    else:
        message += " Er is geen reservekopie gevonden; kies een ander bestand met --db."
    return StoreDamagedError(message, str(path), str(newest.path) if newest else None)
