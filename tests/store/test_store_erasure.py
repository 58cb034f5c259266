"""Erasure: no trace of the name in the file after compaction, one nameless audit record."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from store_helpers import new_case

from pestcli.store import (
    StoreError,
    add_agreement,
    add_evidence,
    add_person,
    assign_role,
    audit_events,
    backup_now,
    get_person,
    list_backups,
    open_store,
    record_parent_contact,
    start_conversation,
)
from pestcli.store.erasure import (
    ERASE_ACTION,
    erase_case_for_good,
    erase_pupil,
    last_backup_gone_on,
)
from pestcli.store.backend.files import evidence_dir, sidecars
from pestcli.store.models import Case, Person

TODAY = date(2026, 11, 23)


def raw_bytes(db_path) -> bytes:
    """The database file and its -wal, as they are on disk."""
    data = db_path.read_bytes()
    for extra in sidecars(db_path):
        if extra.exists():
            data += extra.read_bytes()
    return data


def fill_case(store, victim, bully, tmp_path):
    """A case that mentions both pupils in every kind of free text, with an evidence file."""
    case = new_case(store, roles=[(victim.id, "gepeste"), (bully.id, "pester")],
                    description="Zeynep Oosterbroek wordt door Bram uitgescholden.")
    talk = start_conversation(store, case.id, "bijlage-2", participants=[(victim.id, "gepeste")])
    from pestcli.store import save_conversation_notes

    save_conversation_notes(store, talk.id, "Zeynep vertelt over Oosterbroek-grapjes. Bram ontkent.")
    add_agreement(store, case.id, "Zeynep meldt het direct.", person_id=victim.id)
    record_parent_contact(store, case.id, TODAY, "telefoon", "Ouders van Zeynep gebeld.",
                          pupil_id=victim.id)
    shot = tmp_path / "shot.txt"
    shot.write_text("chat: Zeynep Oosterbroek is ...")
    add_evidence(store, case.id, "bewijs.schermafdruk", description="Bericht over Zeynep",
                 source_file=shot)
    return case


@pytest.fixture
def two_pupils(store):
    """A victim with a distinctive name and a bully."""
    return (add_person(store, "Zeynep", "Oosterbroek", class_name="2B"),
            add_person(store, "Bram", "Kuipers", class_name="2B"))


def test_erasing_a_case_leaves_no_name_in_the_file(store, db_path, two_pupils, tmp_path):
    victim, bully = two_pupils
    case = fill_case(store, victim, bully, tmp_path)
    assert b"Oosterbroek" in raw_bytes(db_path)
    result = erase_case_for_good(store, case.id, "bewaartermijn", today=TODAY)
    data = raw_bytes(db_path)
    for name in ("Zeynep", "Oosterbroek", "Kuipers", "uitgescholden"):
        assert name.encode("utf-8") not in data, name
    assert not (evidence_dir(db_path) / case.number).exists()
    with store.read() as session:
        assert session.get(Case, case.id) is None
        assert session.get(Person, victim.id) is None  # in no other case: gone too
    events = [e for e in audit_events(store) if e.action == ERASE_ACTION]
    assert len(events) == 1
    assert case.number in events[0].summary and "bewaartermijn verstreken" in events[0].summary
    assert "Zeynep" not in events[0].summary and events[0].os_user
    assert result.message.startswith(f"Melding {case.number} is gewist.")


def test_erasure_is_committed_and_survives_reopening(store, db_path, two_pupils, tmp_path):
    victim, bully = two_pupils
    case = fill_case(store, victim, bully, tmp_path)
    erase_case_for_good(store, case.id, "verzoek", today=TODAY)
    store.close()
    again = open_store(db_path)
    try:
        with again.read() as session:
            assert session.get(Case, case.id) is None
            assert [e.action for e in audit_events(again) if e.action == ERASE_ACTION] == [ERASE_ACTION]
    finally:
        again.close()


def test_erasing_a_pupil_keeps_the_shared_case_without_their_name(store, db_path, two_pupils, tmp_path):
    victim, bully = two_pupils
    case = fill_case(store, victim, bully, tmp_path)
    result = erase_pupil(store, victim.id, "verzoek", today=TODAY)
    data = raw_bytes(db_path)
    assert b"Zeynep" not in data and b"Oosterbroek" not in data
    assert b"Kuipers" in data  # the other pupil and the case stay
    with store.read() as session:
        kept = session.get(Case, case.id)
        assert kept is not None and "[gewist]" in kept.description
    assert get_person(store, bully.id).last_name == "Kuipers"
    event = next(e for e in audit_events(store) if e.action == ERASE_ACTION)
    assert event.summary.startswith(f"persoon {victim.id} gewist") and "Zeynep" not in event.summary
    assert result.what == f"leerling {victim.id}"


def test_erasing_the_only_pupil_takes_their_case_along(store, db_path, tmp_path):
    alone = add_person(store, "Zeynep", "Oosterbroek")
    case = new_case(store, roles=[(alone.id, "gepeste")], description="Zeynep is gepest.")
    erase_pupil(store, alone.id, "onjuist", today=TODAY)
    assert b"Zeynep" not in raw_bytes(db_path)
    with store.read() as session:
        assert session.get(Case, case.id) is None


def test_the_result_says_when_the_last_backup_with_the_data_goes(store, db_path, two_pupils, tmp_path):
    victim, bully = two_pupils
    case = fill_case(store, victim, bully, tmp_path)
    backup_now(store)
    assert b"Oosterbroek" in list_backups(store)[-1].path.read_bytes()
    result = erase_case_for_good(store, case.id, "bewaartermijn", today=TODAY)
    assert len(result.backups) == 1
    assert result.gone_on == TODAY + timedelta(days=store.keep_backups)
    assert "De laatste reservekopie met deze gegevens verdwijnt rond" in result.message


@pytest.mark.file_only
def test_without_backups_the_result_says_so(store, two_pupils, tmp_path):
    case = fill_case(store, *two_pupils, tmp_path)
    result = erase_case_for_good(store, case.id, "bewaartermijn", today=TODAY)
    assert result.backups == () and "geen reservekopie" in result.message


@pytest.mark.file_only
def test_newer_backups_bring_the_date_closer(store, two_pupils, tmp_path):
    case = fill_case(store, *two_pupils, tmp_path)
    backup_now(store)
    moment = datetime.now() + timedelta(seconds=1)
    assert last_backup_gone_on(store, moment, TODAY) == TODAY + timedelta(days=store.keep_backups)
    assert last_backup_gone_on(store, datetime(2000, 1, 1), TODAY) is None
    del case


def test_unknown_grounds_and_missing_case_give_dutch_errors(store, case):
    with pytest.raises(StoreError, match="grond voor wissen"):
        erase_case_for_good(store, case.id, "zomaar")
    with pytest.raises(StoreError, match="bestaat niet"):
        erase_case_for_good(store, 9999, "bewaartermijn")
    with pytest.raises(StoreError, match="bestaat niet"):
        erase_pupil(store, 9999, "verzoek")


def test_compact_empties_the_wal(store, db_path, case):
    assign_role(store, case.id, add_person(store, "Extra").id, "meeloper")
    store.compact()
    wal = sidecars(db_path)[0]
    assert not wal.exists() or wal.stat().st_size == 0
