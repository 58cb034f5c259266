"""The agenda: only what is due in a range, through indexes, fast at 10,000 cases."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, datetime, timedelta

import pytest
from store_helpers import new_case

from pestcli.store import (
    close_case,
    complete_followup,
    due_items,
    mark_step_done,
    plan_followups,
    plan_parent_contact,
    record_parent_contact,
)
from pestcli.store.agenda import agenda_queries

TODAY = date(2026, 11, 23)


def test_due_items_lists_steps_followups_and_parent_contacts(store):
    case = new_case(store, due_dates={2: date(2026, 11, 20), 3: TODAY, 4: date(2026, 12, 10), 6: date(2026, 11, 25)})
    rows = plan_followups(store, case.id, [("na twee dagen", TODAY), ("na een week", date(2026, 11, 27)),
                                           ("na een maand", date(2026, 12, 20))])
    complete_followup(store, rows[1].id, date(2026, 11, 27))
    plan_parent_contact(store, case.id, date(2026, 11, 24))
    held = plan_parent_contact(store, case.id, date(2026, 11, 24))
    record_parent_contact(store, case.id, date(2026, 11, 24), "school", contact_id=held.id)
    items = due_items(store, TODAY, TODAY + timedelta(days=6), today=TODAY)
    assert [(i.kind, i.due_on, i.label, i.overdue) for i in items] == [
        ("stap", date(2026, 11, 20), "Stap 2", True),
        ("stap", TODAY, "Stap 3", False),
        ("vervolg", TODAY, "Vervolggesprek na twee dagen", False),
        ("ouders", date(2026, 11, 24), "Contact met ouders", False),
        ("stap", date(2026, 11, 25), "Stap 6", False),
    ]
    assert all(i.case_number == case.number and i.class_name == "2B" for i in items)
    only_range = due_items(store, TODAY, TODAY, include_overdue=False, today=TODAY)
    assert [i.label for i in only_range] == ["Stap 3", "Vervolggesprek na twee dagen"]


def test_done_steps_and_closed_cases_drop_out(store):
    case = new_case(store, due_dates={2: TODAY})
    other = new_case(store, due_dates={2: TODAY})
    mark_step_done(store, case.id, 2, TODAY)
    close_case(store, other.id, TODAY)
    assert due_items(store, TODAY, TODAY, today=TODAY) == []


def plan_of(con: sqlite3.Connection, query) -> str:
    """The EXPLAIN QUERY PLAN of a plain query ``(sql, params)``, its lines joined."""
    sql, params = query
    return " | ".join(r[-1] for r in con.execute("EXPLAIN QUERY PLAN " + sql, params))


def test_each_agenda_query_reads_through_its_index(store, db_path):
    con = sqlite3.connect(db_path)
    queries = agenda_queries(TODAY, TODAY + timedelta(days=7))
    assert "ix_step_progress_done_on_due_on" in plan_of(con, queries["stap"])
    assert "ix_followups_done_on_cancelled_on_due_on" in plan_of(con, queries["vervolg"])
    assert "ix_parent_contacts_held_on_planned_on" in plan_of(con, queries["ouders"])
    narrow = agenda_queries(TODAY, TODAY + timedelta(days=7), include_overdue=False)
    assert "ix_followups_done_on_cancelled_on_due_on" in plan_of(con, narrow["vervolg"])
    for query in agenda_queries(TODAY, TODAY, person_id=1).values():  # the person's cases by index
        assert "ix_case_roles_person_id" in plan_of(con, query)
    for query in agenda_queries(TODAY, TODAY, case_id=1).values():  # one case by its key
        assert "SEARCH cases USING INTEGER PRIMARY KEY" in plan_of(con, query)
    con.close()


def test_the_agenda_queries_are_plain_sql_with_iso_dates():
    queries = agenda_queries(TODAY, TODAY + timedelta(days=6), include_overdue=False, case_id=7)
    assert list(queries) == ["stap", "vervolg", "ouders"]
    sql, params = queries["vervolg"]
    assert sql.startswith("SELECT followups.id, followups.case_id, followups.due_on, followups.label")
    assert params == ("2026-11-23", "2026-11-29", 7)


def fill_big(db_path, cases: int = 10_000, followups_per_case: int = 10) -> None:
    """10,000 cases over three years, 100,000 follow-ups, most of the past ones done."""
    rng = random.Random(7)
    con = sqlite3.connect(db_path)
    now = datetime(2026, 11, 1, 12).isoformat(" ")
    case_rows, steps, followups, parents = [], [], [], []
    for cid in range(1, cases + 1):
        reported = TODAY - timedelta(days=rng.randint(0, 3 * 365))
        status = "closed" if reported < TODAY - timedelta(days=800) else "open"
        case_rows.append((cid, f"{reported.year}-{cid:05d}", reported.year, cid, status, reported.isoformat(),
                          "leerling", "2B", "", 0, "na-stap-3", "", "", "P", "1", now, now))
        for step in range(1, 7):
            due = reported + timedelta(days=7 * step)
            done = due.isoformat() if due < TODAY - timedelta(days=3) else None
            steps.append((cid, step, due.isoformat(), done, ""))
        agreed = reported + timedelta(days=21)
        for n in range(followups_per_case):
            due = agreed + timedelta(days=int(2 + n * 73))
            done = due.isoformat() if due < TODAY - timedelta(days=2) else None
            followups.append((cid, n + 1, f"vervolg {n + 1}", due.isoformat(), done, None, None, "", ""))
        parents.append((cid, (reported + timedelta(days=14)).isoformat(),
                        None if reported > TODAY - timedelta(days=30) else reported.isoformat(), "", ""))
    con.executemany("INSERT INTO cases (id, number, year, seq, status, reported_on, reporter_kind, class_name,"
                    " location, online, parents_informed_after, description, mentor, protocol_name, protocol_version,"
                    " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", case_rows)
    con.executemany("INSERT INTO step_progress (case_id, step, due_on, done_on, done_by) VALUES (?,?,?,?,?)", steps)
    con.executemany("INSERT INTO followups (case_id, seq, label, due_on, done_on, cancelled_on, outcome, note,"
                    " done_by) VALUES (?,?,?,?,?,?,?,?,?)", followups)
    con.executemany("INSERT INTO parent_contacts (case_id, planned_on, held_on, summary, held_by)"
                    " VALUES (?,?,?,?,?)", parents)
    con.commit()
    assert con.execute("SELECT count(*) FROM followups").fetchone() == (cases * followups_per_case,)
    con.close()


@pytest.mark.slow
def test_the_agenda_holds_at_ten_thousand_cases(store, db_path):
    """Correct at a school's size; how fast is measured in bench/, never asserted here."""
    fill_big(db_path)
    items = due_items(store, TODAY, TODAY + timedelta(days=6), today=TODAY)
    assert items, "the generated data should have something due this week"
    assert {i.kind for i in items} == {"stap", "vervolg", "ouders"}
