"""``pestcli overzicht``: the yearly numbers as text, CSV and PDF, with no names and small counts hidden.

On the demo school (a file) the exports hold none of the names in the
database, counts of 1 to 4 read ``<5``, the files are private (0600), bad
input is a Dutch message with exit 2. On the school's server the APC counts
the school, a team leader their department (row-level security), and a
mentor or the foundation is told the overview is not theirs.
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from server_team import Team, team_server  # noqa: F401

from pestcli.protocol.periods import school_year_period, year_group_of
from pestcli.report.overview import HIDDEN, SMALL, TOO_FEW, csv_text, mask, overview_rows
from pestcli.store.figures import Count, Figures, Selection, StepFigure, read_figures
from pestcli.store.opening import open_server_store

TODAY = "23-11-2026"
YEAR = "2026-2027"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """``python -m pestcli ARGS`` in a fresh interpreter."""
    env = dict(os.environ, COLUMNS="160")
    return subprocess.run([sys.executable, "-m", "pestcli", *args], capture_output=True, text=True,
                          timeout=180, env=env)


@pytest.fixture
def demo_db(demo_copy, tmp_path) -> Path:
    return demo_copy(tmp_path / "gegevens" / "pestcli.db")


def names_in(db: Path) -> list[str]:
    """Every first and last name (longer than 2 letters) in the database's people."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT first_name, last_name FROM people").fetchall()
    finally:
        con.close()
    names = {part for row in rows for part in row if part and len(part) > 2}
    assert len(names) > 10
    return sorted(names)


# --- masking, without a database -------------------------------------------------------------------


def figures_with(**changes) -> Figures:
    period = school_year_period("2025-2026")
    base = dict(period=period, selection=Selection(), today=date(2026, 7, 31), reports=23,
                per_year_group=[Count("leerjaar:1", "leerjaar 1", 3), Count("leerjaar:2", "leerjaar 2", 20)],
                per_class=[Count("klas:1A", "1A", 3), Count("klas:2A", "2A", 12), Count("klas:2B", "2B", 8)],
                online=[Count("online:ja", "online", 4), Count("online:nee", "niet online", 19)],
                steps=[StepFigure(2, 23, 20, 18, 2, 3.5), StepFigure(3, 4, 4, 4, 0, 6.0)])
    base.update(changes)
    return Figures(**base)


def test_a_small_count_is_hidden_and_so_is_the_part_that_would_give_it_away():
    rows = {(row.section, row.label): row for row in overview_rows(figures_with(), {2: "Gesprek"}, masked=True)}
    assert rows[("Meldingen", "meldingen in de periode")].value == "23"
    assert rows[("Meldingen per leerjaar", "leerjaar 1")].value == SMALL
    assert rows[("Meldingen per leerjaar", "leerjaar 2")].value == HIDDEN  # 23 - <5 would tell it
    assert rows[("Meldingen per klas", "1A")].value == SMALL  # alone in its year group, whose count is hidden
    assert rows[("Meldingen per klas", "2A")].value == "12" and rows[("Meldingen per klas", "2B")].value == "8"
    assert rows[("Online", "online")].value == SMALL and rows[("Online", "niet online")].value == HIDDEN
    step2 = rows[("Stappen", "stap 2, op tijd")]
    assert step2.value == "78%" and "18 van 23" in step2.note and "mediaan 3,5 dagen" in step2.note
    assert rows[("Stappen", "stap 2, open na de termijn")].value == SMALL
    step3 = rows[("Stappen", "stap 3, op tijd")]
    assert step3.value == TOO_FEW and f"mediaan {TOO_FEW}" in step3.note  # 4 cases: no share, no median
    exact = {(row.section, row.label): row for row in overview_rows(figures_with(), {}, masked=False)}
    assert exact[("Meldingen per leerjaar", "leerjaar 1")].value == "3"
    assert [mask(n) for n in (0, 1, 4, 5)] == ["0", SMALL, SMALL, "5"]


def test_csv_cells_are_never_formulas_nor_control_characters():
    figures = figures_with(per_class=[Count("klas:=HYPERLINK(1)", "=HYPERLINK(1)", 23)],
                           per_year_group=[Count("leerjaar:", "zonder leerjaar", 23)])
    text = csv_text(overview_rows(figures, {}, masked=True), ["Overzicht\x1b[31m rood"])
    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
    assert "'=HYPERLINK(1)" in cells
    assert not any(cell.startswith("=") for cell in cells)
    assert "\x1b" not in text


# --- the command on the demo school ----------------------------------------------------------------


