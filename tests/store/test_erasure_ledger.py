"""Erasure that sticks (issue 14): no parent left behind, and a restore erases again.

A restore of a backup made before an erasure used to bring the erased case
back and take the erasure out of the audit log without a word. Now every
erasure is also in ``<db>.wissingen.json`` (no names), which a restore does
not touch, and ``reapply_erasures`` erases again what the backup still holds.
"""

from __future__ import annotations

import json
from datetime import date

from sqlmodel import select

from pestcli.store import add_person, audit_events, backup_now, restore_backup
from pestcli.store.demo import fill_demo
from pestcli.store.erasure import (
    ERASE_ACTION,
    erase_case_for_good,
    erase_pupil,
    reapply_after_restore,
    reapply_erasures,
)
from pestcli.store.erasure_ledger import ledger_path, read_ledger
from pestcli.store.models import Case, Person
from pestcli.store.parents import add_parent
from store_helpers import new_case

TODAY = date(2026, 11, 23)


def people(store) -> list[tuple[str, str]]:
    """Every person left, as (first name, last name)."""
    with store.read() as session:
        return [(p.first_name, p.last_name) for p in session.exec(select(Person)).all()]


def case_numbers(store) -> list[str]:
    """The numbers of the cases left."""
    with store.read() as session:
        return [c.number for c in session.exec(select(Case)).all()]


def pelzer_family(store):
    """Luuk Pelzer with his father Peter in one case, and another pupil's case."""
    luuk = add_person(store, "Luuk", "Pelzer", class_name="2KB")
    other = add_person(store, "Eva", "Coenen", class_name="2KB")
    case = new_case(store, roles=[(luuk.id, "gepeste")])
    add_parent(store, case.id, luuk.id, "Peter", "Pelzer", "vader")
    kept = new_case(store, roles=[(other.id, "gepeste")])
    return luuk, case, kept


def test_erasing_a_demo_pupil_takes_the_parent_along(store, db_path):
    fill_demo(store, today=TODAY)
    with store.read() as session:
        luuk = session.exec(select(Person).where(Person.first_name == "Luuk")).one()
    erase_pupil(store, luuk.id, "verzoek", today=TODAY)
    assert not [p for p in people(store) if p[1] == "Pelzer"]
    assert b"Pelzer" not in db_path.read_bytes()


def test_the_ledger_holds_no_names(store, db_path):
    luuk, case, _kept = pelzer_family(store)
    erase_case_for_good(store, case.id, "bewaartermijn", today=TODAY)
    text = ledger_path(db_path).read_text(encoding="utf-8")
    for name in ("Luuk", "Pelzer", "Peter", "Coenen"):
        assert name not in text
    (entry,) = read_ledger(db_path)
    assert (entry.kind, entry.row_id, entry.number, entry.grounds) == ("melding", case.id, case.number,
                                                                       "bewaartermijn")
    assert json.loads(text)["versie"] == 1


def test_a_restore_erases_the_case_again_and_keeps_its_audit_record(store, db_path):
    luuk, case, kept = pelzer_family(store)
    backup = backup_now(store, reason="handmatig")
    erase_case_for_good(store, case.id, "verzoek", today=TODAY)
    store.close()
    restore_backup(db_path, backup)
    assert reapply_after_restore(db_path) == 1
    from pestcli.store import open_store

    with open_store(db_path, daily_backup=False) as again:
        assert case_numbers(again) == [kept.number]
        assert ("Peter", "Pelzer") not in people(again) and ("Luuk", "Pelzer") not in people(again)
        erased = [e for e in audit_events(again) if e.action == ERASE_ACTION]
        assert len(erased) == 1 and "opnieuw toegepast" in erased[0].summary
        assert reapply_erasures(again) == 0  # applied once, not twice
    assert b"Pelzer" not in db_path.read_bytes()


def test_a_restore_erases_the_pupil_again(store, db_path):
    luuk, case, kept = pelzer_family(store)
    backup = backup_now(store, reason="handmatig")
    erase_pupil(store, luuk.id, "verzoek", today=TODAY)
    store.close()
    restore_backup(db_path, backup)
    assert reapply_after_restore(db_path) == 1
    from pestcli.store import open_store

    with open_store(db_path, daily_backup=False) as again:
        assert people(again) == [("Eva", "Coenen")]
        assert case_numbers(again) == [kept.number]


def test_a_backup_made_after_the_erasure_is_left_as_it_is(store, db_path):
    luuk, case, kept = pelzer_family(store)
    erase_case_for_good(store, case.id, "verzoek", today=TODAY)
    newer = add_person(store, "Noa", "Smit", class_name="1A")
    backup = backup_now(store, reason="handmatig")
    store.close()
    restore_backup(db_path, backup)
    assert reapply_after_restore(db_path) == 0
    from pestcli.store import open_store

    with open_store(db_path, daily_backup=False) as again:
        assert ("Noa", "Smit") in people(again) and newer.id is not None


def test_without_a_ledger_nothing_is_opened_or_changed(db_path, tmp_path):
    assert reapply_after_restore(db_path) == 0
    assert not db_path.exists()


def test_an_unreadable_ledger_refuses_the_erasure_and_loses_nothing(store, db_path):
    import pytest

    from pestcli.store import StoreError

    luuk, case, _kept = pelzer_family(store)
    ledger_path(db_path).write_text("{kapot", encoding="utf-8")
    with pytest.raises(StoreError, match="kan niet worden gelezen.*er is niets gewist"):
        erase_case_for_good(store, case.id, "verzoek", today=TODAY)
    assert case.number in case_numbers(store) and ("Peter", "Pelzer") in people(store)
    assert ledger_path(db_path).read_text(encoding="utf-8") == "{kapot"
    with pytest.raises(StoreError, match="De reservekopie is teruggezet, maar"):
        store.close()
        reapply_after_restore(db_path)
