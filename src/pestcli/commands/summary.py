"""``pestcli summary CASE [--pdf FILE | --md FILE] [--print] [--for PUPIL]``.

Without ``--pdf``/``--md`` the summary (or with ``--for`` the pupil's dossier
text) goes to standard output. ``--print`` sends the PDF to ``lp``; without a
printer the PDF is still written and the command says where (exit code 0).
Never imports Textual, nor the ORM: the case is read and the export recorded
with plain SQL (``report.build.read_summary``, ``store.export_record``);
fpdf2 and the fonts load only when a PDF is made.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``pestcli summary``."""
    parser.add_argument("case", metavar="MELDING", help="het meldingsnummer, bijvoorbeeld 2026-0003")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--pdf", metavar="BESTAND", help="sla de samenvatting op als PDF (A4)")
    target.add_argument("--md", metavar="BESTAND",
                        help="sla de samenvatting (of met --for de dossiertekst) op als tekstbestand")
    parser.add_argument("--print", action="store_true", dest="send_to_printer",
                        help="druk de PDF af via lp (zonder printer wordt het bestand wel geschreven)")
    parser.add_argument("--for", metavar="LEERLING", dest="pupil",
                        help="alleen de dossiertekst voor deze leerling (nummer of deel van de naam)")


def _fail(message: str, code: int = 2) -> int:
    """Print a Dutch error (without control characters) and return the exit code."""
    from pestcli.text import plain

    print(f"pestcli summary: {plain(message)}", file=sys.stderr)
    return code


def _warn(warning: str) -> None:
    """A warning (the audit trail could not be written) on standard error."""
    if warning:
        print(warning, file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Build the summary of one case and write, print or show it."""
    from datetime import date

    from pestcli.protocol import ProtocolError, load_protocol, resolve_protocol_dir
    from pestcli.store.errors import StoreError

    if args.pupil and (args.pdf or args.send_to_printer):
        return _fail("--for maakt platte tekst voor het leerlingvolgsysteem; sla die op met --md BESTAND.")
    try:
        protocol = load_protocol(resolve_protocol_dir(getattr(args, "protocol", None)))
    except ProtocolError as exc:
        return _fail(f"het protocol is niet bruikbaar.\n{exc}")
    from pestcli.commands.unlock import open_cli_store

    try:
        # quick_check runs in its thread while the summary is read (plain SQL, no
        # ORM); nothing is written, printed or recorded before it has passed.
        with open_cli_store(getattr(args, "db", None), check="beside") as store:
            if store.integrity is not None:
                store.integrity.start()
            return _run(store, protocol, args, date.today())
    except StoreError as exc:
        return _fail(str(exc), 1)


def _run(store, protocol, args: argparse.Namespace, today) -> int:
    """The command's work on an open store."""
    from pestcli.report import export
    from pestcli.report.build import find_case_id, read_summary
    from pestcli.report.output import ExportError, expand
    from pestcli.text import plain

    case_id = find_case_id(store, args.case)
    if case_id is None:
        return _fail(f"er is geen melding met nummer {args.case.strip()}.")
    summary = read_summary(store, protocol, case_id, today)
    if store.integrity is not None:
        store.integrity.wait()  # a damaged file: the Dutch message, and no output at all
    try:
        if args.pupil:
            return _dossier(store, summary, args)
        results = []
        if args.md:
            results.append(export.save_markdown(store, summary, expand(args.md)))
        if args.send_to_printer:
            keep = expand(args.pdf) if args.pdf else None
            results.append(export.print_summary(store, summary, keep))
        elif args.pdf:
            results.append(export.save_pdf(store, summary, expand(args.pdf)))
    except ExportError as exc:
        return _fail(str(exc), 1)
    if not results:
        from pestcli.report.markdown import render_markdown

        sys.stdout.write(plain(render_markdown(summary)))
        _warn(export.audit(store, summary, "text"))
        return 0
    for result in results:
        print(plain(result.message))  # the path as typed, without control characters
        _warn(result.warning)
    return 0


def _dossier(store, summary, args: argparse.Namespace) -> int:
    """``--for PUPIL``: the dossier text, shown or saved with ``--md``."""
    from pestcli.report import export
    from pestcli.report.dossier import PupilNotFound, find_pupil
    from pestcli.report.output import expand
    from pestcli.text import plain

    try:
        pupil = find_pupil(summary, args.pupil)
    except PupilNotFound as exc:
        return _fail(str(exc))
    if args.md:
        result = export.save_dossier(store, summary, pupil.person_id, expand(args.md))
        print(plain(result.message))  # the path as typed, without control characters
        _warn(result.warning)
        return 0
    sys.stdout.write(plain(export.dossier_for(store, summary, pupil.person_id)))
    _warn(export.audit(store, summary, "dossier"))
    return 0
