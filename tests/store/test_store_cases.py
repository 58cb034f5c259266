"""Cases: numbers, steps, forms, changes, closing, searching and erasing."""

from __future__ import annotations

from datetime import date

import pytest
from store_helpers import DUE, REPORTED, new_case

from pestcli.store import (
    InvalidValueError,
    NotFoundError,
    case_forms,
    close_case,
    count_cases,
    get_case,
    get_case_by_number,
    list_cases,
    reopen_case,
    search_cases,
    step_progress,
    update_case,
)


def test_numbers_count_up_per_year(store):
    first, second = new_case(store), new_case(store)
    other_year = new_case(store, reported_on=date(2027, 1, 5))
    assert (first.number, second.number, other_year.number) == ("2026-0001", "2026-0002", "2027-0001")
    assert get_case_by_number(store, " 2026-0002 ").id == second.id
    assert get_case_by_number(store, "2026-0099") is None


def test_a_new_case_has_every_step_with_its_due_date(store, case):
    rows = step_progress(store, case.id)
    assert [r.step for r in rows] == [1, 2, 3, 4, 5, 6]
    assert rows[0].done_on == REPORTED and rows[0].done_by == "J. de Mentor"
    assert {r.step: r.due_on for r in rows[1:]} == {**DUE, 5: None}
    assert all(r.done_on is None for r in rows[1:])


def test_case_fields_are_stored(store, case):
    row = get_case(store, case.id)
    assert (row.status, row.class_name, row.parents_informed_after, row.reporter_kind) == (
        "open", "2B", "na-stap-3", "leerling")
    assert (row.protocol_name, row.protocol_version) == ("Anti-pestprotocol", "2.3")
    assert row.online is False and row.location == "Schoolplein"


def test_forms_are_deduplicated_and_sorted(store):
    case = new_case(store, forms=["woorden.uitschelden", "lichamelijk.duwen", "woorden.uitschelden"])
    assert case_forms(store, case.id) == ["lichamelijk.duwen", "woorden.uitschelden"]


@pytest.mark.parametrize("bad", [{"parents_informed_after": ""}, {"reporter_kind": "twee woorden"},
                                 {"forms": [""]}, {"due_dates": {7: date(2026, 1, 1)}}])
def test_bad_input_gets_a_dutch_message_and_stores_nothing(store, bad):
    with pytest.raises(InvalidValueError):
        new_case(store, **bad)
    assert count_cases(store) == 0


def test_a_role_for_a_missing_person_rolls_the_whole_case_back(store):
    with pytest.raises(NotFoundError, match="Persoon 99 bestaat niet"):
        new_case(store, roles=[(99, "gepeste")])
    assert count_cases(store) == 0


def test_update_case_changes_fields_and_forms(store, case):
    updated = update_case(store, case.id, parents_informed_after="na-stap-1", class_name=" 2C ", online=True,
                          forms=["woorden.online-uitschelden"])
    assert (updated.parents_informed_after, updated.class_name, updated.online) == ("na-stap-1", "2C", True)
    assert case_forms(store, case.id) == ["woorden.online-uitschelden"]
    assert get_case(store, case.id).updated_at >= case.updated_at
    with pytest.raises(TypeError):
        update_case(store, case.id, number="2026-9999")


def test_close_and_reopen(store, case):
    closed = close_case(store, case.id, date(2026, 12, 1), "Pesten gestopt.")
    assert (closed.status, closed.closed_on, closed.closed_reason) == ("closed", date(2026, 12, 1), "Pesten gestopt.")
    again = reopen_case(store, case.id)
    assert (again.status, again.closed_on) == ("open", None)


def test_missing_case_is_a_dutch_not_found(store):
    with pytest.raises(NotFoundError, match="Melding 42 bestaat niet"):
        get_case(store, 42)


def test_list_and_count(store):
    a = new_case(store, reported_on=date(2026, 1, 1))
    b = new_case(store, reported_on=date(2026, 3, 1))
    close_case(store, a.id)
    assert [c.id for c in list_cases(store)] == [b.id, a.id]
    assert [c.id for c in list_cases(store, status="closed")] == [a.id]
    assert len(list_cases(store, limit=1)) == 1
    assert count_cases(store) == 2


def test_search_by_number_class_and_name(store, case, pupils):
    other = new_case(store, class_name="4VA")
    assert [c.id for c in search_cases(store, "0001")] == [case.id]
    assert [c.id for c in search_cases(store, "4va")] == [other.id]
    assert [c.id for c in search_cases(store, "verbeek")] == [case.id]
    assert [c.id for c in search_cases(store, "Sanne Verb")] == [case.id]
    assert search_cases(store, "  ") == []
