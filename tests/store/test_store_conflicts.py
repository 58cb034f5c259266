"""Optimistic concurrency in the store: a version per record, checked against what a screen showed (issue 16).

Two connections to one database (a file, or the school's server: both
backends) stand for two people. A change that names the version it read is
refused when a colleague changed the record since; nothing of theirs is
overwritten, and the message says what they did.
"""

from __future__ import annotations

from datetime import date

import pytest
from store_helpers import new_case

from pestcli.store import get_case, open_store, plan_followups
from pestcli.store.cases import close_case, reopen_case
from pestcli.store.errors import ConflictError
from pestcli.store.followups import reschedule_followup


@pytest.fixture
def colleague(store, store_target):
    """A second connection to the same database."""
    with open_store(store_target, daily_backup=False) as other:
        yield other


def test_every_change_counts_up_the_version(store):
    case = new_case(store)
    assert case.version == 1
    (row,) = plan_followups(store, case.id, [("na twee dagen", date(2026, 11, 25))])
    moved = reschedule_followup(store, row.id, date(2026, 11, 26), "ziek")
    assert (row.version, moved.version) == (1, 2)
    assert close_case(store, case.id, date(2026, 11, 30), "klaar").version == 2


def test_closing_a_case_a_colleague_closed_first_says_so_and_keeps_theirs(store, colleague):
    case = new_case(store)
    seen = get_case(store, case.id).version
    close_case(colleague, case.id, date(2026, 11, 27), "Opgelost (coördinator).")
    with pytest.raises(ConflictError, match=rf"Een collega heeft melding {case.number} intussen gesloten op "
                                            r"vr 27 nov 2026\. Uw wijziging is NIET opgeslagen"):
        close_case(store, case.id, date(2026, 11, 30), "Opgelost (mentor).", seen_version=seen)
    kept = get_case(store, case.id)
    assert (kept.closed_on, kept.closed_reason) == (date(2026, 11, 27), "Opgelost (coördinator).")


def test_reopening_against_a_stale_version_is_refused(store, colleague):
    case = new_case(store)
    closed = close_case(store, case.id, date(2026, 11, 27), "klaar")
    reopen_case(colleague, case.id)
    close_case(colleague, case.id, date(2026, 11, 30), "toch klaar")
    with pytest.raises(ConflictError):
        reopen_case(store, case.id, seen_version=closed.version)
    assert get_case(store, case.id).closed_on == date(2026, 11, 30)


def test_a_move_against_the_version_read_goes_through(store, colleague):
    case = new_case(store)
    (row,) = plan_followups(store, case.id, [("na twee dagen", date(2026, 11, 25))])
    moved = reschedule_followup(store, row.id, date(2026, 11, 26), "ziek", seen_version=row.version)
    with pytest.raises(ConflictError, match="het staat nu op do 26 nov 2026"):
        reschedule_followup(colleague, row.id, date(2026, 11, 30), "uitje", seen_version=row.version)
    assert reschedule_followup(colleague, row.id, date(2026, 11, 30), "uitje",
                               seen_version=moved.version).due_on == date(2026, 11, 30)
