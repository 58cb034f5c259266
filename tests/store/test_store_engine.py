"""The engine: pragmas on every connection, BEGIN IMMEDIATE writes, no import-time engine."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import datetime

import pytest
from sqlalchemy import text
from store_helpers import new_case, run_python

from pestcli.store import StoreBusyError, StoreError, count_cases, list_cases, open_store
from pestcli.store.backend.identity import APPLICATION_ID
from pestcli.store.errors import BUSY_MESSAGE
from pestcli.store.models import Person


def pragmas(conn) -> dict[str, object]:
    return {
        name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
        for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
    }


@pytest.mark.file_only
def test_every_connection_gets_the_durability_pragmas(store):
    connections = [store.engine.connect() for _ in range(3)]  # three distinct pooled connections
    try:
        for conn in connections:
            assert pragmas(conn) == {
                "journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 5000,
            }
    finally:
        for conn in connections:
            conn.close()


def test_file_is_marked_as_ours_and_in_wal_mode(store, db_path):
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_write_is_committed_before_the_function_returns(store, db_path, pupils):
    case = new_case(store)
    other = sqlite3.connect(db_path)  # another connection, as another process would see it
    assert other.execute("SELECT number FROM cases WHERE id = ?", (case.id,)).fetchone() == (case.number,)
    other.close()


def test_write_takes_the_write_lock_at_once(store, db_path):
    with store.write():
        other = sqlite3.connect(db_path, timeout=0)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()


def test_a_failing_action_leaves_nothing_behind(store):
    with pytest.raises(RuntimeError):
        with store.write() as session:
            session.add(Person(first_name="Half", created_at=datetime(2026, 1, 1)))
            session.flush()
            raise RuntimeError("stop")
    with store.read() as session:
        assert session.exec(text("SELECT count(*) FROM people")).scalar() == 0


def test_second_writer_gets_a_clear_dutch_message(db_path):
    store = open_store(db_path, busy_timeout=0.2)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreBusyError) as caught:
            new_case(store)
        assert str(caught.value) == BUSY_MESSAGE
        assert isinstance(caught.value, StoreError)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    new_case(store)  # free again
    assert count_cases(store) == 1
    store.close()


def test_second_writer_waits_briefly_for_the_first(db_path):
    store = open_store(db_path, busy_timeout=5)
    holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.4, lambda: holder.execute("COMMIT"))
    release.start()
    started = time.monotonic()
    new_case(store)
    assert time.monotonic() - started >= 0.3
    release.join()
    holder.close()
    assert count_cases(store) == 1
    store.close()


def test_sqlite_url_and_reopen(db_path):
    first = open_store(f"sqlite:///{db_path}")
    new_case(first)
    first.close()
    again = open_store(db_path)
    assert [c.number for c in list_cases(again)] == ["2026-0001"]
    again.close()


def test_in_memory_store_works_for_quick_tests():
    store = open_store("sqlite://")
    assert store.path is None
    new_case(store)
    assert count_cases(store) == 1
    with pytest.raises(StoreError):
        _ = store.data_dir
    store.close()


def test_other_database_kinds_are_refused():
    with pytest.raises(StoreError, match="SQLite-bestand of een PostgreSQL-server, niet met mysql"):
        open_store("mysql://localhost/pest")


def test_an_unreachable_server_is_named_in_dutch():
    from pestcli.store.errors import StoreUnreachableError

    with pytest.raises(StoreUnreachableError, match=r"De database-server 127\.0\.0\.1:1/pest is niet bereikbaar"):
        open_store("postgresql://nobody@127.0.0.1:1/pest")


def test_importing_the_store_creates_no_engine_and_no_file(tmp_path):
    code = (
        "import pestcli.store as s, pestcli.store.backend.engine, pestcli.store.models, pestcli.locations\n"
        "for name in s.__all__: getattr(s, name)\n"
        "import gc\n"
        "from sqlalchemy.engine import Engine\n"
        "assert not [o for o in gc.get_objects() if isinstance(o, Engine)], 'engine at import'\n"
    )
    result = run_python(code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []


def test_light_modules_do_not_pull_in_sqlalchemy():
    code = (
        "import sys\n"
        "import pestcli.store, pestcli.store.errors, pestcli.locations, pestcli.commands.demo,"
        " pestcli.commands.backup\n"
        "heavy = [m for m in ('sqlalchemy', 'sqlmodel', 'alembic', 'platformdirs') if m in sys.modules]\n"
        "print(heavy)\n"
        "assert not heavy\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stdout + result.stderr


def test_threads_of_one_app_can_write_at_the_same_time(store):
    errors = []

    def work():
        try:
            for _ in range(15):
                new_case(store)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(c.number for c in list_cases(store)) == [f"2026-{n:04d}" for n in range(1, 61)]
