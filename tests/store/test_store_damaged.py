"""A damaged, foreign or newer file: a Dutch message naming it and the newest backup;
the file is never changed and never replaced by a new, empty database."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
from store_helpers import new_case, subprocess_env

from pestcli.store import StoreDamagedError, StoreError, backup_now, open_store


def make_database(db_path, cases: int = 3):
    store = open_store(db_path)
    for _ in range(cases):
        new_case(store)
    store.close()


def assert_untouched(path, before: bytes):
    assert path.read_bytes() == before


def test_random_bytes(db_path):
    db_path.parent.mkdir()
    db_path.write_bytes(os.urandom(8192))
    before = db_path.read_bytes()
    with pytest.raises(StoreDamagedError) as caught:
        open_store(db_path)
    message = str(caught.value)
    assert str(db_path) in message
    assert "geen SQLite-database" in message
    assert "geen reservekopie" in message
    assert_untouched(db_path, before)


def test_truncated_database(db_path):
    make_database(db_path, cases=40)
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 3])
    before = db_path.read_bytes()
    with pytest.raises(StoreDamagedError) as caught:
        open_store(db_path)
    assert "beschadigd" in str(caught.value)
    assert str(db_path) in str(caught.value)
    assert_untouched(db_path, before)


def test_foreign_sqlite_database(db_path):
    db_path.parent.mkdir()
    con = sqlite3.connect(db_path)
    con.execute("CREATE TABLE recepten (id INTEGER PRIMARY KEY, naam TEXT)")
    con.execute("INSERT INTO recepten (naam) VALUES ('appeltaart')")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreDamagedError) as caught:
        open_store(db_path)
    assert "geen database van pestcli" in str(caught.value)
    assert_untouched(db_path, before)
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT naam FROM recepten").fetchall() == [("appeltaart",)]
    con.close()


def test_the_message_offers_the_newest_backup(db_path):
    make_database(db_path)
    store = open_store(db_path)
    older = backup_now(store, "eerste")
    newest = backup_now(store, "tweede")
    store.close()
    db_path.write_bytes(b"kapot" * 1000)
    with pytest.raises(StoreDamagedError) as caught:
        open_store(db_path)
    message = str(caught.value)
    assert str(newest) in message and str(older) not in message
    assert f'pestcli restore "{newest}"' in message
    assert caught.value.backup == str(newest)


def test_an_empty_file_becomes_a_new_database(db_path):
    db_path.parent.mkdir()
    db_path.touch()
    store = open_store(db_path)
    new_case(store)
    store.close()


def test_an_empty_sqlite_file_without_tables_is_used(db_path):
    db_path.parent.mkdir()
    sqlite3.connect(db_path).close()
    open_store(db_path).close()


def test_a_directory_is_not_a_database(tmp_path):
    with pytest.raises(StoreError, match="is een map"):
        open_store(tmp_path)


def test_a_database_from_a_newer_pestcli_is_refused(db_path):
    make_database(db_path)
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="nieuwere versie van pestcli"):
        open_store(db_path)


@pytest.mark.slow
def test_the_command_line_shows_no_traceback(db_path):
    db_path.parent.mkdir()
    db_path.write_bytes(os.urandom(4096))
    result = subprocess.run(
        [sys.executable, "-m", "pestcli", "demo", "--db", str(db_path)],
        capture_output=True, text=True, env=subprocess_env(), timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert str(db_path) in result.stderr
    assert "geen SQLite-database" in result.stderr
