"""Issue 14: the renderers show any text literally and let no control character through.

Property-based (hypothesis): whatever a name, a class or a note holds, the
agenda table, a Rich ``Text`` from ``text.literal``, the iCalendar events,
the Markdown escape and ``text.plain_values`` on a read model produce no
control character, never parse the text as markup, and keep every other
character. And the PDF says nothing in English about glyphs its font lacks.
"""

from __future__ import annotations

import io
import logging
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from hostile_corpus import CORPUS, FORBIDDEN
from pestcli.agenda.ics import agenda_calendar, event_description, event_summary
from pestcli.agenda.rows import AgendaRow
from pestcli.agenda.table import agenda_table
from pestcli.report.markdown import escape
from pestcli.text import literal, plain, plain_values

#: Any text, with the corpus's hostile strings mixed in often.
TEXTS = st.one_of(st.text(max_size=80), st.sampled_from(CORPUS[:-1]),
                  st.lists(st.sampled_from(CORPUS[:-1]) | st.text(max_size=10), max_size=4).map("".join))
#: The characters Rich draws a table with (left out before comparing).
BOX = "│┃┏┓┗┛━─┡┩└┘┌┐╇╈┠┨┯┷┼║═╔╗╚╝╞╡╪├┤┬┴"
#: Quick enough for every run of the suite.
QUICK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def visible(text: str) -> str:
    """The characters a reader should see of ``text``, without spaces (for wrap-proof comparison)."""
    return "".join(plain(text).split())


def row(text: str) -> AgendaRow:
    """An agenda row with ``text`` as its class, its pupils and (inside) its description."""
    return AgendaRow(kind="vervolg", due_on=date(2026, 11, 23), case_id=1, case_number="2026-0001",
                     class_name=text, what=f"Vervolggesprek {text}", pupils=text, ref_id=1, step=5,
                     overdue_days=0, group="vandaag")


@QUICK
@given(TEXTS)
def test_plain_removes_every_control_character_and_keeps_the_rest(text):
    result = plain(text)
    assert not FORBIDDEN.search(result)
    assert plain(result) == result
    assert result == "".join(ch for ch in text if not FORBIDDEN.match(ch))


@QUICK
@given(TEXTS)
def test_a_literal_text_is_printed_as_it_is(text):
    out = io.StringIO()
    Console(file=out, width=4000, color_system=None, highlight=False).print(literal(text))
    assert not FORBIDDEN.search(out.getvalue())
    assert "".join(out.getvalue().split()) == visible(text)


@QUICK
@given(TEXTS)
def test_the_agenda_table_never_parses_markup_or_passes_controls(text):
    out = io.StringIO()
    console = Console(file=out, width=4000, color_system=None, highlight=False)
    console.print(agenda_table([plain_values(row(text))], date(2026, 11, 23), date(2026, 11, 29),
                               date(2026, 11, 23)))
    printed = out.getvalue()
    assert not FORBIDDEN.search(printed)
    flat = "".join(ch for ch in printed if ch not in BOX + " \n\t")
    for word in plain(text).split():  # each word of the text shows, brackets and all
        assert "".join(ch for ch in word if ch not in BOX) in flat


@QUICK
@given(TEXTS)
def test_the_calendar_events_hold_no_control_character(text):
    item = row(text)
    assert not FORBIDDEN.search(event_summary(item, include_names=True))
    assert not FORBIDDEN.search(event_description(item, include_names=True))
    data = agenda_calendar([item], "database-id", include_names=True).to_ical().decode("utf-8")
    assert not FORBIDDEN.search(data.replace("\r\n", "\n"))


@QUICK
@given(TEXTS)
def test_markdown_escapes_plain_text_without_controls(text):
    assert not FORBIDDEN.search(escape(plain(text)))


@QUICK
@given(TEXTS)
def test_plain_values_cleans_a_whole_read_model(text):
    cleaned = plain_values({"rows": [row(text)], "pair": (text, 3), "day": date(2026, 11, 23)})
    found = cleaned["rows"][0]
    assert found.pupils == plain(text) and found.class_name == plain(text)
    assert cleaned["pair"] == (plain(text), 3) and cleaned["day"] == date(2026, 11, 23)


def test_the_pdf_says_nothing_in_english_about_missing_glyphs(caplog, capsys):
    from pestcli.report.pdf_layout import DossierPDF

    pdf = DossierPDF("2026-0001", "Vertrouwelijk")
    pdf.add_page()
    with caplog.at_level(logging.WARNING):
        pdf.paragraph(plain("Zoë 😀 🦄 𝄞 中文 سارة שלום [/] " + "".join(CORPUS[:-1])))
        data = bytes(pdf.output())
    assert data.startswith(b"%PDF")
    assert not [r for r in caplog.records if "glyph" in r.getMessage()]
    out, err = capsys.readouterr()
    assert "glyph" not in out + err
