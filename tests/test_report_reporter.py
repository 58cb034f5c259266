"""The summary names who reported and when the parents are told; the pupil's dossier names no reporter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from pestcli.cli import main
from pestcli.names import reporter_line


@pytest.fixture
def db(demo_template, tmp_path, monkeypatch) -> Path:
    """A private copy of the demo database (case 2026-0007 was reported by Zoë's father)."""
    shutil.copytree(demo_template, tmp_path / "data")
    monkeypatch.setattr("pestcli.report.output.documents_dir", lambda: tmp_path)
    return tmp_path / "data" / "pestcli.db"


def run(db: Path, *argv: str) -> int:
    """Run ``pestcli --db DB summary ...`` in this process."""
    return main(["--db", str(db), "summary", *argv])


def test_the_markdown_and_the_pdf_say_who_reported_and_when_the_parents_are_told(db, tmp_path, capsys):
    assert run(db, "2026-0007") == 0
    out = capsys.readouterr().out
    assert "- **Gemeld door:** Jos Habets, vader van Zoë (een ouder)" in out
    assert "- **Ouders inlichten:** Na stap 3 — Herhaaldelijk pesten, geen geweld of bedreiging." in out
    assert "Ernst" not in out
    assert "(een ouder)" not in out.split("Gemeld door")[0]  # the kind is said once, with the name
    assert run(db, "2026-0007", "--pdf", str(tmp_path / "s.pdf")) == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(tmp_path / "s.pdf").pages)
    assert "Gemeld door Jos Habets, vader van Zoë (een ouder)" in text  # label and value, no colon
    assert "Ouders inlichten Na stap 3 — Herhaaldelijk pesten" in text


def test_the_ernstig_demo_case_is_told_after_stap_1_and_names_the_pupil_who_reported(db, capsys):
    assert run(db, "2026-0003") == 0
    out = capsys.readouterr().out
    assert "- **Gemeld door:** Zoë Habets (een medeleerling)" in out
    assert "- **Ouders inlichten:** Na stap 1 — Bedreiging online" in out


def test_no_dossier_text_names_the_reporter(db, capsys):
    for pupil in ("zoe", "Hamza", "Sem"):
        assert run(db, "2026-0007", "--for", pupil) == 0
        out = capsys.readouterr().out
        assert "Jos" not in out and "vader van" not in out, pupil
        assert "Gemeld door" not in out


@pytest.mark.parametrize(("args", "line"), [
    (("Anoniem", "anoniem", "", "", None), "Anoniem (geen naam bewaard)"),
    (("Anoniem", "anoniem", "Iemand", "", None), "Anoniem (geen naam bewaard)"),  # a name is never shown
    (("Een medewerker van school", "medewerker", "Karin Smeets", "", None),
     "Karin Smeets (een medewerker van school)"),
    (("Een ouder", "ouder", "Anouk Bosman", "moeder van Yara", None), "Anouk Bosman, moeder van Yara (een ouder)"),
    (("De gepeste leerling zelf", "gepeste", "", "", "Yara Bosman"), "Yara Bosman (de gepeste leerling zelf)"),
    (("Een medeleerling", "leerling", "", "", None), "Een medeleerling (naam niet vastgelegd of gewist)"),
    (("Een ouder", "ouder", "", "", None), "Een ouder (naam niet vastgelegd)"),
])
def test_reporter_line(args, line):
    assert reporter_line(*args) == line
