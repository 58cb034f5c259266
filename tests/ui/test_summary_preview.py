"""The summary preview: the Markdown view, saving the PDF and Markdown, printing, the dossier text.

The real app on a copy of the demo database; every test drives it with keys
like a mentor, polls for the result, and checks the files on disk and the
audit trail in a second connection (so only committed data counts).
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from ui_helpers import SIZE, screen_text, wait_for
from textual.widgets import Input, OptionList, TextArea

from pestcli.screens.summary_dialogs import DossierScreen, PupilPicker, SavePathDialog
from pestcli.screens.summary_preview import SummaryPreviewScreen
from pestcli.store import audit_events, get_case_by_number, open_store



@pytest.fixture
def docs(tmp_path, monkeypatch) -> Path:
    """The mentor's Documents folder (inside tmp_path)."""
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr("pestcli.report.output.documents_dir", lambda: folder)
    return folder


@pytest.fixture
def demo_app(demo_copy, db_path, make_app, docs):
    """The app on a private copy of the demo database."""
    demo_copy(db_path)
    return make_app()


def case_id_of(app, number: str) -> int:
    """The id of a demo case."""
    return get_case_by_number(app.store, number).id


#: The demo case with the most conversations (the preview test) and a small one (the rest).
BIG, SMALL = "2026-0007", "2026-0002"


def exports(db_path: Path, number: str = SMALL) -> list[str]:
    """The export events of a case, read through a second connection."""
    with open_store(db_path, daily_backup=False) as store:
        case = get_case_by_number(store, number)
        return [e.summary for e in audit_events(store, case_id=case.id) if e.action == "export"]


def notes(app) -> list[str]:
    """The messages of the notifications shown so far."""
    return [n.message for n in app._notifications]


async def open_preview(pilot, number: str = SMALL) -> SummaryPreviewScreen:
    """Open the preview of a case and wait until the whole summary is on screen."""
    app = pilot.app
    app.push_screen(SummaryPreviewScreen(case_id_of(app, number)))
    await wait_for(pilot, lambda: isinstance(app.screen, SummaryPreviewScreen) and app.screen.summary)
    await wait_for(pilot, lambda: app.screen.rendered)
    assert f"Samenvatting pestmelding {number}" in screen_text(app)
    return app.screen


