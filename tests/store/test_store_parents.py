"""Parents and carers as people in a case: links, roles, contacts, stap 2's informing, erasure."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from store_helpers import new_case

from pestcli.store import (
    InvalidValueError,
    add_parent,
    add_person,
    case_detail,
    open_store,
    parent_contacts_of_case,
    parents_spoken_to,
    plan_parent_contact,
    record_parent_contact,
)
from pestcli.store.erasure import erase_case_for_good, erase_pupil
from pestcli.store.backend.migrate import current_revision
from pestcli.store.parents import check_email, check_phone


def test_a_parent_is_a_person_linked_to_a_pupil_with_a_role_in_the_case(store, case, pupils):
    _, bully = pupils
    father = add_parent(store, case.id, bully.id, "Kees", "Hofstede", "vader", phone="06-12345678",
                        email="kees@example.nl")
    detail = case_detail(store, case.id)
    assert [(p.role, p.person.id) for p in detail.people if p.role == "ouder"] == [("ouder", father.id)]
    (parent,) = detail.parents
    assert parent.parent.kind == "ouder" and parent.pupil.id == bully.id and parent.relation == "vader"
    assert (parent.parent.phone, parent.parent.email) == ("06-12345678", "kees@example.nl")
    assert parent.label == "Kees Hofstede (vader van Daan Hofstede)"
    assert detail.person_label(father) == "Kees Hofstede (vader van Daan Hofstede)"
    assert detail.person_label(bully) == "Daan Hofstede"


def test_adding_a_parent_is_checked_in_dutch(store, case, pupils):
    victim, _ = pupils
    with pytest.raises(InvalidValueError, match="voornaam"):
        add_parent(store, case.id, victim.id, "  ", relation="moeder")
    with pytest.raises(InvalidValueError, match="relatie"):
        add_parent(store, case.id, victim.id, "Els", relation="tante")
    with pytest.raises(InvalidValueError, match="telefoonnummer"):
        add_parent(store, case.id, victim.id, "Els", relation="moeder", phone="bel me")
    with pytest.raises(InvalidValueError, match="e-mailadres"):
        add_parent(store, case.id, victim.id, "Els", relation="moeder", email="els@")
    outsider = add_person(store, "Tim", "Buiten", class_name="3A")
    with pytest.raises(InvalidValueError, match="leerling uit deze melding"):
        add_parent(store, case.id, outsider.id, "Els", relation="moeder")
    assert case_detail(store, case.id).parents == []


@pytest.mark.parametrize("typed", ["06-12345678", "+31 6 1234 5678", "(045) 123 45 67", ""])
def test_phone_numbers_as_people_type_them(typed):
    assert check_phone(typed) == typed


@pytest.mark.parametrize("typed", ["12345", "06-1234567a", "0612345678901234567"])
def test_what_is_not_a_phone_number(typed):
    with pytest.raises(InvalidValueError):
        check_phone(typed)


@pytest.mark.parametrize("typed", ["a@b", "a b@c.nl", "@c.nl", "kees@example."])
def test_what_is_not_an_email_address(typed):
    with pytest.raises(InvalidValueError):
        check_email(typed)


def test_a_contact_names_the_parents_spoken_to(store, case, pupils):
    victim, bully = pupils
    mother = add_parent(store, case.id, victim.id, "Els", "Verbeek", "moeder")
    father = add_parent(store, case.id, bully.id, "Kees", "Hofstede", "vader")
    row = record_parent_contact(store, case.id, date(2026, 11, 20), "telefoon", "Gebeld.",
                                parent_ids=[father.id])
    assert row.pupil_id == bully.id  # whose parents: from the parent named
    assert parents_spoken_to(store, row.id) == [father.id]
    detail = case_detail(store, case.id)
    assert detail.contact_parent_labels(row.id) == ["Kees Hofstede (vader van Daan Hofstede)"]
    with pytest.raises(InvalidValueError, match="ouders of verzorgers uit deze melding"):
        record_parent_contact(store, case.id, date(2026, 11, 20), "telefoon", parent_ids=[victim.id])
    other = new_case(store, roles=[(victim.id, "gepeste")])
    with pytest.raises(InvalidValueError):  # a parent of another case
        record_parent_contact(store, other.id, date(2026, 11, 20), "telefoon", parent_ids=[mother.id])


def test_stap2_informing_is_a_planned_contact_of_its_own(store, case):
    informing = plan_parent_contact(store, case.id, date(2026, 11, 9), purpose="informeren")
    talk = plan_parent_contact(store, case.id, date(2026, 11, 23))
    assert (informing.purpose, talk.purpose) == ("informeren", "gesprek")
    with pytest.raises(InvalidValueError):
        plan_parent_contact(store, case.id, date(2026, 11, 9), purpose="borrel")
    record_parent_contact(store, case.id, date(2026, 11, 5), "telefoon", "Ouders ingelicht.",
                          contact_id=informing.id)
    rows = {r.id: r for r in parent_contacts_of_case(store, case.id)}
    assert rows[informing.id].held_on == date(2026, 11, 5) and rows[talk.id].held_on is None


def test_erasing_a_case_removes_the_parents_it_alone_knew(store, case, pupils, db_path):
    victim, bully = pupils
    add_parent(store, case.id, bully.id, "Kees", "Hofstede", "vader")
    erase_case_for_good(store, case.id, "verzoek")
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM people WHERE kind = 'ouder'").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM parent_links").fetchone() == (0,)
    con.close()


def test_erasing_a_pupil_removes_their_parent_also_in_a_shared_case(store, pupils, db_path):
    victim, bully = pupils
    third = add_person(store, "Lotte", "Smit", class_name="2B")
    shared = new_case(store, roles=[(victim.id, "gepeste"), (bully.id, "pester"), (third.id, "meeloper")])
    father = add_parent(store, shared.id, bully.id, "Kees", "Hofstede", "vader")
    mother = add_parent(store, shared.id, victim.id, "Els", "Verbeek", "moeder")
    contact = record_parent_contact(store, shared.id, date(2026, 11, 20), "school", "Kees was boos.",
                                    parent_ids=[father.id, mother.id])
    erase_pupil(store, bully.id, "verzoek")
    detail = case_detail(store, shared.id)
    assert [p.parent.id for p in detail.parents] == [mother.id]
    assert all(p.person.id != father.id for p in detail.people)
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM people WHERE id = ?", (father.id,)).fetchone() == (0,)
    names = " ".join(r[0] for r in con.execute("SELECT summary FROM parent_contacts"))
    con.close()
    assert "Kees" not in names and contact.id not in detail.contact_parents  # his contact went with him


def test_existing_contacts_survive_the_migration_and_open_cases_get_the_informing_to_do(db_path):
    store = open_store(db_path, revision="0005")
    store.close()
    con = sqlite3.connect(db_path)
    con.execute("INSERT INTO people (id, first_name, last_name, kind, class_name, pupil_number, created_at)"
                " VALUES (1, 'Daan', 'Hofstede', 'leerling', '2B', '', '2026-11-01 10:00:00')")
    for case_id, status in ((1, "open"), (2, "closed")):
        con.execute(
            "INSERT INTO cases (id, number, year, seq, status, reported_on, reporter_kind, class_name, location,"
            " online, severity, description, mentor, protocol_name, protocol_version, keep_reason,"
            " created_at, updated_at) VALUES (?, ?, 2026, ?, ?, '2026-11-02', 'leerling', '2B', '', 0,"
            " 'licht', '', '', 'Anti-pestprotocol', '2.3', '', '2026-11-02 10:00:00', '2026-11-02 10:00:00')",
            (case_id, f"2026-000{case_id}", case_id, status))
        con.execute("INSERT INTO step_progress (case_id, step, due_on, done_on, done_by)"
                    " VALUES (?, 2, '2026-11-09', NULL, '')", (case_id,))
    con.execute("INSERT INTO parent_contacts (case_id, pupil_id, planned_on, held_on, how, summary, held_by)"
                " VALUES (1, 1, NULL, '2026-11-05', 'telefoon', 'Gebeld.', 'mentor')")
    con.commit()
    con.close()
    store = open_store(db_path)
    assert current_revision(store) != "0005"
    rows = parent_contacts_of_case(store, 1)
    assert [(r.purpose, r.held_on, r.planned_on, r.summary) for r in rows] == [
        ("gesprek", date(2026, 11, 5), None, "Gebeld."),
        ("informeren", None, date(2026, 11, 9), ""),
    ]
    assert parents_spoken_to(store, rows[0].id) == []
    assert parent_contacts_of_case(store, 2) == []  # a closed case gets no new to-do
    store.close()


def informing_rows(store, case_id):
    return [r for r in parent_contacts_of_case(store, case_id) if r.purpose == "informeren"]


def test_a_new_case_gets_stap2s_informing_due_with_stap2(store):
    from pestcli.store import step_progress
    from pestcli.store.workflow import Rules, complete_step, register_case

    rules = Rules.load()
    monday = date(2026, 11, 2)
    case = register_case(store, rules, reported_on=monday, reporter_kind="leerling",
                         parents_informed_after="na-stap-3")
    (informing,) = informing_rows(store, case.id)
    stap2 = next(r for r in step_progress(store, case.id) if r.step == 2)
    assert informing.planned_on == stap2.due_on == date(2026, 11, 9) and informing.held_on is None
    complete_step(store, rules, case.id, 2, date(2026, 11, 4))  # stap 2 held early: inform that day
    assert informing_rows(store, case.id)[0].planned_on == date(2026, 11, 4)


def test_when_the_parents_are_told_after_stap1_informing_is_due_the_next_school_day(store):
    from pestcli.store.workflow import Rules, register_case

    friday = date(2026, 11, 6)
    case = register_case(store, Rules.load(), reported_on=friday, reporter_kind="leerling",
                         parents_informed_after="na-stap-1")
    assert informing_rows(store, case.id)[0].planned_on == date(2026, 11, 9)  # Monday, not Saturday


def test_the_access_export_has_the_pupils_own_parents_and_their_contacts_only(store, pupils):
    from pestcli.report.access import render_markdown
    from pestcli.store.access import pupil_record

    victim, bully = pupils
    case = new_case(store, roles=[(victim.id, "gepeste"), (bully.id, "pester")])
    mother = add_parent(store, case.id, victim.id, "Els", "Verbeek", "moeder", phone="06-11112222")
    father = add_parent(store, case.id, bully.id, "Kees", "Hofstede", "vader")
    record_parent_contact(store, case.id, date(2026, 11, 5), "telefoon", "Els ingelicht.", parent_ids=[mother.id])
    record_parent_contact(store, case.id, date(2026, 11, 6), "school", "Kees Hofstede was boos.",
                          parent_ids=[father.id])
    record = pupil_record(store, victim.id)
    assert record["ouders"] == [{"naam": "Els Verbeek", "relatie": "moeder", "telefoon": "06-11112222",
                                 "e-mail": ""}]
    (contact,) = record["meldingen"][0]["oudercontacten"]
    assert contact["met"] == ["Els Verbeek (moeder)"] and contact["hoe"] == "telefoon"
    text = render_markdown(record)
    assert "Els Verbeek (moeder), telefoon 06-11112222" in text
    assert "Hofstede" not in text and "Kees" not in text and "Daan" not in text


def test_a_finished_conversation_with_a_parent_is_a_held_parent_contact(store, case, pupils):
    from pestcli.store import end_conversation, start_conversation

    _, bully = pupils
    father = add_parent(store, case.id, bully.id, "Kees", "Hofstede", "vader")
    planned = plan_parent_contact(store, case.id, date(2026, 11, 23), bully.id)
    talk = start_conversation(store, case.id, "bijlage-5", step=6, participants=[(father.id, "ouder")])
    assert [r.held_on for r in parent_contacts_of_case(store, case.id)] == [None]  # not before it ends
    end_conversation(store, talk.id)
    (row,) = parent_contacts_of_case(store, case.id)
    assert row.id == planned.id and row.conversation_id == talk.id and row.held_on is not None
    assert parents_spoken_to(store, row.id) == [father.id]
    assert row.summary == "Gesprek volgens de leidraad (bijlage 5)."  # as a mentor says it, not the id
    end_conversation(store, talk.id)  # ending again keeps one row
    assert len(parent_contacts_of_case(store, case.id)) == 1
    pupil_talk = start_conversation(store, case.id, "bijlage-3", step=3, participants=[(bully.id, "pester")])
    end_conversation(store, pupil_talk.id)
    assert len(parent_contacts_of_case(store, case.id)) == 1  # no parent, no parent contact
