"""The restore offer: a database without cases next to a backup with cases is never started afresh silently.

The question is a real Textual screen (``RestoreOfferApp`` run with Pilot);
the offer is found on real files; without a terminal ``pestcli`` refuses to
start and prints the backup and the command that restores it.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from ui_helpers import screen_text, wait_for

from pestcli.store import add_person, backup_now, count_cases, create_case, list_backups, open_store
from pestcli.store.backend.crypto import key_file_of
from pestcli.store.backend.files import sidecars
from pestcli.store.fresh_start import find_restore_offer, restore_offered

PASS = "geheim-wachtwoord"


def add_cases(store, number: int) -> None:
    """``number`` cases in the store."""
    from datetime import date

    pupil = add_person(store, "Sanne", "Verbeek", class_name="2B")
    for _ in range(number):
        create_case(store, reported_on=date(2026, 11, 2), reporter_kind="leerling",
                    parents_informed_after="na-stap-3", protocol_name="Anti-pestprotocol",
                    protocol_version="2.3", due_dates={}, class_name="2B", location="Schoolplein",
                    forms=["woorden.bijnaam"], description="Wordt uitgescholden.", mentor="J. de Mentor",
                    roles=[(pupil.id, "gepeste")])


def lost_database(tmp_path, cases: int = 9, passphrase: str | None = None):
    """A database with cases and a backup, then the database (and its key file) gone."""
    db_path = tmp_path / "gegevens" / "pestcli.db"
    store = open_store(db_path, passphrase=passphrase, daily_backup=False)
    try:
        add_cases(store, cases)
        backup = backup_now(store, reason="dagelijks")
    finally:
        store.close()
    for path in (db_path, *sidecars(db_path), key_file_of(db_path)):
        path.unlink(missing_ok=True)
    return db_path, backup


def test_an_offer_is_found_for_a_missing_empty_or_caseless_database_only(tmp_path):
    db_path, backup = lost_database(tmp_path, cases=9)
    offer = find_restore_offer(db_path)
    assert offer is not None and offer.backup.path == backup and offer.cases_text == "9 meldingen"
    db_path.write_bytes(b"")  # an empty file
    assert find_restore_offer(db_path).backup.path == backup
    db_path.unlink()
    fresh = open_store(db_path, daily_backup=False)  # started afresh: a database without cases
    fresh.close()
    backup_now(db_path, reason="dagelijks")  # its empty daily backup is newer
    assert find_restore_offer(db_path).backup.path == backup  # the newest backup WITH cases
    fresh = open_store(db_path, daily_backup=False)
    add_cases(fresh, 1)
    fresh.close()
    assert find_restore_offer(db_path) is None  # a database with cases is never offered a restore


def test_the_offered_backup_is_restored_and_the_empty_file_kept(tmp_path):
    db_path, backup = lost_database(tmp_path, cases=3)
    fresh = open_store(db_path, daily_backup=False)
    fresh.close()
    offer = find_restore_offer(db_path)
    kept = restore_offered(offer)
    assert kept is not None and kept.exists()  # the empty database, as a backup
    store = open_store(db_path, daily_backup=False)
    try:
        assert count_cases(store) == 3
    finally:
        store.close()
    assert backup.exists()


def test_an_encrypted_backup_is_offered_and_restored_with_the_passphrase_alone(tmp_path):
    db_path, backup = lost_database(tmp_path, cases=2, passphrase=PASS)
    assert find_restore_offer(db_path) is None  # without the passphrase it cannot be counted
    offer = find_restore_offer(db_path, PASS)
    assert offer is not None and offer.cases == 2
    restore_offered(offer)
    store = open_store(db_path, passphrase=PASS, daily_backup=False)
    try:
        assert count_cases(store) == 2
    finally:
        store.close()


def test_without_a_terminal_pestcli_names_the_backup_and_does_not_start_afresh(tmp_path):
    db_path, backup = lost_database(tmp_path, cases=9)
    result = subprocess.run([sys.executable, "-m", "pestcli", "--db", str(db_path)], capture_output=True,
                            text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 2, result.stderr
    assert "9 meldingen" in result.stderr and str(backup) in result.stderr
    assert offer_label(db_path) in result.stderr and "pestcli restore" in result.stderr
    assert "Traceback" not in result.stderr
    assert not db_path.exists()  # nothing was created
    assert [info.path for info in list_backups(db_path)] == [backup]


def offer_label(db_path) -> str:
    """The date of the newest backup as the offer names it."""
    return list_backups(db_path)[-1].label


@pytest.mark.parametrize(("key", "answer"), [("j", "terugzetten"), ("n", "opnieuw"), ("escape", "stop")])
async def test_the_question_names_date_and_cases_and_returns_the_answer(tmp_path, key, answer):
    from pestcli.screens.restore_offer import RestoreOfferApp

    db_path, backup = lost_database(tmp_path, cases=9)
    offer = find_restore_offer(db_path)
    app = RestoreOfferApp(offer)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.screen.id == "restore-offer")
        text = screen_text(app)
        assert offer.backup.label in text and "9 meldingen" in text
        assert "Zet terug" in text and "Begin opnieuw" in text
        await pilot.press(key)
        await wait_for(pilot, lambda: app.return_value is not None)
    assert app.return_value == answer
    assert not db_path.exists()  # the question itself changes nothing