def test_the_table_csv_and_pdf_hold_no_names_and_hide_small_counts(demo_db, tmp_path):
    from pypdf import PdfReader

    shown = run_cli("overzicht", "--db", str(demo_db), "--jaar", YEAR, "--today", TODAY)
    assert shown.returncode == 0, shown.stderr
    assert "Overzicht pestmeldingen, schooljaar 2026-2027" in shown.stdout and SMALL in shown.stdout
    out_csv, out_pdf = tmp_path / "cijfers.csv", tmp_path / "cijfers.pdf"
    written = run_cli("overzicht", "--db", str(demo_db), "--jaar", YEAR, "--today", TODAY,
                      "--csv", str(out_csv), "--pdf", str(out_pdf))
    assert written.returncode == 0, written.stderr
    assert "Overzicht opgeslagen als CSV" in written.stdout and "Overzicht opgeslagen als PDF" in written.stdout
    assert out_csv.stat().st_mode & 0o777 == 0o600 and out_pdf.stat().st_mode & 0o777 == 0o600
    raw = out_csv.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert ["onderdeel", "omschrijving", "aantal", "toelichting"] in rows
    values = [row[2] for row in rows if len(row) == 4][1:]
    assert values and all(value in (SMALL, HIDDEN, TOO_FEW) or value.rstrip("%").isdigit() for value in values)
    assert not any(value.isdigit() and 0 < int(value) < 5 for value in values)
    pdf_text = "\n".join(page.extract_text() for page in PdfReader(out_pdf).pages)
    assert "ZONDER NAMEN" in pdf_text and "Meldingen per klas" in pdf_text
    for name in names_in(demo_db):
        for text in (shown.stdout, raw.decode("utf-8-sig"), pdf_text):
            assert name not in text, name


@pytest.mark.parametrize(("args", "said"), [
    (("--jaar", "2026"), "geen schooljaar"),
    (("--periode", "4"), "invalid choice"),
    (("--van", "1-9-2026"), "een begin (--van) en een eind (--tot)"),
    (("--van", "1-9-2026", "--tot", "1-8-2026"), "vóór de begindatum"),
    (("--van", "gisteren-ish", "--tot", "1-8-2026"), ""),
    (("--leerjaar", "twee"), "verwacht een getal"),
    (("--leerjaar", "2", "--klas", "2B"), "niet beide"),
    (("--jaar", "2025-2026", "--van", "1-9-2026", "--tot", "2-9-2026"), "niet beide"),
])
def test_bad_input_is_a_dutch_message_and_exit_2(demo_db, args, said):
    result = run_cli("overzicht", "--db", str(demo_db), "--today", TODAY, *args)
    if "invalid choice" in said:  # argparse's own refusal, in pestcli's Dutch wording
        assert result.returncode == 2 and "Traceback" not in result.stderr
        return
    assert result.returncode == 2, result.stdout
    assert result.stderr.startswith("pestcli overzicht: ") and said in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_database_is_said_and_not_made(tmp_path):
    missing = tmp_path / "nergens" / "pestcli.db"
    result = run_cli("overzicht", "--db", str(missing))
    assert result.returncode == 1 and "Er is nog geen database" in result.stderr
    assert not missing.exists()


def test_an_unwritable_place_for_the_csv_is_said(demo_db, tmp_path):
    result = run_cli("overzicht", "--db", str(demo_db), "--today", TODAY, "--csv", str(tmp_path / "weg" / "x.csv"))
    assert result.returncode == 1 and "bestaat niet" in result.stderr and "Traceback" not in result.stderr


# --- on the school's server ------------------------------------------------------------------------


def owner_count(team: Team, classes_of=None) -> int:
    """The Noord school's cases reported in the school year, counted as the administrator."""
    period = school_year_period(YEAR)
    rows = team.owner_rows("SELECT class_name FROM cases WHERE school_id = %s AND reported_on BETWEEN %s AND %s",
                           (team.school("Locatie Noord"), period.start, period.end))
    return sum(1 for (name,) in rows if classes_of is None or classes_of(name))


def test_the_apc_counts_the_school_and_a_team_leader_their_department(team):  # noqa: F811
    period = school_year_period(YEAR)
    counted = {}
    for who in ("apc", "directie", "teamleider"):
        store = open_server_store(team.url(who))
        try:
            counted[who] = read_figures(store, period, None, date(2026, 11, 23)).reports
        finally:
            store.close()
    school = owner_count(team)
    department = owner_count(team, lambda name: year_group_of(name) == "2" or name.strip().lower() == "4va")
    assert counted["apc"] == counted["directie"] == school > 0
    assert counted["teamleider"] == department < school
    result = run_cli("--db", team.url("apc"), "overzicht", "--jaar", YEAR, "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert "alle meldingen van Locatie Noord" in result.stdout


@pytest.mark.parametrize("who", ["mentor", "ondersteuning", "stichting"])
def test_others_on_the_server_are_told_the_overview_is_not_theirs(team, who):  # noqa: F811
    result = run_cli("--db", team.url(who), "overzicht", "--today", TODAY)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    if who == "stichting":  # sees no table at all: pestcli cannot even open the database as them
        assert "geen rechten" in result.stderr
    else:
        assert "Het overzicht is er voor de APC, de teamleiders en de directie." in result.stderr
