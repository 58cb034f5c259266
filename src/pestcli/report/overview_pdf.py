"""The overview as a PDF for the yearly evaluation: the same rows as the CSV, one table per section.

Imported only when a PDF is made (it loads fpdf2 through ``pdf_layout``).
"""

from __future__ import annotations

from collections.abc import Sequence

from pestcli.report.overview import LEGEND, OverviewRow
from pestcli.report.pdf_layout import ALERT, FONT, MUTED, DossierPDF


class OverviewPDF(DossierPDF):
    """A4 with "Overzicht pestmeldingen" and the period in the header instead of a case number."""

    def header(self) -> None:
        """The period left, "geen namen" right, a rule under both."""
        self.set_y(10)
        self.set_font(FONT, size=8)
        self.set_text_color(*MUTED)
        self.cell(self.text_width * 0.7, 5, f"Overzicht pestmeldingen · {self.number}")
        self.set_font(FONT, "B", 8)
        self.set_text_color(*ALERT)
        self.cell(self.text_width * 0.3, 5, "ZONDER NAMEN", align="R")
        self._rule(15.5)
        self.set_xy(self.l_margin, 22.0)
        self.set_font(FONT, size=10)
        self.set_text_color(20, 20, 20)


def overview_pdf_bytes(rows: Sequence[OverviewRow], heading: Sequence[str], period_label: str) -> bytes:
    """The PDF of the overview: the heading lines, the legend, then a table per section."""
    pdf = OverviewPDF(period_label, f"Overzicht pestmeldingen · {period_label} · zonder namen")
    pdf.set_title(heading[0] if heading else "Overzicht pestmeldingen")
    pdf.set_subject("Overzicht pestmeldingen voor de jaarlijkse evaluatie (zonder namen)")
    pdf.set_author("pestcli")
    pdf.set_creator("pestcli")
    pdf.set_lang("nl-NL")
    pdf.add_page()
    pdf.title_block(heading[0] if heading else "Overzicht pestmeldingen", list(heading[1:]))
    pdf.paragraph(LEGEND, size=8.5, muted=True)
    sections: dict[str, list[OverviewRow]] = {}
    for row in rows:
        sections.setdefault(row.section, []).append(row)
    for section, section_rows in sections.items():
        pdf.heading(section)
        pdf.grid(("omschrijving", "aantal", "toelichting"),
                 [(row.label, row.value, row.note) for row in section_rows],
                 widths=(80, 22, pdf.text_width - 102))
    return bytes(pdf.output())
