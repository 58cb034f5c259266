"""The rules-engine layer: due dates from the protocol and the school calendar."""

from __future__ import annotations

from datetime import date

import pytest

from pestcli.store import step_progress
from pestcli.store.workflow import Rules, complete_step, plan_stap5, recompute_due_dates, register_case

MONDAY = date(2026, 11, 2)


@pytest.fixture(scope="module")
def rules():
    return Rules.load()


def due(store, case_id):
    return {r.step: r.due_on for r in step_progress(store, case_id)}


def test_register_case_uses_the_protocol_and_its_deadlines(store, rules):
    case = register_case(store, rules, reported_on=MONDAY, reporter_kind="leerling", severity="gemiddeld")
    assert (case.protocol_name, case.protocol_version) == (rules.protocol.document.name, rules.protocol.document.version)
    expected = rules.due_dates(MONDAY, "gemiddeld", {1: MONDAY})
    assert {n: d for n, d in due(store, case.id).items() if n in expected} == expected
    assert due(store, case.id)[2] == date(2026, 11, 9)


def test_a_severe_case_tells_the_parents_sooner(store, rules):
    mild = register_case(store, rules, reported_on=MONDAY, reporter_kind="ouder", severity="licht")
    severe = register_case(store, rules, reported_on=MONDAY, reporter_kind="ouder", severity="ernstig")
    assert due(store, severe.id)[6] < due(store, mild.id)[6]
    assert rules.is_severe("ernstig") and not rules.is_severe("onbekend")


def test_completing_a_step_moves_the_later_due_dates(store, rules):
    case = register_case(store, rules, reported_on=MONDAY, reporter_kind="leerling", severity="gemiddeld")
    before = due(store, case.id)
    row = complete_step(store, rules, case.id, 2, date(2026, 11, 4), "mentor")
    after = due(store, case.id)
    assert row.done_on == date(2026, 11, 4)
    assert after[3] == date(2026, 11, 11) and after[3] < before[3]
    assert after[2] == before[2]  # a done step keeps its own due date
    assert {r.step: r.due_on for r in recompute_due_dates(store, rules, case.id)} == after


def test_plan_stap5_plans_the_whole_two_year_tail(store, rules):
    case = register_case(store, rules, reported_on=MONDAY, reporter_kind="leerling", severity="licht")
    rows = plan_stap5(store, rules, case.id, date(2026, 11, 23))
    assert [r.label for r in rows] == [slot.label for slot in rules.protocol.rules.followups]
    assert rows[0].due_on >= date(2026, 11, 25) and rows[-1].due_on >= date(2028, 11, 23)
    again = plan_stap5(store, rules, case.id, date(2026, 12, 7), replace_open=True)
    assert again[0].seq == len(rows) + 1
