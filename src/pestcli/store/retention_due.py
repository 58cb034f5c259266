"""Which closed cases wait for a keep-or-erase decision: the rule, the list and the count.

A closed case is due for review ``months`` after its closing date (the
school's policy, ``[retention] months`` in protocol.toml) unless it is kept
beyond today. The rule lives here once, as a cut-off date and one WHERE
clause, shared by the list (the review screen) and the count (the home
screen's line "N gesloten meldingen wachten op een bewaarbesluit"). Plain
SQL on ``Store.sql()``: no ORM is imported. Keeping a case is
:func:`pestcli.store.retention.keep_case`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pestcli.protocol.model import DEFAULT_RETENTION_MONTHS
from pestcli.store.errors import InvalidValueError
from pestcli.store.sql_values import as_date, as_text

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

#: Closed at least ``months`` ago (the first ?) and not kept beyond today (the second ?),
#: and not still being followed: a case closed with its monitoring going on waits
#: until its open follow-ups are held (or its monitoring is ended).
DUE_WHERE = (
    "cases.status = 'closed' AND cases.closed_on IS NOT NULL AND cases.closed_on <= ?"
    " AND (cases.keep_until IS NULL OR cases.keep_until <= ?)"
    " AND (cases.monitoring_ended_on IS NOT NULL OR NOT EXISTS (SELECT 1 FROM followups"
    " WHERE followups.case_id = cases.id AND followups.done_on IS NULL AND followups.cancelled_on IS NULL))"
)


@dataclass(frozen=True)
class ReviewItem:
    """A closed case past its retention period: no names, only what the decision needs."""

    case_id: int
    number: str
    class_name: str
    closed_on: date
    due_on: date
    kept_until: date | None
    keep_reason: str


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months (the 31st becomes the last day of a shorter month)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_date(closed_on: date, months: int = DEFAULT_RETENTION_MONTHS) -> date:
    """The day a case closed on ``closed_on`` is due for review."""
    return add_months(closed_on, months)


def due_params(today: date, months: int) -> tuple[str, str]:
    """The parameters of :data:`DUE_WHERE` for ``today``: the latest closing date, and today.

    A period shorter than one month raises a Dutch InvalidValueError.
    """
    if months < 1:
        raise InvalidValueError("De bewaartermijn moet minstens één maand zijn.")
    return as_text(add_months(today, -months)), as_text(today)


def cases_due_for_review(store: Store, today: date,
                         months: int = DEFAULT_RETENTION_MONTHS) -> list[ReviewItem]:
    """Closed cases closed at least ``months`` ago and not kept beyond today, oldest first."""
    params = due_params(today, months)
    with store.sql() as con:
        rows = con.execute(
            "SELECT cases.id, cases.number, cases.class_name, cases.closed_on, cases.keep_until,"
            f" cases.keep_reason FROM cases WHERE {DUE_WHERE}"
            " ORDER BY cases.closed_on, cases.id", params,
        ).fetchall()
    items = []
    for case_id, number, class_name, closed_text, kept_text, keep_reason in rows:
        closed_on = as_date(closed_text)
        assert closed_on is not None  # DUE_WHERE keeps only cases with a closing date
        items.append(ReviewItem(case_id, number, class_name, closed_on, review_date(closed_on, months),
                                as_date(kept_text), keep_reason))
    return items


def count_due_for_review(store: Store, today: date, months: int = DEFAULT_RETENTION_MONTHS) -> int:
    """How many cases :func:`cases_due_for_review` lists, counted in SQL (for the home screen)."""
    params = due_params(today, months)
    with store.sql() as con:
        return con.execute(f"SELECT count(*) FROM cases WHERE {DUE_WHERE}", params).fetchone()[0]
