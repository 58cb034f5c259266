"""Issue 14: hostile text in the database reaches the command line and its files as text.

The demo database, with every free-text field overwritten by the hostile
corpus (markup of Rich and Textual, escape sequences, NUL, bidi controls,
a 20,000-character note, SQL-looking strings, emoji, right-to-left text), is
read by ``agenda`` (table and ``.ics``), ``summary`` (text, Markdown, dossier,
PDF), ``export`` (text, JSON, PDF) and ``audit``. Every command ends without a
traceback, prints the markup literally and writes no control character to
the terminal or a file.
"""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from pypdf import PdfReader

from hostile_corpus import FORBIDDEN, HOSTILE_CLASS, HOSTILE_FIRST, poison
from pestcli.cli import main

#: The demo's cases (``fill_demo`` for 23 November 2026).
CASES = ("2025-0001", "2026-0001", "2026-0002", "2026-0003", "2026-0004", "2026-0005", "2026-0006")
#: What ``agenda`` is asked for: the demo's "today" and a month.
AGENDA = ("--today", "2026-11-23", "--date", "2026-11-23", "--days", "60")


@pytest.fixture(scope="module")
def hostile_db(demo_template, tmp_path_factory):
    """A copy of the demo database with the hostile corpus in every free-text field."""
    folder = tmp_path_factory.mktemp("hostile")
    shutil.copy(demo_template / "pestcli.db", folder / "pestcli.db")
    poison(folder / "pestcli.db")
    return folder / "pestcli.db"


