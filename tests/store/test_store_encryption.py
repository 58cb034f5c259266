"""Encryption at rest: SQLCipher database, encrypted backups and evidence files."""

from __future__ import annotations

import hashlib
import json
import os
import stat

import pytest
from store_helpers import new_case

from pestcli.store import (
    StoreError,
    add_evidence,
    add_person,
    backup_now,
    evidence_file,
    list_backups,
    open_store,
    restore_backup,
    verify_backup,
    verify_evidence_file,
)
from pestcli.store.backend.cipher import PassphraseRequiredError, WrongPassphraseError, is_encrypted
from pestcli.store.backend.crypto import decrypt_bytes, encrypt_bytes, key_file_of
from pestcli.store.evidence import read_evidence_bytes

PASS = "geheim-wachtwoord"
NAME = b"Zwaantje"


def fill(store, tmp_path):
    """A pupil with a recognisable name, a case and a screenshot holding that name."""
    victim = add_person(store, "Zwaantje", "Oudewater", class_name="2B")
    bully = add_person(store, "Kees", "Brandsma", class_name="2B")
    case = new_case(store, roles=[(victim.id, "gepeste"), (bully.id, "pester")],
                    description="Zwaantje wordt uitgescholden.")
    shot = tmp_path / "shot.png"
    shot.write_bytes(b"\x89PNG chat met Zwaantje Oudewater " * 50)
    row = add_evidence(store, case.id, "bewijs.schermafdruk", source_file=shot, description="Zwaantje")
    return case, row, shot


def raw(path):
    """All bytes of a file (empty when it does not exist)."""
    return path.read_bytes() if path.exists() else b""


def test_encrypted_database_wal_backup_and_evidence_hold_no_name(db_path, tmp_path):
    store = open_store(db_path, passphrase=PASS)
    try:
        case, row, shot = fill(store, tmp_path)
        wal = db_path.with_name(db_path.name + "-wal")
        assert NAME not in raw(db_path) and NAME not in raw(wal)  # before the checkpoint, too
        backup = backup_now(store, reason="test")
        copied = evidence_file(store, row)
        assert NAME not in raw(copied)
        assert read_evidence_bytes(store, row) == shot.read_bytes()
        assert row.sha256 == hashlib.sha256(shot.read_bytes()).hexdigest()  # of the original
        assert verify_evidence_file(store, row.id)
    finally:
        store.close()
    assert NAME not in raw(db_path) and NAME not in raw(db_path.with_name(db_path.name + "-wal"))
    assert NAME not in raw(backup)
    assert not raw(db_path).startswith(b"SQLite format 3")
    assert is_encrypted(db_path)
    assert verify_backup(backup, passphrase=PASS)["people"] == 2
    key_file = key_file_of(db_path)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    kept = json.loads(key_file.read_text())
    assert set(kept) == {"version", "kdf", "salt", "n", "r", "p"}  # no passphrase, no key
    assert PASS.encode() not in key_file.read_bytes()


def test_reopen_with_the_right_passphrase_keeps_everything(db_path, tmp_path):
    with open_store(db_path, passphrase=PASS) as store:
        case, row, _ = fill(store, tmp_path)
    with open_store(db_path, passphrase=PASS) as again:
        from pestcli.store import get_case

        assert get_case(again, case.id).description == "Zwaantje wordt uitgescholden."
        assert verify_evidence_file(again, row.id)


def test_wrong_or_missing_passphrase_is_refused_in_dutch(db_path):
    open_store(db_path, passphrase=PASS).close()
    with pytest.raises(WrongPassphraseError, match="Onjuist wachtwoord"):
        open_store(db_path, passphrase="fout")
    with pytest.raises(PassphraseRequiredError, match="versleuteld"):
        open_store(db_path)


def test_a_plain_database_is_not_opened_as_encrypted(db_path):
    open_store(db_path).close()
    with pytest.raises(StoreError, match="niet versleuteld"):
        open_store(db_path, passphrase=PASS)
    open_store(db_path).close()  # and still opens as before


def test_backup_of_encrypted_store_restores_with_the_passphrase(db_path, tmp_path):
    with open_store(db_path, passphrase=PASS) as store:
        fill(store, tmp_path)
        backup = backup_now(store, reason="test")
    with pytest.raises(StoreError):
        verify_backup(backup)  # without the passphrase it is unreadable
    kept = restore_backup(db_path, backup, passphrase=PASS)
    assert kept is not None and NAME not in raw(kept)
    assert all(NAME not in raw(info.path) for info in list_backups(db_path))
    with open_store(db_path, passphrase=PASS) as store:
        from pestcli.store import find_people

        assert [p.first_name for p in find_people(store, "Zwaan")] == ["Zwaantje"]


def test_aes_gcm_detects_a_wrong_key_and_tampering():
    key, other = os.urandom(32), os.urandom(32)
    blob = encrypt_bytes(key, b"Zwaantje")
    assert decrypt_bytes(key, blob) == b"Zwaantje"
    with pytest.raises(StoreError, match="ander wachtwoord"):
        decrypt_bytes(other, blob)
    with pytest.raises(StoreError):
        decrypt_bytes(key, blob[:-1] + bytes([blob[-1] ^ 1]))
