"""Schema migrations with Alembic, shipped inside the package and run from code.

No ``alembic.ini`` is needed: the Config is built here and points at
``store/backend/migrations``. Migrations run in one ``BEGIN IMMEDIATE`` transaction
with foreign keys switched off (so a batch table rebuild cascades nothing
away); ``PRAGMA foreign_key_check`` must be clean before it commits.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pestcli.store.backend.server import server_label
from pestcli.store.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection

    from pestcli.store.backend.engine import Store

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

#: The newest revision shipped. Checked against Alembic's own head by a test; it
#: lets an up-to-date database open without importing Alembic at all.
HEAD_REVISION = "0013"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config for the packaged migrations, optionally bound to a connection."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision this version of pestcli knows."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    """Every revision id shipped with this version of pestcli."""
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(store: Store) -> str | None:
    """The revision the database is at; None for a new, empty database."""
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _stored_revision(store: Store) -> str | None:
    """The revision in ``alembic_version``, read with plain SQL (None when absent)."""
    with store.sql() as con:
        exists = ("SELECT to_regclass('alembic_version') IS NOT NULL" if store.on_server else
                  "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
        if not con.execute(exists).fetchone()[0]:
            return None
        rows = con.execute("SELECT version_num FROM alembic_version").fetchall()
    return rows[0][0] if len(rows) == 1 else None


def upgrade_store(store: Store, revision: str = "head", backup_first: bool = True) -> bool:
    """Bring the database to ``revision``; True if anything ran.

    A database from a newer pestcli raises a Dutch StoreError. When
    ``backup_first`` and a migration is due, a backup is made before it.
    """
    if revision == "head" and _stored_revision(store) == HEAD_REVISION:
        return False  # the common case: nothing to do, and no Alembic import
    current = current_revision(store)
    target = head_revision() if revision == "head" else revision
    if current is not None and current not in known_revisions():
        where = f"De database op {server_label(store.url)}" if store.url else f"Het databasebestand {store.path}"
        raise StoreError(
            f"{where} is gemaakt met een nieuwere versie van pestcli "
            f"(schema {current}). Werk pestcli bij; er is niets veranderd."
        )
    if current == target:
        return False
    if store.integrity is not None:
        store.integrity.wait()  # never migrate a damaged file
    if backup_first and current is not None and store.path is not None:
        from pestcli.store.backend.backup import backup_now

        backup_now(store, reason="voor-migratie")
    _run(store, lambda config: _upgrade(config, target))
    return True


def downgrade_store(store: Store, revision: str) -> None:
    """Take the schema back to ``revision`` (for tests and emergencies)."""
    from alembic import command

    _run(store, lambda config: command.downgrade(config, revision))


def _upgrade(config: Config, target: str) -> None:
    from alembic import command

    command.upgrade(config, target)


def _run(store: Store, action) -> None:
    """Run an Alembic command in one IMMEDIATE transaction with foreign keys off.

    On a server: in one transaction (PostgreSQL's DDL is transactional) that
    holds the write lock, so two colleagues starting a new pestcli at the
    same moment do not both migrate; the second finds the work done.
    """
    from pestcli.store.backend.sa_engine import BEGIN_OPTION

    if store.url is not None:
        from pestcli.store.backend.server import WRITE_LOCK_KEY

        with store.engine.begin() as conn:
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
            action(alembic_config(conn))
        return

    with store.engine.connect() as conn:
        conn.execution_options(**{BEGIN_OPTION: "AUTOCOMMIT"})
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        conn.commit()
        try:
            conn.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
            with conn.begin():
                action(alembic_config(conn))
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise StoreError(
                        "De database kon niet worden bijgewerkt: verwijzingen tussen tabellen "
                        "zouden kapotgaan. Er is niets veranderd."
                    )
        finally:
            conn.execution_options(**{BEGIN_OPTION: "AUTOCOMMIT"})
            conn.exec_driver_sql("PRAGMA foreign_keys = ON")
            conn.commit()
