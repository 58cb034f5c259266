"""``pestcli overzicht``: the school's numbers of a period, for the yearly evaluation and the MR.

``--jaar 2025-2026`` (default: this school year), ``--periode 1|2|3`` (a
term of it), or ``--van``/``--tot`` (two dates); ``--leerjaar`` or
``--klas`` to count one part of the school. Printed as a table, or written
with ``--csv FILE`` (for a spreadsheet) and ``--pdf FILE``. Nothing it writes
or prints holds a name, and a count from 1 to 4 is shown as ``<5``
(:mod:`pestcli.report.overview`). The numbers are counted in SQL
(:mod:`pestcli.store.figures`); on the school's server row-level security
decides whose cases count: the APC and the directie their school, a team
leader their department.
"""

from __future__ import annotations

import argparse
import sys

#: The roles on the school's server that have the overview.
OVERVIEW_ROLES = ("apc", "teamleider", "directie")
#: Said to anyone else on the school's server.
NOT_FOR_YOU = "Het overzicht is er voor de APC, de teamleiders en de directie."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``pestcli overzicht``."""
    parser.add_argument("--jaar", metavar="SCHOOLJAAR",
                        help="het schooljaar, bijvoorbeeld 2025-2026 (standaard het huidige)")
    parser.add_argument("--periode", metavar="N", choices=("1", "2", "3"),
                        help="één periode van het schooljaar: 1 (aug-dec), 2 (jan-mrt) of 3 (apr-jul)")
    parser.add_argument("--van", metavar="DATUM", help="begin van een eigen periode, bijvoorbeeld 1-9-2026")
    parser.add_argument("--tot", metavar="DATUM", help="eind van een eigen periode (die dag telt mee)")
    parser.add_argument("--leerjaar", metavar="N", help="alleen de klassen van dit leerjaar, bijvoorbeeld 2")
    parser.add_argument("--klas", metavar="KLAS", help="alleen deze klas, bijvoorbeeld 2B")
    parser.add_argument("--csv", metavar="BESTAND", help="schrijf de cijfers als CSV (voor Excel of LibreOffice)")
    parser.add_argument("--pdf", metavar="BESTAND", help="schrijf de cijfers als PDF")
    parser.add_argument("--today", metavar="DATUM", help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    """Print or write the overview; 0, 1 on a store or file error, 2 on bad input."""
    from datetime import date

    from pestcli.protocol import ProtocolError
    from pestcli.protocol.dates import DateParseError
    from pestcli.protocol.periods import PeriodError
    from pestcli.report.output import ExportError
    from pestcli.store.errors import StoreError
    from pestcli.text import plain

    try:
        today = _date(args.today, date.today()) if args.today else date.today()
        period = _period(args, today)
        selection = _selection(args)
    except (DateParseError, PeriodError, ValueError) as exc:
        print(f"pestcli overzicht: {plain(str(exc))}", file=sys.stderr)
        return 2
    try:
        result = _read(args, period, selection, today)
    except (StoreError, ProtocolError) as exc:
        print(f"pestcli overzicht: {plain(str(exc))}", file=sys.stderr)
        return 1
    if result is None:
        print(f"pestcli overzicht: {NOT_FOR_YOU}", file=sys.stderr)
        return 1
    figures, step_titles, scope = result
    try:
        return _show(args, figures, step_titles, scope, today)
    except ExportError as exc:
        print(f"pestcli overzicht: {plain(str(exc))}", file=sys.stderr)
        return 1


def _date(text: str, today):
    """A Dutch date (``1-9-2026``, ``maandag``); DateParseError otherwise."""
    from pestcli.protocol.dates import parse_date

    return parse_date(text, today, prefer="past")


def _period(args: argparse.Namespace, today):
    """The period asked for: ``--van``/``--tot``, a term of ``--jaar``, or ``--jaar`` (this year)."""
    from pestcli.protocol.calendar import school_year_of
    from pestcli.protocol.periods import PeriodError, custom_period, school_year_period, term_period

    if args.van or args.tot:
        if args.jaar or args.periode:
            raise PeriodError("Kies een schooljaar (--jaar, --periode) of een eigen periode (--van, --tot), niet beide.")
        if not (args.van and args.tot):
            raise PeriodError("Een eigen periode heeft een begin (--van) en een eind (--tot).")
        return custom_period(_date(args.van, today), _date(args.tot, today))
    year = args.jaar or school_year_of(today)
    return term_period(year, int(args.periode)) if args.periode else school_year_period(year)


def _selection(args: argparse.Namespace):
    """All classes, one year group (``--leerjaar``) or one class (``--klas``)."""
    from pestcli.store.figures import Selection

    if args.leerjaar and args.klas:
        raise ValueError("Kies een leerjaar of een klas, niet beide.")
    if args.leerjaar is not None:
        group = args.leerjaar.strip()
        if not group.isdigit():
            raise ValueError(f"--leerjaar verwacht een getal, bijvoorbeeld 2, niet {args.leerjaar!r}.")
        return Selection(year_group=str(int(group)))
    if args.klas is not None:
        if not args.klas.strip():
            raise ValueError("--klas is leeg.")
        return Selection(class_name=args.klas.strip())
    return None


def _read(args: argparse.Namespace, period, selection, today):
    """(figures, step titles, whose cases) from the chosen store; None for someone without the overview."""
    from pestcli.commands.unlock import open_cli_store
    from pestcli.locations import configured_server, resolve_db_path
    from pestcli.protocol import load_protocol, resolve_protocol_dir
    from pestcli.services.overview import overview, words_of
    from pestcli.store.errors import StoreError

    path = resolve_db_path(getattr(args, "db", None))
    if configured_server(getattr(args, "db", None)) is None and not path.expanduser().exists():
        raise StoreError(f"Er is nog geen database op {path}. Start eerst pestcli, of kies een database met --db.")
    protocol = load_protocol(resolve_protocol_dir(getattr(args, "protocol", None)))
    with open_cli_store(getattr(args, "db", None), daily_backup=False, check="skip") as store:
        staff = store.staff
        if staff is not None and not any(role in staff.roles for role in OVERVIEW_ROLES):
            return None
        scope = scope_label(staff)
        figures = overview(store, protocol, period, selection, today)
    return figures, words_of(protocol).steps, scope


def scope_label(staff) -> str:
    """Whose cases are counted: the file's, the school's, or a team leader's department."""
    if staff is None:
        return "alle meldingen in dit bestand"
    if "teamleider" in staff.roles and not any(role in staff.roles for role in ("apc", "directie")):
        return f"de afdeling van de teamleider, {staff.school}" if staff.school else "de afdeling van de teamleider"
    return f"alle meldingen van {staff.school}" if staff.school else "alle meldingen van de school"


