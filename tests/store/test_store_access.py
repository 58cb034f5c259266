"""The right of access: everything about the pupil, no other pupil's full name."""

from __future__ import annotations

import json
from datetime import date

import pytest
from store_helpers import new_case

from pestcli.store import (
    NotFoundError,
    add_agreement,
    add_evidence,
    add_person,
    audit_events,
    escalate,
    plan_followups,
    record_agreement_status,
    record_item_state,
    record_parent_contact,
    save_conversation_notes,
    start_conversation,
)
from pestcli.names import initials
from pestcli.store.access import find_pupils, pupil_record, record_access_export

TODAY = date(2026, 11, 23)


@pytest.fixture
def rich_case(store, tmp_path):
    """Zeynep (gepeste) and Bram (pester) in one case with every kind of row."""
    victim = add_person(store, "Zeynep", "Oosterbroek", class_name="2B", pupil_number="4711")
    bully = add_person(store, "Bram", "van Kuipers", class_name="2B")
    case = new_case(store, roles=[(victim.id, "gepeste"), (bully.id, "pester")],
                    description="Bram van Kuipers scheldt Zeynep uit op het plein.")
    talk = start_conversation(store, case.id, "bijlage-2", participants=[(victim.id, "gepeste")])
    record_item_state(store, talk.id, "b2.punt.01", "done", note="Bram duwt haar vaak.")
    save_conversation_notes(store, talk.id, "Zeynep is verdrietig over Kuipers.")
    secret = start_conversation(store, case.id, "bijlage-3", participants=[(bully.id, "pester")])
    save_conversation_notes(store, secret.id, "GEHEIM gesprek alleen met de pester.")
    own = add_agreement(store, case.id, "Zeynep meldt het als Bram weer scheldt.", person_id=victim.id)
    add_agreement(store, case.id, "AFSPRAAK-VAN-DE-PESTER", person_id=bully.id)
    record_agreement_status(store, own.id, "kept", TODAY, note="Gaat goed met Bram.")
    plan_followups(store, case.id, [("Na twee weken", date(2026, 12, 7))])
    record_parent_contact(store, case.id, TODAY, "telefoon", "Moeder van Zeynep gebeld.",
                          pupil_id=victim.id)
    record_parent_contact(store, case.id, TODAY, "telefoon", "OUDERS-VAN-DE-PESTER", pupil_id=bully.id)
    add_evidence(store, case.id, "bewijs.schermafdruk", username="bram.kuipers",
                 description="Bericht van Bram")
    escalate(store, case.id, "apc", TODAY, reason="Bram gaat door.")
    return case, victim, bully


def test_the_record_holds_everything_about_the_pupil(store, rich_case):
    case, victim, _ = rich_case
    record = pupil_record(store, victim.id)
    assert record["leerling"]["voornaam"] == "Zeynep"
    assert record["leerling"]["leerlingnummer"] == "4711"
    [entry] = record["meldingen"]
    assert entry["nummer"] == case.number and entry["rol"] == "gepeste"
    assert entry["vormen"] == ["woorden.bijnaam"]
    assert len(entry["stappen"]) == 6
    [talk] = entry["gesprekken"]
    assert talk["notities"].startswith("Zeynep is verdrietig")
    assert talk["punten"][0]["punt"] == "b2.punt.01"
    [agreement] = entry["afspraken"]
    assert agreement["nagevraagd"][0]["stand"] == "kept"
    assert [f["wat"] for f in entry["vervolggesprekken"]] == ["Na twee weken"]
    assert [c["samenvatting"] for c in entry["oudercontacten"]] == ["Moeder van Zeynep gebeld."]
    assert entry["bewijs"][0]["soort"] == "bewijs.schermafdruk"
    assert entry["escalaties"][0]["naar"] == "apc"


def test_other_pupils_appear_only_by_role_and_initials(store, rich_case):
    _, victim, _ = rich_case
    text = json.dumps(pupil_record(store, victim.id), ensure_ascii=False)
    assert "Bram van Kuipers" not in text and "Kuipers" not in text and "Bram" not in text
    assert "pester B.v.K." in text
    record = pupil_record(store, victim.id)
    assert record["meldingen"][0]["omschrijving"] == "pester B.v.K. scheldt Zeynep uit op het plein."
    assert record["meldingen"][0]["andere_betrokkenen"] == ["pester B.v.K."]


def test_what_concerns_only_the_other_pupil_is_left_out(store, rich_case):
    _, victim, _ = rich_case
    text = json.dumps(pupil_record(store, victim.id), ensure_ascii=False)
    for secret in ("GEHEIM", "AFSPRAAK-VAN-DE-PESTER", "OUDERS-VAN-DE-PESTER"):
        assert secret not in text


def test_finding_pupils_and_initials(store, rich_case):
    _, victim, bully = rich_case
    assert [p.id for p in find_pupils(store, "oosterb")] == [victim.id]
    assert [p.id for p in find_pupils(store, "4711")] == [victim.id]
    assert find_pupils(store, "  ") == []
    assert initials("Bram", "van Kuipers") == "B.v.K."


def test_an_access_export_is_audited_without_a_name(store, rich_case):
    _, victim, _ = rich_case
    record_access_export(store, victim.id, "json")
    event = audit_events(store)[0]
    assert event.action == "export" and event.row_id == victim.id
    assert "Zeynep" not in event.summary and "JSON" in event.summary


def test_a_missing_pupil_gives_a_dutch_error(store):
    with pytest.raises(NotFoundError, match="bestaat niet"):
        pupil_record(store, 999)
