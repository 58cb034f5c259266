"""Closing a case with the two-year monitoring going on, or ending it; reopening brings back what closing ended."""

from __future__ import annotations

from datetime import date

import pytest
from store_helpers import new_case

from pestcli.store.sql_values import as_date
from pestcli.store import (
    InvalidValueError,
    audit_events,
    close_case,
    complete_followup,
    due_items,
    get_case,
    open_store,
    plan_followups,
    reopen_case,
)
from pestcli.store.counts import counts
from pestcli.store.backend.migrate import downgrade_store, upgrade_store

CLOSED = date(2026, 12, 1)
PLANNED = [("na een maand", date(2026, 12, 21)), ("na drie maanden", date(2027, 2, 22)),
           ("na twee jaar", date(2028, 11, 23))]
FAR = date(2029, 1, 1)


def followup_dates(store, today: date = CLOSED) -> list[date]:
    """The due dates of the follow-ups the agenda lists (up to FAR)."""
    return [i.due_on for i in due_items(store, today, FAR, today=today) if i.kind == "vervolg"]


@pytest.fixture
def planned(store):
    """A case with one follow-up held and three planned."""
    case = new_case(store)
    rows = plan_followups(store, case.id, [("na twee dagen", date(2026, 11, 25)), *PLANNED])
    complete_followup(store, rows[0].id, date(2026, 11, 25), outcome="goed")
    return case, rows


def test_closing_keeps_the_monitoring_by_default_and_the_agenda_keeps_the_follow_ups(store, planned):
    case, _ = planned
    row = close_case(store, case.id, CLOSED, "Het pesten is gestopt.")
    assert (row.status, row.monitoring_ended_on, row.monitoring_end_reason) == ("closed", None, "")
    assert followup_dates(store) == [d for _, d in PLANNED]
    # its steps (2, 3, 4, 6 still open here) leave the agenda with the close
    assert {i.kind for i in due_items(store, CLOSED, FAR, today=CLOSED)} == {"vervolg"}
    # the home screen's counts count the follow-up that is due today
    assert counts(store, date(2026, 12, 21)).due_today == 1
    assert audit_events(store, case_id=case.id)[0].summary == "melding gesloten; monitoring gaat door"


def test_ending_the_monitoring_cancels_the_open_follow_ups_and_needs_a_reason(store, planned):
    case, rows = planned
    with pytest.raises(InvalidValueError, match="De reden dat de monitoring stopt mag niet leeg zijn"):
        close_case(store, case.id, CLOSED, "Klaar.", monitoring_ends=True, monitoring_reason="  ")
    assert get_case(store, case.id).status == "open"  # nothing was stored
    row = close_case(store, case.id, CLOSED, "Klaar.", monitoring_ends=True,
                     monitoring_reason="Leerling is van school gegaan.")
    assert (row.monitoring_ended_on, row.monitoring_end_reason) == (CLOSED, "Leerling is van school gegaan.")
    assert followup_dates(store) == []
    with store.sql() as con:  # as stored, on either backend
        stored = [(label, as_date(done), as_date(cancelled), bool(by_close)) for label, done, cancelled, by_close
                  in con.execute("SELECT label, done_on, cancelled_on, cancelled_by_close FROM followups"
                                 " ORDER BY seq").fetchall()]
    assert stored == [("na twee dagen", date(2026, 11, 25), None, False),
                      *[(label, None, date(2026, 12, 1), True) for label, _ in PLANNED]]
    summary = audit_events(store, case_id=case.id)[0].summary
    assert summary == "melding gesloten; monitoring gestopt, 3 vervolggesprek(ken) geannuleerd"
    assert "school" not in summary  # the audit trail names no reasons


def test_reopening_brings_back_exactly_what_the_close_cancelled(store, planned):
    case, rows = planned
    # cancelled earlier, for another reason: stays cancelled after the reopen
    plan_followups(store, case.id, [("na een week", date(2026, 12, 9))], replace_open=True, on=date(2026, 11, 30))
    close_case(store, case.id, CLOSED, "Klaar.", monitoring_ends=True, monitoring_reason="Afgesproken met APC.")
    assert followup_dates(store) == []
    row = reopen_case(store, case.id)
    assert (row.status, row.closed_on, row.monitoring_ended_on, row.monitoring_end_reason) == ("open", None, None, "")
    assert followup_dates(store) == [date(2026, 12, 9)]  # the earlier replaced ones stay cancelled
    assert audit_events(store, case_id=case.id)[0].summary == "melding heropend; 1 vervolggesprek(ken) terug"


