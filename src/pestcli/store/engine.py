"""Opening the case store: the engine, its pragmas, and read/write transactions.

``open_store(path)`` is the only way in. Nothing is created at import time, so
tests pass a path in ``tmp_path``. Every connection gets ``journal_mode=WAL``,
``synchronous=FULL``, ``foreign_keys=ON`` and a busy timeout; every write runs
in ``BEGIN IMMEDIATE`` and is committed before ``Store.write()`` returns.
With a passphrase the file is a SQLCipher database (see ``store.cipher``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

from pestcli.store.errors import StoreBusyError, StoreError
from pestcli.store.files import create_private_file, make_private_dir, secure_db_files

if TYPE_CHECKING:
    from pestcli.store.crypto import Secret

#: Execution option that picks how a transaction starts ("", "IMMEDIATE", "AUTOCOMMIT").
BEGIN_OPTION = "pestcli_begin"

#: How many backups are kept unless the caller says otherwise.
DEFAULT_KEEP_BACKUPS = 10


class Store:
    """An open case store: the engine, the file it lives in and its side directories.

    ``secret`` holds the passphrase (in memory only) when the file is encrypted.
    """

    def __init__(
        self, engine: Engine, path: Path | None, keep_backups: int, secret: Secret | None = None
    ) -> None:
        self.engine = engine
        self.path = path
        self.keep_backups = keep_backups
        self.secret = secret

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
    def read(self) -> Iterator[Session]:
        """A session for reading: one consistent snapshot, nothing written."""
        try:
            with Session(self.engine, expire_on_commit=False, autoflush=False) as session:
                yield session
        except OperationalError as exc:
            raise _translate(exc) from None

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in one ``BEGIN IMMEDIATE`` transaction, committed on a clean exit.

        The write lock is taken at once; if another pestcli holds it longer than
        the busy timeout, a Dutch StoreBusyError is raised before anything is
        written. Any exception rolls the whole transaction back.
        """
        try:
            with self.engine.connect() as conn:
                conn.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
                with Session(bind=conn, expire_on_commit=False, autoflush=True) as session:
                    with session.begin():
                        session.connection()  # BEGIN IMMEDIATE now, not at the first query
                        yield session
        except OperationalError as exc:
            raise _translate(exc) from None

    def close(self) -> None:
        """Close every pooled connection (checkpointing the WAL when the last one goes)."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _translate(exc: OperationalError) -> StoreError:
    """A Dutch StoreError for an OperationalError from SQLite."""
    text = str(exc.orig) if exc.orig is not None else str(exc)
    if "locked" in text or "busy" in text:
        return StoreBusyError()
    if "full" in text:
        return StoreError("De schijf is vol; er is niets opgeslagen. Maak ruimte vrij en probeer het opnieuw.")
    if "readonly" in text or "read-only" in text:
        return StoreError("Het databasebestand is alleen-lezen; er is niets opgeslagen.")
    return StoreError(f"De database gaf een fout: {text}. Er is niets opgeslagen.")


def db_path_of(path_or_url: str | Path) -> Path | None:
    """The file of a path or ``sqlite:///`` URL; None for an in-memory database."""
    text = str(path_or_url)
    if "://" in text:
        url = make_url(text)
        if not url.drivername.startswith("sqlite"):
            raise StoreError(f"pestcli werkt alleen met SQLite-bestanden, niet met {url.drivername}.")
        database = url.database or ""
    else:
        database = text
    if database in ("", ":memory:"):
        return None
    return Path(database).expanduser().absolute()


def build_engine(path: Path | None, busy_timeout: float = 5.0, secret: Secret | None = None) -> Engine:
    """A SQLAlchemy engine for the file (or memory), with the pragmas on every connection.

    With a ``secret`` every connection is a SQLCipher one whose first
    statement is ``PRAGMA key``.
    """
    if secret is not None and path is not None:
        from pestcli.store.cipher import connect, dbapi

        engine = create_engine(
            f"sqlite:///{path}", module=dbapi(),
            creator=lambda: connect(path, secret.passphrase, busy_timeout, check=False),
        )
    elif path is None:
        engine = create_engine(
            "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        engine = create_engine(
            f"sqlite:///{path}",
            connect_args={"check_same_thread": False, "timeout": busy_timeout},
        )
    timeout_ms = int(busy_timeout * 1000)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {timeout_ms}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        mode = conn.get_execution_options().get(BEGIN_OPTION, "")
        if mode != "AUTOCOMMIT":
            conn.exec_driver_sql(f"BEGIN {mode}".strip())

    return engine


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
) -> Store:
    """Open (or create) the case store at a path or ``sqlite:///`` URL.

    The file is checked first (``quick_check``, our ``application_id``); a
    damaged or foreign file raises a Dutch StoreDamagedError and is left alone.
    A new file is created 0600 in a 0700 directory. Pending migrations run
    after a backup; a daily backup is made when the newest is a day old.
    ``private_parent`` also sets an existing parent directory to 0700 (the
    default data directory); a directory the user chose is left as it is.
    With a ``passphrase`` the file is (or becomes) a SQLCipher database; a
    wrong one raises WrongPassphraseError, and an encrypted file opened
    without one raises PassphraseRequiredError — both Dutch StoreErrors.
    """
    from pestcli.store.check import inspect_database

    path = db_path_of(path_or_url)
    state = "new"
    secret = None
    if path is not None:
        state = inspect_database(path, passphrase)
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
    engine = build_engine(path, busy_timeout, secret)
    store = Store(engine, path, keep_backups, secret)
    try:
        if migrate:
            from pestcli.store.migrate import upgrade_store

            upgrade_store(store, revision=revision, backup_first=(state == "ours"))
        if daily_backup and state == "ours" and path is not None:
            from pestcli.store.backup import backup_if_stale

            backup_if_stale(store)
        if path is not None:
            secure_db_files(path)
    except OperationalError as exc:
        store.close()
        raise _translate(exc) from None
    except BaseException:
        store.close()
        raise
    return store


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
