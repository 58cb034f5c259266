"""Step progress: done dates, by whom, and due dates that move."""

from __future__ import annotations

from datetime import date

import pytest

from pestcli.store import (
    InvalidValueError,
    NotFoundError,
    done_steps,
    mark_step_done,
    step_progress,
    update_step_due_dates,
)


def test_mark_done(store, case):
    row = mark_step_done(store, case.id, 2, date(2026, 11, 6), "J. de Mentor")
    assert (row.step, row.done_on, row.done_by) == (2, date(2026, 11, 6), "J. de Mentor")
    assert done_steps(store, case.id) == {1: date(2026, 11, 2), 2: date(2026, 11, 6)}


def test_done_with_new_due_dates_in_one_go(store, case):
    mark_step_done(store, case.id, 2, date(2026, 11, 4), new_due_dates={3: date(2026, 11, 11), 4: date(2026, 11, 18)})
    due = {r.step: r.due_on for r in step_progress(store, case.id)}
    assert (due[3], due[4]) == (date(2026, 11, 11), date(2026, 11, 18))


def test_update_due_dates(store, case):
    rows = update_step_due_dates(store, case.id, {3: date(2026, 11, 12), 6: None})
    due = {r.step: r.due_on for r in rows}
    assert due[3] == date(2026, 11, 12) and due[6] is None and len(rows) == 6


def test_bad_steps_and_cases(store, case):
    with pytest.raises(InvalidValueError, match="stap"):
        mark_step_done(store, case.id, 7)
    with pytest.raises(InvalidValueError):
        update_step_due_dates(store, case.id, {0: date(2026, 1, 1)})
    with pytest.raises(NotFoundError):
        mark_step_done(store, 99, 2)
    with pytest.raises(NotFoundError):
        step_progress(store, 99)


def test_done_defaults_to_today(store, case):
    assert mark_step_done(store, case.id, 3).done_on == date.today()
