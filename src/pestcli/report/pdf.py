"""The case summary as an A4 PDF for the dossier (fpdf2, DejaVu Sans embedded).

fpdf2 is imported inside :func:`pdf_bytes` only, so the app and the command
line start without it. Every page carries "Vertrouwelijk", the case number
and "Pagina N van M"; steps, evidence, follow-ups and contacts are tables.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pestcli.report.labels import date_time, short_date
from pestcli.report.markdown import conversation_title, conversation_when, head_fields
from pestcli.report.model import CONFIDENTIAL, SECTION_TITLES, CaseSummary
from pestcli.report.output import write_private

if TYPE_CHECKING:
    from pestcli.report.pdf_layout import DossierPDF

PRIVACY_NOTE = ("Dit document bevat persoonsgegevens van leerlingen (AVG). Bewaar het in het "
                "dossier en deel het alleen met wie het voor de begeleiding nodig heeft.")


def write_pdf(summary: CaseSummary, path: Path) -> Path:
    """Write the summary as a PDF to ``path`` (mode 0600); ExportError when it cannot."""
    return write_private(path, pdf_bytes(summary))


def pdf_bytes(summary: CaseSummary) -> bytes:
    """The summary as the bytes of a PDF document."""
    from pestcli.report.pdf_layout import DossierPDF

    made = short_date(summary.generated_on) if summary.generated_on else ""
    pdf = DossierPDF(summary.number, f"{CONFIDENTIAL} · pestmelding {summary.number} · opgesteld {made}")
    pdf.set_title(f"Samenvatting pestmelding {summary.number}")
    pdf.set_subject(f"{CONFIDENTIAL}: dossier van pestmelding {summary.number}")
    pdf.set_author(summary.mentor or "pestcli")
    pdf.set_creator("pestcli")
    pdf.set_lang("nl-NL")
    pdf.add_page()
    pdf.title_block(f"Samenvatting pestmelding {summary.number}",
                    [line for line in (summary.organisation, f"{summary.protocol} · {PRIVACY_NOTE}") if line])
    pdf.fields(head_fields(summary))
    if summary.protocol_note:
        pdf.ln(1)
        pdf.paragraph(summary.protocol_note, size=8.5, muted=True)
    if summary.calendar_notice:
        pdf.ln(1)
        pdf.paragraph(f"Let op: {summary.calendar_notice}", size=8.5)
    for section in (_people, _forms, _steps, _conversations, _agreements, _evidence, _contacts,
                    _escalations, _next):
        section(pdf, summary)
    return bytes(pdf.output())


def _people(pdf: DossierPDF, s: CaseSummary) -> None:
    pdf.heading(SECTION_TITLES["people"])
    if not s.people:
        pdf.paragraph("Nog niemand vastgelegd.")
        return
    pdf.grid(("Rol", "Naam", "Klas"), [(p.role, p.name_with_class if p.relation else p.name, p.class_name) for p in s.people], (40, 100, 34),
             size=9)


def _forms(pdf: DossierPDF, s: CaseSummary) -> None:
    pdf.heading(SECTION_TITLES["forms"])
    for form in s.forms or ["Geen vorm vastgelegd."]:
        pdf.bullet(form)
    pdf.ln(1.5)
    rows = [("Online pesten", "ja" if s.online else "nee"), ("Waar", s.location)]
    if s.description:
        rows.append(("Wat er gebeurde", s.description))
    pdf.fields(rows)


def _steps(pdf: DossierPDF, s: CaseSummary) -> None:
    pdf.heading(SECTION_TITLES["steps"])
    rows = [(str(step.number), step.title, short_date(step.due_on), short_date(step.done_on), step.status)
            for step in s.steps]
    late = [i for i, step in enumerate(s.steps) if step.late]
    pdf.grid(("Stap", "Wat", "Uiterlijk", "Gedaan", "Op tijd?"), rows, (11, 67, 28, 28, 40), late)


def _conversations(pdf: DossierPDF, s: CaseSummary) -> None:
    pdf.heading(SECTION_TITLES["conversations"])
    if not s.conversations:
        pdf.paragraph("Nog geen gesprekken gevoerd.")
    for index, talk in enumerate(s.conversations, start=1):
        pdf.subheading(conversation_title(index, talk))
        who = ", ".join(p.presence for p in talk.participants)
        pdf.fields([("Wanneer", conversation_when(talk)), ("Gevoerd door", talk.held_by),
                    ("Aanwezig", who)], label_width=30)
        if talk.done_items:
            pdf.paragraph("Besproken", size=9.5, bold=True)
            for item in talk.done_items:
                pdf.bullet(item.text, item.note)
        if talk.skipped_items:
            pdf.paragraph("Overgeslagen", size=9.5, bold=True)
            for text in talk.skipped_items:
                pdf.bullet(f"{text} (overgeslagen)", mark="–")
        if talk.open_count:
            pdf.paragraph(f"Niet behandeld: {talk.open_count} punt(en) van de leidraad.", size=9, muted=True)
        if talk.notes:
            pdf.ln(1)
            pdf.fields([("Notities", talk.notes)], label_width=30)
        pdf.ln(2)


def _agreements(pdf: DossierPDF, s: CaseSummary) -> None:
    pdf.heading(SECTION_TITLES["agreements"])
    if not s.agreements:
        pdf.paragraph("Nog geen afspraken gemaakt.")
    for block in s.agreements:
        pdf.subheading(f"{s.name_of(block.person_id)}, afgesproken op {short_date(block.agreed_on)}")
        pdf.paragraph(f"“{block.text}”")
        pdf.ln(1)
        if block.outcomes:
            rows: list[tuple[str, ...]] = [(o.followup, short_date(o.checked_on), o.status, o.note)
                                           for o in block.outcomes]
            broken = [i for i, o in enumerate(block.outcomes) if o.broken]
            pdf.grid(("Bij", "Datum", "Stand", "Notitie"), rows, (40, 30, 30, 74), broken)
        else:
            pdf.paragraph("Nog niet nagevraagd.", size=9, muted=True)
    _class_agreements(pdf, s)
    if s.followups:
        pdf.subheading("Vervolggesprekken (stap 5)")
        rows = [(f.label, short_date(f.due_on), f.state, f.outcome, f.note) for f in s.followups]
        late = [i for i, f in enumerate(s.followups) if "te laat" in f.state]
        pdf.grid(("Vervolggesprek", "Gepland", "Stand", "Uitkomst", "Notitie"), rows, (30, 28, 44, 32, 40), late)


def _class_agreements(pdf: DossierPDF, s: CaseSummary) -> None:
    """"Afspraken met de klas" (klassengesprek, bijlage 1): shown for every case of the class."""
    if not s.class_name.strip():
        return
    pdf.subheading(f"Afspraken met de klas ({s.class_name.strip()}, schooljaar {s.class_year})")
    if not s.class_agreements:
        pdf.paragraph("Nog geen klassengesprek gevoerd dit schooljaar.", size=9, muted=True)
        return
    rows = [(line.text, short_date(line.agreed_on), line.status or "nog niet nagevraagd",
             short_date(line.checked_on) if line.checked_on else "—") for line in s.class_agreements]
    broken = [i for i, line in enumerate(s.class_agreements) if line.broken]
    pdf.grid(("Afspraak", "Afgesproken", "Stand", "Nagevraagd"), rows, (84, 30, 30, 30), broken)


def split_hash(sha: str, width: int = 16) -> str:
    """A SHA-256 on lines of 16 characters, so it fits a table column unbroken."""
    return "\n".join(sha[i:i + width] for i in range(0, len(sha), width))


def _evidence(pdf: DossierPDF, s: CaseSummary) -> None:
    pdf.heading(SECTION_TITLES["evidence"])
    if not s.evidence:
        pdf.paragraph("Geen bewijs vastgelegd.")
        return
    rows = []
    for item in s.evidence:
        what = "\n".join(x for x in (item.kind, item.description) if x)
        where = "\n".join(x for x in (item.platform, item.username, item.url) if x)
        file = "\n".join(x for x in (item.file_name, split_hash(item.sha256) if item.sha256 else "") if x)
        rows.append((str(item.number), date_time(item.occurred_at), what, where, file))
    pdf.grid(("Nr", "Datum en tijd", "Wat", "Platform, gebruiker, URL", "Bestand en SHA-256"),
             rows, (8, 26, 52, 52, 36), size=8)


def _contacts(pdf: DossierPDF, s: CaseSummary) -> None:
    pdf.heading(SECTION_TITLES["contacts"])
    if not s.contacts:
        pdf.paragraph("Nog geen contact met ouders.")
        return
    rows = []
    for row in s.contacts:
        whose = "ouders van " + s.name_of(row.pupil_id, "een leerling") if row.pupil_id else "—"
        whose = ", ".join(row.parents) or whose
        when = short_date(row.held_on) if row.held_on else f"gepland {short_date(row.planned_on)}"
        how = f"{row.how}; {row.what}" if row.held_on else f"nog niet gehouden; {row.what}"
        rows.append((when, whose, how, row.summary, row.held_by))
    pdf.grid(("Datum", "Met wie", "Hoe", "Wat is besproken", "Door"), rows, (28, 40, 30, 48, 28))


def _escalations(pdf: DossierPDF, s: CaseSummary) -> None:
    pdf.heading(SECTION_TITLES["escalations"])
    if not s.escalations:
        pdf.paragraph("Niet geëscaleerd; geen sancties.")
        return
    rows = [(short_date(e.escalated_on), e.rung, e.phase, e.reason, e.escalated_by) for e in s.escalations]
    pdf.grid(("Datum", "Overgedragen aan", "Sanctiefase", "Reden", "Door"), rows, (28, 34, 44, 42, 26))


def _next(pdf: DossierPDF, s: CaseSummary) -> None:
    pdf.heading(SECTION_TITLES["next"])
    for line in s.next_steps:
        pdf.bullet(line)
    pdf.ln(8)
    if pdf.will_page_break(24):
        pdf.add_page()
    pdf.fields([("Voor gezien", "naam: ______________________   datum: ____________   "
                                "paraaf: __________")], label_width=30)
