"""``pestcli toegang --melding NUMMER --naar NAAM``: let a colleague into a case (the school's server).

The mentor (or whoever may change the case) asks a colleague in: the
support team (``--reden ondersteuning``), a co-mentor (``gedeeld``), read-only
unless ``--wijzigen``. ``--intrekken`` ends that access again. Dutch
output; exit code 0 when done, 1 when refused, 2 when the server cannot be
reached.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``--melding``, ``--naar``, ``--wijzigen``, ``--reden``, ``--intrekken``."""
    parser.add_argument("--melding", required=True, metavar="NUMMER", help="de melding, bijvoorbeeld 2026-0003")
    parser.add_argument("--naar", required=True, metavar="NAAM", help="de gebruikersnaam (login) van de collega")
    parser.add_argument("--wijzigen", action="store_true", help="de collega mag ook vastleggen (anders alleen inzien)")
    parser.add_argument("--reden", choices=("ondersteuning", "gedeeld"), default="ondersteuning",
                        help="ondersteuning (ondersteuningsteam, standaard) of gedeeld (een collega-mentor)")
    parser.add_argument("--intrekken", action="store_true", help="beëindig de toegang van die collega weer")


def _fail(message: str, code: int = 1) -> int:
    from pestcli.text import plain

    print(f"pestcli toegang: {plain(message)}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    """Give (or end) the colleague's access; say what was done."""
    from pestcli.commands.unlock import open_cli_store
    from pestcli.store.errors import StoreError, StoreUnreachableError
    from pestcli.text import plain

    try:
        with open_cli_store(getattr(args, "db", None), daily_backup=False) as store:
            from pestcli.services import team
            from pestcli.services.reads import search_cases

            if team.who_is_working(store) is None:
                return _fail("toegang geven kan alleen op de server van de school, waar het team samenwerkt.")
            number = args.melding.strip()
            case = next((c for c in search_cases(store, number) if c.number == number), None)
            if case is None or case.id is None:
                return _fail(f"er is geen melding {number} die u kunt zien.")
            login = args.naar.strip().lower()
            colleague = next((c for c in team.colleagues(store) if c.login == login), None)
            if colleague is None:
                return _fail(f"er is geen collega met gebruikersnaam {args.naar.strip()!r} op deze school.")
            if not team.may_change_case(store, case.id):
                return _fail(f"u kunt melding {number} alleen inzien; vraag de mentor of de coördinator.")
            if args.intrekken:
                ended = team.end_access(store, case.id, colleague.id)
                print(plain(f"{colleague.name} heeft geen toegang meer tot melding {number}." if ended else
                            f"{colleague.name} had geen toegang tot melding {number}; er is niets veranderd."))
                return 0
            team.grant_access(store, case.id, colleague.id, can_change=args.wijzigen, reason=args.reden)
    except StoreUnreachableError as exc:
        return _fail(str(exc), 2)
    except StoreError as exc:
        return _fail(str(exc))
    how = "mag meelezen en vastleggen" if args.wijzigen else "mag meelezen"
    print(plain(f"{colleague.name} {how} bij melding {number}."))
    return 0
