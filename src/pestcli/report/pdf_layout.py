"""The page of a pestcli PDF: A4, DejaVu Sans, a header and footer on every page.

Imported only by ``pestcli.report.pdf`` when a PDF is actually made (it loads
fpdf2). :class:`DossierPDF` adds the few building blocks the summary needs:
headings, paragraphs, bullets, key/value blocks and tables.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

FONT_DIR = Path(__file__).parent / "fonts"
FONT = "DejaVu"
#: Colours (RGB): dark text, muted text, rules, table heading fill, "late" red.
INK, MUTED, RULE, FILL, ALERT = (20, 20, 20), (95, 95, 95), (160, 160, 160), (232, 236, 241), (165, 20, 20)
#: Page margins in mm.
LEFT, TOP, RIGHT, BOTTOM = 18.0, 22.0, 18.0, 20.0


class _QuietAboutMissingGlyphs(logging.Filter):
    """Drops fpdf2's English warning "Font ... is missing the following glyphs".

    A character the font lacks (an emoji, a Chinese name) is drawn as an empty
    box; the mentor gets the PDF and no English line on the terminal.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """False for the missing-glyphs warning, True for everything else."""
        return "missing the following glyphs" not in str(record.msg)


logging.getLogger("fpdf.output").addFilter(_QuietAboutMissingGlyphs())


