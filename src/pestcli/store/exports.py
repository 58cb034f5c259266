"""The audit trail of exports: a case summary saved, printed or copied out.

An export changes nothing in the case, so the case's ``updated_at`` is left
alone (``audit.record`` would touch it); the event goes straight into
``audit_events``, committed before the function returns. The summary names
only what was exported (``samenvatting als PDF``), never a pupil or a path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pestcli.store.common import check_choice, now, os_user, require
from pestcli.store.models import AuditEvent, Case

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

#: The audit action of an export (beside create / update / delete).
EXPORT_ACTION = "export"

#: What can be exported, with the words the audit trail uses.
EXPORT_KINDS = {
    "pdf": "samenvatting als PDF opgeslagen",
    "markdown": "samenvatting als Markdown opgeslagen",
    "print": "samenvatting naar de printer gestuurd",
    "text": "samenvatting als tekst getoond",
    "dossier": "dossiertekst voor een leerling gemaakt",
}


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
