"""``pestcli agenda``: the Rich table on demo data, overdue first, Dutch errors, no Textual."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta

import pytest

from pestcli.agenda import agenda_rows
from pestcli.protocol.dates import format_date
from pestcli.store import open_store
from pestcli.store.agenda_people import case_pupils

TODAY = date(2026, 11, 23)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """``python -m pestcli ARGS`` in a fresh interpreter, wide enough for the table."""
    env = dict(os.environ, COLUMNS="160")
    return subprocess.run([sys.executable, "-m", "pestcli", *args], capture_output=True, text=True,
                          timeout=120, env=env)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """A database filled by ``pestcli demo --today 2026-11-23``."""
    path = tmp_path_factory.mktemp("demo") / "pestcli.db"
    result = run_cli("demo", "--db", str(path), "--today", TODAY.isoformat())
    assert result.returncode == 0, result.stderr
    return path


def demo_rows(path, protocol, **options):
    """The rows ``pestcli agenda`` should show for the demo week, and every pupil's full name."""
    store = open_store(path)
    try:
        rows = agenda_rows(store, protocol, TODAY, TODAY + timedelta(days=6), TODAY, **options)
        people = case_pupils(store, {r.case_id for r in rows})
    finally:
        store.close()
    names = {f"{p.first_name} {p.last_name}" for pairs in people.values() for _, p in pairs}
    return rows, names


@pytest.mark.slow
def test_the_agenda_lists_the_demo_items_overdue_first(demo_db, protocol):
    result = run_cli("agenda", "--db", str(demo_db), "--date", "2026-11-23", "--today", "2026-11-23")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Traceback" not in out + result.stderr
    assert "Agenda: ma 23 nov 2026 tot en met zo 29 nov 2026" in out
    rows, names = demo_rows(demo_db, protocol)
    assert rows[0].group == "te laat" and any(r.group == "vandaag" for r in rows)
    lines = [line for line in out.splitlines() if line.startswith("│ ") and line[2:4].strip()]
    assert len(lines) == len(rows)  # one first line per row; wrapped lines start with "│  "
    for line, row in zip(lines, rows):
        assert format_date(row.due_on) in line and row.case_number in line
    first_late = lines[0]
    # The demo's oldest open item: the parents of 2026-0003, planned four days ago.
    assert "4 dagen te laat" in first_late and "2026-0003" in first_late
    last_late = max(i for i, r in enumerate(rows) if r.group == "te laat")
    assert all("te laat" in lines[i] for i in range(last_late + 1))
    assert all("te laat" not in line for line in lines[last_late + 1:])
    assert "Vervolggesprek na een week" in out and "gepeste M.S." in out
    assert names and not any(name in out for name in names)  # initials only
    summary = f"{sum(r.group == 'te laat' for r in rows)} te laat"
    assert summary in out


@pytest.mark.slow
def test_dates_in_a_school_year_without_known_holidays_are_said_so(demo_db):
    # September 2028 is in 2028-2029: the calendar of region zuid does not know its holidays.
    later = run_cli("agenda", "--db", str(demo_db), "--date", "2028-09-01", "--today", "2026-11-23",
                    "--days", "30")
    assert later.returncode == 0, later.stderr
    text = " ".join(later.stdout.split())
    assert "Vervolggesprek na twee jaar" in text and "ma 11 sep 2028" in text
    assert text.endswith("Let op: Voor schooljaar 2028-2029 zijn de schoolvakanties van regio zuid niet "
                         "bekend; pestcli houdt alleen rekening met weekenden en feestdagen.")
    # The demo week: every date in 2026-2027, whose holidays are known.
    week = run_cli("agenda", "--db", str(demo_db), "--today", "2026-11-23")
    assert week.returncode == 0 and "Let op" not in week.stdout and "schoolvakanties" not in week.stdout
    # The same period as an iCalendar file: the line after the export says it too.
    ics = run_cli("agenda", "--db", str(demo_db), "--date", "2028-09-01", "--today", "2026-11-23",
                  "--days", "30", "--ics", str(demo_db.parent / "later.ics"))
    assert ics.returncode == 0, ics.stderr
    assert ics.stdout.splitlines()[-1] == (
        "Let op: Voor schooljaar 2028-2029 zijn de schoolvakanties van regio zuid niet bekend; "
        "pestcli houdt alleen rekening met weekenden en feestdagen.")
    assert "Let op" not in run_cli("agenda", "--db", str(demo_db), "--today", "2026-11-23", "--ics",
                                   str(demo_db.parent / "week.ics")).stdout


@pytest.mark.slow
def test_namen_shows_full_names(demo_db, protocol):
    result = run_cli("agenda", "--db", str(demo_db), "--today", "2026-11-23", "--namen")
    assert result.returncode == 0, result.stderr
    _, names = demo_rows(demo_db, protocol)
    assert all(name in result.stdout for name in names)
    assert "gepeste: " in result.stdout


@pytest.mark.slow
def test_the_agenda_command_never_imports_textual(demo_db):
    probe = (
        "import contextlib, io, sys\n"
        "from pestcli.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    code = main(['agenda', '--db', {str(demo_db)!r}, '--today', '2026-11-23'])\n"
        "print(code, 'textual' in sys.modules, '2026-0005' in out.getvalue())\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["0", "False", "True"], result.stderr


@pytest.mark.slow
def test_today_is_the_default_date(tmp_path):
    path = tmp_path / "pestcli.db"
    assert run_cli("demo", "--db", str(path)).returncode == 0
    result = run_cli("agenda", "--db", str(path), "--days", "3")
    assert result.returncode == 0, result.stderr
    today = date.today()
    assert f"Agenda: {format_date(today)} tot en met {format_date(today + timedelta(days=2))}" in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize(("args", "message"), [
    (("--date", "31-02-2026"), "februari heeft geen 31 dagen"),
    (("--date", "blauw"), "Voorbeelden: vandaag, vr, 3-12"),
    (("--today", "gisteren-ish"), "pestcli agenda:"),
    (("--days", "0"), "--days moet tussen 1 en"),
    (("--days", "een week"), "--days verwacht een heel getal"),
])
def test_bad_input_is_a_dutch_message_with_exit_code_2(demo_db, args, message):
    result = run_cli("agenda", "--db", str(demo_db), *args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.slow
def test_a_date_from_the_school_calendar(tmp_path):
    """The example the date message gives ("na de kerstvakantie") works on the command line too."""
    path = tmp_path / "leeg.db"
    open_store(path).close()
    result = run_cli("agenda", "--db", str(path), "--date", "na de kerstvakantie", "--today", "2026-12-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("Niets op de agenda van ma 4 jan 2027 tot en met")


@pytest.mark.slow
def test_an_empty_agenda_says_so(tmp_path):
    path = tmp_path / "leeg.db"
    open_store(path).close()
    result = run_cli("agenda", "--db", str(path), "--date", "23-11-2026", "--today", "2026-11-23")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Niets op de agenda van ma 23 nov 2026 tot en met zo 29 nov 2026."


@pytest.mark.slow
def test_a_missing_database_is_not_created(tmp_path):
    path = tmp_path / "bestaat-niet.db"
    result = run_cli("agenda", "--db", str(path))
    assert result.returncode == 1
    assert "Er is nog geen database" in result.stderr and "Traceback" not in result.stderr
    assert not path.exists()


def test_agenda_help_is_dutch(capsys):
    from pestcli.cli import main

    with pytest.raises(SystemExit):
        main(["agenda", "--help"])
    out = capsys.readouterr().out
    assert "gebruik:" in out and "--namen" in out and "--ics BESTAND" in out and "--days N" in out
