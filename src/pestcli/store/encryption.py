"""Turning a plain database into an encrypted one, and changing its passphrase.

``encrypt_store`` writes an encrypted copy with ``sqlcipher_export``, checks
it (``quick_check``, pestcli's id, every table's row count equal to the
plain file) and only then puts it in place of the plain file, removing the
plain -wal/-shm. Plain backups are re-encrypted the same way (each checked
before it replaces its plain self) and evidence files are encrypted.

``change_passphrase`` re-encrypts evidence files and backups first and the
database last, so an interrupted run can simply be repeated: files already
under the new passphrase are recognised and left as they are.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from pestcli.store.backend import cipher, crypto
from pestcli.store.backend.backup import give_backup_its_key
from pestcli.store.backend.backup_list import list_backups
from pestcli.store.backend.backup_checks import table_counts
from pestcli.store.backend.check import inspect_database
from pestcli.store.backend.identity import APPLICATION_ID
from pestcli.store.errors import StoreError
from pestcli.store.backend.files import PRIVATE_FILE, TMP_SUFFIX, secure_db_files, sidecars


@dataclass(frozen=True)
class EncryptionResult:
    """What an encrypt or rekey run did: row counts and how many files it changed."""

    counts: dict[str, int]
    backups: int
    evidence: int


def plain_counts(path: Path) -> dict[str, int]:
    """Row counts of a plain database, after checkpointing its WAL into the file."""
    con = sqlite3.connect(str(path), timeout=5.0)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return table_counts(con)
    finally:
        con.close()


def encrypted_counts(path: Path, passphrase: str) -> dict[str, int]:
    """Row counts of an encrypted database, after checking it is sound and ours."""
    con = cipher.connect(path, passphrase)
    try:
        problems, app_id, _tables = cipher.identity(con)
        if problems or app_id != APPLICATION_ID:
            raise StoreError(f"De versleutelde kopie {path} is niet in orde; er is niets veranderd.")
        return table_counts(con)
    finally:
        con.close()


def write_failure_reason(exc: BaseException) -> str:
    """What went wrong writing a file, in Dutch (never SQLite's or the OS's English)."""
    from pestcli.store.backend.reads import sqlite_reason

    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return "de schijf is vol"
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return "pestcli mag daar niet schrijven"
        return "de schijf gaf een lees- of schrijffout"
    return sqlite_reason(str(exc))


def _encrypt_file_db(plain: Path, passphrase: str) -> dict[str, int]:
    """Replace one plain database file by a verified encrypted copy; return its row counts."""
    expected = plain_counts(plain)
    tmp = plain.with_name(plain.name + TMP_SUFFIX)
    tmp.unlink(missing_ok=True)
    try:
        cipher.export_encrypted(plain, tmp, passphrase)
        os.chmod(tmp, PRIVATE_FILE)
        if encrypted_counts(tmp, passphrase) != expected:
            raise StoreError(
                f"De versleutelde kopie van {plain} is niet volledig; het onversleutelde bestand is bewaard."
            )
    except (sqlite3.Error, cipher.dbapi().Error, OSError) as exc:  # disk full, write error ...
        tmp.unlink(missing_ok=True)
        raise StoreError(
            f"De versleutelde kopie van {plain} kon niet worden geschreven: {write_failure_reason(exc)}. "
            "Het onversleutelde bestand is bewaard en er is niets veranderd. "
            "Maak ruimte vrij en probeer het opnieuw."
        ) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    for sidecar in sidecars(plain):
        sidecar.unlink(missing_ok=True)
    os.replace(tmp, plain)
    return expected


def encrypt_store(db_path: Path, passphrase: str) -> EncryptionResult:
    """Encrypt a plain pestcli database, its backups and its evidence files.

    On an already encrypted database (passphrase checked) only what is still
    plain — backups, evidence — is encrypted, so a broken-off run can be finished.
    """
    db_path = Path(db_path).absolute()
    if cipher.is_encrypted(db_path):
        counts = encrypted_counts(db_path, passphrase)
    else:
        if inspect_database(db_path) != "ours":
            raise StoreError(f"Er is nog geen database in {db_path}; er valt niets te versleutelen.")
        if crypto.read_params(db_path) is None:
            crypto.write_params(db_path, crypto.KdfParams.fresh())
        counts = _encrypt_file_db(db_path, passphrase)
    secure_db_files(db_path)
    backups = 0
    for info in list_backups(db_path):
        if cipher.has_plain_header(info.path):
            _encrypt_file_db(info.path, passphrase)
            backups += 1
        give_backup_its_key(info.path, db_path)  # a backup opens with the passphrase alone
    key = crypto.Secret(passphrase, db_path).file_key()
    evidence = crypto.encrypt_evidence(db_path, key)
    _neutral_evidence_names(db_path, passphrase)
    return EncryptionResult(counts, backups, evidence)


def _neutral_evidence_names(db_path: Path, passphrase: str) -> None:
    """Give the evidence files their neutral names now: with encryption on, no file name names a pupil."""
    from pestcli.store.backend.engine import DEFAULT_KEEP_BACKUPS, Store
    from pestcli.store.evidence import neutralise_evidence_names

    # The Store itself, not open_store: the caller (pestcli encrypt) holds the file's exclusive lock.
    with Store(db_path, DEFAULT_KEEP_BACKUPS, crypto.Secret(passphrase, db_path), 5.0) as store:
        neutralise_evidence_names(store)


def _rekey_tolerant(path: Path, old: str, new: str) -> bool:
    """Rekey one database file; False when it already opens with the new passphrase."""
    try:
        cipher.rekey(path, old, new)
        return True
    except cipher.WrongPassphraseError:
        con = cipher.connect(path, new)  # raises again when neither passphrase fits
        con.close()
        return False


def change_passphrase(db_path: Path, old: str, new: str) -> EncryptionResult:
    """Give an encrypted database, its backups and its evidence files a new passphrase."""
    db_path = Path(db_path).absolute()
    if not cipher.is_encrypted(db_path):
        raise StoreError(f"De database {db_path} is niet versleuteld. Gebruik eerst: pestcli encrypt")
    before = encrypted_counts(db_path, old)  # WrongPassphraseError for a wrong old passphrase
    params = crypto.read_params(db_path)
    assert params is not None  # is_encrypted checked the key file
    old_key, new_key = crypto.derive_file_key(old, params), crypto.derive_file_key(new, params)
    evidence = crypto.reencrypt_evidence(db_path, old_key, new_key)
    backups = sum(_rekey_tolerant(info.path, old, new) for info in list_backups(db_path)
                  if not cipher.has_plain_header(info.path))
    cipher.rekey(db_path, old, new)
    secure_db_files(db_path)
    after = encrypted_counts(db_path, new)
    if after != before:
        raise StoreError("Na het wijzigen van het wachtwoord klopt het aantal rijen niet.")
    return EncryptionResult(after, backups, evidence)
