"""``pestcli wis --leerling NAAM [--grond GROND] [--ja]``: erase one pupil on request (AVG art. 17).

The pupil (a part of the name or the pupil number, matching exactly one
pupil) is erased everywhere with ``store.erasure.erase_pupil``: the cases
they were the only pupil in, their parents known only through them, their
name in the notes of shared cases. The erasure is written to the ledger
beside the database, so a restore of an older backup erases it again.
Without ``--ja`` the command asks for the pupil's full name as confirmation;
without a terminal it refuses and erases nothing. Never imports Textual.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``pestcli wis``."""
    from pestcli.store.erasure import ERASURE_GROUNDS

    parser.add_argument("--leerling", "--pupil", metavar="NAAM", required=True, dest="pupil",
                        help="(een deel van) de naam of het leerlingnummer van één leerling")
    parser.add_argument("--grond", choices=sorted(ERASURE_GROUNDS), default="verzoek",
                        help="waarom: verzoek (van leerling of ouders, standaard), onjuist of bewaartermijn")
    parser.add_argument("--ja", action="store_true",
                        help="niet om bevestiging vragen (voor scripts)")


def _fail(message: str, code: int = 2) -> int:
    """Print a Dutch error (without control characters) and return the exit code."""
    from pestcli.text import plain

    print(f"pestcli wis: {plain(message)}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    """Find the pupil, confirm, erase, and say which backups still hold the data."""
    from pestcli.commands.unlock import open_cli_store
    from pestcli.store.errors import StoreError

    try:
        with open_cli_store(getattr(args, "db", None), daily_backup=False) as store:
            return _run(store, args)
    except StoreError as exc:
        return _fail(str(exc), 1)


def _full_name(person) -> str:
    """The pupil's first and last name, as a mentor would type them."""
    return f"{person.first_name} {person.last_name}".strip()


def _refused(person, args: argparse.Namespace) -> int:
    """0 when the user confirmed (``--ja``, or the pupil's full name typed), else the exit code."""
    from pestcli.text import plain

    if args.ja:
        return 0
    if not sys.stdin.isatty():
        return _fail("bevestig met --ja (er is geen terminal om het te vragen); er is niets gewist.")
    name = plain(_full_name(person))
    print(f"Alles over {name} wordt definitief gewist, ook de meldingen waarin alleen deze leerling staat.")
    try:
        answer = input(f"Typ de volledige naam ({name}) om te wissen: ")
    except EOFError:
        answer = ""
    if " ".join(answer.split()).casefold() != " ".join(name.split()).casefold():
        return _fail("de naam klopt niet; er is niets gewist.", 1)
    return 0


def _run(store, args: argparse.Namespace) -> int:
    """The command's work on an open store."""
    from pestcli.store.access import find_pupils
    from pestcli.store.erasure import erase_pupil
    from pestcli.store.sql_values import saved_id
    from pestcli.text import plain

    found = find_pupils(store, args.pupil)
    if not found:
        return _fail(f"geen leerling gevonden bij {args.pupil.strip()!r}; er is niets gewist.")
    if len(found) > 1:
        lines = [f"  - {plain(_full_name(p))} ({plain(p.class_name) or 'geen klas'})" for p in found]
        return _fail(f"{len(found)} leerlingen passen bij {args.pupil.strip()!r}; maak de naam specifieker. "
                     "Er is niets gewist.\n" + "\n".join(lines))
    person = found[0]
    if refused := _refused(person, args):
        return refused
    result = erase_pupil(store, saved_id(person.id), args.grond)
    print(plain(f"De leerling is gewist (persoon {person.id}). {result.backup_sentence}"))
    if result.after_restore_sentence:
        print(result.after_restore_sentence)
    return 0
