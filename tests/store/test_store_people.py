"""People and their roles: a pupil in several cases in different roles; erasure."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from store_helpers import new_case

from pestcli.store import (
    InvalidValueError,
    NotFoundError,
    add_agreement,
    add_person,
    assign_role,
    cases_of_person,
    erase_person,
    find_people,
    get_person,
    people_in_case,
    plan_parent_contact,
    remove_role,
    start_conversation,
    update_person,
)


def test_add_and_get(store):
    person = add_person(store, " Sanne ", " Verbeek ", class_name=" 2B ", pupil_number="123456")
    stored = get_person(store, person.id)
    assert (stored.first_name, stored.last_name, stored.class_name, stored.kind) == ("Sanne", "Verbeek", "2B", "leerling")
    assert stored.pupil_number == "123456"


def test_bad_people_are_refused(store):
    with pytest.raises(InvalidValueError, match="De voornaam mag niet leeg zijn"):
        add_person(store, "   ")
    with pytest.raises(InvalidValueError, match="soort persoon"):
        add_person(store, "Piet", kind="hond")
    with pytest.raises(NotFoundError, match="Persoon 5 bestaat niet"):
        get_person(store, 5)


def test_update_person(store, pupils):
    victim, _ = pupils
    assert update_person(store, victim.id, class_name="3B", last_name="Verbeek-Smit").class_name == "3B"
    assert get_person(store, victim.id).last_name == "Verbeek-Smit"
    with pytest.raises(TypeError):
        update_person(store, victim.id, id=7)
    with pytest.raises(InvalidValueError):
        update_person(store, victim.id, kind="kat")


def test_find_people_by_name_class_or_number(store, pupils):
    victim, bully = pupils
    parent = add_person(store, "Marieke", "Verbeek", kind="ouder")
    assert {p.id for p in find_people(store, "verbeek")} == {victim.id, parent.id}
    assert [p.id for p in find_people(store, "daan hof")] == [bully.id]
    assert {p.id for p in find_people(store, "2B")} == {victim.id, bully.id}
    assert find_people(store, "") == []


def test_one_pupil_in_several_cases_in_different_roles(store, pupils):
    victim, bully = pupils
    first = new_case(store, roles=[(victim.id, "gepeste"), (bully.id, "pester")])
    second = new_case(store, reported_on=date(2026, 12, 1), roles=[(victim.id, "meeloper")])
    assert assign_role(store, second.id, victim.id, "melder").role == "melder"
    again = assign_role(store, second.id, victim.id, "melder")  # already there: same row
    assert [(c.id, role) for c, role in cases_of_person(store, victim.id)] == [
        (second.id, "meeloper"), (second.id, "melder"), (first.id, "gepeste"),
    ]
    assert [(p.role, p.person.first_name) for p in people_in_case(store, first.id)] == [
        ("gepeste", "Sanne"), ("pester", "Daan"),
    ]
    remove_role(store, again.id)
    assert [r for _, r in cases_of_person(store, victim.id)] == ["meeloper", "gepeste"]
    with pytest.raises(NotFoundError):
        assign_role(store, 999, victim.id, "gepeste")


def test_erasing_a_person_keeps_the_case(store, db_path, case, pupils):
    victim, bully = pupils
    start_conversation(store, case.id, "bijlage-4", participants=[(bully.id, "pester")])
    agreement = add_agreement(store, case.id, "Stoppen met schelden", person_id=bully.id)
    contact = plan_parent_contact(store, case.id, date(2026, 11, 20), bully.id)
    erase_person(store, bully.id)
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM case_roles WHERE person_id = ?", (bully.id,)).fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM conversation_participants").fetchone() == (0,)
    assert con.execute("SELECT person_id, text FROM agreements WHERE id = ?", (agreement.id,)).fetchone() == (
        None, "Stoppen met schelden")
    assert con.execute("SELECT pupil_id FROM parent_contacts WHERE id = ?", (contact.id,)).fetchone() == (None,)
    con.close()
    assert [p.person.id for p in people_in_case(store, case.id)] == [victim.id]
