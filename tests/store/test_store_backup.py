"""Backups: made with the backup API, verified, rotated, daily, and restored."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta

import pytest
from store_helpers import new_case

from pestcli.store import (
    StoreDamagedError,
    StoreError,
    backup_now,
    count_cases,
    list_backups,
    newest_backup,
    open_store,
    restore_backup,
    verify_backup,
)
from pestcli.store.backend.backup import backup_if_stale, rotate_backups

pytestmark = pytest.mark.file_only  # backups and file modes: the file itself


def test_backup_is_a_verified_copy(store):
    for _ in range(3):
        new_case(store)
    path = backup_now(store, "Voor de Test!")
    assert path.name.startswith("pestcli-") and path.name.endswith("-voor-de-test.db")
    assert path.parent == store.data_dir / "backups"
    counts = verify_backup(path)
    assert counts["cases"] == 3 and counts["step_progress"] == 18
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one self-contained file
    con.close()
    assert newest_backup(store).path == path


def test_verify_rejects_bad_backups(store, tmp_path):
    new_case(store)
    path = backup_now(store)
    with pytest.raises(StoreError, match="niet volledig"):
        verify_backup(path, {"cases": 2})
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(5000))
    with pytest.raises(StoreError, match="beschadigd"):
        verify_backup(junk)
    other = tmp_path / "ander.db"
    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.commit()
    with pytest.raises(StoreError, match="geen reservekopie van pestcli"):
        verify_backup(other)
    with pytest.raises(StoreError, match="bestaat niet"):
        verify_backup(tmp_path / "weg.db")


def test_rotation_keeps_the_newest(store):
    made = [backup_now(store, f"nummer-{n}", keep=100) for n in range(5)]
    deleted = rotate_backups(store, 2)
    assert deleted == made[:3]
    assert [b.path for b in list_backups(store)] == made[3:]
    backup_now(store, "nog-een", keep=2)
    assert len(list_backups(store)) == 2


def test_store_keep_setting_is_used(db_path):
    store = open_store(db_path, keep_backups=3)
    for n in range(6):
        backup_now(store, f"k{n}")
    assert len(list_backups(store)) == 3
    store.close()


def test_daily_backup_at_open_when_the_newest_is_a_day_old(db_path):
    open_store(db_path).close()  # new: nothing to back up
    assert list_backups(db_path) == []
    open_store(db_path).close()  # existing, no backup yet: daily backup
    assert [b.reason for b in list_backups(db_path)] == ["dagelijks"]
    open_store(db_path).close()  # fresh backup exists: none added
    assert len(list_backups(db_path)) == 1
    old = list_backups(db_path)[0].path
    stamp = (datetime.now() - timedelta(days=2)).strftime("%Y%m%d-%H%M%S")
    old.rename(old.with_name(f"pestcli-{stamp}-dagelijks.db"))
    store = open_store(db_path)
    assert len(list_backups(db_path)) == 2
    assert backup_if_stale(store) is None
    store.close()


def test_restore_puts_the_backup_back_and_keeps_the_current_state(store, db_path):
    new_case(store)
    saved = backup_now(store, "goed")
    new_case(store)
    new_case(store)
    kept = restore_backup(db_path, saved)
    assert count_cases(store) == 1  # the open store sees the restored data
    assert verify_backup(kept)["cases"] == 3  # the state before the restore is kept
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    con.close()
    new_case(store)  # and it keeps working
    assert count_cases(store) == 2


def test_restore_over_a_damaged_file_moves_it_aside(db_path):
    store = open_store(db_path)
    new_case(store)
    saved = backup_now(store, "goed")
    store.close()
    db_path.write_bytes(b"stuk" * 2000)
    with pytest.raises(StoreDamagedError):
        open_store(db_path)
    kept = restore_backup(db_path, saved)
    assert kept.name.startswith("pestcli.db.beschadigd-") and kept.read_bytes() == b"stuk" * 2000
    store = open_store(db_path)
    assert count_cases(store) == 1
    store.close()


def test_restore_into_a_missing_file(tmp_path, store):
    new_case(store)
    saved = backup_now(store)
    target = tmp_path / "nieuw" / "terug.db"
    assert restore_backup(target, saved) is None
    again = open_store(target)
    assert count_cases(again) == 1
    again.close()


def test_restore_refuses_a_bad_backup(store, db_path, tmp_path):
    bad = tmp_path / "slecht.db"
    bad.write_bytes(b"x" * 3000)
    new_case(store)
    with pytest.raises(StoreError):
        restore_backup(db_path, bad)
    with pytest.raises(StoreError, match="hetzelfde bestand"):
        restore_backup(db_path, db_path)
    assert count_cases(store) == 1


def test_memory_store_has_no_backups():
    store = open_store("sqlite://")
    with pytest.raises(StoreError, match="geheugen"):
        backup_now(store)
    store.close()
