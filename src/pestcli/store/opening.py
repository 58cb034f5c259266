"""Opening the case store: ``open_store`` and ``open_configured_store``.

The ``Store`` itself (its reads and writes) is in ``store.backend.engine``; this module
opens a file for it: the in-use lock, the check of the file (``quick_check``,
or prepared for after the first paint), read-only files, a new file made
0600 in a 0700 folder, the passphrase of an encrypted file, pending
migrations after a backup, the daily backup, and leftovers of a killed
``encrypt``. With encryption on, evidence files get their neutral names.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

from pestcli.store.backend.engine import DEFAULT_KEEP_BACKUPS, Store, _translate
from pestcli.store.errors import StoreError
from pestcli.store.backend.files import (
    create_private_file, make_private_dir, read_only_reason, remove_leftovers, secure_db_files,
)

if TYPE_CHECKING:
    from sqlalchemy.exc import DatabaseError

    from pestcli.store.backend.crypto import Secret


def _check_read_only_schema(store: Store) -> None:
    """A read-only file must already have pestcli's newest schema: it cannot be brought up to date."""
    from pestcli.store.backend.migrate import HEAD_REVISION, _stored_revision

    if _stored_revision(store) != HEAD_REVISION:
        reason = store.read_only or ""
        store.close()
        raise StoreError(
            f"Deze database moet worden bijgewerkt naar de nieuwe versie van pestcli, maar {reason}. "
            "Geef pestcli schrijfrechten (of kopieer het bestand naar een map van uzelf) en probeer "
            "het opnieuw; er is niets veranderd."
        )


def db_path_of(path_or_url: str | Path) -> Path | None:
    """The file of a path or ``sqlite:///`` URL; None for an in-memory database."""
    text = str(path_or_url)
    if "://" in text:
        from sqlalchemy.engine import make_url

        url = make_url(text)
        if url.drivername.startswith("postgres"):
            return None  # a server: no file
        if not url.drivername.startswith("sqlite"):
            raise StoreError(f"pestcli werkt met een SQLite-bestand of een PostgreSQL-server, "
                             f"niet met {url.drivername}.")
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
    admin: bool = False,
) -> Store:
    """Open (or create) the case store at a path or ``sqlite:///`` URL.

    The file is checked first (``quick_check``, our ``application_id``); a
    damaged or foreign file raises a Dutch StoreDamagedError and is left alone.
    With ``check="beside"`` (the app) only the header, schema and application
    id are read now; ``quick_check`` is prepared as ``store.backend.integrity``, to be
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
    On the school's server (``postgresql://``) see :func:`open_server_store`
    (``admin``: the administrator's commands).
    """
    from pestcli.store.backend.server import is_server_url

    if is_server_url(path_or_url):
        if passphrase is not None:
            raise StoreError("Een wachtwoord geldt voor een databasebestand; de server beveiligt de school "
                             "zelf (inloggen, TLS). Er is niets veranderd.")
        return open_server_store(str(path_or_url), migrate=migrate, revision=revision,
                                 busy_timeout=busy_timeout, admin=admin)
    from pestcli.store.backend.in_use import hold_shared

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


def open_server_store(url: str, *, migrate: bool = True, revision: str = "head",
                      busy_timeout: float = 5.0, admin: bool = False) -> Store:
    """Open the store on a PostgreSQL server: reach it, then bring its schema up to date.

    An unreachable server (or one that does not let the user in) raises the
    Dutch StoreUnreachableError naming it. Nothing of a file applies: no
    lock file, no quick_check, no backups (the server's backups are the
    school's), no passphrase (the server has its own access control).
    On a server set up for the team (``pestcli server init``) pestcli works
    as a person of the team, never as the tables' owner: a login that is not
    in the team is refused in Dutch, unless ``admin`` (the administrator's
    own commands: server, migrate, backup, restore, audit).
    """
    store = Store(None, 0, None, busy_timeout, url=url)
    try:
        with store.sql() as con:
            con.execute("SELECT 1").fetchall()  # reachable, and lets us in
        if migrate:
            from pestcli.store.backend.migrate import upgrade_store

            upgrade_store(store, revision=revision, backup_first=False)
        _identify(store, admin)
    except BaseException as exc:
        store.close()
        if _is_database_error(exc):
            raise store.dutch_error(exc) from None
        raise
    return store


