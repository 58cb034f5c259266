"""The agenda's extra reads: pupils of only the listed cases in one query; a filtered agenda."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, timedelta

from store_helpers import new_case

from pestcli.store import (
    add_person,
    assign_role,
    case_pupils,
    due_items,
    filtered_due_items,
    plan_followups,
    plan_parent_contact,
)

TODAY = date(2026, 11, 23)
WEEK = TODAY + timedelta(days=6)


class Recorder:
    """A plain connection that notes every statement it runs."""

    def __init__(self, con, seen: list[tuple[str, tuple]]) -> None:
        self.con, self.seen = con, seen

    def execute(self, sql: str, params=()):
        self.seen.append((sql, tuple(params)))
        return self.con.execute(sql, params)


def statements(store, monkeypatch):
    """A list that collects every plain SQL statement the store runs from now on."""
    seen: list[tuple[str, tuple]] = []
    plain = store.sql

    @contextmanager
    def recorded():
        with plain() as con:
            yield Recorder(con, seen)

    monkeypatch.setattr(store, "sql", recorded)
    return seen


def test_case_pupils_reads_only_the_given_cases_in_one_query(store, case, pupils, monkeypatch):
    other = new_case(store)
    helper = add_person(store, "Noor", "Smeets", class_name="2B")
    third = add_person(store, "Tim", "de Boer", class_name="2B")
    assign_role(store, case.id, helper.id, "helper")
    assign_role(store, case.id, third.id, "pester")
    assign_role(store, other.id, helper.id, "gepeste")
    seen = statements(store, monkeypatch)
    found = case_pupils(store, [case.id])
    role_queries = [(sql, params) for sql, params in seen if "case_roles" in sql]
    assert len(role_queries) == 1
    assert [p for p in role_queries[0][1] if isinstance(p, int)] == [case.id]  # not the other case
    assert list(found) == [case.id]
    assert [(role, p.first_name) for role, p in found[case.id]] == [
        ("gepeste", "Sanne"), ("pester", "Tim"), ("pester", "Daan")]  # by role, then "Boer" < "Hofstede"
    assert case_pupils(store, []) == {}


def test_filtered_due_items_by_case_person_and_kind(store, case, pupils):
    other = new_case(store, due_dates={2: TODAY})
    plan_followups(store, case.id, [("na een week", TODAY)])
    plan_parent_contact(store, case.id, TODAY + timedelta(days=1))
    everything = due_items(store, TODAY, WEEK, today=TODAY)
    assert {i.case_id for i in everything} == {case.id, other.id}

    only_case = filtered_due_items(store, TODAY, WEEK, TODAY, case_id=case.id)
    assert only_case == [i for i in everything if i.case_id == case.id]
    victim = pupils[0]
    assert filtered_due_items(store, TODAY, WEEK, TODAY, person_id=victim.id) == only_case
    kinds = filtered_due_items(store, TODAY, WEEK, TODAY, kinds={"vervolg", "ouders"})
    assert [(i.kind, i.label) for i in kinds] == [
        ("vervolg", "Vervolggesprek na een week"), ("ouders", "Contact met ouders")]
    narrow = filtered_due_items(store, TODAY, WEEK, TODAY, include_overdue=False, case_id=case.id)
    assert all(i.due_on >= TODAY for i in narrow) and len(narrow) < len(only_case)
    nobody = add_person(store, "Iemand", "Anders")
    assert filtered_due_items(store, TODAY, WEEK, TODAY, person_id=nobody.id) == []
