"""Writing report files (0600, whole or not at all), ``lp``, and the export functions."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from pestcli.protocol.calendar import SchoolCalendar
from pestcli.report import export
from pestcli.report.build import load_summary
from pestcli.report.output import ExportError, default_path, documents_dir, write_private
from pestcli.report.printing import send_to_printer
from pestcli.store import add_person, audit_events, open_store
from pestcli.store.workflow import Rules, register_case

TODAY = date(2026, 11, 23)


def fake_lp(folder: Path, exit_code: int = 0) -> Path:
    """An ``lp`` that records its arguments next to itself and exits with ``exit_code``."""
    folder.mkdir(exist_ok=True)
    script = folder / "lp"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{folder}/args"\n'
                      'echo "lp: Error - no default destination available." >&2\n'
                      f"exit {exit_code}\n")
    script.chmod(0o755)
    return script


@pytest.fixture
def summary_and_store(tmp_path, protocol):
    """A small case in a fresh database, its summary, and the open store."""
    store = open_store(tmp_path / "data" / "pestcli.db", daily_backup=False)
    rules = Rules(protocol, SchoolCalendar.load(protocol.rules.region))
    pupil = add_person(store, "Noor", "Ëlzinga", class_name="1C")
    case = register_case(store, rules, reported_on=date(2026, 11, 16), reporter_kind="leerling",
                         parents_informed_after="na-stap-3", roles=[(pupil.id, "gepeste")], mentor="Dhr. Brouwers")
    yield load_summary(store, protocol, case.id, TODAY), store
    store.close()


def test_write_private_makes_a_0600_file_and_replaces_an_open_one(tmp_path):
    target = tmp_path / "uit.txt"
    target.write_text("oud")
    target.chmod(0o644)
    assert write_private(target, "nieuw: ë") == target
    assert target.read_text() == "nieuw: ë"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["uit.txt"]       # no scratch file left


def test_a_device_is_written_into_never_replaced():
    """``--uit /dev/null`` (the CLI fuzz tries it) must not, for root, put a plain file where the device was."""
    from pestcli.agenda.ics import write_private as write_ics_file

    null = Path("/dev/null")
    try:
        write_private(null, "vertrouwelijk")
        write_ics_file(null, b"BEGIN:VCALENDAR")
        assert stat.S_ISCHR(os.stat(null).st_mode)
    finally:
        if not stat.S_ISCHR(os.stat(null).st_mode) and os.geteuid() == 0:  # put the device back for the others
            null.unlink()
            os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
            os.chmod(null, 0o666)


def test_write_private_says_in_dutch_what_is_wrong(tmp_path):
    with pytest.raises(ExportError, match="bestaat niet; kies een andere plek"):
        write_private(tmp_path / "nee" / "x.pdf", b"x")
    with pytest.raises(ExportError, match="is een map; geef een bestandsnaam op"):
        write_private(tmp_path, b"x")


def test_a_folder_without_write_permission_is_a_dutch_error(tmp_path):
    locked = tmp_path / "dicht"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who may write anywhere")
        with pytest.raises(ExportError, match="Kan niet schrijven in"):
            write_private(locked / "x.pdf", b"x")
    finally:
        locked.chmod(0o700)


def test_the_default_place_is_documents_or_else_home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    assert documents_dir() == tmp_path
    (tmp_path / "Documents").mkdir()
    assert documents_dir() == tmp_path / "Documents"
    assert default_path("2026-0003", ".pdf") == tmp_path / "Documents" / "pestcli-2026-0003.pdf"
    assert default_path("2026-0003", ".txt", "-dossier-ZH").name == "pestcli-2026-0003-dossier-ZH.txt"


def test_lp_that_refuses_gives_a_dutch_reason_without_lps_english(tmp_path):
    lp = fake_lp(tmp_path / "bin", exit_code=1)
    result = send_to_printer(tmp_path / "x.pdf", "pestmelding 2026-0001", lp=str(lp))
    assert not result.printed
    assert result.message.startswith("Afdrukken is mislukt: lp nam de opdracht niet aan")
    assert "Error" not in result.message and "destination" not in result.message
    assert (tmp_path / "bin" / "args").read_text().splitlines() == [
        "-t", "pestmelding 2026-0001", "--", str(tmp_path / "x.pdf")]


def test_a_failed_print_keeps_the_pdf_in_documents(summary_and_store, tmp_path, monkeypatch):
    summary, store = summary_and_store
    docs = tmp_path / "Documents"
    docs.mkdir()
    monkeypatch.setattr("pestcli.report.output.documents_dir", lambda: docs)
    fake_lp(tmp_path / "bin", exit_code=1)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    result = export.print_summary(store, summary)
    target = docs / f"pestcli-{summary.number}.pdf"
    assert not result.printed and result.path == target
    assert result.message.endswith(f"; het PDF-bestand staat in {target}.")
    assert target.read_bytes().startswith(b"%PDF")
    assert [e.summary for e in audit_events(store) if e.action == "export"] == [
        f"samenvatting als PDF opgeslagen ({summary.number})"]


def test_print_with_a_kept_file_prints_that_file(summary_and_store, tmp_path, monkeypatch):
    summary, store = summary_and_store
    fake_lp(tmp_path / "bin")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    keep = tmp_path / "bewaard.pdf"
    result = export.print_summary(store, summary, keep)
    assert result.printed and result.path == keep
    assert result.message == f"De samenvatting is naar de printer gestuurd. Het PDF-bestand staat ook in {keep}."
    assert (tmp_path / "bin" / "args").read_text().splitlines()[-1] == str(keep)


def test_an_audit_trail_that_cannot_be_written_is_a_warning_not_a_lost_file(summary_and_store, tmp_path):
    summary, store = summary_and_store
    store.close()
    locked = open_store(store.path, daily_backup=False, busy_timeout=0.05)
    blocker = open_store(store.path, daily_backup=False)
    try:
        with blocker.write():
            result = export.save_markdown(locked, summary, tmp_path / "s.md")
    finally:
        blocker.close()
        locked.close()
    assert result.message == f"Opgeslagen: {tmp_path / 's.md'}"
    assert result.warning.startswith("Let op: dit staat niet in het logboek van de melding.")
    assert (tmp_path / "s.md").read_text().startswith(f"# Samenvatting pestmelding {summary.number}")


def test_the_pdf_of_a_fresh_case_is_fine_too(summary_and_store, tmp_path):
    summary, store = summary_and_store
    result = export.save_pdf(store, summary, tmp_path / "vers.pdf")
    from pypdf import PdfReader

    pages = [p.extract_text() for p in PdfReader(result.path).pages]
    text = "\n".join(pages)
    assert "Noor Ëlzinga" in text and "Nog geen gesprekken gevoerd." in text
    assert f"Pagina {len(pages)} van {len(pages)}" in pages[-1]
