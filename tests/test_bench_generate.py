"""The benchmark's generator and drive script, on a tiny database (50 cases).

The real benchmark makes 10,000 cases; these tests prove, quickly, that what
it makes is a database the real store opens and reads (the agenda has rows,
the largest case has its 50 conversations with real checklist items), that it
is deterministic, and that the drive script sees the real app paint its due
items.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.generate import generate  # noqa: E402
from bench.profile import parse_importtime, summarise_imports  # noqa: E402

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> tuple[Path, dict]:
    """A 50-case benchmark database and its meta data."""
    db = tmp_path_factory.mktemp("bench") / "school.db"
    return db, generate(db, cases=50, seed=3, today=TODAY)


def test_generation_writes_meta_beside_the_database(tiny):
    db, meta = tiny
    assert json.loads(db.with_suffix(".json").read_text())["largest_case"] == meta["largest_case"]
    assert meta["rows"]["cases"] == 50
    assert meta["rows"]["conversations"] >= 50 + 49  # the largest case, and at least one per other case
    assert meta["rows"]["followups"] > 200
    assert meta["generated_s"] < 10


def test_the_real_store_opens_it_and_the_agenda_has_rows(tiny):
    from pestcli.store import count_cases, due_items, open_store
    from pestcli.store.backend.migrate import current_revision, head_revision

    db, _meta = tiny
    store = open_store(db, daily_backup=False)
    try:
        assert current_revision(store) == head_revision()
        assert count_cases(store) == 50
        week = due_items(store, TODAY, TODAY + timedelta(days=6), today=TODAY)
    finally:
        store.close()
    assert week, "the agenda of the generated database must have something due this week"
    assert all(item.due_on <= TODAY + timedelta(days=6) for item in week)
    assert any(not item.overdue for item in week), "something is due this week, not only overdue"


def test_the_largest_case_has_50_conversations_with_real_checklist_items(tiny, protocol):
    from pestcli.store import case_detail, get_case_by_number, open_store

    db, meta = tiny
    store = open_store(db, daily_backup=False)
    try:
        case = get_case_by_number(store, meta["largest_case"]["number"])
        detail = case_detail(store, case.id)
    finally:
        store.close()
    assert case.status != "closed"
    assert len(detail.conversations) == 50 == meta["largest_case"]["conversations"]
    known = {item.id for guide in protocol.guides for item in guide.checklist}
    recorded = {item_id for talk in detail.conversations for item_id in talk.items}
    assert recorded and recorded <= known
    assert detail.followups and detail.agreements and detail.people


def test_the_file_is_sound_and_ours(tiny):
    from pestcli.store.backend.check import inspect_database

    db, _meta = tiny
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        names = con.execute("SELECT first_name || ' ' || last_name FROM people LIMIT 5").fetchall()
    finally:
        con.close()
    assert inspect_database(db) == "ours"
    assert all(name.strip() for (name,) in names)


def test_generation_is_deterministic(tiny, tmp_path):
    db, meta = tiny
    again = generate(tmp_path / "again.db", cases=50, seed=3, today=TODAY)
    assert again["rows"] == meta["rows"] and again["largest_case"] == meta["largest_case"]

    def dump(path: Path) -> list[tuple]:
        con = sqlite3.connect(path)
        try:
            return con.execute("SELECT * FROM followups ORDER BY id").fetchall()
        finally:
            con.close()

    assert dump(db) == dump(tmp_path / "again.db")


def test_importtime_parsing_sums_by_package():
    text = (
        "import time: self [us] | cumulative | imported package\n"
        "import time:       500 |        500 |     sqlalchemy.util\n"
        "import time:      1500 |       2000 |   sqlalchemy\n"
        "import time:       300 |       2300 | pestcli.app\n"
    )
    rows = parse_importtime(text)
    assert rows[1] == ("sqlalchemy", 1, 1.5, 2.0)
    summary = summarise_imports(rows)
    assert summary["by_package"][0] == ("sqlalchemy", 2.0)
    assert summary["pestcli_cumulative"] == [("pestcli.app", 2.3)]


@pytest.mark.slow
def test_drive_script_exits_once_the_real_app_painted_its_due_items(tiny, tmp_path):
    db, meta = tiny
    report = tmp_path / "marks.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench.drive_app", "--db", str(db), "--today", meta["today"],
         "--report", str(report)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    marks = json.loads(report.read_text())
    assert marks["ok"]
    assert marks["imported"] < marks["app_created"] < marks["mounted"] < marks["painted"]
    # Not merely composed: the rows of this week's items are in the list (plus any headings).
    from pestcli.store import due_items, open_store

    store = open_store(db, daily_backup=False)
    try:
        sunday = TODAY + timedelta(days=6 - TODAY.weekday())
        due = due_items(store, TODAY, sunday, today=TODAY)
    finally:
        store.close()
    assert marks["due_rows"] >= min(5, len(due)) > 0


@pytest.mark.slow
def test_bare_app_exits_once_painted_and_reports_its_memory(tmp_path):
    report = tmp_path / "marks.json"
    done = subprocess.run([sys.executable, "-m", "bench.bare_app", "--report", str(report)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    marks = json.loads(report.read_text())
    assert marks["ok"] and marks["painted"] >= marks["mounted"]
    assert "sqlalchemy" not in marks["heavy_imports"]
    if sys.platform.startswith("linux"):
        assert 10 < marks["peak_mb"] < 500
