"""The first screen's reads and ``pestcli agenda`` run on plain SQL: no ORM is imported.

The home screen (counts, the due list, the open cases, the case count, the
retention line) and the agenda read through ``Store.sql()``, so a fresh
process that opens an existing database never imports SQLAlchemy, SQLModel
or the table models for them.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest
from store_helpers import new_case, run_python

from pestcli.store import close_case, count_cases, fill_demo, open_store
from pestcli.store.overview import PEOPLE_SQL
from pestcli.store.retention_due import DUE_WHERE, due_params

TODAY = date(2026, 11, 23)
HEAVY = ("sqlalchemy", "sqlmodel", "pestcli.store.models")

#: Every read of the home screen and the agenda, in a fresh process; prints their repr as JSON.
READS = """
import json, sys
from datetime import date, timedelta
from pestcli.agenda.rows import agenda_rows
from pestcli.protocol import load_protocol
from pestcli.store import count_cases, open_store
from pestcli.store.agenda import due_items
from pestcli.store.agenda_people import case_pupils, filtered_due_items
from pestcli.store.counts import counts
from pestcli.store.overview import open_case_overview
from pestcli.store.retention_due import count_due_for_review

def reads(store, today):
    week = today + timedelta(days=6)
    items = due_items(store, today, week, today=today)
    return [repr(value) for value in (
        counts(store, today), items,
        filtered_due_items(store, today, week, today, person_id=1, kinds={"stap", "ouders"}),
        case_pupils(store, {item.case_id for item in items}),
        agenda_rows(store, load_protocol(), today, week, today),
        open_case_overview(store), count_cases(store),
        count_due_for_review(store, today, 24), count_due_for_review(store, today + timedelta(days=1100), 24),
    )]

if __name__ == "__main__":
    store = open_store(sys.argv[1])
    try:
        result = reads(store, date.fromisoformat(sys.argv[2]))
    finally:
        store.close()
    print(json.dumps({"reads": result, "heavy": [m for m in %r if m in sys.modules]}))
""" % (HEAVY,)


@pytest.fixture
def demo_path(db_path):
    """A database filled with the demo cases, then closed (as the app finds it next time)."""
    with open_store(db_path) as store:
        fill_demo(store, today=TODAY)
    return db_path


def test_a_fresh_process_reads_the_home_screen_without_the_orm(demo_path):
    result = run_python(READS, str(demo_path), TODAY.isoformat())
    assert result.returncode == 0, result.stderr
    child = json.loads(result.stdout)
    assert child["heavy"] == []
    namespace: dict = {"__name__": "reads"}
    exec(compile(READS, "reads", "exec"), namespace)  # the same reads here, through the same code
    with open_store(demo_path) as store:
        assert child["reads"] == namespace["reads"](store, TODAY)
    assert child["reads"][6] == "9" and child["reads"][8] == "1"  # nine demo cases, one closed


def test_the_agenda_command_imports_no_orm(demo_path):
    code = (
        "import contextlib, io, sys\n"
        "from pestcli.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    code = main(['agenda', '--db', {str(demo_path)!r}, '--days', '7',"
        f" '--today', {TODAY.isoformat()!r}])\n"
        f"heavy = [m for m in {(*HEAVY, 'textual')!r} if m in sys.modules]\n"
        "print(code, heavy, 'Agenda:' in out.getvalue())\n"
    )
    result = run_python(code, timeout=120)
    assert result.stdout.split() == ["0", "[]", "True"], result.stderr


def test_count_cases_counts_every_case(store):
    assert count_cases(store) == 0
    first = new_case(store)
    new_case(store)
    close_case(store, first.id, TODAY)
    assert count_cases(store) == 2


def test_the_home_screens_other_queries_use_indexes(store, db_path):
    con = sqlite3.connect(db_path)
    people = " | ".join(r[-1] for r in con.execute("EXPLAIN QUERY PLAN " + PEOPLE_SQL))
    assert "sqlite_autoindex_case_roles_1 (case_id=?)" in people  # only the open cases' roles
    retention = " | ".join(r[-1] for r in con.execute(
        f"EXPLAIN QUERY PLAN SELECT count(*) FROM cases WHERE {DUE_WHERE}", due_params(TODAY, 24)))
    assert "ix_cases_status_reported_on (status=?)" in retention
    con.close()
