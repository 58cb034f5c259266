"""``pestcli summary CASE [--pdf FILE | --md FILE] [--print] [--for PUPIL]``."""

from __future__ import annotations

import shutil
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from pestcli.cli import main
from pestcli.store import audit_events, get_case_by_number, open_store

TODAY = date(2026, 11, 23)
FAKE_LP = """#!/bin/sh
for last; do :; done
printf '%s\\n' "$@" > "{log}"
cp "$last" "{log}.pdf"
echo "request id is nep-1 (1 file(s))"
"""



@pytest.fixture
def db(demo_template, tmp_path, monkeypatch) -> Path:
    """A private copy of the demo database; Documents is a folder in tmp_path."""
    shutil.copytree(demo_template, tmp_path / "data")
    docs = tmp_path / "Documents"
    docs.mkdir()
    monkeypatch.setattr("pestcli.report.output.documents_dir", lambda: docs)
    return tmp_path / "data" / "pestcli.db"


def exports(db: Path) -> list[str]:
    """The summaries of the export events in the (re-opened) database."""
    with open_store(db, daily_backup=False) as store:
        case = get_case_by_number(store, "2026-0007")
        return [e.summary for e in audit_events(store, case_id=case.id) if e.action == "export"]


def run(db: Path, *argv: str) -> int:
    """Run ``pestcli --db DB summary ...`` in this process."""
    return main(["--db", str(db), "summary", *argv])


def test_without_options_the_markdown_goes_to_stdout(db, capsys):
    assert run(db, "2026-0007") == 0
    out = capsys.readouterr().out
    assert out.startswith("# Samenvatting pestmelding 2026-0007\n")
    assert "## Gesprekken" in out and "Zoë Habets" in out
    assert exports(db) == ["samenvatting als tekst getoond (2026-0007)"]


def test_md_and_pdf_write_private_files(db, tmp_path, capsys):
    assert run(db, "2026-0007", "--md", str(tmp_path / "s.md")) == 0
    assert run(db, "2026-0007", "--pdf", str(tmp_path / "s.pdf")) == 0
    out = capsys.readouterr().out
    assert f"Opgeslagen: {tmp_path / 's.md'}" in out and f"Opgeslagen: {tmp_path / 's.pdf'}" in out
    assert (tmp_path / "s.md").read_text().startswith("# Samenvatting pestmelding 2026-0007")
    assert "Pagina 1 van" in PdfReader(tmp_path / "s.pdf").pages[0].extract_text()
    for name in ("s.md", "s.pdf"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600
    assert exports(db) == ["samenvatting als PDF opgeslagen (2026-0007)",
                           "samenvatting als Markdown opgeslagen (2026-0007)"]


def test_print_without_lp_still_writes_the_pdf_and_says_so(db, tmp_path, monkeypatch, capsys):
    empty = tmp_path / "bin-zonder-lp"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert run(db, "2026-0007", "--print") == 0
    target = tmp_path / "Documents" / "pestcli-2026-0007.pdf"
    out = capsys.readouterr().out
    assert out.strip() == f"Geen printer gevonden (lp ontbreekt); het PDF-bestand staat in {target}."
    assert target.read_bytes().startswith(b"%PDF")
    assert run(db, "2026-0007", "--print", "--pdf", str(tmp_path / "eigen.pdf")) == 0
    assert f"het PDF-bestand staat in {tmp_path / 'eigen.pdf'}." in capsys.readouterr().out
    assert (tmp_path / "eigen.pdf").exists()


def test_print_with_lp_sends_the_pdf_and_leaves_no_file(db, tmp_path, monkeypatch, capsys):
    fake = tmp_path / "bin"
    fake.mkdir()
    log = tmp_path / "lp.log"
    (fake / "lp").write_text(FAKE_LP.format(log=log))
    (fake / "lp").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}:/usr/bin:/bin")
    assert run(db, "2026-0007", "--print") == 0
    assert capsys.readouterr().out.strip() == "De samenvatting is naar de printer gestuurd."
    args = log.read_text().splitlines()
    assert args[:2] == ["-t", "pestmelding 2026-0007"]
    assert (tmp_path / "lp.log.pdf").read_bytes().startswith(b"%PDF")
    assert not Path(args[-1]).exists()                     # the temporary file is gone
    assert list((tmp_path / "Documents").iterdir()) == []
    assert exports(db) == ["samenvatting naar de printer gestuurd (2026-0007)"]


def test_for_pupil_gives_the_dossier_text(db, tmp_path, capsys):
    assert run(db, "2026-0007", "--for", "zoe") == 0
    out = capsys.readouterr().out
    assert out.startswith("Pestmelding 2026-0007 (vertrouwelijk)\nLeerling: Zoë Habets (3HA)")
    assert "Hamza" not in out and "Bouzian" not in out and "(H.B.)" in out
    assert run(db, "2026-0007", "--for", "Hamza", "--md", str(tmp_path / "d.txt")) == 0
    text = (tmp_path / "d.txt").read_text()
    assert "Leerling: Hamza Bouzian" in text and "Zoë" not in text and "Habets" not in text
    assert stat.S_IMODE((tmp_path / "d.txt").stat().st_mode) == 0o600


@pytest.mark.parametrize(("argv", "message"), [
    (("2030-0001",), "er is geen melding met nummer 2030-0001."),
    (("2026-0007", "--for", "Fenna"), "Geen leerling in melding 2026-0007 past bij ‘Fenna’"),
    (("2026-0007", "--for", "a"), "past bij meer dan één leerling"),
    (("2026-0007", "--for", "zoe", "--pdf", "x.pdf"), "--for maakt platte tekst"),
])
def test_mistakes_give_a_dutch_message_and_exit_code_2(db, capsys, argv, message):
    assert run(db, *argv) == 2
    captured = capsys.readouterr()
    assert message in captured.err and "Traceback" not in captured.err
    assert captured.out == ""


def test_a_folder_that_does_not_exist_is_exit_1_in_dutch(db, tmp_path, capsys):
    assert run(db, "2026-0007", "--pdf", str(tmp_path / "nergens" / "x.pdf")) == 1
    assert "bestaat niet; kies een andere plek" in capsys.readouterr().err


def test_pdf_and_md_together_are_refused(db, capsys):
    with pytest.raises(SystemExit) as stop:
        run(db, "2026-0007", "--pdf", "a.pdf", "--md", "a.md")
    assert stop.value.code == 2
    assert "pestcli: fout:" in capsys.readouterr().err


def test_the_summary_command_never_imports_textual(db):
    code = ("import contextlib, io, sys\nfrom pestcli.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n    main(['--db', {str(db)!r}, 'summary', '2026-0007'])\n"
            "print('textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
