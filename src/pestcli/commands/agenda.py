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
        help="schrijf de agenda als iCalendar-bestand (voor Outlook of Google Agenda); importeer je "
             "het later opnieuw, dan werkt je agenda verzette, gedane en vervallen punten bij",
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
    from pestcli.text import plain

    try:
        calendar = _school_calendar(args) if (args.today or args.date) else None
    except ProtocolError as exc:
        print(f"pestcli agenda: {plain(str(exc))}", file=sys.stderr)
        return 1
    try:
        today = parse_date(args.today, date.today(), calendar=calendar) if args.today else date.today()
        start = parse_date(args.date, today, calendar=calendar) if args.date else today
        days = parse_days(args.days)
    except (DateParseError, ValueError) as exc:
        print(f"pestcli agenda: {plain(str(exc))}", file=sys.stderr)
        return 2
    end = start + timedelta(days=days - 1)
    try:
        if args.ics:
            items, database_id, notice = _read(args, lambda store, protocol: _calendar(
                store, protocol, start, end, today, args.namen))
        else:
            rows, notice = _read(args, lambda store, protocol: _rows(store, protocol, start, end, today,
                                                                     args.namen))
    except (StoreError, ProtocolError) as exc:
        print(f"pestcli agenda: {plain(str(exc))}", file=sys.stderr)
        return 1
    if args.ics:
        code = _write_ics(args.ics, items, database_id, args.namen, start, end)
        if code == 0 and notice:
            print(f"Let op: {notice}")
        return code
    _print_table(rows, start, end, today, notice)
    return 0


def _school_calendar(args: argparse.Namespace):
    """The school calendar of the protocol's region, for dates such as "na de kerstvakantie"."""
    from pestcli.protocol import load_protocol, resolve_protocol_dir
    from pestcli.protocol.calendar import SchoolCalendar

    protocol = load_protocol(resolve_protocol_dir(getattr(args, "protocol", None)))
    return SchoolCalendar.load(protocol.rules.region)


def _rows(store, protocol, start, end, today, include_names: bool):
    """The agenda rows, overdue as of ``today``, and the calendar's notice about their dates.

    The notice (None when not needed) says when a date falls in a school year
    whose holidays the region's calendar does not know.
    """
    from pestcli.agenda.rows import agenda_rows
    from pestcli.protocol.calendar import SchoolCalendar

    rows = agenda_rows(store, protocol, start, end, today, include_names=include_names)
    notice = SchoolCalendar.load(protocol.rules.region).dates_notice(r.due_on for r in rows)
    return rows, notice


def _calendar(store, protocol, start, end, today, include_names: bool):
    """The calendar items of the export (the agenda and what changed), the database's id,
    and the calendar's notice about the dates of the open items (None when not needed)."""
    from pestcli.agenda.ics import calendar_items
    from pestcli.protocol.calendar import SchoolCalendar
    from pestcli.store.calendar_sync import database_id

    items = calendar_items(store, protocol, start, end, today, include_names=include_names)
    notice = SchoolCalendar.load(protocol.rules.region).dates_notice(
        item.row.due_on for item in items if not item.cancelled)
    return items, database_id(store), notice


def _read(args: argparse.Namespace, read):
    """``read(store, protocol)`` on the chosen store and protocol.

    A database that does not exist yet is not created: the agenda only reads.
    Nothing is written, so the whole-file ``quick_check`` is left to the app.
    """
    from pestcli.locations import configured_server, resolve_db_path
    from pestcli.protocol import load_protocol, resolve_protocol_dir
    from pestcli.commands.unlock import open_cli_store
    from pestcli.store.errors import StoreError

    path = resolve_db_path(getattr(args, "db", None))
    if configured_server(getattr(args, "db", None)) is None and not path.expanduser().exists():
        raise StoreError(f"Er is nog geen database op {path}. Start eerst pestcli, "
                         "of kies een database met --db.")
    protocol = load_protocol(resolve_protocol_dir(getattr(args, "protocol", None)))
    # Only reads: no whole-file quick_check (0.3 s on a school's file); a damaged
    # page the reads touch still ends in the Dutch message.
    with open_cli_store(getattr(args, "db", None), daily_backup=False, check="skip") as store:
        return read(store, protocol)


def _print_table(rows, start, end, today, notice: str | None = None) -> None:
    """The Rich table, or the Dutch line for an empty agenda; then the calendar's notice.

    Piped into a file or another program the table is 120 columns wide
    (unless COLUMNS says otherwise), not Rich's cramped 80.
    """
    import os

    from rich.console import Console

    from pestcli.agenda.table import agenda_table, empty_message

    width = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 120
    console = Console(width=width, highlight=False)
    if not rows:
        console.print(empty_message(start, end), markup=False)
        return
    console.print(agenda_table(rows, start, end, today))
    if notice:
        console.print(f"Let op: {notice}", markup=False)


def _write_ics(target: str, items, database_id: str, include_names: bool, start, end) -> int:
    """Write the iCalendar file; a Dutch line on success or failure.

    The line counts the agenda's items of the period, and apart from them
    the changed items that are exported again so a calendar brings them up
    to date (moved out of the period, or no longer open).
    """
    from pathlib import Path

    from pestcli.agenda.ics import write_ics
    from pestcli.agenda.table import empty_message, period_text

    path = Path(target).expanduser()
    try:
        write_ics(path, items, database_id, include_names)
    except OSError as exc:
        print(f"pestcli agenda: kan {path} niet schrijven: {exc.strerror or exc}.", file=sys.stderr)
        return 1
    agenda = sum(1 for item in items if not item.update)
    print(ics_message(agenda, len(items) - agenda, path, include_names,
                      empty_message(start, end), period_text(start, end)))
    return 0


def ics_message(agenda: int, updates: int, path, include_names: bool, empty: str, period: str) -> str:
    """The Dutch line after an export: how many agenda items, and how many updates besides."""
    names = "met namen van leerlingen" if include_names else "zonder namen van leerlingen"
    if agenda == 0:
        text = f"{empty} Lege agenda geschreven naar {path}" if updates == 0 else \
            f"{empty} Agenda geschreven naar {path}, {names}"
    else:
        noun = "agendapunt" if agenda == 1 else "agendapunten"
        text = f"{agenda} {noun} ({period}) geschreven naar {path}, {names}"
    if updates:
        noun = "veranderd punt" if updates == 1 else "veranderde punten"
        text += (f"; daarbij {updates} {noun} (verzet, gedaan of vervallen), zodat een agenda "
                 "die ze al had ze bijwerkt")
    return text + "."
