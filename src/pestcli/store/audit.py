"""The audit trail: what changed, when, and by which OS user.

Every write function of ``store/`` calls ``record`` inside its own
transaction, so the event is committed together with the change. Summaries
name tables, ids and codes, never notes, descriptions or names of people.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import update
from sqlmodel import Session, col, select

from pestcli.store.common import now, os_user
from pestcli.store.models import AuditEvent, Case

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

ACTIONS = ("create", "update", "delete")


def record(
    session: Session,
    table: str,
    row_id: int | None,
    action: str,
    summary: str,
    case_id: int | None = None,
) -> AuditEvent:
    """Add an audit event to the open write transaction (and touch the case)."""
    stamp = now()
    event = AuditEvent(
        at=stamp, os_user=os_user(), table_name=table, row_id=row_id,
        action=action, summary=summary, case_id=case_id,
    )
    session.add(event)
    if case_id is not None and not (table == "cases" and action == "delete"):
        session.exec(update(Case).where(col(Case.id) == case_id).values(updated_at=stamp))
    return event


def audit_events(store: Store, case_id: int | None = None, limit: int = 200) -> list[AuditEvent]:
    """The newest audit events, of one case or of all, newest first."""
    query = select(AuditEvent).order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc())
    if case_id is not None:
        query = query.where(AuditEvent.case_id == case_id)
    with store.read() as session:
        return list(session.exec(query.limit(limit)).all())
