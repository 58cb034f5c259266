"""Saving and printing a summary, shared by ``pestcli summary`` and the preview screen.

Each function writes the file first (0600, whole or not at all) and records
the export in the audit trail after it; it returns a Dutch message that is
true only once the file is on disk. A file that cannot be written raises
:class:`~pestcli.report.output.ExportError`; an audit trail that cannot be
written leaves the file and adds a warning.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pestcli.report.model import CaseSummary
from pestcli.report.output import default_path, write_private
from pestcli.report.printing import NO_PRINTER, find_lp, send_to_printer

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store


@dataclass(frozen=True)
class ExportResult:
    """What happened: a Dutch message, the file kept (if any), and a warning."""

    message: str
    path: Path | None = None
    printed: bool = False
    warning: str = ""


def audit(store: Store | None, summary: CaseSummary, what: str) -> str:
    """Record an export (a key of ``EXPORT_KINDS``); a Dutch warning when that failed.

    The event is written with plain SQL (``store.export_record``), so saving
    a summary from ``pestcli summary`` loads no ORM; a database in memory
    (tests) has no second connection, so there the ORM writes it.
    """
    if store is None:
        return ""
    from pestcli.store.errors import StoreError

    try:
        if store.path is None and store.url is None:
            from pestcli.store.exports import record_export

            record_export(store, summary.case_id, what)
        else:
            from pestcli.store.export_record import record_export_plain

            record_export_plain(store, summary.case_id, what)
    except StoreError as exc:
        return f"Let op: dit staat niet in het logboek van de melding. {exc}"
    return ""


def save_pdf(store: Store | None, summary: CaseSummary, path: Path) -> ExportResult:
    """Write the PDF to ``path`` and record it."""
    from pestcli.report.pdf import write_pdf

    target = write_pdf(summary, path)
    return ExportResult(f"Opgeslagen: {target}", target, warning=audit(store, summary, "pdf"))


def save_markdown(store: Store | None, summary: CaseSummary, path: Path) -> ExportResult:
    """Write the Markdown text to ``path`` and record it."""
    from pestcli.report.markdown import render_markdown

    target = write_private(path, render_markdown(summary))
    return ExportResult(f"Opgeslagen: {target}", target, warning=audit(store, summary, "markdown"))


def save_dossier(store: Store | None, summary: CaseSummary, person_id: int, path: Path,
                 text: str | None = None) -> ExportResult:
    """Write one pupil's dossier text to ``path`` and record it.

    ``text`` is the text as shown; without it the text is made here, with
    every pupil of the store hidden (see :func:`dossier_for`).
    """
    target = write_private(path, text if text is not None else dossier_for(store, summary, person_id))
    return ExportResult(f"Opgeslagen: {target}", target, warning=audit(store, summary, "dossier"))


def dossier_for(store: Store | None, summary: CaseSummary, person_id: int) -> str:
    """One pupil's dossier text, with every other pupil the store knows hidden as well."""
    from pestcli.report.dossier import dossier_text
    from pestcli.store.pupil_names import known_pupils

    return dossier_text(summary, person_id, known_pupils(store) if store is not None else ())


def print_summary(store: Store | None, summary: CaseSummary, keep: Path | None = None) -> ExportResult:
    """Print the PDF through ``lp``; without a printer the PDF is kept and the mentor told where.

    ``keep`` is where the PDF is also saved (``--pdf FILE``). Without it the
    PDF is printed from a private temporary file that is removed afterwards,
    unless printing fails: then it goes to the default place in Documents.
    """
    from pestcli.report.pdf import pdf_bytes

    data = pdf_bytes(summary)
    fallback = keep or default_path(summary.number, ".pdf")
    if find_lp() is None:
        target = write_private(fallback, data)
        return ExportResult(f"{NO_PRINTER}; het PDF-bestand staat in {target}.", target,
                            warning=audit(store, summary, "pdf"))
    if keep is not None:
        target = write_private(keep, data)
        outcome = send_to_printer(target, f"pestmelding {summary.number}")
        what = "print" if outcome.printed else "pdf"
        message = outcome.message if outcome.printed else f"{outcome.message}; het PDF-bestand staat in {target}."
        if outcome.printed:
            message += f" Het PDF-bestand staat ook in {target}."
        return ExportResult(message, target, outcome.printed, audit(store, summary, what))
    with tempfile.TemporaryDirectory(prefix="pestcli-print-") as scratch:
        temp = write_private(Path(scratch) / f"pestcli-{summary.number}.pdf", data)
        outcome = send_to_printer(temp, f"pestmelding {summary.number}")
        if outcome.printed:
            return ExportResult(outcome.message, None, True, audit(store, summary, "print"))
        target = write_private(fallback, data)
    return ExportResult(f"{outcome.message}; het PDF-bestand staat in {target}.", target,
                        warning=audit(store, summary, "pdf"))