class DossierPDF(FPDF):
    """An A4 page with "Vertrouwelijk", the case number and "Pagina N van M" on it."""

    def __init__(self, number: str, footer_note: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.number = number
        self.footer_note = footer_note
        self._wrapped: dict[tuple, list[str] | None] = {}  # see wrap_lines
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_margins(LEFT, TOP, RIGHT)
        self.set_auto_page_break(True, margin=BOTTOM)
        self.alias_nb_pages("{nb}")
        self.set_font(FONT, size=10)
        self.set_text_color(*INK)

    @property
    def text_width(self) -> float:
        """The width between the margins."""
        return self.w - self.l_margin - self.r_margin

    def header(self) -> None:
        """Case number left, VERTROUWELIJK right, a rule under both."""
        self.set_y(10)
        self.set_font(FONT, size=8)
        self.set_text_color(*MUTED)
        self.cell(self.text_width / 2, 5, f"Pestmelding {self.number}")
        self.set_font(FONT, "B", 8)
        self.set_text_color(*ALERT)
        self.cell(self.text_width / 2, 5, "VERTROUWELIJK", align="R")
        self._rule(15.5)
        self.set_xy(self.l_margin, TOP)
        self.set_font(FONT, size=10)
        self.set_text_color(*INK)

    def footer(self) -> None:
        """A rule, the note left (Vertrouwelijk, number, date) and the page number right."""
        self._rule(self.h - 14)
        self.set_y(self.h - 13)
        self.set_font(FONT, size=8)
        self.set_text_color(*MUTED)
        self.cell(self.text_width * 0.7, 5, self.footer_note)
        self.cell(self.text_width * 0.3, 5, f"Pagina {self.page_no()} van {{nb}}", align="R")
        self.set_text_color(*INK)

    def _rule(self, y: float) -> None:
        """A thin grey line across the text width at height ``y``."""
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(self.l_margin, y, self.w - self.r_margin, y)

    # --- building blocks -----------------------------------------------------
    def title_block(self, title: str, lines: Sequence[str]) -> None:
        """The big title of page 1 and a few muted lines under it."""
        self.set_font(FONT, "B", 17)
        self.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_font(FONT, size=9)
        self.set_text_color(*MUTED)
        for line in lines:
            self.multi_cell(0, 4.6, line, new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_text_color(*INK)
        self.ln(3)

    def heading(self, text: str) -> None:
        """A section heading with a rule under it; never alone at the foot of a page."""
        if self.will_page_break(28):
            self.add_page()
        self.ln(4)
        self.set_font(FONT, "B", 12.5)
        self.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        self._rule(self.get_y() + 0.5)
        self.ln(2.5)
        self.set_font(FONT, size=10)

    def subheading(self, text: str) -> None:
        """A bold line that starts a block (a conversation, an agreement)."""
        if self.will_page_break(20):
            self.add_page()
        self.ln(1.5)
        self.set_font(FONT, "B", 10.5)
        self.wrapped(self.l_margin, self.text_width, 5.5, text)
        self.set_font(FONT, size=10)

    def paragraph(self, text: str, size: float = 10, muted: bool = False, bold: bool = False) -> None:
        """Wrapped text across the page."""
        self.set_font(FONT, "B" if bold else "", size)
        if muted:
            self.set_text_color(*MUTED)
        self.wrapped(self.l_margin, self.text_width, size * 0.5, text)
        self.set_text_color(*INK)
        self.set_font(FONT, size=10)

    def bullet(self, text: str, note: str = "", indent: float = 2.0, mark: str = "•") -> None:
        """A bullet with wrapped text, and an optional note under it in bold."""
        x = self.l_margin + indent
        self.set_x(x)
        self.set_font(FONT, size=9.5)
        self.cell(4.5, 4.8, mark)
        self.wrapped(x + 4.5, self.w - self.r_margin - x - 4.5, 4.8, text)
        if note:
            self.set_font(FONT, "B", 9)
            self.wrapped(x + 4.5, self.w - self.r_margin - x - 4.5, 4.6, f"Notitie: {note}")
        self.set_font(FONT, size=10)

    def wrapped(self, x: float, width: float, height: float, text: str) -> None:
        """``text`` wrapped at spaces into lines of ``width`` from ``x`` (as ``multi_cell`` does).

        fpdf2's ``multi_cell`` measures the line again for every character it
        adds; a case's conversations have hundreds of bullets, so words are
        measured once here and each line is one ``cell``. A word wider than
        the line (a long web address) is left to ``multi_cell``.
        """
        lines = self.wrap_lines(text, width - 2 * self.c_margin)
        if lines is None:
            self.set_x(x)
            self.multi_cell(width, height, text, new_x="LMARGIN", new_y="NEXT", align="L")
            return
        for line in lines:
            self.set_x(x)
            self.cell(width, height, line, new_x="LMARGIN", new_y="NEXT", align="L")

    def wrap_lines(self, text: str, width: float) -> list[str] | None:
        """Greedy word wrap in the current font; None when one word alone is wider than ``width``.

        Remembered per font, size, width and text: the same checklist items
        come back in every conversation of a case.
        """
        key = (self.font_family, self.font_style, self.font_size_pt, round(width, 3), text)
        if key not in self._wrapped:
            self._wrapped[key] = self._wrap(text, width)
        return self._wrapped[key]

    def _wrap(self, text: str, width: float) -> list[str] | None:
        """``wrap_lines`` without the memory."""
        space = self.get_string_width(" ")
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line, used = "", 0.0
            for word in paragraph.split(" "):
                size = self.get_string_width(word)
                if size > width:
                    return None
                if line and used + space + size > width:
                    lines.append(line)
                    line, used = word, size
                elif line:
                    line, used = f"{line} {word}", used + space + size
                else:
                    line, used = word, size
            lines.append(line)
        return lines

    def fields(self, rows: Sequence[tuple[str, str]], label_width: float = 38) -> None:
        """Label/value lines, the label muted, the value wrapped beside it."""
        for label, value in rows:
            if self.will_page_break(6):
                self.add_page()
            top = self.get_y()
            self.set_font(FONT, size=9.5)
            self.set_text_color(*MUTED)
            self.cell(label_width, 5, label)
            self.set_text_color(*INK)
            self.wrapped(self.l_margin + label_width, self.text_width - label_width, 5, value or "—")
            self.set_y(max(self.get_y(), top + 5))
        self.set_font(FONT, size=10)

    def grid(self, headings: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
             alert_rows: Sequence[int] = (), size: float = 8.5) -> None:
        """A table with a heading row (repeated on a new page) and wrapped cells.

        Rows whose index is in ``alert_rows`` are printed in the "late" red.
        """
        self.set_font(FONT, size=size)
        style = FontFace(emphasis="BOLD", fill_color=FILL, color=INK)
        with self.table(col_widths=tuple(widths), width=self.text_width, text_align="LEFT",
                        line_height=size * 0.5, headings_style=style, borders_layout="HORIZONTAL_LINES",
                        padding=(1.2, 1.5), v_align="TOP", repeat_headings=1) as table:
            table.row(list(headings))
            for index, cells in enumerate(rows):
                row = table.row()
                face = FontFace(color=ALERT) if index in alert_rows else None
                for text in cells:
                    row.cell(text or "—", style=face)
        self.ln(2)
        self.set_font(FONT, size=10)
