"""Evidence: fields, a copied file with its SHA-256, and clear errors."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest

from pestcli.store.evidence import read_evidence_bytes
from pestcli.store import (
    StoreError,
    add_evidence,
    evidence_file,
    evidence_of_case,
    open_store,

    update_evidence,
    verify_evidence_file,
)


@pytest.fixture
def screenshot(tmp_path):
    path = tmp_path / "Schermafdruk 2026-11-19 om 21.14.png"
    path.write_bytes(b"\x89PNG\r\n" + bytes(range(256)) * 40)
    return path


@pytest.mark.file_only
def test_evidence_with_a_file(store, case, screenshot):
    at = datetime(2026, 11, 19, 21, 14, 33)
    row = add_evidence(store, case.id, "bewijs.schermafdruk", occurred_at=at, platform="Snapchat",
                       url="https://voorbeeld.invalid/x", username="@nachtuil", description="Dreigbericht",
                       source_file=screenshot, recorded_by="mentor")
    copied = evidence_file(store, row)
    assert copied.parent == store.data_dir / "evidence" / case.number
    assert copied.read_bytes() == screenshot.read_bytes()
    assert row.sha256 == hashlib.sha256(screenshot.read_bytes()).hexdigest()
    assert (row.file_name, row.file_size) == (screenshot.name, screenshot.stat().st_size)
    assert " " not in copied.name and copied.name.startswith(f"{row.id:05d}-")
    assert (row.occurred_at, row.platform, row.username) == (at, "Snapchat", "@nachtuil")
    assert verify_evidence_file(store, row.id)
    copied.write_bytes(b"veranderd")
    assert not verify_evidence_file(store, row.id)


def test_evidence_without_a_file_and_correcting_it(store, case):
    row = add_evidence(store, case.id, "bewijs.adressen", url="https://voorbeeld.invalid/nep")
    assert evidence_file(store, row) is None and not verify_evidence_file(store, row.id)
    fixed = update_evidence(store, row.id, description="Nepaccount", occurred_at=datetime(2026, 11, 18, 8))
    assert fixed.description == "Nepaccount"
    assert [e.id for e in evidence_of_case(store, case.id)] == [row.id]
    with pytest.raises(TypeError):
        update_evidence(store, row.id, sha256="0")


def test_a_missing_source_file_is_a_dutch_error_and_nothing_is_saved(store, case, tmp_path):
    with pytest.raises(StoreError, match="bestaat niet") as caught:
        add_evidence(store, case.id, "bewijs.schermafdruk", source_file=tmp_path / "weg.png")
    assert "weg.png" in str(caught.value)
    assert evidence_of_case(store, case.id) == []


@pytest.mark.file_only
def test_a_failed_save_leaves_no_copied_file(store, case, screenshot, monkeypatch):
    from pestcli.store import audit

    def broken(*args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        add_evidence(store, case.id, "bewijs.schermafdruk", source_file=screenshot)
    folder = store.data_dir / "evidence" / case.number
    assert not folder.exists() or list(folder.iterdir()) == []
    assert evidence_of_case(store, case.id) == []


def test_on_a_server_the_file_is_kept_in_the_database(server_url, screenshot):
    """No data folder on a server: the bytes go into evidence_contents, under its access control and backups."""
    from store_helpers import new_case

    from pestcli.store.models import EvidenceContent

    with open_store(server_url) as store:
        case = new_case(store)
        row = add_evidence(store, case.id, "bewijs.schermafdruk", source_file=screenshot, recorded_by="mentor")
        assert evidence_file(store, row) is None and row.file_path is None
        assert read_evidence_bytes(store, row) == screenshot.read_bytes()
        assert row.sha256 == hashlib.sha256(screenshot.read_bytes()).hexdigest()
        assert (row.file_name, row.file_size) == (screenshot.name, screenshot.stat().st_size)
        assert verify_evidence_file(store, row.id)
        with store.write() as session:  # changed behind pestcli's back
            session.get(EvidenceContent, row.id).content = b"veranderd"
        assert not verify_evidence_file(store, row.id)


def test_on_a_server_a_failed_save_leaves_no_bytes(server_url, screenshot, monkeypatch):
    from store_helpers import new_case

    from pestcli.store import audit

    with open_store(server_url) as store:
        case = new_case(store)
        monkeypatch.setattr(audit, "record", lambda *args, **kwargs: (_ for _ in ()).throw(RuntimeError("kapot")))
        with pytest.raises(RuntimeError):
            add_evidence(store, case.id, "bewijs.schermafdruk", source_file=screenshot)
        with store.sql() as con:
            assert con.execute("SELECT count(*) FROM evidence_contents").fetchone()[0] == 0
        assert evidence_of_case(store, case.id) == []


def test_in_memory_store_cannot_keep_files(screenshot):
    from store_helpers import new_case

    store = open_store("sqlite://")
    case = new_case(store)
    with pytest.raises(StoreError, match="geheugen"):
        add_evidence(store, case.id, "bewijs.schermafdruk", source_file=screenshot)
    store.close()
