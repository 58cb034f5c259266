"""SQLCipher: opening, creating, exporting and rekeying an encrypted database.

SQLCipher (the ``sqlcipher3`` package) encrypts every page of the database
and of its WAL. The key is the passphrase itself (SQLCipher derives the page
key with PBKDF2 and a salt stored in the file, so a database or a backup
opens with the passphrase alone). ``PRAGMA key`` is the first statement on
every connection; SQLCipher's own log is switched off so nothing English (or
secret) reaches the terminal. A wrong passphrase raises WrongPassphraseError.
"""

from __future__ import annotations

from pathlib import Path

from pestcli.store.backend.crypto import key_file_of
from pestcli.store.errors import StoreError

WRONG_PASSPHRASE = "Onjuist wachtwoord: de database kan er niet mee worden geopend."



#: The first 16 bytes of a plain SQLite file (an encrypted one starts with random bytes).
SQLITE_HEADER = b"SQLite format 3\x00"

def tries_left_message(left: int) -> str:
    """``Onjuist wachtwoord. Nog 2 pogingen.`` (or ``Nog 1 poging.``)."""
    return f"Onjuist wachtwoord. Nog {left} {'poging' if left == 1 else 'pogingen'}."


class WrongPassphraseError(StoreError):
    """The passphrase does not open the encrypted database."""

    def __init__(self, message: str = WRONG_PASSPHRASE) -> None:
        super().__init__(message)


class PassphraseRequiredError(StoreError):
    """The database is encrypted and no passphrase was given."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"De database {path} is versleuteld. Start pestcli in een terminal en voer het wachtwoord in."
        )
        self.path = path


def dbapi():
    """The ``sqlcipher3.dbapi2`` module (imported on first use)."""
    import sqlcipher3.dbapi2

    return sqlcipher3.dbapi2


def has_plain_header(path: Path) -> bool:
    """Whether the file starts like a plain SQLite database."""
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def is_encrypted(path: Path) -> bool:
    """Whether ``path`` is an encrypted pestcli database.

    It is when the file is not plain SQLite and its key file lies beside it
    (pestcli writes the key file when it encrypts). A file without one is
    treated as damaged, as before.
    """
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        return False
    return not has_plain_header(path) and key_file_of(path).is_file()


def quote(text: str) -> str:
    """A SQL string literal (for ``PRAGMA key`` and ``ATTACH ... KEY``)."""
    return "'" + text.replace("'", "''") + "'"


def connect(path: Path | str, passphrase: str, timeout: float = 5.0, check: bool = True):
    """A SQLCipher connection with the key set; WrongPassphraseError if it does not open."""
    module = dbapi()
    from pestcli.store.backend.files import sqlite_target

    con = module.connect(sqlite_target(path), uri=True, timeout=timeout, check_same_thread=False)
    try:
        key_connection(con, passphrase)
        if check:
            verify_key(con)
    except BaseException:
        con.close()
        raise
    return con


def key_connection(con, passphrase: str) -> None:
    """Silence SQLCipher's log and set the key: the first statements on a connection."""
    con.execute("PRAGMA cipher_log_level = NONE")
    con.execute(f"PRAGMA key = {quote(passphrase)}")


def verify_key(con) -> None:
    """Read the schema once: a wrong key fails here with WrongPassphraseError."""
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi().DatabaseError as exc:
        if "not a database" in str(exc) or "encrypted" in str(exc):
            raise WrongPassphraseError() from None
        raise


def export_encrypted(plain: Path, target: Path, passphrase: str) -> None:
    """Write an encrypted copy of a plain database to ``target`` (``sqlcipher_export``).

    ``application_id`` and ``user_version`` are not copied by the export, so
    they are set on the copy here.
    """
    module = dbapi()
    con = module.connect(str(plain), timeout=5.0, isolation_level=None)
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        con.execute(f"ATTACH DATABASE {quote(str(target))} AS encrypted KEY {quote(passphrase)}")
        con.execute("SELECT sqlcipher_export('encrypted')")
        con.execute(f"PRAGMA encrypted.application_id = {int(app_id)}")
        con.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        con.execute("DETACH DATABASE encrypted")
    finally:
        con.close()


def rekey(path: Path, old: str, new: str) -> None:
    """Change the passphrase of an encrypted database (WrongPassphraseError if ``old`` is wrong)."""
    con = connect(path, old)
    try:
        con.isolation_level = None
        con.execute("PRAGMA journal_mode = DELETE")  # rekey rewrites every page; no WAL left behind
        con.execute(f"PRAGMA rekey = {quote(new)}")
    finally:
        con.close()
    con = connect(path, new)  # proves the new passphrase opens it
    try:
        con.isolation_level = None
        con.execute("PRAGMA journal_mode = WAL")
    finally:
        con.close()


def identity(con, quick_check: bool = True) -> tuple[list[str], int, list[str]]:
    """``quick_check`` problems (none when not asked), ``application_id`` and table names."""
    rows = [r[0] for r in con.execute("PRAGMA quick_check").fetchall()] if quick_check else ["ok"]
    app_id = con.execute("PRAGMA application_id").fetchone()[0]
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return ([] if rows == ["ok"] else rows), app_id, tables


def passphrase_of(db: object) -> str | None:
    """The passphrase of an encrypted Store (None for a plain one or a path)."""
    secret = getattr(db, "secret", None)
    return secret.passphrase if secret is not None else None


def connect_any(path: Path, passphrase: str | None, **options):
    """A plain ``sqlite3`` connection, or a keyed SQLCipher one with a passphrase."""
    if passphrase is None:
        import sqlite3

        return sqlite3.connect(str(path), **options)
    con = connect(path, passphrase, timeout=options.get("timeout", 5.0), check=False)
    if "isolation_level" in options:
        con.isolation_level = options["isolation_level"]
    return con


def db_errors(passphrase: str | None) -> tuple[type[BaseException], ...]:
    """The error classes that can come from ``connect_any`` connections."""
    import sqlite3

    if passphrase is None:
        return (sqlite3.Error,)
    return (sqlite3.Error, dbapi().Error)


class KeyedPath:
    """A database path with its passphrase, where a Store is expected (backups)."""

    def __init__(self, path: Path, passphrase: str | None) -> None:
        from pestcli.store.backend.crypto import Secret

        self.path = path
        self.secret = Secret(passphrase, path) if passphrase is not None else None
