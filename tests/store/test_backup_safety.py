"""Backups and restores never lose data (issue 14).

An empty or missing database next to backups is never started afresh
silently; rotation keeps the newest backup that holds cases; a killed backup
leaves nothing that looks like a backup; an encrypted backup opens with the
passphrase alone; a backup from a newer schema is refused before anything
changes.
"""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys

import pytest
from store_helpers import new_case, run_python

from pestcli.cli import main
from pestcli.store import StoreError, backup_now, count_cases, list_backups, open_store, restore_backup
from pestcli.store.backend.check import damaged
from pestcli.store.backend.crypto import key_file_of
from pestcli.store.backend.files import sidecars

PASS = "geheim-wachtwoord"


def store_with_cases(db_path, cases: int, passphrase: str | None = None):
    """A closed database file holding ``cases`` cases."""
    store = open_store(db_path, passphrase=passphrase)
    for _ in range(cases):
        new_case(store)
    store.close()


def remove_database(db_path, key_file: bool = True) -> None:
    """The database (and its -wal/-shm, and its key file) gone."""
    for path in (db_path, *sidecars(db_path)):
        path.unlink(missing_ok=True)
    if key_file:
        key_file_of(db_path).unlink(missing_ok=True)


def dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_rotation_keeps_the_newest_backup_with_cases_when_newer_ones_are_empty(db_path):
    store_with_cases(db_path, 9)
    with_cases = backup_now(db_path, reason="dagelijks")
    remove_database(db_path)
    empty = open_store(db_path)  # the file was lost: a fresh, empty database
    try:
        for day in range(10):
            backup_now(empty, reason=f"dagelijks-{day}", keep=3)
    finally:
        empty.close()
    names = [info.path for info in list_backups(db_path)]
    assert with_cases in names  # the only backup with the 9 cases survived ten rotations
    assert len(names) == 4  # the three newest (empty) ones and the one with cases


def test_a_backup_killed_before_it_was_verified_is_not_listed_and_is_cleaned_up(db_path):
    store_with_cases(db_path, 2)
    good = backup_now(db_path)
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "import pestcli.store.backend.backup as backup\n"
        "backup.verify_backup = lambda *a, **k: os._exit(9)  # killed at this moment\n"
        "backup.backup_now(Path(sys.argv[1]), reason='dagelijks')\n"
    )
    result = run_python(code, str(db_path))
    assert result.returncode == 9
    assert [info.path for info in list_backups(db_path)] == [good]
    leftovers = [p for p in good.parent.iterdir() if p != good and not p.name.endswith(".key.json")]
    assert leftovers  # the half-made backup is there, under a name that is not a backup's
    made = backup_now(db_path)  # the next backup cleans up what the killed one left
    assert sorted(p.name for p in good.parent.iterdir()) == sorted([good.name, made.name])


def test_leftovers_of_a_killed_encrypt_are_cleaned_up(db_path):
    store_with_cases(db_path, 1)
    first = backup_now(db_path)
    beside_db = db_path.with_name(db_path.name + ".versleuteld-tmp")
    beside_backup = first.with_name(first.name + ".versleuteld-tmp")
    for leftover in (beside_db, beside_backup):
        leftover.write_bytes(os.urandom(4096))
    from pestcli.store.backend.backup_leftovers import clean_leftovers

    removed = clean_leftovers(db_path)
    assert set(removed) == {beside_db, beside_backup}
    assert not beside_db.exists() and not beside_backup.exists()
    assert first.exists() and db_path.exists()


def test_a_running_backup_of_another_process_is_not_cleaned_up(db_path):
    store_with_cases(db_path, 1)
    first = backup_now(db_path)
    running = first.parent / f".{first.name}.{os.getpid()}.tmp-kopie"
    dead = first.parent / f".{first.name}.{dead_pid()}.tmp-kopie"
    running.write_bytes(b"bezig")
    dead.write_bytes(b"afgebroken")
    from pestcli.store.backend.backup_leftovers import clean_leftovers

    clean_leftovers(db_path)
    assert running.exists() and not dead.exists()


def test_restore_list_and_damage_message_never_recommend_a_broken_backup(db_path, capsys):
    store_with_cases(db_path, 3)
    good = backup_now(db_path)
    broken = good.with_name(good.name.replace(good.name.split("-")[1], "29991231"))
    broken.write_bytes(b"")  # what a killed backup left before the fix
    message = str(damaged(db_path, "is beschadigd"))
    assert str(good) in message and str(broken) not in message
    assert main(["restore", "--list", "--db", str(db_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    broken_line = next(line for line in lines if str(broken) in line)
    good_line = next(line for line in lines if str(good) in line)
    assert "onbruikbaar" in broken_line and "onbruikbaar" not in good_line
    assert "3 meldingen" in good_line


def test_encrypted_backup_restores_with_the_passphrase_alone(db_path, monkeypatch, capsys):
    store_with_cases(db_path, 2, passphrase=PASS)
    key_text = key_file_of(db_path).read_text()
    store = open_store(db_path, passphrase=PASS)
    try:
        backup = backup_now(store, reason="handmatig")
    finally:
        store.close()
    assert key_file_of(backup).read_text() == key_text  # the backup carries its key file
    remove_database(db_path)  # the database and its .key.json are gone
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASS + "\n"))
    assert main(["restore", "1", "--db", str(db_path)]) == 0, capsys.readouterr().err
    assert key_file_of(db_path).read_text() == key_text  # evidence opens again
    store = open_store(db_path, passphrase=PASS)
    try:
        assert count_cases(store) == 2
    finally:
        store.close()


def test_rotation_removes_a_backup_together_with_its_key_file(db_path):
    store_with_cases(db_path, 1, passphrase=PASS)
    store = open_store(db_path, passphrase=PASS)
    try:
        made = [backup_now(store, reason=f"nummer-{n}", keep=2) for n in range(3)]
    finally:
        store.close()
    assert not made[0].exists() and not key_file_of(made[0]).exists()
    assert all(key_file_of(path).exists() for path in made[1:])


def test_restore_refuses_a_backup_from_a_newer_schema_and_changes_nothing(db_path):
    store_with_cases(db_path, 2)
    backup = backup_now(db_path)
    with sqlite3.connect(backup) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.close()
    store_with_cases(db_path, 1)  # the database now holds 3 cases
    before = db_path.read_bytes()
    backups_before = list_backups(db_path)
    with pytest.raises(StoreError, match="nieuwere versie van pestcli"):
        restore_backup(db_path, backup)
    assert db_path.read_bytes() == before and list_backups(db_path) == backups_before
