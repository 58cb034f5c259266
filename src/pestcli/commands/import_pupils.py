"""``pestcli import-leerlingen BESTAND.csv``: the pupils and class mentors from the school's administration.

Reads the CSV export of Magister, SOMtoday or ParnasSys (columns recognised
by name, or named with ``--kolom veld=Kolomnaam``), checks all of it before
anything is written, and brings the database in line with it in one
transaction: new pupils, classes and mentors, leavers marked, nobody twice.
``--proef`` only says what would change. On the school's server it runs as
the administrator (``--school`` picks the location) and, with
``--overdragen``, hands the open cases of a pupil with a new mentor over.

Exit codes: 0 done, 1 refused by the database, 2 the file cannot be used or
the database cannot be reached.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The file, ``--proef``, ``--kolom``, ``--school`` and ``--overdragen``."""
    parser.add_argument("file", metavar="BESTAND.csv",
                        help="de export uit Magister, SOMtoday of ParnasSys (CSV; ; , of tab gescheiden)")
    parser.add_argument("--proef", action="store_true",
                        help="toon alleen wat er zou veranderen; er wordt niets opgeslagen")
    parser.add_argument("--kolom", action="append", metavar="VELD=KOLOM", default=[],
                        help="welke kolom een veld bevat, als pestcli hem niet herkent, bijvoorbeeld "
                             '--kolom leerlingnummer="Mijn kolom" (velden: leerlingnummer, roepnaam, '
                             "tussenvoegsel, achternaam, klas, mentor); mag vaker")
    parser.add_argument("--school", metavar="NAAM",
                        help="de school (locatie) op de server; nodig als er meer dan één is")
    parser.add_argument("--opruimen", action="store_true",
                        help="verwijder oud-leerlingen die langer dan de bewaartermijn van het protocol van school "
                             "zijn en in geen melding staan (met --proef: toon alleen wie)")
    parser.add_argument("--overdragen", action="store_true",
                        help="draag open meldingen over aan de nieuwe mentor van de klas van de gepeste leerling "
                             "(server van de school)")


def _fail(message: str, code: int) -> int:
    from pestcli.text import plain

    print(f"pestcli import-leerlingen: {plain(message)}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    """Read and check the file, then import it (or, with ``--proef``, say what would change)."""
    from datetime import date
    from pathlib import Path

    from pestcli.pupil_csv import PupilFileError
    from pestcli.text import plain

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _fail(f"kan {args.file} niet lezen: {exc.strerror or exc}. Er is niets veranderd.", 2)
    try:
        from pestcli.services.pupil_import import import_pupils, read_export, summary_lines

        export = read_export(data, args.kolom)
    except PupilFileError as exc:
        return _fail(f"{path.name}: {exc} Er is niets veranderd.", 2)
    from pestcli.protocol import ProtocolError
    from pestcli.store.errors import StoreError, StoreUnreachableError

    try:
        months = _retention_months(args)
    except ProtocolError as exc:
        return _fail(f"{exc} Er is niets veranderd.", 1)
    try:
        with _open(args) as store:
            if args.overdragen and not store.on_server:
                return _fail("--overdragen kan alleen op de server van de school, waar het team samenwerkt.", 2)
            result = import_pupils(store, export, date.today(), dry_run=args.proef, hand_over=args.overdragen,
                                   retention_months=months, remove_expired=args.opruimen)
            lines = summary_lines(result, on_server=store.on_server)
    except StoreUnreachableError as exc:
        return _fail(str(exc), 2)
    except StoreError as exc:
        return _fail(f"{exc} Er is niets veranderd.", 1)
    columns = ", ".join(f"{field} = {column}" for field, column in export.columns.items())
    print(plain(f"{path.name}: {export.encoding}, gescheiden door {_delimiter_word(export.delimiter)}; "
                f"kolommen: {columns}."))
    for line in lines:
        print(plain(line))
    return 0


def _retention_months(args: argparse.Namespace) -> int:
    """The protocol's retention period in months (``[retention] months``; 24 by default)."""
    from pestcli.protocol import load_protocol, resolve_protocol_dir

    return load_protocol(resolve_protocol_dir(getattr(args, "protocol", None))).retention_months


def _delimiter_word(delimiter: str) -> str:
    from pestcli.pupil_csv import DELIMITERS

    return DELIMITERS.get(delimiter, delimiter)


def _open(args: argparse.Namespace):
    """The store: on the school's server as the administrator, at the school ``--school`` names; else the file."""
    from pestcli.commands.unlock import open_cli_store
    from pestcli.locations import configured_server

    url = configured_server(getattr(args, "db", None))
    if url is None:
        return open_cli_store(getattr(args, "db", None), daily_backup=not args.proef)
    from pestcli.store.opening import open_server_store
    from pestcli.store.pupil_register import school_named

    store = open_server_store(url, admin=True)
    try:
        if store.staff is None:  # the administrator: the school --school names (a team member is refused later)
            store.school_id = school_named(store, args.school)
    except BaseException:
        store.close()
        raise
    return store
