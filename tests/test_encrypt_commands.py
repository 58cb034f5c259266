"""``pestcli encrypt`` and ``pestcli rekey``: every row kept, no name left in plain bytes."""

from __future__ import annotations

import os
from datetime import date
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pestcli.store import add_evidence, add_person, backup_now, create_case, list_backups, open_store
from pestcli.store.backend.backup_checks import table_counts
from pestcli.store.backend.cipher import WrongPassphraseError, connect
from pestcli.store.encryption import encrypted_counts
from pestcli.store.evidence import evidence_of_case, read_evidence_bytes, verify_evidence_file

OLD, NEW = "eerste-wachtwoord", "tweede-wachtwoord"
NAME = b"Zwaantje"


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """``python -m pestcli ARGS`` with the passphrases on standard input (no terminal)."""
    return subprocess.run([sys.executable, "-m", "pestcli", *args], input=stdin, capture_output=True,
                          text=True, timeout=120, env=dict(os.environ))


@pytest.fixture
def plain_db(tmp_path) -> Path:
    """A plain database with a named pupil, a case, a screenshot and a plain backup."""
    db = tmp_path / "data" / "pestcli.db"
    with open_store(db) as store:
        victim = add_person(store, "Zwaantje", "Oudewater", class_name="2B")
        case = create_case(store, reported_on=date(2026, 11, 2),
                           reporter_kind="leerling", parents_informed_after="na-stap-3", protocol_name="Anti-pestprotocol",
                           protocol_version="2.3", due_dates={}, class_name="2B",
                           description="Zwaantje wordt gepest.", roles=[(victim.id, "gepeste")])
        shot = tmp_path / "shot.png"
        shot.write_bytes(b"chat met Zwaantje " * 40)
        add_evidence(store, case.id, "bewijs.schermafdruk", source_file=shot)
        backup_now(store, reason="handmatig")
    return db


def plain_table_counts(db: Path) -> dict[str, int]:
    """Row counts of a plain database."""
    con = sqlite3.connect(db)
    try:
        return table_counts(con)
    finally:
        con.close()


def no_name_anywhere(folder: Path) -> None:
    """No file under ``folder`` holds the pupil's name in its raw bytes."""
    for path in folder.rglob("*"):
        if path.is_file():
            assert NAME not in path.read_bytes(), path


def test_encrypt_keeps_every_row_and_leaves_no_plain_name(plain_db):
    before = plain_table_counts(plain_db)
    assert any(NAME in p.read_bytes() for p in plain_db.parent.rglob("*") if p.is_file())
    result = run_cli("encrypt", "--db", str(plain_db), stdin=f"{OLD}\n{OLD}\n")
    assert result.returncode == 0, result.stderr
    assert "versleuteld en gecontroleerd" in result.stdout and "Traceback" not in result.stderr
    assert OLD not in result.stdout + result.stderr
    assert encrypted_counts(plain_db, OLD) == before
    no_name_anywhere(plain_db.parent)  # database, -wal, backups, evidence
    assert not any(p.name.endswith(".versleuteld-tmp") for p in plain_db.parent.iterdir())
    for info in list_backups(plain_db):
        assert encrypted_counts(info.path, OLD)["people"] == 1
    with open_store(plain_db, passphrase=OLD) as store:
        [row] = evidence_of_case(store, 1)
        assert NAME in read_evidence_bytes(store, row) and verify_evidence_file(store, row.id)


def test_encrypt_refuses_two_different_passphrases(plain_db):
    before = plain_db.read_bytes()
    result = run_cli("encrypt", "--db", str(plain_db), stdin=f"{OLD}\nanders-wachtwoord\n")
    assert result.returncode == 1 and "niet gelijk" in result.stderr
    assert plain_db.read_bytes()[:16] == b"SQLite format 3\x00" and len(plain_db.read_bytes()) == len(before)


def test_rekey_keeps_every_row_and_the_old_passphrase_stops_working(plain_db):
    assert run_cli("encrypt", "--db", str(plain_db), stdin=f"{OLD}\n{OLD}\n").returncode == 0
    before = encrypted_counts(plain_db, OLD)
    result = run_cli("rekey", "--db", str(plain_db), stdin=f"{OLD}\n{NEW}\n{NEW}\n")
    assert result.returncode == 0, result.stderr
    assert "gewijzigd" in result.stdout
    assert encrypted_counts(plain_db, NEW) == before
    with pytest.raises(WrongPassphraseError):
        connect(plain_db, OLD)
    for info in list_backups(plain_db):
        encrypted_counts(info.path, NEW)
    with open_store(plain_db, passphrase=NEW) as store:
        [row] = evidence_of_case(store, 1)
        assert verify_evidence_file(store, row.id)
    no_name_anywhere(plain_db.parent)


def test_a_wrong_passphrase_is_refused_in_dutch_without_traceback(plain_db):
    assert run_cli("encrypt", "--db", str(plain_db), stdin=f"{OLD}\n{OLD}\n").returncode == 0
    result = run_cli("rekey", "--db", str(plain_db), stdin="fout-wachtwoord\n")
    assert result.returncode == 1
    assert "Onjuist wachtwoord" in result.stderr and "Traceback" not in result.stderr
    assert "ERROR" not in result.stderr  # SQLCipher's own log stays silent
    app = run_cli("--db", str(plain_db), stdin="fout1\nfout2\nfout3\n")
    assert app.returncode == 2
    assert "Onjuist wachtwoord. Nog 2 pogingen." in app.stderr
    assert "Onjuist wachtwoord. Nog 1 poging." in app.stderr
    assert "Drie keer een onjuist wachtwoord" in app.stderr and "Traceback" not in app.stderr
    assert encrypted_counts(plain_db, OLD)["people"] == 1  # nothing changed


def test_every_command_asks_the_passphrase_of_an_encrypted_database(plain_db):
    assert run_cli("encrypt", "--db", str(plain_db), stdin=f"{OLD}\n{OLD}\n").returncode == 0
    backup = run_cli("backup", "--db", str(plain_db), stdin=f"{OLD}\n")
    assert backup.returncode == 0, backup.stderr
    assert "Reservekopie gemaakt" in backup.stdout
    no_name_anywhere(plain_db.parent)  # the new backup is encrypted too
    agenda = run_cli("agenda", "--db", str(plain_db), "--date", "2-11-2026", stdin=f"{OLD}\n")
    assert agenda.returncode == 0, agenda.stderr
    audit = run_cli("audit", "--db", str(plain_db), stdin=f"{OLD}\n")
    assert audit.returncode == 0, audit.stderr
    wrong = run_cli("summary", "2026-0001", "--db", str(plain_db), stdin="fout\nfout\nfout\n")
    assert wrong.returncode != 0 and "Traceback" not in wrong.stderr
    assert "Onjuist wachtwoord" in wrong.stderr
