"""Two pestcli processes on one file, and a writer killed mid-transaction."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest
from store_helpers import subprocess_env

from pestcli.store import count_cases, list_cases, open_store

pytestmark = pytest.mark.slow

WRITER = textwrap.dedent("""
    import sys, time
    from datetime import date
    from pathlib import Path
    from pestcli.store import add_person, assign_role, create_case, open_store
    path, name, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    store = open_store(path, daily_backup=False)
    while not go.exists():
        time.sleep(0.005)
    for i in range(count):
        pupil = add_person(store, f"{name}{i}", class_name="2B")
        case = create_case(store, reported_on=date(2026, 11, 2), reporter_kind="leerling",
                           parents_informed_after="na-stap-3", protocol_name="P", protocol_version="1",
                           due_dates={2: date(2026, 11, 9)})
        assign_role(store, case.id, pupil.id, "gepeste")
    print("klaar", flush=True)
""")


def test_two_processes_writing_at_once_lose_nothing(db_path, tmp_path):
    open_store(db_path).close()  # create and migrate first
    go = tmp_path / "go"
    children = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), name, "40", str(go)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=subprocess_env())
        for name in ("links", "rechts")
    ]
    time.sleep(0.5)
    go.touch()
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert "klaar" in out
    store = open_store(db_path)
    numbers = sorted(c.number for c in list_cases(store))
    assert numbers == [f"2026-{n:04d}" for n in range(1, 81)]
    store.close()
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert con.execute("SELECT count(*) FROM people").fetchone() == (80,)
    assert con.execute("SELECT count(*) FROM case_roles").fetchone() == (80,)
    assert con.execute("SELECT count(*) FROM step_progress").fetchone() == (480,)
    assert con.execute("SELECT count(*) FROM audit_events").fetchone() == (240,)
    con.close()


KILLED = textwrap.dedent("""
    import sys, time
    from datetime import date, datetime
    from pestcli.store import add_person, create_case, open_store
    from pestcli.store.models import Person
    path, committed = sys.argv[1], int(sys.argv[2])
    store = open_store(path, daily_backup=False)
    for i in range(committed):
        add_person(store, f"Leerling{i}")
        create_case(store, reported_on=date(2026, 11, 2), reporter_kind="leerling",
                    parents_informed_after="na-stap-3", protocol_name="P", protocol_version="1")
    print("vastgelegd", flush=True)
    with store.write() as session:
        # a tiny page cache makes SQLite spill uncommitted pages into the -wal file
        session.connection().exec_driver_sql("PRAGMA cache_size = 2")
        for i in range(3000):
            session.add(Person(first_name=f"Onaf{i}" + "x" * 200, created_at=datetime.now()))
        session.flush()
        print("midden in een transactie", flush=True)
        time.sleep(120)
""")


def test_a_writer_killed_mid_transaction_loses_only_its_uncommitted_work(db_path):
    open_store(db_path).close()
    child = subprocess.Popen([sys.executable, "-c", KILLED, str(db_path), "25"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=subprocess_env())
    assert child.stdout.readline().strip() == "vastgelegd"
    assert child.stdout.readline().strip() == "midden in een transactie"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    store = open_store(db_path)  # quick_check runs here; it must open clean
    assert count_cases(store) == 25
    store.close()
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA quick_check").fetchone() == ("ok",)
    assert con.execute("SELECT count(*) FROM people").fetchone() == (25,)
    assert con.execute("SELECT count(*) FROM people WHERE first_name LIKE 'Onaf%'").fetchone() == (0,)
    con.close()