def _show(args: argparse.Namespace, figures, step_titles, scope: str, today) -> int:
    """Write the CSV and/or PDF (a Dutch line each), or print the table."""
    from pathlib import Path

    from pestcli.report.output import write_private
    from pestcli.report.overview import csv_text, overview_rows, title_lines

    rows = overview_rows(figures, step_titles, masked=True)
    heading = title_lines(figures, scope, today)
    if args.csv or args.pdf:
        if args.csv:
            path = write_private(Path(args.csv).expanduser(), "\ufeff" + csv_text(rows, heading))
            print(f"Overzicht opgeslagen als CSV: {path}")
        if args.pdf:
            from pestcli.report.overview_pdf import overview_pdf_bytes

            path = write_private(Path(args.pdf).expanduser(), overview_pdf_bytes(rows, heading, figures.period.label))
            print(f"Overzicht opgeslagen als PDF: {path}")
        return 0
    _print(rows, heading)
    return 0


def _print(rows, heading) -> None:
    """A Rich table per section, literal text (never markup)."""
    import os

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from pestcli.report.overview import LEGEND

    width = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 120
    console = Console(width=width, highlight=False)
    for line in heading:
        console.print(Text(line))
    console.print(Text(LEGEND, style="dim"))
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column("omschrijving", min_width=30)
    table.add_column("aantal", justify="right", min_width=6)
    table.add_column("toelichting", style="dim")
    section = None
    for row in rows:
        if row.section != section:
            section = row.section
            table.add_row(Text(""), Text(""), Text(""))
            table.add_row(Text(section, style="bold"), Text(""), Text(""))
        table.add_row(Text(row.label), Text(row.value), Text(row.note))
    console.print(table)
