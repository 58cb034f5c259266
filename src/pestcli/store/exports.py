"""The audit trail of exports: a case summary saved, printed or copied out.

An export changes nothing in the case, so the case's ``updated_at`` is left
alone (``audit.record`` would touch it); the event goes straight into
``audit_events``, committed before the function returns. The summary names
only what was exported (``samenvatting als PDF``), never a pupil or a path.
``store.export_record`` writes the same event without the ORM (``pestcli summary``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pestcli.store.common import check_choice, now, os_user, require
from pestcli.store.export_record import EXPORT_ACTION, EXPORT_KINDS
from pestcli.store.models import AuditEvent, Case

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store


def record_export(store: Store, case_id: int, what: str) -> AuditEvent:
    """Record that a summary of the case left pestcli (``what`` is a key of EXPORT_KINDS)."""
    check_choice(what, EXPORT_KINDS, "soort export")
    with store.write() as session:
        case = require(session, Case, case_id, "Melding")
        event = AuditEvent(at=now(), os_user=os_user(), table_name="cases", row_id=case.id,
                           action=EXPORT_ACTION, summary=f"{EXPORT_KINDS[what]} ({case.number})",
                           case_id=case.id)
        session.add(event)
        return event
