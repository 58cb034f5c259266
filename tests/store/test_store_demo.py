"""``pestcli demo``: invented cases in every step, refused over real cases, WAL and 0600."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
from datetime import date, timedelta

import pytest
from store_helpers import new_case, subprocess_env

from pestcli.store import (
    StoreError,
    case_detail,
    count_cases,
    due_items,
    fill_demo,
    list_cases,
    open_store,
    verify_evidence_file,
)
from pestcli.store.demo import tiny_png
from pestcli.store.models import TABLES
from pestcli.store.workflow import Rules

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def rules():
    return Rules.load()


def test_the_demo_shows_every_part_of_the_app(store, db_path, rules):
    summary = fill_demo(store, today=TODAY, rules=rules)
    assert summary.cases == count_cases(store) >= 8
    con = sqlite3.connect(db_path)
    for table in TABLES:
        assert con.execute(f'SELECT count(*) FROM "{table.__tablename__}"').fetchone()[0] > 0, table.__tablename__
    con.close()
    cases = list_cases(store)
    assert {c.status for c in cases} == {"open", "escalated", "closed"}
    details = [case_detail(store, c.id) for c in cases]
    done_counts = {sum(1 for s in d.steps if s.done_on) for d in details}
    assert {1, 2, 3, 5} <= done_counts  # cases in every stage
    assert any(d.unfinished_conversation for d in details)
    assert any(e.sanction_phase for d in details for e in d.escalations)
    assert any(c.state == "skipped" for d in details for t in d.conversations for c in t.items.values())
    with_file = [e for d in details for e in d.evidence if e.file_path]
    assert with_file and all(verify_evidence_file(store, e.id) for e in with_file)

    guides = {g.id: {i.id for i in g.checklist} for g in rules.protocol.guides}
    for d in details:
        for talk in d.conversations:
            assert set(talk.items) <= guides[talk.conversation.guide_id]  # real item ids
        assert set(d.forms) <= {i.id for g in rules.protocol.forms for i in g.items}
        assert {p.role for p in d.people} <= {r.id for r in rules.protocol.roles}

    agenda = due_items(store, TODAY, TODAY + timedelta(days=7), today=TODAY)
    assert any(i.overdue and i.kind == "vervolg" for i in agenda)
    assert any(i.due_on == TODAY and i.kind == "vervolg" for i in agenda)
    assert any(i.due_on == TODAY and i.kind == "stap" for i in agenda)
    assert any(i.kind == "ouders" for i in agenda)


def test_the_demo_refuses_a_database_with_cases(store, rules):
    new_case(store)
    with pytest.raises(StoreError, match="bevat al 1 melding"):
        fill_demo(store, today=TODAY, rules=rules)
    assert count_cases(store) == 1
    summary = fill_demo(store, today=TODAY, force=True, rules=rules)
    assert count_cases(store) == 1 + summary.cases  # added; nothing wiped


def test_the_demo_png_is_a_png():
    data = tiny_png()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pestcli", *args], capture_output=True, text=True,
                          env=subprocess_env(), timeout=120)


@pytest.mark.slow
def test_demo_command_writes_a_wal_database_with_mode_0600(tmp_path):
    target = tmp_path / "demo" / "x.db"
    result = run_cli("demo", "--db", str(target), "--today", "2026-11-23")
    assert result.returncode == 0, result.stderr
    assert "Demogegevens geschreven naar" in result.stdout and "verzonnen" in result.stdout
    con = sqlite3.connect(target)
    assert con.execute("pragma journal_mode").fetchone() == ("wal",)
    assert con.execute("SELECT count(*) FROM cases").fetchone()[0] >= 8
    con.close()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600

    again = run_cli("demo", "--db", str(target))
    assert again.returncode == 1
    assert "--force" in again.stderr and "Traceback" not in again.stderr
    bad_date = run_cli("demo", "--db", str(tmp_path / "y.db"), "--today", "gisteravond laat")
    assert bad_date.returncode == 2 and "Traceback" not in bad_date.stderr


@pytest.mark.slow
def test_demo_command_uses_pestcli_db(tmp_path):
    target = tmp_path / "via-env.db"
    result = subprocess.run([sys.executable, "-m", "pestcli", "demo"], capture_output=True, text=True,
                            env=subprocess_env(PESTCLI_DB=str(target)), timeout=120)
    assert result.returncode == 0, result.stderr
    assert str(target) in result.stdout and target.exists()


def _demo_dates(db_path) -> list[tuple[str, date]]:
    """Every calendar date the demo wrote: each ``*_on`` column, and when each conversation began.

    Read straight from the file, so a new date column is checked too. Wall-clock
    stamps (created, updated, recorded) and the moment of an online incident
    (evidence, any day or night) are not school dates.
    """
    con = sqlite3.connect(db_path)
    try:
        found: list[tuple[str, date]] = []
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for column in [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]:
                if column.endswith("_on") or (table, column) == ("conversations", "started_at"):
                    for (value,) in con.execute(f'SELECT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL'):
                        found.append((f"{table}.{column}", date.fromisoformat(str(value)[:10])))
        return found
    finally:
        con.close()


@pytest.mark.parametrize("today", [
    date(2026, 11, 23),   # a Monday in term
    date(2026, 12, 25),   # Eerste Kerstdag, in the kerstvakantie
    date(2027, 1, 4),     # the first day after the kerstvakantie
    date(2027, 8, 1),     # a Sunday in the zomervakantie 2027 of region zuid
    date(2027, 5, 5),     # Wednesday after the meivakantie
    date(2027, 3, 7),     # a Sunday
    date(2027, 5, 6),     # Hemelvaartsdag
])
def test_every_demo_date_is_a_school_day(tmp_path, rules, today):
    db_path = tmp_path / f"demo-{today}.db"
    store = open_store(db_path, daily_backup=False)
    try:
        fill_demo(store, today=today, rules=rules)
        cases = list_cases(store)
        assert {c.status for c in cases} == {"open", "escalated", "closed"}
    finally:
        store.close()
    dates = _demo_dates(db_path)
    kinds = {kind for kind, _ in dates}
    assert {"cases.reported_on", "conversations.started_at", "followups.due_on", "followups.done_on",
            "step_progress.done_on", "step_progress.due_on", "parent_contacts.held_on",
            "escalations.escalated_on", "cases.closed_on"} <= kinds
    closed = [(kind, day, rules.calendar.closed_reason(day)) for kind, day in dates
              if not rules.calendar.is_school_day(day)]
    assert closed == []
    # Nothing was held before it was reported, and nothing held lies after today.
    held = [day for kind, day in dates if kind in ("conversations.started_at", "followups.done_on",
                                                   "step_progress.done_on", "parent_contacts.held_on")]
    assert max(held) <= today
