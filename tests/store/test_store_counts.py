"""The numbers on "Vandaag": open cases per step, overdue and today's items, open cases."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from store_helpers import new_case
from test_store_agenda import fill_big

from pestcli.agenda import agenda_rows
from pestcli.store import (
    AgendaCounts,
    close_case,
    escalate,
    mark_step_done,
    plan_followups,
    plan_parent_contact,
)
from pestcli.store.counts import counts, step_of_case

TODAY = date(2026, 11, 23)
D = TODAY.replace


def test_an_empty_store_counts_nothing(store):
    assert counts(store, TODAY) == AgendaCounts(open_per_step={}, overdue=0, due_today=0, open_cases=0)


def test_counts_per_step_overdue_and_today(store, protocol):
    at_2 = new_case(store, due_dates={2: D(day=20), 3: D(day=27), 4: D(month=12, day=4), 6: D(month=12, day=10)})
    plan_parent_contact(store, at_2.id, D(day=18))  # overdue
    at_4 = new_case(store, due_dates={2: D(day=9), 3: D(day=16), 4: TODAY, 6: D(month=12, day=10)})
    mark_step_done(store, at_4.id, 2, D(day=9))
    mark_step_done(store, at_4.id, 3, D(day=16))
    new_case(store, due_dates={2: D(day=30), 3: D(month=12, day=7), 4: D(month=12, day=14), 6: D(day=25)})
    at_5 = new_case(store, due_dates={2: D(day=2), 3: D(day=3), 4: D(day=4), 6: D(day=5)})
    for step in (2, 3, 4, 6):
        mark_step_done(store, at_5.id, step, D(day=step))
    plan_followups(store, at_5.id, [("na twee dagen", D(day=19)), ("na een week", TODAY)])
    escalated = new_case(store, due_dates={2: D(day=10), 3: D(day=30), 4: D(month=12, day=7), 6: D(month=12, day=9)})
    escalate(store, escalated.id, "apc", D(day=12), sanction_phase=1)
    closed = new_case(store, due_dates={2: D(day=1), 3: TODAY, 4: TODAY, 6: TODAY})
    close_case(store, closed.id, D(day=22))
    finished = new_case(store, due_dates={})
    for step in (2, 3, 4, 5, 6):
        mark_step_done(store, finished.id, step, D(day=20))

    result = counts(store, TODAY)
    assert result.open_per_step == {2: 2, 4: 1, 5: 1, 6: 1}
    assert result.open_cases == 6  # the finished but not closed case counts as open
    assert result.overdue == 4  # stap 2 of at_2 and escalated, its parent contact, one follow-up
    assert result.due_today == 2  # stap 4 of at_4, the follow-up "na een week"
    rows = agenda_rows(store, protocol, TODAY, TODAY + timedelta(days=6), TODAY)
    assert sum(r.group == "te laat" for r in rows) == result.overdue
    assert sum(r.group == "vandaag" for r in rows) == result.due_today


@pytest.mark.parametrize(("main", "main_due", "parents", "parents_due", "followups", "expected"), [
    (2, D(day=25), True, D(day=30), True, 2),
    (3, D(day=30), True, D(day=25), False, 6),
    (None, None, True, D(day=25), True, 6),
    (None, None, False, None, True, 5),
    (None, None, False, None, False, None),
    (4, None, True, D(day=25), False, 4),  # no due date to compare: the main step first
])
def test_the_step_a_case_is_at(main, main_due, parents, parents_due, followups, expected):
    assert step_of_case(main, main_due, parents, parents_due, followups) == expected


@pytest.mark.slow
def test_counts_hold_at_ten_thousand_cases(store, db_path):
    """Correct at a school's size; how fast is measured in bench/, never asserted here."""
    fill_big(db_path)
    result = counts(store, TODAY)
    assert result.open_cases > 1000 and result.overdue > 0
    assert counts(store, TODAY) == result


def test_a_planned_parent_contact_and_stap_6_count_once_as_the_list_shows_them(store, protocol):
    late_six = new_case(store, due_dates={2: D(day=2), 3: D(day=3), 4: D(day=4), 6: D(day=20)})
    for step in (2, 3, 4):
        mark_step_done(store, late_six.id, step, D(day=step))
    plan_parent_contact(store, late_six.id, TODAY)  # stap 6 was due on the 20th; the call is today
    result = counts(store, TODAY)
    rows = agenda_rows(store, protocol, TODAY, D(day=29), TODAY)
    assert [r.kind for r in rows] == ["ouders"]
    assert (result.overdue, result.due_today) == (0, 1)
