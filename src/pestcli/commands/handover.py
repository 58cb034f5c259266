"""``pestcli overdracht --klas KLAS --naar NAAM``: a class's cases to its new mentor, in one step.

At the change of school year a class gets a new mentor, and the dossier
goes along (protocol §7). Run on the school's server by someone who may
change those cases (the APC, a team leader, the previous mentor): every
case of the class they may change moves to the new mentor in one
transaction, with the hand-over note; the previous mentor keeps read
access. Dutch output; exit code 0 when done, 1 when refused, 2 when the
server cannot be reached.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--klas``, ``--naar``, ``--notitie``."""
    parser.add_argument("--klas", required=True, metavar="KLAS", help="de klas, bijvoorbeeld 2B")
    parser.add_argument("--naar", required=True, metavar="NAAM",
                        help="de gebruikersnaam (login) van de nieuwe mentor, zoals in 'pestcli server user list'")
    parser.add_argument("--notitie", default="", metavar="TEKST", help="de overdrachtsnotitie voor de nieuwe mentor")


def _fail(message: str, code: int = 1) -> int:
    from pestcli.text import plain

    print(f"pestcli overdracht: {plain(message)}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    """Hand the class's cases over; say how many moved, to whom."""
    from datetime import date

    from pestcli.commands.unlock import open_cli_store
    from pestcli.store.errors import StoreError, StoreUnreachableError
    from pestcli.text import plain

    try:
        with open_cli_store(getattr(args, "db", None), daily_backup=False) as store:
            from pestcli.services import team

            if team.who_is_working(store) is None:
                return _fail("overdragen kan alleen op de server van de school, ingelogd als iemand van het team.")
            login = args.naar.strip().lower()
            target = next((c for c in team.colleagues(store) if c.login == login), None)
            if target is None:
                return _fail(f"er is geen collega met gebruikersnaam {args.naar.strip()!r} op deze school.")
            moved = team.hand_over_class(store, args.klas, target.id, args.notitie, date.today())
    except StoreUnreachableError as exc:
        return _fail(str(exc), 2)
    except StoreError as exc:
        return _fail(str(exc))
    klas = " ".join(args.klas.split())
    if not moved:
        print(plain(f"Klas {klas} heeft geen meldingen die u kunt overdragen; er is niets veranderd."))
        return 0
    word = "melding" if moved == 1 else "meldingen"
    print(plain(f"{moved} {word} van klas {klas} overgedragen aan {target.name}; de vorige mentor kan ze "
                "blijven inzien."))
    return 0