def run(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    """``pestcli ARGS`` in this process: exit code, standard output, standard error."""
    monkeypatch.setenv("COLUMNS", "400")  # the agenda table wide enough not to wrap a name
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_clean(text: str) -> None:
    """No control character (tabs and newlines allowed) and no traceback."""
    found = FORBIDDEN.findall(text)
    assert not found, f"control characters reached the output: {sorted(set(map(repr, found)))}"
    assert "Traceback" not in text


def test_the_agenda_prints_markup_and_escape_sequences_literally(hostile_db, capsys, monkeypatch):
    code, out, err = run(capsys, monkeypatch, "agenda", "--db", str(hostile_db), *AGENDA, "--namen")
    assert code == 0, err
    assert_clean(out + err)
    assert f"{HOSTILE_CLASS}" in out  # was a MarkupError traceback
    assert "2B [havo]" in out  # was printed as "2B "
    assert HOSTILE_FIRST in out  # was a clickable "Klik"
    assert "Jansen[2J]0;PWNED" in out  # the escape sequences left out, the rest shown


def test_the_agenda_without_names_is_clean_too(hostile_db, capsys, monkeypatch):
    code, out, err = run(capsys, monkeypatch, "agenda", "--db", str(hostile_db), *AGENDA)
    assert code == 0, err
    assert_clean(out + err)
    assert HOSTILE_CLASS in out and "PWNED" not in out  # initials only


def test_the_ics_file_holds_no_control_characters(hostile_db, capsys, monkeypatch, tmp_path):
    target = tmp_path / "agenda.ics"
    code, out, err = run(capsys, monkeypatch, "agenda", "--db", str(hostile_db), *AGENDA, "--namen",
                         "--ics", str(target))
    assert code == 0, err
    assert_clean(out + err)
    data = target.read_text(encoding="utf-8")
    assert_clean(data.replace("\r\n", "\n"))
    unfolded = data.replace("\r\n ", "")
    assert "PWNED" in unfolded and "Klik" in unfolded


@pytest.mark.parametrize("case", CASES)
def test_the_summary_text_and_markdown_are_clean(hostile_db, capsys, monkeypatch, tmp_path, case):
    code, out, err = run(capsys, monkeypatch, "summary", case, "--db", str(hostile_db))
    assert code == 0, err
    assert_clean(out + err)
    target = tmp_path / "s.md"
    code, out, err = run(capsys, monkeypatch, "summary", case, "--db", str(hostile_db), "--md", str(target))
    assert code == 0, err
    assert_clean(out + err + target.read_text(encoding="utf-8"))


def test_the_summary_keeps_the_visible_text(hostile_db, capsys, monkeypatch):
    shown = ""
    for case in CASES:
        code, out, err = run(capsys, monkeypatch, "summary", case, "--db", str(hostile_db))
        assert code == 0, err
        shown += out
    assert "PWNED" in shown and "Klik" in shown and "DROP TABLE" in shown
    assert "😀" in shown and "سارة" in shown and "שלום" in shown  # emoji and right-to-left kept
    assert "Lange notitie" in shown  # the 20,000-character note is not lost


def test_the_dossier_and_the_pdf_are_clean(hostile_db, capsys, monkeypatch, tmp_path):
    code, out, err = run(capsys, monkeypatch, "summary", "2026-0004", "--db", str(hostile_db), "--for", "Naam11")
    assert code == 0, err
    assert_clean(out + err)
    assert "PWNED" in out
    target = tmp_path / "d.md"
    code, out, err = run(capsys, monkeypatch, "summary", "2026-0004", "--db", str(hostile_db), "--for", "Naam11",
                         "--md", str(target))
    assert code == 0, err
    assert_clean(target.read_text(encoding="utf-8"))
    pdf = tmp_path / "s.pdf"
    code, out, err = run(capsys, monkeypatch, "summary", "2026-0004", "--db", str(hostile_db), "--pdf", str(pdf))
    assert code == 0, err
    assert_clean(out + err)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "PWNED" in text and "\x1b" not in text and "\x00" not in text


def test_the_access_export_is_clean_in_text_json_and_pdf(hostile_db, capsys, monkeypatch, tmp_path):
    code, out, err = run(capsys, monkeypatch, "export", "--pupil", "Naam11", "--db", str(hostile_db))
    assert code == 0, err
    assert_clean(out + err)
    assert "PWNED" in out
    target = tmp_path / "e.json"
    code, out, err = run(capsys, monkeypatch, "export", "--pupil", "Naam11", "--db", str(hostile_db),
                         "--json", str(target))
    assert code == 0, err
    data = target.read_text(encoding="utf-8")
    assert "\\u001b" not in data and "\\u0000" not in data  # not even escaped in the JSON
    assert_clean(json.dumps(json.loads(data), ensure_ascii=False))
    pdf = tmp_path / "e.pdf"
    code, out, err = run(capsys, monkeypatch, "export", "--pupil", "Naam11", "--db", str(hostile_db),
                         "--pdf", str(pdf))
    assert code == 0, err
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "PWNED" in text and "\x1b" not in text


def test_a_list_of_candidates_is_clean(hostile_db, capsys, monkeypatch):
    code, out, err = run(capsys, monkeypatch, "export", "--pupil", "Naam", "--db", str(hostile_db))
    assert code == 2
    assert_clean(out + err)
    assert "leerlingen passen bij" in err and "PWNED" in err


def test_the_audit_trail_is_clean(hostile_db, capsys, monkeypatch, tmp_path):
    copy = tmp_path / "pestcli.db"
    shutil.copy(hostile_db, copy)
    connection = sqlite3.connect(copy)
    connection.execute("UPDATE audit_events SET summary = ?, os_user = ?",
                       ("Jansen\x1b[2J\x1b]0;PWNED\x07 [/] [link=x]Klik[/link]", "juf\x00[b]"))
    connection.commit()
    connection.close()
    code, out, err = run(capsys, monkeypatch, "audit", "--db", str(copy))
    assert code == 0, err
    assert_clean(out + err)
    assert "PWNED" in out and "[link=x]Klik[/link]" in out


@pytest.mark.parametrize("args", [
    ("audit", "--case", "2026-\x1b[2J[/]"),
    ("summary", "2026-\x1b[2J[/]"),
    ("export", "--pupil", "zz\x1b[2J[/]"),
    ("agenda", "--date", "zz\x1b[2J[/]"),
])
def test_a_typed_argument_is_quoted_without_control_characters(hostile_db, capsys, monkeypatch, args):
    code, out, err = run(capsys, monkeypatch, *args, "--db", str(hostile_db))
    assert code != 0
    assert_clean(out + err)
    assert "[/]" in err  # the markup is quoted as typed
