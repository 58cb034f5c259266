"""Opening the case store, and its three ways in: plain reads, ORM reads, writes.

``open_store(path)`` is the only way in. Nothing is created at import time, so
tests pass a path in ``tmp_path``. ``Store.sql()`` hands out read-only plain
DB-API connections (``store.reads``) for the reads the first screen needs;
``Store.read()``/``Store.write()`` are SQLModel sessions on an engine that is
built (and SQLAlchemy imported) on first use (``store.sa_engine``). Every
engine connection gets ``journal_mode=WAL``, ``synchronous=FULL``,
``foreign_keys=ON`` and a busy timeout; every write runs in ``BEGIN
IMMEDIATE``, after the file's ``quick_check`` has passed (``store.integrity``),
and is committed before ``Store.write()`` returns. With a passphrase the file
is a SQLCipher database (see ``store.cipher``).
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pestcli.store.errors import StoreError
from pestcli.store.files import (
    create_private_file, make_private_dir, read_only_reason, remove_leftovers, secure_db_files,
)
from pestcli.store.reads import translate

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.exc import DatabaseError
    from sqlmodel import Session

    from pestcli.store.crypto import Secret
    from pestcli.store.integrity import IntegrityCheck
    from pestcli.store.in_use import SharedLock
    from pestcli.store.reads import ReadPool

#: Execution option that picks how a transaction starts ("", "IMMEDIATE", "AUTOCOMMIT").
BEGIN_OPTION = "pestcli_begin"

#: How many backups are kept unless the caller says otherwise.
DEFAULT_KEEP_BACKUPS = 10


class Store:
    """An open case store: the file it lives in, its side directories and its connections.

    ``secret`` holds the passphrase (in memory only) when the file is encrypted.
    Two ways in: ``sql()``, a plain read-only DB-API connection (no ORM, for the
    reads the first screen needs), and ``read()``/``write()``, SQLModel
    sessions. The SQLAlchemy engine behind the sessions is built, and
    SQLAlchemy imported, only when a session is first asked for.
    """

    def __init__(
        self, path: Path | None, keep_backups: int, secret: Secret | None = None,
        busy_timeout: float = 5.0,
    ) -> None:
        self.path = path
        self.keep_backups = keep_backups
        self.secret = secret
        #: Why the file cannot be written (Dutch), when it is read-only: reads work, writes are refused.
        self.read_only: str | None = None
        self.busy_timeout = busy_timeout
        #: The quick_check running beside the work (None: it ran at open, or a memory database).
        self.integrity: IntegrityCheck | None = None
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()
        self._reads: ReadPool | None = None
        #: The shared lock that tells encrypt/rekey/restore this file is open (store.in_use).
        self.in_use_lock: SharedLock | None = None
        #: (device, inode) of the file when it was opened: a write to a replaced file is refused.
        self.file_identity: tuple[int, int] | None = _identity_of(path) if path is not None else None
        if path is not None:
            from pestcli.store.reads import file_pool

            self._reads = file_pool(path, secret.passphrase if secret else None, busy_timeout)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (built on first use, with the pragmas on every connection)."""
        if self._engine is None:
            with self._engine_lock:
                if self._engine is None:
                    from pestcli.store.sa_engine import build_engine

                    self._engine = build_engine(self.path, self.busy_timeout, self.secret)
        return self._engine

    @property
    def encrypted(self) -> bool:
        """Whether the database (and its backups and evidence files) are encrypted."""
        return self.secret is not None

    @property
    def data_dir(self) -> Path:
        """The directory of the database file (holds backups/ and evidence/)."""
        if self.path is None:
            raise StoreError("Een database in het geheugen heeft geen gegevensmap.")
        return self.path.parent

    @contextmanager
    def sql(self) -> Iterator[Any]:
        """A plain DB-API connection in one read-only transaction (a consistent snapshot).

        For the fast reads written in SQL: ``con.execute(...)`` returns tuples,
        dates as ISO text. Nothing can be written through it (``query_only``).
        SQLite errors become Dutch StoreErrors.
        """
        if self._reads is not None:
            with self._reads.read() as con:
                yield con
            return
        import sqlite3  # a memory database: its one connection, shared with the engine

        raw = self.engine.raw_connection()
        try:
            yield raw.driver_connection
        except sqlite3.Error as exc:
            raise translate(str(exc)) from None
        finally:
            raw.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading: one consistent snapshot, nothing written."""
        from sqlalchemy.exc import DatabaseError, IntegrityError
        from sqlmodel import Session

        try:
            with Session(self.engine, expire_on_commit=False, autoflush=False) as session:
                yield session
        except IntegrityError:
            raise
        except DatabaseError as exc:  # locked, malformed, disk full ...: in Dutch
            raise _translate(exc) from None

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in one ``BEGIN IMMEDIATE`` transaction, committed on a clean exit.

        Nothing is written before the file's integrity check has passed (a
        damaged file raises the Dutch StoreDamagedError). The write lock is
        taken at once; if another pestcli holds it longer than the busy
        timeout, a Dutch StoreBusyError is raised before anything is
        written. Any exception rolls the whole transaction back.
        """
        from sqlalchemy.exc import DatabaseError, IntegrityError
        from sqlmodel import Session

        if self.read_only:
            raise StoreError(read_only_message(self.read_only))
        if self.integrity is not None:
            self.integrity.wait()
        self.check_not_replaced()
        try:
            with self.engine.connect() as conn:
                conn.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
                with Session(bind=conn, expire_on_commit=False, autoflush=True) as session:
                    with session.begin():
                        session.connection()  # BEGIN IMMEDIATE now, not at the first query
                        yield session
        except IntegrityError:
            raise
        except DatabaseError as exc:
            raise _translate(exc) from None

    def check_not_replaced(self) -> None:
        """Raise a Dutch StoreError when the file was replaced or removed since it was opened.

        ``pestcli encrypt`` or ``restore`` in another window (or a user) may put
        a new file in its place; the connections of this store still point at
        the old one, so whatever is written now would be lost without a word.
        """
        if self.path is None or self.file_identity is None:
            return
        if self.file_identity_now() != self.file_identity:
            raise StoreError(
                f"Het databasebestand {self.path} is vervangen of verwijderd terwijl pestcli openstond "
                "(bijvoorbeeld door pestcli encrypt of restore in een ander venster). "
                "Dit is NIET opgeslagen. Sluit pestcli en start het opnieuw."
            )

    def file_identity_now(self) -> tuple[int, int] | None:
        """(device, inode) of the file at ``path`` now; None when it is gone."""
        return _identity_of(self.path) if self.path is not None else None

    def close(self) -> None:
        """Stop a running check; close every connection (checkpointing the WAL when the last goes)."""
        if self.integrity is not None and not self.integrity.done:
            self.integrity.interrupt()
        if self._reads is not None:
            self._reads.close()
        if self._engine is not None:
            self._engine.dispose()
        if self.in_use_lock is not None:
            self.in_use_lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def read_only_message(reason: str) -> str:
    """The Dutch refusal of a write to a read-only database, with the reason."""
    return (f"pestcli kan hier niets opslaan: {reason}. U kunt de gegevens wel bekijken; "
            "er is niets opgeslagen en niets veranderd.")


