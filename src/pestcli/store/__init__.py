"""The case store: everything a mentor records, in one SQLite file.

Screens never write SQL; they call the functions below (each write is one
``BEGIN IMMEDIATE`` transaction, committed before it returns). The names are
imported lazily, so ``import pestcli.store.errors`` stays cheap::

    from pestcli.store import open_store, create_case
    store = open_store(path)
"""

from __future__ import annotations

import importlib
from typing import Any

#: Public name -> module under pestcli.store that defines it.
_EXPORTS = {
    "Store": "backend.engine", "open_store": "opening", "open_configured_store": "opening",
    "StoreError": "errors", "StoreBusyError": "errors", "StoreDamagedError": "errors",
    "NotFoundError": "errors", "InvalidValueError": "errors",
    "create_case": "cases", "update_case": "cases",
    "close_case": "cases", "reopen_case": "cases", "get_case": "cases",
    "get_case_by_number": "cases", "case_forms": "cases", "list_cases": "cases",
    "count_cases": "overview", "search_cases": "cases",
    "add_person": "people", "update_person": "people", "get_person": "people",
    "find_people": "people", "people_with_name": "people", "assign_role": "people",
    "people_in_case": "people", "cases_of_person": "people",
    "mark_step_done": "steps", "update_step_due_dates": "steps",
    "step_progress": "steps", "done_steps": "steps",
    "start_conversation": "conversations", "add_participant": "conversations",
    "remove_participant": "conversations", "record_item_state": "conversations",
    "save_conversation_notes": "conversations", "end_conversation": "conversations",
    "unfinished_conversation": "conversations",
    "discard_empty_conversation": "conversations", "user_name": "common",
    "conversations_of_case": "conversations", "conversation_detail": "conversations",
    "plan_appointment": "conversations",
    "start_class_conversation": "class_talks", "record_class_item_state": "class_talks",
    "end_class_conversation": "class_talks", "unfinished_class_conversation": "class_talks",
    "class_conversations": "class_talks", "class_conversation_detail": "class_talks",
    "add_class_agreement": "class_talks", "class_agreements": "class_talks",
    "record_class_agreement_status": "class_talks", "known_classes": "class_talks",
    "add_agreement": "agreements",
    "record_agreement_status": "agreements", "agreements_of_case": "agreements",
    "plan_followups": "followups", "reschedule_followup": "followups",
    "cancel_followup": "followups", "complete_followup": "followups",
    "followups_of_case": "followups",
    "plan_parent_contact": "parent_contacts", "record_parent_contact": "parent_contacts",
    "parent_contacts_of_case": "parent_contacts", "add_parent": "parents", "link_parent": "parents",
    "parents_spoken_to": "parent_contacts",
    "escalate": "escalations", "escalations_of_case": "escalations",
    "add_evidence": "evidence",
    "update_evidence": "evidence", "evidence_file": "evidence",
    "verify_evidence_file": "evidence", "evidence_of_case": "evidence",
    "due_items": "agenda", "case_detail": "detail", "audit_events": "audit",
    "backup_now": "backend.backup", "list_backups": "backend.backup_list", "newest_backup": "backend.backup_list",
    "verify_backup": "backend.backup", "restore_backup": "backend.restore",
    "fill_demo": "demo",
    "case_pupils": "agenda_people", "filtered_due_items": "agenda_people",
    "AgendaCounts": "counts",  # counts() itself: pestcli.store.counts.counts (or pestcli.agenda)
    "ladder_state": "outcomes", "record_followup_outcome": "outcomes",
    "FollowUpOutcome": "outcomes",
}

__all__ = tuple(sorted(_EXPORTS))


def __getattr__(name: str) -> Any:
    """Import the module that defines ``name`` on first use."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pestcli.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"pestcli.store.{module}"), name)
    globals()[name] = value
    return value
