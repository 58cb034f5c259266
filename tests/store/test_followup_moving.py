"""Moving a follow-up keeps the old date and the reason; closed days move on to a school day."""

from __future__ import annotations

from datetime import date

import pytest

from pestcli.services.followups import MovedFollowUp, move_followup
from pestcli.store import followups_of_case, open_store, plan_followups, reschedule_followup
from pestcli.store.workflow import Rules


@pytest.fixture(scope="module")
def rules() -> Rules:
    """The shipped protocol with its region's school calendar."""
    return Rules.load()


def test_reschedule_keeps_the_old_date_and_the_reason(db_path, store, case):
    (row,) = plan_followups(store, case.id, [("na een week", date(2026, 11, 30))])
    moved = reschedule_followup(store, row.id, date(2026, 12, 2), reason="  Daan is op schoolreis.  ")
    assert (moved.due_on, moved.moved_from, moved.moved_reason) == (
        date(2026, 12, 2), date(2026, 11, 30), "Daan is op schoolreis.")
    store.close()
    reopened = open_store(db_path)
    (stored,) = followups_of_case(reopened, case.id)
    assert (stored.due_on, stored.moved_from, stored.moved_reason) == (
        date(2026, 12, 2), date(2026, 11, 30), "Daan is op schoolreis.")
    reopened.close()


def test_reschedule_without_a_reason_still_works_positionally(store, case):
    (row,) = plan_followups(store, case.id, [("na een week", date(2026, 11, 30))])
    moved = reschedule_followup(store, row.id, date(2026, 12, 1))
    assert (moved.due_on, moved.moved_from, moved.moved_reason) == (date(2026, 12, 1), date(2026, 11, 30), "")


def test_move_to_a_saturday_lands_on_monday_and_says_why(db_path, store, rules, case):
    (row,) = plan_followups(store, case.id, [("na een maand", date(2026, 12, 2))])
    result = move_followup(store, rules, row.id, date(2026, 12, 5), "Mentor is ziek.")
    assert isinstance(result, MovedFollowUp)
    assert result.due_on == date(2026, 12, 7) and result.requested == date(2026, 12, 5)
    assert result.moved_because == "valt op een zaterdag"
    assert "ma 7 dec 2026" in result.message and "valt op een zaterdag" in result.message
    store.close()
    reopened = open_store(db_path)
    (stored,) = followups_of_case(reopened, case.id)
    assert (stored.due_on, stored.moved_from, stored.moved_reason) == (
        date(2026, 12, 7), date(2026, 12, 2), "Mentor is ziek.")
    reopened.close()


def test_move_to_a_school_day_stays_there(store, rules, case):
    (row,) = plan_followups(store, case.id, [("na een maand", date(2026, 12, 2))])
    result = move_followup(store, rules, row.id, date(2026, 12, 3))
    assert result.due_on == date(2026, 12, 3) and result.moved_because is None
    assert result.message == "Vervolggesprek verzet naar do 3 dec 2026."
