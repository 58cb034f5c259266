"""Drafts: typed, unsaved text kept in the database until it is saved or thrown away."""

from __future__ import annotations

from store_helpers import new_case

from pestcli.store import add_person
from pestcli.store.drafts import (
    delete_draft, drafts_with_prefix, get_draft, save_draft,
)
from pestcli.store.erasure import erase_case_for_good, erase_pupil
from pestcli.store.opening import open_store


def test_a_draft_is_kept_replaced_and_deleted(store, case):
    save_draft(store, "followup:7", {"note": "zit weer naast Sanne"}, case_id=case.id)
    first = get_draft(store, "followup:7")
    assert first is not None and first.fields == {"note": "zit weer naast Sanne"} and first.case_id == case.id
    assert first.has_text
    save_draft(store, "followup:7", {"note": "zit weer naast Sanne; gaat goed"}, case_id=case.id)
    assert get_draft(store, "followup:7").fields["note"].endswith("gaat goed")
    delete_draft(store, "followup:7")
    assert get_draft(store, "followup:7") is None


def test_only_white_space_deletes_the_draft(store):
    save_draft(store, "report", {"description": "ruzie op het plein"})
    save_draft(store, "report", {"description": "  \n"})
    assert get_draft(store, "report") is None


def test_drafts_of_one_conversation_by_prefix(store, case):
    save_draft(store, "conversation:1:item:b4.a", {"note": "a"}, case_id=case.id)
    save_draft(store, "conversation:1:item:b4.b", {"note": "b"}, case_id=case.id)
    save_draft(store, "conversation:11:item:b4.a", {"note": "c"}, case_id=case.id)
    assert [d.key for d in drafts_with_prefix(store, "conversation:1:")] == [
        "conversation:1:item:b4.a", "conversation:1:item:b4.b"]


def test_a_draft_survives_closing_the_store(db_path, store, case):
    save_draft(store, "report", {"description": "Wordt uitgescholden – “sukkel”"})
    store.close()
    again = open_store(db_path)
    try:
        assert get_draft(again, "report").fields == {"description": "Wordt uitgescholden – “sukkel”"}
    finally:
        again.close()


def test_erasing_a_case_takes_its_drafts(store, case):
    save_draft(store, "followup:3", {"note": "Sanne huilde"}, case_id=case.id)
    save_draft(store, "report", {"description": "iets anders"})
    erase_case_for_good(store, case.id, "onjuist")
    assert get_draft(store, "followup:3") is None
    assert get_draft(store, "report") is not None


def test_erasing_a_pupil_takes_the_drafts_that_may_name_them(store, pupils):
    victim, bully = pupils
    other = add_person(store, "Lotte", "Baas", class_name="2B")
    shared = new_case(store, roles=[(victim.id, "gepeste"), (bully.id, "pester")])
    elsewhere = new_case(store, roles=[(other.id, "gepeste")])
    save_draft(store, "followup:1", {"note": "Sanne Verbeek is bang"}, case_id=shared.id)
    save_draft(store, "report", {"description": "Sanne Verbeek weer"})
    save_draft(store, "followup:2", {"note": "Lotte gaat goed"}, case_id=elsewhere.id)
    erase_pupil(store, victim.id, "verzoek")
    assert get_draft(store, "followup:1") is None and get_draft(store, "report") is None
    assert get_draft(store, "followup:2") is not None


def test_an_encrypted_store_keeps_its_drafts_encrypted(tmp_path):
    path = tmp_path / "versleuteld" / "pestcli.db"
    store = open_store(path, passphrase="geheim-wachtwoord")
    try:
        save_draft(store, "report", {"description": "Zwaantje Oudewater wordt gepest"})
        wal = path.with_name(path.name + "-wal")
        for file in (path, wal):
            assert b"Zwaantje" not in (file.read_bytes() if file.exists() else b"")
        assert get_draft(store, "report").fields["description"].startswith("Zwaantje")
    finally:
        store.close()
    assert b"Zwaantje" not in path.read_bytes()
