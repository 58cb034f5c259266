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

        rules = Rules.load(resolve_protocol_dir(getattr(args, "protocol", None)))
        with open_cli_store(getattr(args, "db", None)) as store:
            summary = fill_demo(store, today=today, force=args.force, rules=rules)
            path = store.path
    except (StoreError, ProtocolError) as exc:
        print(f"pestcli demo: {exc}", file=sys.stderr)
        return 1
    print(f"Demogegevens geschreven naar {path}:")
    print(f"  {summary.cases} meldingen, {summary.people} personen, "
          f"{summary.followups} geplande vervolggesprekken, {summary.evidence} bewijsstukken.")
    print("Alle namen en gebeurtenissen zijn verzonnen.")
    print(f'Bekijk ze met: pestcli --db "{path}"')
    return 0
