"""``pestcli migrate``: bring the database's schema to this version of pestcli, and say what was done.

For the IT administrator of a school's server: run it once as the role
that owns the database after installing a new pestcli, before the mentors
start theirs (their roles may lack the rights to change the schema). On a
file it does what the app does at start: a backup first, then the
migrations. Dutch output; exit code 0 when the schema is (now) current, 1
on a failure, 2 when the server cannot be reached.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No arguments besides ``--db``."""


def run(args: argparse.Namespace) -> int:
    """Migrate the configured database; print where it was and where it is now."""
    from pestcli.commands.unlock import open_cli_store
    from pestcli.store.errors import StoreError, StoreUnreachableError

    try:
        with open_cli_store(getattr(args, "db", None), migrate=False, daily_backup=False, admin=True) as store:
            from pestcli.store.backend.migrate import HEAD_REVISION, current_revision, upgrade_store

            before = current_revision(store)
            changed = upgrade_store(store, backup_first=store.path is not None)
            where = _where(store)
    except StoreUnreachableError as exc:
        print(f"pestcli migrate: {exc}", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"pestcli migrate: {exc}", file=sys.stderr)
        return 1
    if not changed:
        print(f"De database {where} heeft al het schema van deze versie van pestcli ({HEAD_REVISION}); "
              "er is niets veranderd.")
    elif before is None:
        print(f"De database {where} is ingericht voor pestcli (schema {HEAD_REVISION}).")
    else:
        print(f"De database {where} is bijgewerkt van schema {before} naar {HEAD_REVISION}.")
    return 0


def _where(store) -> str:
    """The database for a message: the server (without a password) or the file."""
    if store.url is not None:
        from pestcli.store.backend.server import server_label

        return f"op {server_label(store.url)}"
    return str(store.path)
