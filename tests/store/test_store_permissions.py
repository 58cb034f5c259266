"""Privacy on disk: directories 0700, the database, -wal, -shm, backups and evidence 0600."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from store_helpers import new_case

from pestcli.store import add_evidence, backup_now, open_configured_store, open_store
from pestcli.store.backend.files import sidecars

pytestmark = pytest.mark.file_only  # backups and file modes: the file itself


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """Run with umask 000, so only pestcli's own care keeps the files private."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_new_data_directory_and_database_are_private(db_path, open_umask):
    store = open_store(db_path)
    new_case(store)
    assert mode(db_path.parent) == 0o700
    assert mode(db_path) == 0o600
    wal, shm, _journal = sidecars(db_path)
    with store.read() as session:  # keep a connection open so -wal and -shm exist
        session.connection()
        assert wal.exists() and shm.exists()
        assert mode(wal) == 0o600
        assert mode(shm) == 0o600
    store.close()


def test_loose_permissions_on_an_existing_database_are_tightened(db_path, open_umask):
    open_store(db_path).close()
    os.chmod(db_path, 0o644)
    store = open_store(db_path)
    assert mode(db_path) == 0o600
    store.close()


def test_a_directory_the_user_chose_is_left_alone(tmp_path, open_umask):
    os.chmod(tmp_path, 0o755)
    store = open_store(tmp_path / "mijn.db")
    assert mode(tmp_path) == 0o755
    assert mode(tmp_path / "mijn.db") == 0o600
    store.close()


def test_the_default_data_directory_is_made_private(tmp_path, monkeypatch, open_umask):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("PESTCLI_DB", raising=False)
    (tmp_path / "xdg" / "pestcli").mkdir(parents=True, mode=0o755)
    os.chmod(tmp_path / "xdg" / "pestcli", 0o755)
    store = open_configured_store(None)
    assert store.path == tmp_path / "xdg" / "pestcli" / "pestcli.db"
    assert mode(store.path.parent) == 0o700
    assert mode(store.path) == 0o600
    store.close()


def test_backups_are_private(store, open_umask):
    new_case(store)
    path = backup_now(store, "test")
    assert mode(path.parent) == 0o700
    assert mode(path) == 0o600


def test_evidence_files_are_private(store, tmp_path, open_umask):
    case = new_case(store)
    source = tmp_path / "shot.png"
    source.write_bytes(b"\x89PNG demo")
    os.chmod(source, 0o666)
    row = add_evidence(store, case.id, "bewijs.schermafdruk", source_file=source)
    copied = store.data_dir / row.file_path
    assert mode(copied) == 0o600
    assert mode(copied.parent) == 0o700
    assert mode(copied.parent.parent) == 0o700
