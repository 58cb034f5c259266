"""The commands on both backends: the same calls on a file and on the school's PostgreSQL server (issue 16).

``backend`` runs each test twice (tests/conftest.py): on a file in
``tmp_path`` and on a new database on the test's throwaway PostgreSQL
server. The commands run in-process through ``pestcli.cli.main``, as a
mentor types them, with home and data folders in ``tmp_path``.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from pypdf import PdfReader

from pestcli import cli
from pestcli.store.backend.migrate import HEAD_REVISION

TODAY = "2026-11-23"


@pytest.fixture
def place(tmp_path, monkeypatch):
    """Home, data and documents in ``tmp_path``; no PESTCLI_DB from outside."""
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.delenv("PESTCLI_DB", raising=False)
    monkeypatch.setenv("COLUMNS", "160")
    return tmp_path


@pytest.fixture
def demo(place, store_target, capsys) -> str:
    """The demo school on the test's backend (``pestcli demo``); its ``--db`` value."""
    db = str(store_target)
    assert cli.main(["demo", "--db", db, "--today", TODAY]) == 0
    out, _ = capsys.readouterr()
    assert "Demogegevens geschreven naar" in out and "None" not in out
    return db


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """``pestcli ARGV`` in-process: exit code, stdout, stderr."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_the_agenda_and_its_calendar_file(demo, capsys, place):
    code, out, _ = run(capsys, "agenda", "--db", demo, "--date", TODAY, "--today", TODAY)
    assert code == 0 and "Agenda: ma 23 nov 2026 tot en met zo 29 nov 2026" in out and "te laat" in out
    ics = place / "agenda.ics"
    code, _, _ = run(capsys, "agenda", "--db", demo, "--today", TODAY, "--ics", str(ics))
    assert code == 0 and ics.read_text().startswith("BEGIN:VCALENDAR")


def test_a_summary_as_text_markdown_and_pdf(demo, capsys, place):
    code, out, _ = run(capsys, "summary", "--db", demo, "2026-0001")
    assert code == 0 and "# Samenvatting pestmelding 2026-0001" in out
    pdf = place / "s.pdf"
    code, _, _ = run(capsys, "summary", "--db", demo, "2026-0001", "--pdf", str(pdf))
    assert code == 0
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Samenvatting pestmelding 2026-0001" in text


def test_the_access_export_and_the_audit_trail(demo, capsys, place):
    target = place / "inzage.json"
    code, _, err = run(capsys, "export", "--db", demo, "--pupil", "Fenna", "--json", str(target))
    assert code == 0, err
    export = json.loads(target.read_text())
    assert "Fenna" in json.dumps(export, ensure_ascii=False)
    code, out, _ = run(capsys, "audit", "--db", demo, "--limit", "5")
    assert code == 0 and "inzage" in out.lower()


def test_erasing_a_pupil(demo, capsys, backend):
    code, out, err = run(capsys, "wis", "--db", demo, "--leerling", "Fenna Kuipers", "--grond", "verzoek", "--ja")
    assert code == 0, err
    if backend == "postgresql":  # the server's backups are the school's: pestcli does not promise what it cannot see
        assert "De reservekopieën van de server (die maakt de school) kunnen deze gegevens nog bevatten" in out
        assert "blijft dit gewist" not in out
    else:
        assert "Ook als later een oudere reservekopie wordt teruggezet, blijft dit gewist." in out
    code, _, err = run(capsys, "export", "--db", demo, "--pupil", "Fenna Kuipers")
    assert code != 0 and "Fenna" in err  # no such pupil any more, said in Dutch


def test_migrate_makes_and_then_keeps_the_schema(place, backend, request, capsys):
    if backend == "postgresql":  # an empty database, as the IT administrator creates it
        target = request.getfixturevalue("postgres_database")
    else:
        target = str(place / "nieuw" / "pestcli.db")
    code, out, _ = run(capsys, "--db", target, "migrate")
    assert code == 0 and f"is ingericht voor pestcli (schema {HEAD_REVISION})" in out
    code, out, _ = run(capsys, "--db", target, "migrate")
    assert code == 0 and f"heeft al het schema van deze versie van pestcli ({HEAD_REVISION}); er is niets veranderd" in out


def test_an_unreachable_server_stops_the_app_with_exit_2_and_a_dutch_message(place):
    """Nothing listens on port 1: the app says which server, in Dutch, and exits 2 without a traceback."""
    result = subprocess.run([sys.executable, "-m", "pestcli", "--db", "postgresql://mentor:geheim@127.0.0.1:1/school"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "De database-server 127.0.0.1:1/school is niet bereikbaar" in result.stderr
    assert "Traceback" not in result.stderr and "geheim" not in result.stderr + result.stdout
    code = cli.main(["--db", "postgresql://mentor@127.0.0.1:1/school", "migrate"])
    assert code == 2
