"""The home screen's overview of open cases (store/overview.py)."""

from __future__ import annotations

from datetime import date

from store_helpers import new_case

from pestcli.store import (
    add_person,
    assign_role,
    close_case,
    escalate,
    fill_demo,
    list_cases,
    mark_step_done,
    plan_followups,
    plan_parent_contact,
)
from pestcli.store.overview import current_step, open_case_overview


def test_lists_open_cases_newest_first_with_victims_and_names(store, case, pupils):
    newer = new_case(store, reported_on=date(2026, 11, 20), class_name="3A")
    closed = new_case(store, reported_on=date(2026, 11, 21))
    close_case(store, closed.id, date(2026, 11, 22))
    rows = open_case_overview(store)
    assert [r.number for r in rows] == [newer.number, case.number]
    old = rows[1]
    assert old.victims == ("Sanne Verbeek",)
    assert old.names == ("Sanne Verbeek", "Daan Hofstede")
    assert old.class_name == "2B" and old.status == "open"
    assert rows[0].victims == () and rows[0].class_name == "3A"


def test_current_step_and_next_due_follow_the_progress(store, case):
    row = open_case_overview(store)[0]
    assert row.current_step == 2 and row.next_due == date(2026, 11, 9)
    mark_step_done(store, case.id, 2, date(2026, 11, 9))
    row = open_case_overview(store)[0]
    assert row.current_step == 3 and row.next_due == date(2026, 11, 16)
    for step in (3, 4, 6):
        mark_step_done(store, case.id, step, date(2026, 11, 23))
    plan_followups(store, case.id, [("twee dagen", date(2026, 11, 25)), ("een week", date(2026, 11, 30))])
    row = open_case_overview(store)[0]
    assert row.current_step == 5 and row.next_due == date(2026, 11, 25)


def test_parent_contact_and_escalated_cases_count(store, case, pupils):
    plan_parent_contact(store, case.id, date(2026, 11, 3), pupils[0].id)
    escalate(store, case.id, "apc", date(2026, 11, 4))
    row = open_case_overview(store)[0]
    assert row.status == "escalated"
    assert row.next_due == date(2026, 11, 3)


def test_matches_any_word_of_number_class_or_name(store, case, pupils):
    helper = add_person(store, "Fatima", "El Amrani", class_name="2B")
    assign_role(store, case.id, helper.id, "helper")
    row = open_case_overview(store)[0]
    assert row.matches("fatima") and row.matches("2b sanne") and row.matches(case.number[-4:])
    assert not row.matches("pieter")


def test_current_step_rules():
    assert current_step({2: date(2026, 1, 9), 6: date(2026, 1, 5)}, False) == 6
    assert current_step({2: date(2026, 1, 9), 6: date(2026, 1, 20)}, False) == 2
    assert current_step({6: None}, False) == 6
    assert current_step({}, True) == 5
    assert current_step({}, False) is None


def test_demo_database_reads_in_one_go(store):
    fill_demo(store, today=date(2026, 11, 23))
    rows = open_case_overview(store)
    open_ones = [c for c in list_cases(store) if c.status != "closed"]
    assert [r.case_id for r in rows] == [c.id for c in open_ones]
    assert all(r.victims for r in rows)
