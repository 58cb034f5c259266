"""Pupils named for the first time in a report are added with the case, in one transaction."""

from __future__ import annotations

from datetime import date

import pytest

from pestcli.store import InvalidValueError, NotFoundError, count_cases, find_people, people_in_case
from pestcli.store.new_people import NewPerson
from pestcli.store.workflow import Rules, register_case

MONDAY = date(2026, 11, 2)


@pytest.fixture(scope="module")
def rules():
    return Rules.load()


def test_new_people_are_added_with_the_case_and_their_roles(store, rules, pupils):
    victim, _ = pupils
    lotte = NewPerson.from_full_name("Lotte van der Berg", "2B")
    case = register_case(
        store, rules, reported_on=MONDAY, reporter_kind="leerling", parents_informed_after="na-stap-3",
        roles=[(victim.id, "gepeste")], new_people=[(lotte, "pester"), (lotte, "meeloper"), (lotte, "pester")],
    )
    people = people_in_case(store, case.id)
    assert sorted((p.role, p.person.first_name) for p in people) == [
        ("gepeste", "Sanne"), ("meeloper", "Lotte"), ("pester", "Lotte")]
    added = find_people(store, "Lotte")
    assert [(p.first_name, p.last_name, p.class_name, p.kind) for p in added] == [
        ("Lotte", "van der Berg", "2B", "leerling")]


def test_an_empty_name_is_refused_before_anything_is_written(store, rules):
    with pytest.raises(InvalidValueError, match="voornaam"):
        register_case(store, rules, reported_on=MONDAY, reporter_kind="leerling", parents_informed_after="na-stap-3",
                      new_people=[(NewPerson("  "), "gepeste")])
    assert count_cases(store) == 0


def test_a_failure_later_in_the_transaction_keeps_the_new_people_out(store, rules):
    # the new person is flushed first; the unknown person id fails after it
    with pytest.raises(NotFoundError):
        register_case(store, rules, reported_on=MONDAY, reporter_kind="leerling", parents_informed_after="na-stap-3",
                      roles=[(9999, "pester")], new_people=[(NewPerson("Mila", "Jansen"), "gepeste")])
    assert count_cases(store) == 0
    assert find_people(store, "Mila") == []


def test_a_full_name_splits_into_first_name_and_the_rest():
    assert NewPerson.from_full_name("  Daan  ", " 1A ") == NewPerson("Daan", "", "1A")
    assert NewPerson.from_full_name("Noor el Amrani").last_name == "el Amrani"
