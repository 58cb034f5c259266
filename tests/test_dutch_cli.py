"""Every command speaks Dutch: its --help, its typical output and its errors (issue 13).

The real command line (``pestcli.cli.main``) on a real SQLite file with the
demo data. Everything printed (stdout and stderr) and the text files it
writes are checked against English words and internal ids
(``tests/dutch_check.py``). Command and option names ("pestcli summary",
"--pupil") are the program's own names and are left out of the check.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dutch_check import not_dutch
from pestcli.cli import COMMANDS, main

TODAY = "2026-11-23"
#: The program's own names (an option, a command) and file paths: names, not words.
NAMES = re.compile(r"(?<![\w-])--?[a-z][\w-]*|\b(?:%s)\b|(?:/[^\s/]+)+/?" % "|".join(COMMANDS))


def shown(text: str) -> str:
    """The text without the program's own names."""
    return NAMES.sub(" ", text)


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    """A demo database in tmp_path; Documents there too; output at 80 columns."""
    monkeypatch.setenv("COLUMNS", "80")
    docs = tmp_path / "Documents"
    docs.mkdir()
    monkeypatch.setattr("pestcli.report.output.documents_dir", lambda: docs)
    monkeypatch.setattr("pestcli.report.export.find_lp", lambda: None)
    path = tmp_path / "data" / "pestcli.db"
    assert main(["--db", str(path), "demo", "--today", TODAY]) == 0
    return path


def run(capsys, *args: str) -> str:
    """Run ``pestcli ARGS`` and return all it printed (a SystemExit of --help or an error counts)."""
    try:
        main(list(args))
    except SystemExit:
        pass
    out = capsys.readouterr()
    return out.out + out.err


def test_every_help_text_is_dutch(capsys):
    found = []
    for args in (["--help"], *([name, "--help"] for name in COMMANDS)):
        text = run(capsys, *args)
        assert "gebruik:" in text, args
        found += [f"pestcli {' '.join(args)}: {p}" for p in not_dutch(shown(text))]
    assert not found, "\n".join(found)


def test_the_output_of_every_command_is_dutch(db, tmp_path, capsys):
    d = ["--db", str(db)]
    md, ics = tmp_path / "samenvatting.md", tmp_path / "agenda.ics"
    outputs = {
        "demo (al gevuld)": run(capsys, *d, "demo", "--today", TODAY),
        "protocol": run(capsys, "protocol"),
        "backup": run(capsys, *d, "backup"),
        "restore --list": run(capsys, *d, "restore", "--list"),
        "summary": run(capsys, *d, "summary", "2026-0003"),
        "summary --md": run(capsys, *d, "summary", "2026-0007", "--md", str(md)),
        "summary --for": run(capsys, *d, "summary", "2026-0003", "--for", "Lieke"),
        "summary --print": run(capsys, *d, "summary", "2026-0001", "--print"),
        "agenda": run(capsys, *d, "agenda", "--today", TODAY, "--days", "60"),
        "agenda --namen": run(capsys, *d, "agenda", "--today", TODAY, "--namen"),
        "agenda --ics": run(capsys, *d, "agenda", "--today", TODAY, "--ics", str(ics)),
        "export (tekst)": run(capsys, *d, "export", "--pupil", "Julia"),
        "export (tekst, escalatie en bewijs)": run(capsys, *d, "export", "--pupil", "Zoë"),
        "audit": run(capsys, *d, "audit", "--limit", "1000"),
    }
    outputs["summary --md (het bestand)"] = md.read_text(encoding="utf-8")
    for name, text in outputs.items():
        assert text.strip(), name
    assert "gedaan: " in outputs["audit"] and "Stand: gedaan" in outputs["export (tekst)"].replace("**", "")
    found = [f"{name}: {p}" for name, text in outputs.items() for p in not_dutch(shown(text))]
    assert not found, "\n".join(found)


def test_errors_are_dutch(db, capsys):
    d = ["--db", str(db)]
    outputs = {
        "onbekend commando": run(capsys, "nonsense"),
        "geen meldingsnummer": run(capsys, *d, "summary"),
        "onbekende melding": run(capsys, *d, "summary", "2099-0001"),
        "pdf en md samen": run(capsys, *d, "summary", "2026-0001", "--pdf", "a.pdf", "--md", "b.md"),
        "onbekende optie": run(capsys, *d, "agenda", "--bogus"),
        "geen getal": run(capsys, *d, "audit", "--limit", "veel"),
        "onbekende leerling": run(capsys, *d, "export", "--pupil", "Niemand"),
        "onmogelijke datum": run(capsys, *d, "agenda", "--date", "31-02-2026"),
    }
    for name, text in outputs.items():
        assert text.strip() and "Traceback" not in text, name
    found = [f"{name}: {p}" for name, text in outputs.items() for p in not_dutch(shown(text))]
    assert not found, "\n".join(found)
