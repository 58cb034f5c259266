"""``pestcli export --pupil NAME [--json FILE | --pdf FILE]``: a pupil's right of access.

Everything pestcli holds about one pupil, other pupils by role and initials
only. Without ``--json``/``--pdf`` the overview is printed as Markdown. Every
file is written 0600, and the export is recorded in the audit trail (without
the name). NAME must match exactly one pupil; otherwise the candidates are
listed and the exit code is 2. Never imports Textual.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``pestcli export``."""
    parser.add_argument("--pupil", "--leerling", metavar="NAAM", required=True, dest="pupil",
                        help="(een deel van) de naam of het leerlingnummer van één leerling")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--json", metavar="BESTAND", help="sla het overzicht op als JSON")
    target.add_argument("--pdf", metavar="BESTAND", help="sla het overzicht op als PDF (A4)")


def _fail(message: str, code: int = 2) -> int:
    """Print a Dutch error (without control characters) and return the exit code."""
    from pestcli.text import plain

    print(f"pestcli export: {plain(message)}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    """Find the pupil, build the overview and write or show it."""
    from pestcli.commands.unlock import open_cli_store
    from pestcli.store.errors import StoreError

    try:
        with open_cli_store(getattr(args, "db", None)) as store:
            return _run(store, args)
    except StoreError as exc:
        return _fail(str(exc), 1)


def _run(store, args: argparse.Namespace) -> int:
    """The command's work on an open store."""
    from pestcli.store.access import find_pupils, pupil_record
    from pestcli.store.sql_values import saved_id

    found = find_pupils(store, args.pupil)
    if not found:
        return _fail(f"geen leerling gevonden bij {args.pupil.strip()!r}.")
    if len(found) > 1:
        lines = [f"  - {p.first_name} {p.last_name} ({p.class_name or 'geen klas'})".replace("  (", " (")
                 for p in found]
        return _fail(f"{len(found)} leerlingen passen bij {args.pupil.strip()!r}; "
                     "maak de naam specifieker:\n" + "\n".join(lines))
    person_id = saved_id(found[0].id)
    from pestcli.text import plain_values

    # Control characters stored in a field never reach the terminal, the JSON, the text or the PDF.
    record = plain_values(pupil_record(store, person_id))
    if args.json:
        return _save(store, person_id, args.json, "json", _json_text(record))
    from pestcli.report.access import readable

    shown = readable(record, _protocol(args))  # the text and the PDF in words, not codes
    if args.pdf:
        from pestcli.report.access import pdf_bytes

        return _save(store, person_id, args.pdf, "pdf", pdf_bytes(shown))
    from pestcli.report.access import render_markdown
    from pestcli.text import plain

    sys.stdout.write(plain(render_markdown(shown)))
    _audit(store, person_id, "markdown")
    return 0


def _protocol(args: argparse.Namespace):
    """The school's protocol for the labels, or None when it cannot be read (the app's words then)."""
    from pestcli.protocol import ProtocolError, load_protocol, resolve_protocol_dir

    try:
        return load_protocol(resolve_protocol_dir(getattr(args, "protocol", None)))
    except ProtocolError:
        return None


def _json_text(record: dict) -> str:
    """The record as readable UTF-8 JSON."""
    import json

    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def _save(store, person_id: int, where: str, what: str, data: str | bytes) -> int:
    """Write the file (0600), record the export, and say where it is."""
    from pestcli.report.output import ExportError, expand, write_private

    try:
        target = write_private(expand(where), data)
    except ExportError as exc:
        return _fail(str(exc), 1)
    from pestcli.text import plain

    print(plain(f"Opgeslagen: {target}"))
    _audit(store, person_id, what)
    return 0


def _audit(store, person_id: int, what: str) -> None:
    """Record the export; a Dutch warning on standard error when that failed."""
    from pestcli.store.access import record_access_export
    from pestcli.store.errors import StoreError

    try:
        record_access_export(store, person_id, what)
    except StoreError as exc:
        print(f"Let op: deze export staat niet in het logboek. {exc}", file=sys.stderr)