def _check_read_only_schema(store: Store) -> None:
    """A read-only file must already have pestcli's newest schema: it cannot be brought up to date."""
    from pestcli.store.migrate import HEAD_REVISION, _stored_revision

    if _stored_revision(store) != HEAD_REVISION:
        reason = store.read_only or ""
        store.close()
        raise StoreError(
            f"Deze database moet worden bijgewerkt naar de nieuwe versie van pestcli, maar {reason}. "
            "Geef pestcli schrijfrechten (of kopieer het bestand naar een map van uzelf) en probeer "
            "het opnieuw; er is niets veranderd."
        )


def _identity_of(path: Path) -> tuple[int, int] | None:
    """(device, inode) of a file; None when it does not exist (yet)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _translate(exc: DatabaseError) -> StoreError:
    """A Dutch StoreError for a DatabaseError (or OperationalError) from SQLite."""
    return translate(str(exc.orig) if exc.orig is not None else str(exc))


def db_path_of(path_or_url: str | Path) -> Path | None:
    """The file of a path or ``sqlite:///`` URL; None for an in-memory database."""
    text = str(path_or_url)
    if "://" in text:
        from sqlalchemy.engine import make_url

        url = make_url(text)
        if not url.drivername.startswith("sqlite"):
            raise StoreError(f"pestcli werkt alleen met SQLite-bestanden, niet met {url.drivername}.")
        database = url.database or ""
    else:
        database = text
    if database in ("", ":memory:"):
        return None
    return Path(database).expanduser().absolute()


