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


#: The most lines ``--limit`` may ask for (more than any school's log; SQLite cannot take huge numbers).
MAX_LIMIT = 1_000_000


def _positive(text: str) -> int:
    """A whole number from 1 to MAX_LIMIT (argparse type with a Dutch error)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is geen geheel getal") from None
    if value < 1:
        raise argparse.ArgumentTypeError("geef minstens 1 op")
    if value > MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"geef hoogstens {MAX_LIMIT} op")
    return value


def run(args: argparse.Namespace) -> int:
    """Show the newest audit events."""
    from pestcli.commands.unlock import open_cli_store
    from pestcli.store.errors import NotFoundError, StoreError

    words = _words(args)
    try:
        with open_cli_store(getattr(args, "db", None), admin=True) as store:
            from pestcli.store.audit_log import audit_rows

            rows = audit_rows(store, args.case, args.limit, words=words)
    except StoreError as exc:
        from pestcli.text import plain

        print(f"pestcli audit: {plain(str(exc))}", file=sys.stderr)  # may quote what was typed
        return 2 if isinstance(exc, NotFoundError) else 1
    _show(rows)
    return 0


def _words(args: argparse.Namespace):
    """The protocol's labels for the summaries (guide items, rungs, evidence); the app's words if it fails."""
    from pestcli.protocol import ProtocolError, load_protocol, resolve_protocol_dir
    from pestcli.store.audit_words import AuditWords

    try:
        return AuditWords(load_protocol(resolve_protocol_dir(getattr(args, "protocol", None))))
    except ProtocolError:
        return AuditWords()


#: The columns, in order.
HEADINGS = ("Wanneer", "Gebruiker", "Handeling", "Wat", "Melding", "Omschrijving")


def _show(rows) -> None:
    """Print the rows: a Rich table on a terminal, plain tab-separated lines into a pipe or file.

    Into a pipe nothing is wrapped or cut (a table at 80 columns broke words:
    "geëxporteer d"): one line per event, its fields separated by a tab.
    """
    from rich.console import Console

    from pestcli.text import plain

    console = Console(highlight=False)
    if not rows:
        print("Het logboek is leeg.")
        return
    if not console.is_terminal:
        try:
            print("\t".join(HEADINGS))
            for row in rows:
                fields = (row.when, row.os_user, row.action, row.subject, row.case_number or "—", row.summary)
                print("\t".join(" ".join(plain(value).split()) for value in fields))
            sys.stdout.flush()
        except BrokenPipeError:  # `pestcli audit | head`: the reader has enough
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Logboek van pestcli", title_justify="left")
    for heading in HEADINGS:
        table.add_column(heading, overflow="fold")
    for row in rows:
        table.add_row(*(Text(plain(value)) for value in (row.when, row.os_user, row.action, row.subject,
                                                         row.case_number, row.summary)))
    console.print(table)
