"""The PDF for the dossier: A4, DejaVu embedded, sections, Dutch characters, every page marked."""

from __future__ import annotations

import shutil
import stat
import subprocess
import sys
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from pestcli.report.build import load_summary
from pestcli.report.model import SECTION_TITLES
from pestcli.report.output import ExportError
from pestcli.report.pdf import split_hash, write_pdf
from pestcli.store import (
    add_evidence,
    case_detail,
    conversations_of_case,
    list_cases,
    open_store,
    record_item_state,
)

TODAY = date(2026, 11, 23)
DUTCH = "Zoë zegt: ‘ik ben ’s ochtends bang’ — één keer geïntimideerd, café, naïef"



def busyness(detail) -> tuple[int, int, int]:
    """Most conversations first; ties go to the case with escalations and agreements."""
    return len(detail.conversations), len(detail.escalations), len(detail.agreements)


@pytest.fixture(scope="module")
def built(demo_template, tmp_path_factory, protocol):
    """The PDF of the demo case with the most conversations, with a Dutch note and evidence added."""
    folder = tmp_path_factory.mktemp("pdf")
    shutil.copytree(demo_template, folder / "data")
    shot = folder / "schermafdruk.png"
    shot.write_bytes(b"\x89PNG not really an image")
    with open_store(folder / "data" / "pestcli.db", daily_backup=False) as store:
        case_id = max((c.id for c in list_cases(store)), key=lambda i: busyness(case_detail(store, i)))
        talk = conversations_of_case(store, case_id)[0]
        record_item_state(store, talk.id, "b6.stappen.03", "done", DUTCH)
        evidence = add_evidence(store, case_id, "bewijs.schermafdruk", occurred_at=datetime(2026, 11, 20, 21, 14),
                                platform="Snapchat", url="https://voorbeeld.invalid/een/heel/lang/adres",
                                username="@nachtuil", description="Dreigbericht.", source_file=shot)
        summary = load_summary(store, protocol, case_id, TODAY)
    (folder / "uit").mkdir()
    path = write_pdf(summary, folder / "uit" / "samenvatting.pdf")
    reader = PdfReader(path)
    return path, reader, [page.extract_text() for page in reader.pages], summary, evidence


def test_the_pdf_is_a4_private_and_has_several_pages(built):
    path, reader, pages, _, _ = built
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(pages) >= 3
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    assert reader.metadata.title == "Samenvatting pestmelding 2026-0007"


def test_every_page_says_vertrouwelijk_the_case_number_and_pagina_n_van_m(built):
    _, _, pages, summary, _ = built
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert "VERTROUWELIJK" in text and "Vertrouwelijk" in text, number
        assert summary.number in text, number
        assert f"Pagina {number} van {total}" in text, number


def test_every_section_is_there_in_order(built):
    _, _, pages, _, _ = built
    text = "\n".join(pages)
    positions = [text.index(f"\n{title}\n") for title in SECTION_TITLES.values()]
    assert positions == sorted(positions)
    for expected in ("Samenvatting pestmelding 2026-0007", "Schooljaar 2026-2027", "Mentor mentor (demo)",
                     "Protocol Anti-pestprotocol 2.3", "Gesprek 4:", "(overgeslagen)", "gebroken",
                     "Fase 1: een lichte corrigerende maatregel", "Anti-pestcoördinator", "Voor gezien"):
        assert expected in text, expected


def test_the_pdf_says_when_planned_dates_fall_in_a_year_without_known_holidays(built):
    _, _, pages, _, _ = built
    text = " ".join(" ".join(pages).split())
    assert ("Let op: Voor schooljaar 2028-2029 zijn de schoolvakanties van regio zuid niet bekend; "
            "pestcli houdt alleen rekening met weekenden en feestdagen.") in text


def test_dutch_characters_come_back_out_of_the_pdf(built):
    _, reader, pages, _, _ = built
    text = " ".join(" ".join(pages).split())
    assert DUTCH in text
    assert "Zoë Habets" in text and "Geëscaleerd" in text
    fonts = {font["/BaseFont"] for page in reader.pages
             for font in page["/Resources"]["/Font"].values() if "/BaseFont" in font.get_object()}
    assert any("DejaVuSans" in str(name) for name in fonts)


def test_the_evidence_log_has_time_platform_url_username_file_and_the_whole_hash(built):
    _, _, pages, _, evidence = built
    text = "\n".join(pages)
    for expected in ("vr 20 nov 2026", "21:14", "Snapchat", "@nachtuil", "schermafdruk.png", "Dreigbericht."):
        assert expected in text, expected
    for chunk in split_hash(evidence.sha256).splitlines():
        assert chunk in text
    assert "".join(split_hash(evidence.sha256).split()) == evidence.sha256


def test_a_missing_folder_is_a_dutch_error_and_writes_nothing(built, tmp_path):
    summary = built[3]
    with pytest.raises(ExportError, match="De map .* bestaat niet"):
        write_pdf(summary, tmp_path / "nergens" / "x.pdf")
    assert not (tmp_path / "nergens").exists()


def test_making_a_pdf_loads_fpdf_only_then():
    code = ("import sys\nimport pestcli.report.pdf, pestcli.report.export, pestcli.screens.summary_preview\n"
            "import pestcli.app\nprint('fpdf' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