async def save_dialog(pilot) -> SavePathDialog:
    """Wait for the save dialog."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SavePathDialog))
    return pilot.app.screen


async def test_the_preview_shows_the_summary_with_its_keys(demo_app):
    app = demo_app
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_preview(pilot, BIG)
        text = screen_text(app)
        assert "Voorbeeld van de samenvatting van melding 2026-0007" in text
        assert "Vertrouwelijk" in text and "Schooljaar: 2026-2027" in text
        for key in ("esc Terug", "p PDF opslaan", "m Markdown opslaan", "a Afdrukken", "d Dossiertekst"):
            assert key in text, key
        await pilot.press("end")
        await wait_for(pilot, lambda: "Wat komt er nu" in screen_text(app))
        assert "Anti-pestcoördinator heeft de regie" in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is not screen)


async def test_p_saves_the_pdf_where_the_mentor_says_and_keeps_a_bad_path(demo_app, db_path, docs, tmp_path):
    app = demo_app
    async with app.run_test(size=SIZE) as pilot:
        await open_preview(pilot)
        await pilot.press("p")
        dialog = await save_dialog(pilot)
        field = dialog.query_one("#save-path", Input)
        assert field.value == str(docs / "pestcli-2026-0002.pdf")
        wrong = str(tmp_path / "bestaat-niet" / "verslag.pdf")
        field.value = wrong
        await pilot.press("enter")
        error = dialog.query_one("#save-error")
        await wait_for(pilot, lambda: "bestaat niet; kies een andere plek" in str(error.content))
        assert app.screen is dialog and field.value == wrong          # nothing the mentor typed is lost
        assert exports(db_path) == []
        field.value = str(tmp_path / "verslag")                       # the suffix is added
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryPreviewScreen))
        target = tmp_path / "verslag.pdf"
        await wait_for(pilot, lambda: f"Opgeslagen: {target}" in notes(app))
        assert target.read_bytes().startswith(b"%PDF")
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert exports(db_path) == ["samenvatting als PDF opgeslagen (2026-0002)"]


async def test_m_asks_before_it_replaces_a_file(demo_app, db_path, docs):
    app = demo_app
    existing = docs / "pestcli-2026-0002.md"
    existing.write_text("oud")
    async with app.run_test(size=SIZE) as pilot:
        await open_preview(pilot)
        await pilot.press("m")
        dialog = await save_dialog(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "bestaat al" in str(dialog.query_one("#save-error").content))
        assert app.screen is dialog and existing.read_text() == "oud"
        # Enter is on "Opslaan" (issue 13: the path is not focused); a button takes no second press
        # within its 0.2 s press effect, so a double Enter never replaces the file unasked.
        await wait_for(pilot, lambda: not dialog.query_one("#save").has_class("-active"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: f"Opgeslagen: {existing}" in notes(app))
    assert existing.read_text().startswith("# Samenvatting pestmelding 2026-0002")
    assert exports(db_path) == ["samenvatting als Markdown opgeslagen (2026-0002)"]


async def test_escape_in_the_save_dialog_saves_nothing(demo_app, db_path, docs):
    app = demo_app
    async with app.run_test(size=SIZE) as pilot:
        await open_preview(pilot)
        await pilot.press("p")
        await save_dialog(pilot)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryPreviewScreen))
    assert list(docs.iterdir()) == [] and exports(db_path) == []


async def test_a_without_a_printer_keeps_the_pdf_and_says_where(demo_app, db_path, docs, tmp_path, monkeypatch):
    empty = tmp_path / "bin-zonder-lp"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    app = demo_app
    target = docs / "pestcli-2026-0002.pdf"
    async with app.run_test(size=SIZE) as pilot:
        await open_preview(pilot)
        await pilot.press("a")
        message = f"Geen printer gevonden (lp ontbreekt); het PDF-bestand staat in {target}."
        await wait_for(pilot, lambda: message in notes(app))
    assert target.read_bytes().startswith(b"%PDF")
    assert exports(db_path) == ["samenvatting als PDF opgeslagen (2026-0002)"]


async def test_d_shows_one_pupils_dossier_text_to_copy_and_save(demo_app, db_path, docs):
    app = demo_app
    async with app.run_test(size=SIZE) as pilot:
        await open_preview(pilot)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, PupilPicker))
        options = app.screen.query_one("#pupil-list", OptionList)
        assert options.option_count == 4
        assert "Yara Bosman (2B) — gepeste" in screen_text(app)
        await pilot.press("down", "enter")                               # Thijs Ramakers, the pester
        await wait_for(pilot, lambda: isinstance(app.screen, DossierScreen))
        text = app.screen.query_one("#dossier-text", TextArea).text
        assert "Leerling: Thijs Ramakers (2B)" in text and "de gepeste (Y.B.)" in text
        assert "Yara" not in text and "Bosman" not in text
        assert app.screen.query_one(TextArea).read_only
        await pilot.press("c")
        await wait_for(pilot, lambda: app.clipboard == text)
        assert "De dossiertekst staat op het klembord." in notes(app)
        await pilot.press("s")
        await save_dialog(pilot)
        await pilot.press("enter")
        target = docs / "pestcli-2026-0002-dossier-TR.txt"
        await wait_for(pilot, lambda: f"Opgeslagen: {target}" in notes(app))
        assert isinstance(app.screen, DossierScreen)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryPreviewScreen))
    assert target.read_text() == text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert exports(db_path) == ["dossiertekst voor een leerling gemaakt (2026-0002)"] * 2


async def test_a_case_that_is_gone_gives_a_dutch_message(demo_app):
    app = demo_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(SummaryPreviewScreen(9999))
        await wait_for(pilot, lambda: "Melding 9999 bestaat niet (meer)." in screen_text(app))
        await pilot.press("p")
        await wait_for(pilot, lambda: notes(app).count("Melding 9999 bestaat niet (meer).") == 2)
        assert isinstance(app.screen, SummaryPreviewScreen)


async def test_the_case_screen_opens_the_summary_with_r(demo_app):
    app = demo_app
    async with app.run_test(size=SIZE) as pilot:
        app.open_case(case_id_of(app, SMALL))
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CaseScreen" and app.screen.detail)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryPreviewScreen))
        await wait_for(pilot, lambda: SMALL in screen_text(app))
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CaseScreen")


async def test_p_pressed_twice_keeps_the_default_path(demo_app, docs):
    """Double keys do no harm: the second p does not replace the default PDF path (issue 13)."""
    app = demo_app
    async with app.run_test(size=SIZE) as pilot:
        await open_preview(pilot)
        await pilot.press("p", "p")
        dialog = await save_dialog(pilot)
        await pilot.press("p")
        field = dialog.query_one("#save-path", Input)
        assert field.value == str(docs / "pestcli-2026-0002.pdf")
        assert dialog.focused is dialog.query_one("#save")
        await pilot.press("shift+tab")  # to change the path: the cursor at its end, nothing selected
        await wait_for(pilot, lambda: dialog.focused is field)
        await pilot.press("backspace", "backspace", "backspace", *"txt")
        assert field.value == str(docs / "pestcli-2026-0002.txt")
