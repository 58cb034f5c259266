"""``pestcli demo [--db PAD] [--force] [--today DATUM]``: fill a database with invented cases."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``pestcli demo``."""
    parser.add_argument(
        "--force", action="store_true",
        help="schrijf ook in een database die al meldingen bevat (er wordt niets gewist)",
    )
    parser.add_argument(
        "--today", metavar="DATUM",
        help="doe alsof het vandaag DATUM is, bijvoorbeeld 2026-11-23 of 23-11-2026",
    )


def run(args: argparse.Namespace) -> int:
    """Write the demo cases; a Dutch report, or a Dutch error and exit code 1."""
    from datetime import date

    from pestcli.protocol import ProtocolError, resolve_protocol_dir
    from pestcli.store.errors import StoreError

    today = None
    if args.today:
        from pestcli.protocol.dates import DateParseError, parse_date

        try:
            today = parse_date(args.today, date.today())
        except DateParseError as exc:
            print(f"pestcli demo: {exc}", file=sys.stderr)
            return 2
    try:
        from pestcli.store.demo import fill_demo
        from pestcli.commands.unlock import open_cli_store
        from pestcli.store.workflow import Rules

        rules = Rules.load(str(resolve_protocol_dir(getattr(args, "protocol", None))))
        with open_cli_store(getattr(args, "db", None)) as store:
            before = _count_cases(store)
            try:
                summary = fill_demo(store, today=today, force=args.force, rules=rules)
            except (StoreError, OSError) as exc:
                print(f"pestcli demo: {_partial_message(store, before, exc)}", file=sys.stderr)
                return 1
            path, on_server = store.where, store.on_server
    except (StoreError, ProtocolError) as exc:
        print(f"pestcli demo: {exc}", file=sys.stderr)
        return 1
    print(f"Demogegevens geschreven naar {path}:")
    print(f"  {summary.cases} meldingen, {summary.people} personen, "
          f"{summary.followups} geplande vervolggesprekken, {summary.evidence} bewijsstukken.")
    print("Alle namen en gebeurtenissen zijn verzonnen.")
    if on_server:
        print("Bekijk ze met: pestcli, met dezelfde --db of PESTCLI_DB.")
    else:
        print(f'Bekijk ze met: pestcli --db "{path}"')
    return 0


def _count_cases(store) -> int | None:
    """How many cases the store holds now; None when it cannot be read."""
    from pestcli.store.errors import StoreError
    from pestcli.store.overview import count_cases

    try:
        return count_cases(store)
    except (StoreError, OSError):
        return None


def _partial_message(store, before: int | None, exc: BaseException) -> str:
    """The Dutch report of a demo that stopped halfway: why, and how many cases were saved.

    The store's own message speaks of the one write that failed ("er is niets
    opgeslagen"); the demo saved each case in its own transactions, so what is
    already there is counted and named here instead.
    """
    from pestcli.store.demo_data import CASES
    from pestcli.store.errors import StoreError

    if isinstance(exc, StoreError):
        reason = str(exc).split(";")[0].split(". ")[0].rstrip(".")
    else:
        reason = "de schijf is vol" if getattr(exc, "errno", None) == 28 else "een bestand kon niet worden geschreven"
    after = _count_cases(store)
    if isinstance(exc, StoreError) and before is not None and after == before:
        return str(exc)  # nothing of the demo got in (a refusal, or the first write failed)
    total = len(CASES)
    if before is None or after is None:
        saved = "Hoeveel demomeldingen al zijn opgeslagen, kon niet worden gelezen."
    else:
        done = after - before
        saved = (f"Er {'is' if done == 1 else 'zijn'} {done} van de {total} demomeldingen opgeslagen "
                 f"in {store.where}; die blijven staan. De melding waarbij het misging, is niet (helemaal) "
                 "opgeslagen.")
    return f"gestopt: {reason[:1].lower() + reason[1:]}. {saved}"
