"""``pestcli backup`` and ``pestcli restore``: make and put back backups of the database.

Both subcommands live in this module; ``add_arguments`` tells them apart by
the parser's name. A backup works on the file as it is (no migration); a
restore first keeps the current file (as a backup, or renamed when it is
damaged), so nothing is ever lost. Close other pestcli windows before a
restore: they would keep showing what they had loaded.
"""

from __future__ import annotations

import argparse
import sys


def _is_restore(parser: argparse.ArgumentParser) -> bool:
    """Whether this parser is the one of ``pestcli restore``."""
    return parser.prog.split()[-1] == "restore"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``pestcli backup`` or ``pestcli restore``."""
    if _is_restore(parser):
        parser.add_argument(
            "backup", nargs="?", metavar="KOPIE",
            help="de reservekopie om terug te zetten: een pad, of een nummer uit --list",
        )
        parser.add_argument("--list", action="store_true", help="toon de reservekopieën en stop")
        parser.add_argument(
            "--vervang-serverdata", action="store_true", dest="replace_server_data",
            help="alleen op een PostgreSQL-server: ja, vervang de gegevens van iedereen door deze kopie",
        )
        parser.set_defaults(backup_action="restore")
    else:
        parser.add_argument(
            "--keep", type=int, default=None, metavar="AANTAL",
            help="bewaar zoveel reservekopieën (standaard 10)",
        )
        parser.add_argument(
            "--naar", default=None, metavar="MAP",
            help="alleen op een PostgreSQL-server: de map voor de kopie (standaard in de gegevensmap)",
        )
        parser.set_defaults(backup_action="backup")


def run(args: argparse.Namespace) -> int:
    """Make a backup or restore one; Dutch output, exit code 1 on failure."""
    from pestcli.locations import configured_server, resolve_db_path
    from pestcli.store.errors import StoreError

    choice = getattr(args, "backup", None)
    if choice and _name_too_long(choice):  # the system cannot even look for it: a Dutch word, not a traceback
        print(f"pestcli {args.command}: de naam van de reservekopie is te lang voor het systeem; "
              "er is niets veranderd.", file=sys.stderr)
        return 1
    url = configured_server(getattr(args, "db", None))
    if url is not None:
        return _run_on_server(url, args)
    for option, given in (("--naar", getattr(args, "naar", None)),
                          ("--vervang-serverdata", getattr(args, "replace_server_data", False))):
        if given:
            print(f"pestcli {args.command}: {option} geldt alleen voor een PostgreSQL-server; "
                  "er is niets veranderd.", file=sys.stderr)
            return 1
    db_path = resolve_db_path(getattr(args, "db", None)).absolute()
    try:
        if getattr(args, "backup_action", "backup") == "restore":
            return _restore(db_path, args)
        return _backup(db_path, args.keep)
    except StoreError as exc:
        print(f"pestcli {args.command}: {exc}", file=sys.stderr)
        return 1


def _backup(db_path, keep: int | None) -> int:
    """Make a verified backup of the file now."""
    from pestcli.store.backend.backup import DEFAULT_KEEP, backup_now
    from pestcli.store.backend.backup_list import list_backups
    from pestcli.store.backend.check import inspect_database
    from pestcli.store.errors import StoreError

    from pestcli.store.backend.cipher import is_encrypted

    if keep is not None and keep < 1:
        raise StoreError("--keep moet minstens 1 zijn.")
    if is_encrypted(db_path):  # the backup stays encrypted: it is made through the keyed store
        from pestcli.commands.unlock import open_cli_store

        with open_cli_store(str(db_path), daily_backup=False, admin=True) as store:
            path = backup_now(store, reason="handmatig", keep=keep or DEFAULT_KEEP)
    else:
        if inspect_database(db_path) != "ours":
            raise StoreError(f"Er is nog geen database in {db_path}; er valt niets te bewaren.")
        path = backup_now(db_path, reason="handmatig", keep=keep or DEFAULT_KEEP)
    print(f"Reservekopie gemaakt en gecontroleerd: {path}")
    print(f"Er zijn nu {len(list_backups(db_path))} reservekopieën in {path.parent}.")
    return 0


def _restore(db_path, args: argparse.Namespace) -> int:
    """List the backups, or put one back."""
    from pathlib import Path

    from pestcli.store.backend.backup_list import list_backups
    from pestcli.store.backend.restore import restore_backup

    backups = list(reversed(list_backups(db_path)))
    if args.list or not args.backup:
        if not backups:
            print(f"Er zijn geen reservekopieën van {db_path}.")
            return 0
        print(f"Reservekopieën van {db_path} (nieuwste eerst):")
        for number, info in enumerate(backups, start=1):
            size = info.path.stat().st_size // 1024
            print(f"  {number:>2}  {info.label}  {info.reason:<14} {size:>6} kB  "
                  f"{_contents(info.path):<15} {info.path}")
        print("Zet er een terug met: pestcli restore NUMMER (of het pad)")
        return 0
    choice = args.backup
    if choice.isdigit() and not Path(choice).exists():
        index = int(choice)
        if not 1 <= index <= len(backups):
            print(f"pestcli restore: er is geen reservekopie met nummer {index}.", file=sys.stderr)
            return 1
        source = backups[index - 1].path
    else:
        source = Path(choice).expanduser()
    from pestcli.store.backend.cipher import is_encrypted
    from pestcli.store.backend.in_use import check_not_in_use

    check_not_in_use(db_path, "terugzetten")  # refuse while another pestcli has the file open
    passphrase = None
    if is_encrypted(db_path) or is_encrypted(source) or _looks_encrypted(source):
        from pestcli.commands.unlock import read_passphrase

        passphrase = read_passphrase("Wachtwoord van de database: ")
    kept = restore_backup(db_path, source, passphrase=passphrase)
    print(f"Teruggezet: {source}")
    print(f"        in: {db_path}")
    if kept is not None:
        print(f"De vorige toestand is bewaard in {kept}.")
    from pestcli.store.erasure import reapplied_sentence, reapply_after_restore

    if reapplied := reapply_after_restore(db_path, passphrase):  # erasures made after the backup stay erased
        print(reapplied_sentence(reapplied))
    print("Heeft u pestcli nog in een ander venster open? Start het daar opnieuw.")
    return 0


def _name_too_long(name: str) -> bool:
    """Whether the system refuses to look a path up because it (or one of its parts) is too long."""
    import errno
    import os

    try:
        os.stat(os.path.expanduser(name))
    except OSError as exc:
        return exc.errno == errno.ENAMETOOLONG
    except ValueError:  # a NUL character: the file code and the server code each say so
        return False
    return False


def _run_on_server(url: str, args: argparse.Namespace) -> int:
    """``backup`` / ``restore`` on a PostgreSQL server: pg_dump and pg_restore, or the honest Dutch word."""
    from pestcli.store.backend.server_backup import backup_server, restore_plan, restore_server
    from pestcli.store.errors import StoreError

    try:
        if getattr(args, "backup_action", "backup") == "restore":
            if args.list or not args.backup:
                return _list_server_dumps(url)
            source = _server_source(args.backup)
            if source is None:
                return 1
            if not args.replace_server_data:
                print(restore_plan(url, source), file=sys.stderr)
                return 1
            before = restore_server(url, source)
            print(f"De kopie van de huidige gegevens (van vóór het terugzetten) staat in {before}.")
            print(f"Teruggezet: {source}")
            print(f"        op: de database-server {_label(url)}")
            print("Wie pestcli op deze server open heeft, ziet de teruggezette gegevens na opnieuw starten.")
            return 0
        if args.keep is not None:
            print(f"pestcli {args.command}: --keep geldt alleen voor het databasebestand; kopieën van een "
                  "server ruimt pestcli niet op. Er is niets veranderd.", file=sys.stderr)
            return 1
        from pathlib import Path

        path = backup_server(url, Path(args.naar) if args.naar else None)
        print(f"Kopie van de database-server {_label(url)} gemaakt en gecontroleerd: {path}")
        print("Let op: dit bestand bevat de gegevens van leerlingen. Zet het op de beveiligde opslag van "
              "de school (afgesproken met de systeembeheerder) en laat het niet op deze computer of een "
              "USB-stick staan.")
        return 0
    except StoreError as exc:
        print(f"pestcli {args.command}: {exc}", file=sys.stderr)
        return 1


def _label(url: str) -> str:
    """The server's name for a message (never its password)."""
    from pestcli.store.backend.server import server_label

    return server_label(url)