def test_reopening_after_closing_with_the_monitoring_on_changes_no_follow_up(store, planned):
    case, _ = planned
    close_case(store, case.id, CLOSED, "Klaar.")
    reopen_case(store, case.id)
    assert followup_dates(store) == [d for _, d in PLANNED]


def test_a_closed_case_is_not_closed_twice(store, planned):
    case, _ = planned
    close_case(store, case.id, CLOSED, "Klaar.")
    with pytest.raises(InvalidValueError, match="is al gesloten"):
        close_case(store, case.id, CLOSED, "Nog eens.", monitoring_ends=True, monitoring_reason="x")
    assert get_case(store, case.id).monitoring_ended_on is None


def test_a_case_closed_before_the_choice_keeps_its_follow_ups_out_of_the_agenda(db_path):
    store = open_store(db_path, daily_backup=False)
    case = new_case(store)
    plan_followups(store, case.id, PLANNED)
    close_case(store, case.id, CLOSED, "Klaar.")
    other = new_case(store)
    plan_followups(store, other.id, PLANNED[:1])
    downgrade_store(store, "0004")  # as it was before the choice existed
    upgrade_store(store)
    row = get_case(store, case.id)
    assert (row.monitoring_ended_on, row.monitoring_end_reason) == (
        CLOSED, "Gesloten voordat pestcli naar de monitoring vroeg.")
    assert get_case(store, other.id).monitoring_ended_on is None  # open cases: monitoring goes on
    assert followup_dates(store) == [PLANNED[0][1]]  # the open case's only
    reopen_case(store, case.id)  # reopening shows them again
    assert followup_dates(store) == sorted([d for _, d in PLANNED] + [PLANNED[0][1]])
    store.close()


def test_the_pupils_record_holds_the_monitoring_choice_with_other_pupils_masked(store):
    from pestcli.store import add_person
    from pestcli.store.access import pupil_record

    victim = add_person(store, "Zeynep", "Oosterbroek", class_name="2B")
    bully = add_person(store, "Bram", "van Kuipers", class_name="2B")
    case = new_case(store, roles=[(victim.id, "gepeste"), (bully.id, "pester")])
    close_case(store, case.id, CLOSED, "Klaar.", monitoring_ends=True,
               monitoring_reason="Bram van Kuipers is van school gegaan.")
    [entry] = pupil_record(store, victim.id)["meldingen"]
    assert entry["monitoring_gestopt_op"] == "2026-12-01"
    assert entry["reden_monitoring_gestopt"] == "pester B.v.K. is van school gegaan."


def test_the_reason_the_monitoring_stopped_is_a_free_text_that_erasure_redacts():
    from pestcli.store.models import Case
    from pestcli.store.redaction import TEXT_FIELDS

    assert "monitoring_end_reason" in TEXT_FIELDS[Case]


def test_a_case_still_followed_after_closing_waits_with_its_retention_review(store):
    from pestcli.store.retention_due import cases_due_for_review, count_due_for_review

    followed = new_case(store, reported_on=date(2023, 9, 4))
    plan_followups(store, followed.id, [("na twee jaar", date(2025, 9, 4))])
    close_case(store, followed.id, date(2023, 10, 2), "Klaar.")  # monitoring goes on; one follow-up still open
    today = date(2026, 11, 23)
    assert cases_due_for_review(store, today) == [] and count_due_for_review(store, today) == 0
    [row] = [f for f in due_items(store, today, today, today=today) if f.case_id == followed.id]
    complete_followup(store, row.ref_id, date(2025, 9, 4), outcome="goed")  # the last one held
    assert [i.number for i in cases_due_for_review(store, today)] == [followed.number]
    ended = new_case(store, reported_on=date(2023, 9, 4))
    plan_followups(store, ended.id, [("na twee jaar", date(2025, 9, 4))])
    close_case(store, ended.id, date(2023, 10, 2), "Klaar.", monitoring_ends=True, monitoring_reason="Verhuisd.")
    assert [i.number for i in cases_due_for_review(store, today)] == [followed.number, ended.number]
