"""Use cases with the parents: add or link a parent, log a contact (and stap 6 with it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from pestcli.services.actor import acting
from pestcli.protocol.escalation import PARENTS_STEP
from pestcli.store import parent_contacts
from pestcli.store.parent_contacts import INFORMING
from pestcli.store.parents import PARENT_KIND, PARENT_ROLE, add_parent, check_email, check_phone, link_parent
from pestcli.store.workflow import complete_step

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store
    from pestcli.store.workflow import Rules

# The parents themselves are added to a case, or a known parent linked to a pupil, by
# ``add_parent``/``link_parent`` (one transaction each); ``check_phone``/``check_email`` are
# their checks; the codes are the store's.
__all__ = ("INFORMING", "PARENT_KIND", "PARENT_ROLE", "add_parent", "check_email", "check_phone",
           "link_parent", "log_parent_contact")


def log_parent_contact(
    store: Store, rules: Rules, case_id: int, day: date, how: str, summary: str = "", *,
    pupil_id: int | None = None, by: str = "", contact_id: int | None = None,
    parent_ids: Sequence[int] = (), completes_step: bool = False,
) -> int:
    """Record a held contact with the parents named; returns its id.

    With ``contact_id`` a planned contact (stap 2's informing, a stap 6
    conversation) is completed; with ``completes_step`` stap 6 is marked done
    on ``day`` too. One transaction: the contact and the step are saved
    together or not at all.
    """
    with store.transaction():
        row = parent_contacts.record_parent_contact(
            store, case_id, day, how, summary, pupil_id=pupil_id, held_by=acting(store, by), contact_id=contact_id,
            parent_ids=parent_ids)
        if completes_step:
            complete_step(store, rules, case_id, PARENTS_STEP, day, acting(store, by))
        return int(row.id or 0)