def _server_source(choice: str):
    """The dump to put back: a path, or a number from ``pestcli restore --list``; None (with a message) if neither."""
    from pathlib import Path

    from pestcli.store.backend.server_backup import list_server_dumps

    if choice.isdigit() and not Path(choice).exists():
        dumps = list_server_dumps()
        index = int(choice)
        if not 1 <= index <= len(dumps):
            print(f"pestcli restore: er is geen kopie met nummer {index}. Er is niets veranderd.", file=sys.stderr)
            return None
        return dumps[index - 1].path
    source = Path(choice).expanduser()
    try:
        usable = source.is_file()
    except (OSError, ValueError):
        usable = False
    if not usable:
        print(f"pestcli restore: {source} bestaat niet of is geen bestand. Er is niets veranderd.", file=sys.stderr)
        return None
    return source


def _list_server_dumps(url: str) -> int:
    """List the dumps in the default folder of server dumps, newest first."""
    from pestcli.store.backend.server_backup import default_backup_dir, list_server_dumps

    dumps = list_server_dumps()
    folder = default_backup_dir()
    if not dumps:
        print(f"Er zijn geen kopieën van de server in {folder}. De reservekopieën van de database-server "
              f"{_label(url)} zelf zijn de taak van de systeembeheerder van de school.")
        return 0
    print(f"Kopieën van servers in {folder} (nieuwste eerst):")
    for number, dump in enumerate(dumps, start=1):
        kind = "voor terugzetten" if dump.before_restore else "handmatig"
        print(f"  {number:>2}  {dump.label}  {kind:<16} {dump.size // 1024:>6} kB  {dump.path}")
    print("Zet er een terug met: pestcli restore NUMMER --vervang-serverdata (of het pad)")
    return 0


def _contents(path) -> str:
    """What a backup holds, for the list: ``9 meldingen``, ``versleuteld`` or ``onbruikbaar``."""
    from pestcli.store.backend.backup_checks import backup_cases, looks_usable

    if not looks_usable(path):
        return "onbruikbaar"
    cases = backup_cases(path)
    if cases is None:
        return "versleuteld"
    return f"{cases} melding" if cases == 1 else f"{cases} meldingen"


def _looks_encrypted(path) -> bool:
    """Whether a backup file is there, not empty, and not plain SQLite (so it needs the passphrase)."""
    from pestcli.store.backend.cipher import SQLITE_HEADER

    try:
        with path.open("rb") as handle:
            start = handle.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return bool(start) and start != SQLITE_HEADER
