"""Retention: closed cases past the retention period wait for a decision.

A closed case is due for review ``months`` after its closing date (the
school's policy: ``[retention] months`` in protocol.toml, default 24 — the
protocol follows a case for two years). The mentor either keeps it, with a
reason and a date until which it is kept, or erases it
(:mod:`pestcli.store.erasure`). A keep decision is recorded in the audit
trail (action ``keep``) without the reason text.

Which cases are due, and how many, is :mod:`pestcli.store.retention_due`
(plain SQL, no ORM: the home screen counts them); its names are importable
from here too.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pestcli.store.common import check_text, now, os_user, require
from pestcli.store.errors import InvalidValueError
from pestcli.store.models import AuditEvent, Case
from pestcli.store.retention_due import (
    ReviewItem,
    add_months,
    cases_due_for_review,
    count_due_for_review,
    review_date,
)

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

__all__ = ["KEEP_ACTION", "ReviewItem", "add_months", "cases_due_for_review", "count_due_for_review",
           "keep_case", "review_date"]

#: The audit action of a keep decision.
KEEP_ACTION = "keep"


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
