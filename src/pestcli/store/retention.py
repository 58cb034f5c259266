"""Retention: closed cases past the retention period wait for a decision.

A closed case is due for review ``months`` after its closing date (the
school's policy: ``[retention] months`` in protocol.toml, default 24 — the
protocol follows a case for two years). The mentor either keeps it, with a
reason and a date until which it is kept, or erases it
(:mod:`pestcli.store.erasure`). A keep decision is recorded in the audit
trail (action ``keep``) without the reason text.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import col, or_, select

from pestcli.protocol.model import DEFAULT_RETENTION_MONTHS
from pestcli.store.common import check_text, now, os_user, require
from pestcli.store.errors import InvalidValueError
from pestcli.store.models import AuditEvent, Case

if TYPE_CHECKING:
    from pestcli.store.engine import Store

#: The audit action of a keep decision.
KEEP_ACTION = "keep"


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


def cases_due_for_review(store: Store, today: date,
                         months: int = DEFAULT_RETENTION_MONTHS) -> list[ReviewItem]:
    """Closed cases closed at least ``months`` ago and not kept beyond today, oldest first."""
    if months < 1:
        raise InvalidValueError("De bewaartermijn moet minstens één maand zijn.")
    latest_close = add_months(today, -months)
    query = (select(Case).where(Case.status == "closed", col(Case.closed_on).is_not(None),
                                col(Case.closed_on) <= latest_close,
                                or_(col(Case.keep_until).is_(None), col(Case.keep_until) <= today))
             .order_by(Case.closed_on, Case.id))
    with store.read() as session:
        cases = session.exec(query).all()
    return [ReviewItem(c.id, c.number, c.class_name, c.closed_on, review_date(c.closed_on, months),
                       c.keep_until, c.keep_reason) for c in cases]


def keep_case(store: Store, case_id: int, reason: str, until: date, today: date | None = None) -> Case:
    """Keep a closed case until ``until`` (after today), for ``reason``; recorded in the audit trail."""
    reason = check_text(reason, "De reden om te bewaren")
    if until <= (today or date.today()):
        raise InvalidValueError("Bewaren tot moet een datum in de toekomst zijn.")
    with store.write() as session:
        case = require(session, Case, case_id, "Melding")
        case.keep_until, case.keep_reason, case.updated_at = until, reason, now()
        session.add(AuditEvent(at=now(), os_user=os_user(), table_name="cases", row_id=case_id,
                               action=KEEP_ACTION, case_id=case_id,
                               summary=f"melding {case.number} bewaard tot {until.strftime('%d-%m-%Y')}"))
        return case