def _identify(store: Store, admin: bool) -> None:
    """Who is logged in on the server (``store.staff``), and so which school's records are theirs.

    On a server set up for the team, a login outside the team is refused
    unless ``admin``.
    """
    from pestcli.store.backend.server_users import whoami

    with store.sql() as con:
        secured = con.execute(
            "SELECT to_regclass('staff') IS NOT NULL, coalesce((SELECT relforcerowsecurity FROM pg_class "
            "WHERE oid = to_regclass('cases')), false), session_user").fetchone()
        if not secured[0]:
            return  # an older schema (not migrated): nobody of the team yet
        store.staff = whoami(con)
    if store.staff is None and secured[1] and not admin:
        from pestcli.store.backend.server import server_label

        raise StoreError(
            f"U bent op {server_label(store.url or '')} ingelogd als {secured[2]}, en die gebruiker staat niet in "
            "het team van pestcli. Log in met uw eigen gebruikersnaam (de beheerder voegt u toe met "
            "'pestcli server user add'). De login van de beheerder is alleen voor pestcli server, migrate, "
            "backup, restore en audit.")
    if store.staff is not None and store.staff.school_id is not None:
        store.school_id = store.staff.school_id


def _open_file_store(
    path: Path | None, state: str, secret: Secret | None, check: str, passphrase: str | None,
    private_parent: bool, keep_backups: int, busy_timeout: float, migrate: bool, revision: str,
    daily_backup: bool, lock_held: bool = False,
) -> Store:
    """The body of ``open_store`` once the in-use lock is held."""
    from pestcli.store.backend.check import inspect_database

    read_only = read_only_reason(path) if path is not None else None
    if path is not None and read_only:  # read it, never change it (not even its mode)
        state = inspect_database(path, passphrase, quick_check=(check == "now"))
        if passphrase is not None:
            from pestcli.store.backend.crypto import Secret

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
        from pestcli.store.backend.integrity import IntegrityCheck

        store.integrity = IntegrityCheck(path, passphrase)  # started after the first paint
    try:
        if migrate:
            from pestcli.store.backend.migrate import upgrade_store

            upgrade_store(store, revision=revision, backup_first=(state == "ours"))
        if daily_backup and state == "ours" and path is not None:
            from pestcli.store.backend.backup import backup_if_stale

            backup_if_stale(store)
        if path is not None and not store.read_only:
            secure_db_files(path)
            if lock_held:  # no encrypt can be running: its temporary files are leftovers
                remove_leftovers(path)
            if store.secret is not None and _plain_evidence_names(path):
                from pestcli.store.evidence import neutralise_evidence_names

                neutralise_evidence_names(store)  # files handed in before the store was encrypted
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


def _is_database_error(exc: BaseException) -> TypeGuard[DatabaseError]:
    """Whether ``exc`` is SQLAlchemy's DatabaseError (without importing SQLAlchemy for it)."""
    errors = sys.modules.get("sqlalchemy.exc")
    return errors is not None and isinstance(exc, errors.DatabaseError)


def _secret_for(path: Path, passphrase: str) -> Secret:
    """The in-memory secret of an encrypted file; writes its key file when there is none."""
    from pestcli.store.backend.crypto import KdfParams, Secret, read_params, write_params

    if read_params(path) is None:
        write_params(path, KdfParams.fresh())
    return Secret(passphrase, path)


def open_configured_store(cli_value: str | None = None, **options) -> Store:
    """Open the store the user chose: ``--db``, else ``PESTCLI_DB``, else the default.

    The default data directory is made (or kept) 0700; a directory the user
    picked for ``--db`` is left as it is.
    """
    from pestcli.locations import configured_server, data_dir, resolve_db_path

    server = configured_server(cli_value)
    if server is not None:
        return open_store(server, **options)
    path = resolve_db_path(cli_value)
    private = path.expanduser().absolute().parent == data_dir().absolute()
    return open_store(path, private_parent=private, **options)


def _plain_evidence_names(db_path: Path) -> bool:
    """Whether an evidence file beside the database still has a name other than its neutral ``00004.bin``.

    A look at the folder only (no SQL), so opening an encrypted store whose
    files are all neutral costs nothing.
    """
    folder = db_path.parent / "evidence"
    if not folder.is_dir():
        return False
    try:
        return any(not (name.endswith(".bin") and name[:-4].isdigit())
                   for case in folder.iterdir() if case.is_dir() for name in os.listdir(case))
    except OSError:
        return False
