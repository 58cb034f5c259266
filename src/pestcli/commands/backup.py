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
        parser.set_defaults(backup_action="restore")
    else:
        parser.add_argument(
            "--keep", type=int, default=None, metavar="AANTAL",
            help="bewaar zoveel reservekopieën (standaard 10)",
        )
        parser.set_defaults(backup_action="backup")


def run(args: argparse.Namespace) -> int:
    """Make a backup or restore one; Dutch output, exit code 1 on failure."""
    from pestcli.locations import resolve_db_path
    from pestcli.store.errors import StoreError

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

        with open_cli_store(str(db_path), daily_backup=False) as store:
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
