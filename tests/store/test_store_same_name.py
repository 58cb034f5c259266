"""Before a person is added: who has this name already (``people_with_name``), and linking a known parent."""

from __future__ import annotations

import pytest
from store_helpers import new_case

from pestcli.store import (
    InvalidValueError,
    add_parent,
    add_person,
    audit_events,
    case_detail,
    link_parent,
    people_with_name,
)
from pestcli.store.parents import parent_children


def test_people_with_name_ignores_case_spaces_and_the_kind_asked_for(store, pupils):
    victim, _ = pupils  # Sanne Verbeek (2B)
    other = add_person(store, "Sanne", "Verbeek", class_name="1A")
    add_person(store, "Sanne", "Verbeek", kind="ouder")
    add_person(store, "Sanne", "Verbeken", class_name="2B")
    found = people_with_name(store, "sanne", "  VERBEEK ", "leerling")
    assert [p.id for p in found] == [other.id, victim.id]  # ordered by class
    assert people_with_name(store, "Sanne Verbeek", "", "leerling") == found  # split elsewhere: the same name
    assert people_with_name(store, "Sanne", "Verbeek", "medewerker") == []
    assert people_with_name(store, " ", "", "leerling") == []


def test_a_known_parent_is_linked_to_a_second_child_in_one_transaction(store, case, pupils):
    victim, bully = pupils
    mother = add_parent(store, case.id, victim.id, "Marieke", "Verbeek", "moeder", phone="06-12345678")
    brother = add_person(store, "Tim", "Verbeek", class_name="1C")
    second = new_case(store, class_name="1C", roles=[(brother.id, "gepeste")])
    linked = link_parent(store, second.id, brother.id, mother.id, "moeder", email="marieke@voorbeeld.nl")
    assert linked.id == mother.id
    detail = case_detail(store, second.id)
    assert [(p.role, p.person.id) for p in detail.people if p.role == "ouder"] == [("ouder", mother.id)]
    assert parent_children(store, mother.id) == [("moeder", "Sanne Verbeek"), ("moeder", "Tim Verbeek")]
    assert (linked.phone, linked.email) == ("06-12345678", "marieke@voorbeeld.nl")  # an empty field keeps
    assert audit_events(store, case_id=second.id)[0].summary == "bekende ouder/verzorger gekoppeld (moeder)"
    again = link_parent(store, second.id, brother.id, mother.id, "verzorger")  # twice: no second role
    assert [p.person.id for p in case_detail(store, second.id).people if p.role == "ouder"] == [again.id]
    assert parent_children(store, mother.id)[1] == ("verzorger", "Tim Verbeek")


def test_linking_refuses_what_is_not_a_parent_or_not_a_pupil_of_the_case(store, case, pupils):
    victim, bully = pupils
    outsider = add_person(store, "Noor", "Smit", class_name="3C")
    father = add_parent(store, case.id, bully.id, "Kees", "Hofstede", "vader")
    with pytest.raises(InvalidValueError, match="Kies een ouder of verzorger"):
        link_parent(store, case.id, victim.id, outsider.id, "vader")
    with pytest.raises(InvalidValueError, match="Kies een leerling uit deze melding"):
        link_parent(store, case.id, outsider.id, father.id, "vader")
