"""``pestcli export --pupil NAME [--json FILE | --pdf FILE]``: the pupil's right of access."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from pestcli.cli import main
from pestcli.store import add_person, audit_events, create_case, open_store

TODAY = date(2026, 11, 23)


@pytest.fixture
def db(tmp_path) -> Path:
    """A database with Zeynep (gepeste) and Bram (pester) in one case, and a second Bram."""
    path = tmp_path / "data" / "pestcli.db"
    with open_store(path, daily_backup=False) as store:
        victim = add_person(store, "Zeynep", "Oosterbroek", class_name="2B")
        bully = add_person(store, "Bram", "Kuipers", class_name="2B")
        add_person(store, "Bram", "Jansen", class_name="3A")
        create_case(store, reported_on=TODAY, reporter_kind="leerling", parents_informed_after="na-stap-3",
                    protocol_name="Anti-pestprotocol", protocol_version="2.3",
                    description="Bram Kuipers pest Zeynep.",
                    roles=[(victim.id, "gepeste"), (bully.id, "pester")])
    return path


def export_events(db: Path) -> list[str]:
    """The summaries of the export events in the re-opened database."""
    with open_store(db, daily_backup=False) as store:
        return [e.summary for e in audit_events(store) if e.action == "export"]


def test_json_holds_the_pupil_and_only_initials_of_others(db, tmp_path, capsys):
    target = tmp_path / "inzage.json"
    assert main(["--db", str(db), "export", "--pupil", "zeynep", "--json", str(target)]) == 0
    assert f"Opgeslagen: {target}" in capsys.readouterr().out
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["leerling"]["achternaam"] == "Oosterbroek"
    assert data["meldingen"][0]["omschrijving"] == "pester B.K. pest Zeynep."
    assert "Kuipers" not in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert any("JSON" in s for s in export_events(db))


def test_pdf_is_written_and_audited(db, tmp_path, capsys):
    target = tmp_path / "inzage.pdf"
    assert main(["--db", str(db), "export", "--pupil", "Oosterbroek", "--pdf", str(target)]) == 0
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Zeynep Oosterbroek" in text and "Kuipers" not in text
    assert any("PDF" in s for s in export_events(db))


def test_without_a_file_the_overview_is_shown(db, capsys):
    assert main(["--db", str(db), "export", "--pupil", "Zeynep"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Inzageoverzicht pestcli: Zeynep Oosterbroek")
    assert "pester B.K." in out and "Kuipers" not in out
    assert any("tekst" in s for s in export_events(db))


def test_an_ambiguous_name_lists_the_candidates(db, capsys):
    assert main(["--db", str(db), "export", "--pupil", "Bram"]) == 2
    err = capsys.readouterr().err
    assert "2 leerlingen passen bij 'Bram'" in err and "Bram Jansen (3A)" in err
    assert "Traceback" not in err


def test_an_unknown_name_and_a_bad_folder_give_dutch_errors(db, tmp_path, capsys):
    assert main(["--db", str(db), "export", "--pupil", "Niemand"]) == 2
    assert "geen leerling gevonden" in capsys.readouterr().err
    missing = tmp_path / "bestaat-niet" / "x.json"
    assert main(["--db", str(db), "export", "--pupil", "Zeynep", "--json", str(missing)]) == 1
    err = capsys.readouterr().err
    assert "bestaat niet" in err and "Traceback" not in err
    assert export_events(db) == []