def open_store(
    path_or_url: str | Path,
    *,
    migrate: bool = True,
    revision: str = "head",
    keep_backups: int = DEFAULT_KEEP_BACKUPS,
    busy_timeout: float = 5.0,
    daily_backup: bool = True,
    private_parent: bool = False,
    passphrase: str | None = None,
    check: str = "now",
) -> Store:
    """Open (or create) the case store at a path or ``sqlite:///`` URL.

    The file is checked first (``quick_check``, our ``application_id``); a
    damaged or foreign file raises a Dutch StoreDamagedError and is left alone.
    With ``check="beside"`` (the app) only the header, schema and application
    id are read now; ``quick_check`` is prepared as ``store.integrity``, to be
    started in a thread once the first screen is painted; every write waits
    for it (and starts it if nobody has) — as do migrations. ``check="skip"``
    is for commands that only read (``pestcli agenda``): no whole-file check,
    and SQLite still refuses, in Dutch, any damaged page such a read touches;
    should such a store be written to after all, the check runs first.
    A new file is created 0600 in a 0700 directory. Pending migrations run
    after a backup; a daily backup is made when the newest is a day old.
    ``private_parent`` also sets an existing parent directory to 0700 (the
    default data directory); a directory the user chose is left as it is.
    With a ``passphrase`` the file is (or becomes) a SQLCipher database; a
    wrong one raises WrongPassphraseError, and an encrypted file opened
    without one raises PassphraseRequiredError — both Dutch StoreErrors.
    """
    from pestcli.store.in_use import hold_shared

    path = db_path_of(path_or_url)
    state = "new"
    secret = None
    if check not in ("now", "beside", "skip"):
        raise ValueError(f"check must be 'now', 'beside' or 'skip', not {check!r}")
    lock = None
    if path is not None and path.parent.is_dir():
        lock = hold_shared(path, create=not read_only_reason(path))  # refused while encrypt/rekey/restore run on this file
    try:
        store = _open_file_store(
            path, state, secret, check, passphrase, private_parent, keep_backups, busy_timeout,
            migrate, revision, daily_backup, lock_held=lock is not None and lock.held,
        )
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    if lock is None and path is not None:  # a new folder: lock the new file now
        try:
            lock = hold_shared(path)
        except BaseException:
            store.close()
            raise
    store.in_use_lock = lock
    return store


def _open_file_store(
    path: Path | None, state: str, secret: Secret | None, check: str, passphrase: str | None,
    private_parent: bool, keep_backups: int, busy_timeout: float, migrate: bool, revision: str,
    daily_backup: bool, lock_held: bool = False,
) -> Store:
    """The body of ``open_store`` once the in-use lock is held."""
    from pestcli.store.check import inspect_database

    read_only = read_only_reason(path) if path is not None else None
    if path is not None and read_only:  # read it, never change it (not even its mode)
        state = inspect_database(path, passphrase, quick_check=(check == "now"))
        if passphrase is not None:
            from pestcli.store.crypto import Secret

            secret = Secret(passphrase, path)
    elif path is not None:
        state = inspect_database(path, passphrase, quick_check=(check == "now"))
        try:
            make_private_dir(path.parent, tighten_existing=private_parent)
            create_private_file(path)
            secure_db_files(path)
            if passphrase is not None:
                secret = _secret_for(path, passphrase)
        except OSError as exc:
            raise StoreError(
                f"Kan het databasebestand {path} niet aanmaken: {exc.strerror or exc}."
            ) from None
    store = Store(path, keep_backups, secret, busy_timeout)
    store.read_only = read_only if state == "ours" else None
    if read_only and state != "ours":
        store.close()
        raise StoreError(f"pestcli kan hier geen database aanmaken: {read_only}.")
    if store.read_only:
        _check_read_only_schema(store)
        migrate = daily_backup = False
    if check != "now" and state == "ours" and path is not None:
        from pestcli.store.integrity import IntegrityCheck

        store.integrity = IntegrityCheck(path, passphrase)  # started after the first paint
    try:
        if migrate:
            from pestcli.store.migrate import upgrade_store

            upgrade_store(store, revision=revision, backup_first=(state == "ours"))
        if daily_backup and state == "ours" and path is not None:
            from pestcli.store.backup import backup_if_stale

            backup_if_stale(store)
        if path is not None and not store.read_only:
            secure_db_files(path)
            if lock_held:  # no encrypt can be running: its temporary files are leftovers
                remove_leftovers(path)
    except BaseException as exc:
        if store.integrity is not None and isinstance(exc, Exception):
            store.integrity.wait_quietly()
            if store.integrity.error is not None:  # the file is damaged: say so, with the backup
                store.close()
                raise store.integrity.error from None
        store.close()
        if _is_database_error(exc):
            raise _translate(exc) from None
        raise
    return store


def _is_database_error(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLAlchemy's DatabaseError (without importing SQLAlchemy for it)."""
    errors = sys.modules.get("sqlalchemy.exc")
    return errors is not None and isinstance(exc, errors.DatabaseError)


def _secret_for(path: Path, passphrase: str) -> Secret:
    """The in-memory secret of an encrypted file; writes its key file when there is none."""
    from pestcli.store.crypto import KdfParams, Secret, read_params, write_params

    if read_params(path) is None:
        write_params(path, KdfParams.fresh())
    return Secret(passphrase, path)


def open_configured_store(cli_value: str | None = None, **options) -> Store:
    """Open the store the user chose: ``--db``, else ``PESTCLI_DB``, else the default.

    The default data directory is made (or kept) 0700; a directory the user
    picked for ``--db`` is left as it is.
    """
    from pestcli.locations import data_dir, resolve_db_path

    path = resolve_db_path(cli_value)
    private = path.expanduser().absolute().parent == data_dir().absolute()
    return open_store(path, private_parent=private, **options)
