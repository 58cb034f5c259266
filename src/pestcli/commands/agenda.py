"""``pestcli agenda [--date D] [--days N] [--ics FILE] [--namen]``: what is due, without the app.

A Rich table, overdue first, for a quick look in the morning; or an
iCalendar file for Outlook or Google Calendar. Textual is never imported,
and on an up-to-date database neither are SQLAlchemy and SQLModel: the
agenda is read with plain SQL (``Store.sql()``).
"""

from __future__ import annotations

import argparse
import sys

#: Days shown when --days is not given.
DEFAULT_DAYS = 7
#: The longest period one export may cover (the follow-ups run for two years).
MAX_DAYS = 3 * 366


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``pestcli agenda``."""
    parser.add_argument(
        "--date", metavar="DATUM",
        help="begin op DATUM (standaard vandaag), bijvoorbeeld 23-11-2026, maandag of morgen",
    )
    parser.add_argument(
        "--today", metavar="DATUM",
        help="doe alsof het vandaag DATUM is (voor demo's en tests); wat vóór vandaag "
             "nog openstaat, telt als te laat",
    )
    parser.add_argument(
        "--days", metavar="N", default=str(DEFAULT_DAYS),
        help=f"toon N dagen vanaf de begindatum (standaard {DEFAULT_DAYS})",
    )
    parser.add_argument(
        "--ics", metavar="BESTAND",
        help="schrijf de agenda als iCalendar-bestand (voor Outlook of Google Agenda)",
    )
    parser.add_argument(
        "--namen", action="store_true",
        help="toon de volledige namen van de leerlingen (standaard: rol en initialen; "
             "in een iCalendar-bestand standaard geen namen)",
    )


def parse_days(text: str) -> int:
    """The number of days, or ValueError with a Dutch message."""
    try:
        days = int(str(text).strip())
    except ValueError:
        raise ValueError(f"--days verwacht een heel getal, niet {text!r}.") from None
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"--days moet tussen 1 en {MAX_DAYS} liggen, niet {days}.")
    return days


def run(args: argparse.Namespace) -> int:
    """Print the agenda (or write the iCalendar file); 0, 1 on a store error, 2 on bad input."""
    from datetime import date, timedelta

    from pestcli.protocol import ProtocolError
    from pestcli.protocol.dates import DateParseError, parse_date
    from pestcli.store.errors import StoreError

    try:
        today = parse_date(args.today, date.today()) if args.today else date.today()
        start = parse_date(args.date, today) if args.date else today
        days = parse_days(args.days)
    except (DateParseError, ValueError) as exc:
        print(f"pestcli agenda: {exc}", file=sys.stderr)
        return 2
    end = start + timedelta(days=days - 1)
    try:
        rows = _read_rows(args, start, end, today)
    except (StoreError, ProtocolError) as exc:
        print(f"pestcli agenda: {exc}", file=sys.stderr)
        return 1
    if args.ics:
        return _write_ics(args.ics, rows, args.namen, start, end)
    _print_table(rows, start, end, today)
    return 0


def _read_rows(args: argparse.Namespace, start, end, today):
    """The agenda rows from the chosen store, overdue as of ``today``.

    A database that does not exist yet is not created: the agenda only reads.
    Nothing is written, so the whole-file ``quick_check`` is left to the app.
    """
    from pestcli.agenda.rows import agenda_rows
    from pestcli.locations import resolve_db_path
    from pestcli.protocol import load_protocol, resolve_protocol_dir
    from pestcli.commands.unlock import open_cli_store
    from pestcli.store.errors import StoreError

    path = resolve_db_path(getattr(args, "db", None))
    if not path.expanduser().exists():
        raise StoreError(f"Er is nog geen database op {path}. Start eerst pestcli, "
                         "of kies een database met --db.")
    protocol = load_protocol(resolve_protocol_dir(getattr(args, "protocol", None)))
    # Only reads: no whole-file quick_check (0.3 s on a school's file); a damaged
    # page the reads touch still ends in the Dutch message.
    with open_cli_store(getattr(args, "db", None), daily_backup=False, check="skip") as store:
        return agenda_rows(store, protocol, start, end, today, include_names=args.namen)


def _print_table(rows, start, end, today) -> None:
    """The Rich table, or the Dutch line for an empty agenda.

    Piped into a file or another program the table is 120 columns wide
    (unless COLUMNS says otherwise), not Rich's cramped 80.
    """
    import os

    from rich.console import Console

    from pestcli.agenda.table import agenda_table, empty_message

    width = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 120
    console = Console(width=width, highlight=False)
    if not rows:
        console.print(empty_message(start, end))
        return
    console.print(agenda_table(rows, start, end, today))


def _write_ics(target: str, rows, include_names: bool, start, end) -> int:
    """Write the iCalendar file; a Dutch line on success or failure."""
    from pathlib import Path

    from pestcli.agenda.ics import write_ics
    from pestcli.agenda.table import empty_message, period_text

    path = Path(target).expanduser()
    try:
        count = write_ics(path, rows, include_names)
    except OSError as exc:
        print(f"pestcli agenda: kan {path} niet schrijven: {exc.strerror or exc}.", file=sys.stderr)
        return 1
    if count == 0:
        print(f"{empty_message(start, end)} Lege agenda geschreven naar {path}.")
    else:
        names = "met namen van leerlingen" if include_names else "zonder namen van leerlingen"
        noun = "agendapunt" if count == 1 else "agendapunten"
        print(f"{count} {noun} ({period_text(start, end)}) geschreven naar {path}, {names}.")
    return 0
