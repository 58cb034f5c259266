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
    case = register_case(store, rules, reported_on=MONDAY, reporter_kind="leerling", parents_informed_after="na-stap-3")
    assert (case.protocol_name, case.protocol_version) == (rules.protocol.document.name, rules.protocol.document.version)
    expected = rules.due_dates(MONDAY, "na-stap-3", {1: MONDAY})
    assert {n: d for n, d in due(store, case.id).items() if n in expected} == expected
    assert due(store, case.id)[2] == date(2026, 11, 9)


def test_na_stap_1_tells_the_parents_a_week_after_the_report(store, rules):
    after_3 = register_case(store, rules, reported_on=MONDAY, reporter_kind="ouder",
                            parents_informed_after="na-stap-3", informing_reason="Plagerijen.")
    after_1 = register_case(store, rules, reported_on=MONDAY, reporter_kind="ouder",
                            parents_informed_after="na-stap-1", informing_reason="Bedreiging.")
    assert due(store, after_1.id)[6] == date(2026, 11, 9)  # a week after the report
    assert due(store, after_3.id)[6] == date(2026, 11, 23)  # a week after stap 3 (due 16 nov)
    assert rules.parents_after_stap1(after_1) and rules.parents_after_stap1("na-stap-1")
    assert not rules.parents_after_stap1(after_3) and not rules.parents_after_stap1("onbekend")
    assert (after_1.parents_informed_after, after_1.informing_reason) == ("na-stap-1", "Bedreiging.")


def test_an_unknown_choice_is_refused_in_dutch(store, rules):
    from pestcli.store import count_cases
    from pestcli.store.errors import InvalidValueError

    with pytest.raises(InvalidValueError, match="Onbekende keuze voor het inlichten van de ouders"):
        register_case(store, rules, reported_on=MONDAY, reporter_kind="ouder", parents_informed_after="ernstig")
    assert count_cases(store) == 0


def test_changing_the_choice_moves_stap_6(store, rules):
    from pestcli.store import update_case

    case = register_case(store, rules, reported_on=MONDAY, reporter_kind="ouder", parents_informed_after="na-stap-3")
    update_case(store, case.id, parents_informed_after="na-stap-1", informing_reason="Toch ernstiger.")
    recompute_due_dates(store, rules, case.id)
    assert due(store, case.id)[6] == date(2026, 11, 9)


def test_completing_a_step_moves_the_later_due_dates(store, rules):
    case = register_case(store, rules, reported_on=MONDAY, reporter_kind="leerling", parents_informed_after="na-stap-3")
    before = due(store, case.id)
    row = complete_step(store, rules, case.id, 2, date(2026, 11, 4), "mentor")
    after = due(store, case.id)
    assert row.done_on == date(2026, 11, 4)
    assert after[3] == date(2026, 11, 11) and after[3] < before[3]
    assert after[2] == before[2]  # a done step keeps its own due date
    assert {r.step: r.due_on for r in recompute_due_dates(store, rules, case.id)} == after


def test_plan_stap5_plans_the_whole_two_year_tail(store, rules):
    case = register_case(store, rules, reported_on=MONDAY, reporter_kind="leerling", parents_informed_after="na-stap-3")
    rows = plan_stap5(store, rules, case.id, date(2026, 11, 23))
    assert [r.label for r in rows] == [slot.label for slot in rules.protocol.rules.followups]
    assert rows[0].due_on >= date(2026, 11, 25) and rows[-1].due_on >= date(2028, 11, 23)
    again = plan_stap5(store, rules, case.id, date(2026, 12, 7), replace_open=True)
    assert again[0].seq == len(rows) + 1
