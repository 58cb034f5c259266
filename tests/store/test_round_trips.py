"""No N+1: what the home screen, the case screen and the agenda ask the database, on both backends (issue 16).

The reads are the screens' own (named per test); a ``StatementLog`` on the
store counts every statement and every transaction (on a server each is a
round trip). The demo school is read, then three times as many cases: the
numbers stay the same, and stay under the ceilings below — a query per case,
per person or per follow-up would break both.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pestcli.agenda import agenda_rows, counts
from pestcli.services import reads
from pestcli.store.backend.trace import StatementLog
from pestcli.store.demo import fill_demo

TODAY = date(2026, 11, 23)

#: Statements (SQLite counts its BEGIN as one more) and transactions, at most, per screen.
HOME = (18, 7)
CASE = (17, 1)
AGENDA = (7, 3)


def counted(store, read) -> tuple[int, int]:
    """(statements, transactions) that ``read()`` sends."""
    log = StatementLog()
    store.statement_log = log
    try:
        read()
    finally:
        store.statement_log = None
    return len(log.statements), log.transactions


def home(store, protocol) -> None:
    """HomeScreen.read, DueList.read and CountsBar.read."""
    reads.count_cases(store)
    reads.open_case_overview(store)
    reads.count_due_for_review(store, TODAY, protocol.retention_months)
    agenda_rows(store, protocol, TODAY, TODAY + timedelta(days=6), TODAY, include_names=True)
    counts(store, TODAY)


def agenda(store, protocol) -> None:
    """AgendaScreen._load for two months: the rows with names, and the follow-ups' moves."""
    rows = agenda_rows(store, protocol, date(2026, 11, 1), date(2026, 12, 31), TODAY, include_names=True)
    reads.moved_followups(store, [row.ref_id for row in rows if row.kind == "vervolg"])


@pytest.fixture
def school(store, protocol):
    """The demo school on the test's backend."""
    fill_demo(store, today=TODAY)
    return store


def test_the_home_screen_and_the_agenda_ask_the_same_whatever_the_size_of_the_school(school, protocol):
    small = counted(school, lambda: home(school, protocol)), counted(school, lambda: agenda(school, protocol))
    for _ in range(2):
        fill_demo(school, today=TODAY, force=True)
    big = counted(school, lambda: home(school, protocol)), counted(school, lambda: agenda(school, protocol))
    assert big == small
    (home_statements, home_transactions), (agenda_statements, agenda_transactions) = small
    assert home_statements <= HOME[0] and home_transactions <= HOME[1]
    assert agenda_statements <= AGENDA[0] and agenda_transactions <= AGENDA[1]


def test_the_case_screen_reads_a_case_in_one_snapshot_with_a_fixed_set_of_queries(school):
    cases = reads.open_case_overview(school)
    assert len(cases) >= 5
    seen = {counted(school, lambda: reads.case_detail(school, case.case_id)) for case in cases}
    # small and large cases (one conversation or many, with or without parents, evidence, class talks)
    assert all(statements <= CASE[0] and transactions == CASE[1] for statements, transactions in seen)
    assert max(s for s, _ in seen) - min(s for s, _ in seen) <= 1  # one optional query, never one per row
