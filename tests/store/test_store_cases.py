"""Cases: numbers, steps, forms, changes, closing, searching and erasing."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from store_helpers import DUE, REPORTED, new_case

from pestcli.store import (
    InvalidValueError,
    NotFoundError,
    add_agreement,
    add_evidence,
    audit_events,
    case_forms,
    close_case,
    count_cases,
    erase_case,
    escalate,
    get_case,
    get_case_by_number,
    get_person,
    list_cases,
    plan_followups,
    plan_parent_contact,
    record_item_state,
    reopen_case,
    search_cases,
    set_case_status,
    start_conversation,
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


def test_status_close_and_reopen(store, case):
    assert set_case_status(store, case.id, "escalated").status == "escalated"
    with pytest.raises(InvalidValueError, match="Onbekende waarde voor status"):
        set_case_status(store, case.id, "kwijt")
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


def test_erase_case_removes_everything_that_belongs_to_it(store, db_path, case, pupils, tmp_path):
    victim, bully = pupils
    talk = start_conversation(store, case.id, "bijlage-6", participants=[(victim.id, "gepeste")])
    record_item_state(store, talk.id, "b6.stappen.01", "done", "notitie")
    add_agreement(store, case.id, "Laat haar met rust", person_id=bully.id, conversation_id=talk.id)
    plan_followups(store, case.id, [("na twee dagen", date(2026, 11, 25))])
    plan_parent_contact(store, case.id, date(2026, 11, 20), victim.id)
    escalate(store, case.id, "apc", sanction_phase=1)
    shot = tmp_path / "shot.png"
    shot.write_bytes(b"png")
    evidence = add_evidence(store, case.id, "bewijs.schermafdruk", source_file=shot)
    copied = store.data_dir / evidence.file_path
    keep = new_case(store)

    erase_case(store, case.id)

    con = sqlite3.connect(db_path)
    for table in ("conversations", "conversation_items", "conversation_participants", "agreements",
                  "followups", "evidence", "parent_contacts", "escalations", "case_roles"):
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
    for table in ("case_forms", "step_progress"):
        assert con.execute(f"SELECT count(*) FROM {table} WHERE case_id = ?", (case.id,)).fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM step_progress WHERE case_id = ?", (keep.id,)).fetchone() == (6,)
    con.close()
    assert not copied.exists() and not copied.parent.exists()
    assert get_person(store, victim.id).first_name == "Sanne"  # people stay
    erased = audit_events(store, case_id=case.id)[0]
    assert erased.action == "delete" and "gewist" in erased.summary
    with pytest.raises(NotFoundError):
        erase_case(store, case.id)
