"""``pestcli copy-to URL [--proef]``: copy the mentor's own file into the school's database server.

The source is the configured database (``--db``, ``PESTCLI_DB`` or the
default file; the passphrase is asked when it is encrypted); URL must be a
``postgresql://`` address. The work is ``store.copy_to.copy_store``: one
transaction on the server, verified after the commit, safe to run twice;
the own file is only read. ``--proef`` shows what would be copied (and the
conflicts) without writing anything.

Exit codes: 0 copied (or nothing new), 1 a conflict or another Dutch error
(nothing copied), 2 the server cannot be reached. Never imports Textual.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``pestcli copy-to``."""
    parser.add_argument("url", metavar="URL",
                        help="de database van de school: postgresql://gebruiker@server:poort/database")
    parser.add_argument("--proef", action="store_true",
                        help="laat zien wat er gekopieerd zou worden (en de conflicten), zonder iets te schrijven")


def _fail(message: str, code: int) -> int:
    """Print a Dutch error (without control characters) and return the exit code."""
    from pestcli.text import plain

    print(f"pestcli copy-to: {plain(message)}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    """Open the own file and the server, copy, and report in Dutch."""
    from pestcli.locations import configured_server, is_server_url
    from pestcli.store.errors import StoreError, StoreUnreachableError

    if not is_server_url(args.url):
        return _fail(f"{args.url!r} is geen adres van een PostgreSQL-server; geef een adres als "
                     "postgresql://gebruiker@server:5432/pestcli. Er is niets gekopieerd.", 1)
    if configured_server(getattr(args, "db", None)) is not None:
        return _fail("De bron moet het eigen databasebestand zijn (--db PAD of PESTCLI_DB), geen server. "
                     "Er is niets gekopieerd.", 1)
    from pestcli.locations import resolve_db_path

    own = resolve_db_path(getattr(args, "db", None)).expanduser().absolute()
    if not own.is_file():  # opening it would make a new, empty file
        return _fail(f"Het eigen databasebestand {own} bestaat niet; er is niets gekopieerd.", 1)
    from pestcli.commands.unlock import open_cli_store
    from pestcli.store.opening import open_store

    try:
        with open_cli_store(getattr(args, "db", None), daily_backup=False, migrate=False) as source:
            with open_store(args.url) as target:
                return _copy(source, target, dry_run=args.proef)
    except StoreUnreachableError as exc:
        return _fail(str(exc), 2)
    except StoreError as exc:
        return _fail(str(exc), 1)


def _copy(source, target, *, dry_run: bool) -> int:
    """The copy on two open stores; the report on standard output."""
    from pestcli.store.copy_to import copy_store
    from pestcli.text import plain

    report = copy_store(source, target, dry_run=dry_run)
    for line in report.lines():
        print(plain(line))
    return 0
