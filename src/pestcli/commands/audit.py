"""``pestcli audit [--case NUMBER] [--limit N]``: the audit trail as a table.

When, which OS user, what was done to what — never the sensitive text
itself (the trail does not hold it). Never imports Textual.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``pestcli audit``."""
    parser.add_argument("--case", "--melding", metavar="NUMMER", dest="case",
                        help="alleen het logboek van deze melding, bijvoorbeeld 2026-0003")
    parser.add_argument("--limit", metavar="N", type=_positive, default=50,
                        help="hoeveel regels, de nieuwste eerst (standaard 50)")


def _positive(text: str) -> int:
    """A whole number of at least 1 (argparse type with a Dutch error)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is geen geheel getal") from None
    if value < 1:
        raise argparse.ArgumentTypeError("geef minstens 1 op")
    return value


def run(args: argparse.Namespace) -> int:
    """Show the newest audit events."""
    from pestcli.commands.unlock import open_cli_store
    from pestcli.store.errors import NotFoundError, StoreError

    try:
        with open_cli_store(getattr(args, "db", None)) as store:
            from pestcli.store.audit_log import audit_rows

            rows = audit_rows(store, args.case, args.limit)
    except StoreError as exc:
        print(f"pestcli audit: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, NotFoundError) else 1
    _show(rows)
    return 0


def _show(rows) -> None:
    """Print the rows as a Rich table (plain when not on a terminal)."""
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    if not rows:
        console.print("Het logboek is leeg.")
        return
    table = Table(title="Logboek van pestcli", title_justify="left")
    for heading in ("Wanneer", "Gebruiker", "Handeling", "Wat", "Melding", "Omschrijving"):
        table.add_column(heading, overflow="fold")
    for row in rows:
        table.add_row(row.when, row.os_user, row.action, row.subject, row.case_number, row.summary)
    console.print(table)
