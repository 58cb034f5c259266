"""People and their roles: a pupil in several cases in different roles; erasure."""

from __future__ import annotations

from datetime import date

import pytest
from store_helpers import new_case

from pestcli.store import (
    InvalidValueError,
    NotFoundError,
    add_person,
    assign_role,
    cases_of_person,
    find_people,
    get_person,
    people_in_case,
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
    assert again.role == "melder"
    assert [(c.id, role) for c, role in cases_of_person(store, victim.id)] == [
        (second.id, "meeloper"), (second.id, "melder"), (first.id, "gepeste"),
    ]
    assert [(p.role, p.person.first_name) for p in people_in_case(store, first.id)] == [
        ("gepeste", "Sanne"), ("pester", "Daan"),
    ]
    with pytest.raises(NotFoundError):
        assign_role(store, 999, victim.id, "gepeste")
