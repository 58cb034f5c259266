"""Removing a person's name from the free text of the cases they were in.

When one pupil is erased but a case stays (other pupils are in it), the
mentor's notes may still name that pupil. ``redact_name`` replaces every
mention of the full name, the last name and the first name with
``[gewist]`` in every text field of those cases, inside the caller's write
transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlmodel import Session, SQLModel, col, select

from pestcli.store.models import (
    Agreement,
    AgreementCheck,
    Case,
    CaseRole,
    Conversation,
    ConversationItem,
    Escalation,
    Evidence,
    FollowUp,
    ParentContact,
)

#: What a removed name becomes.
REDACTED = "[gewist]"

#: Per table: the free-text columns a mentor may have written a name in.
TEXT_FIELDS: dict[type[SQLModel], tuple[str, ...]] = {
    Case: ("description", "location", "closed_reason", "keep_reason", "informing_reason", "reporter_name",
           "reporter_relation", "monitoring_end_reason"),
    CaseRole: ("note",),
    Conversation: ("notes",),
    Agreement: ("text",),
    FollowUp: ("note", "moved_reason"),
    Evidence: ("description", "username", "platform", "url"),
    ParentContact: ("summary",),
    Escalation: ("reason",),
}


def name_pattern(first_name: str, last_name: str) -> re.Pattern[str] | None:
    """A case-insensitive pattern for the full name, the last name (also without
    tussenvoegsel) and the first name, longest first."""
    surname = last_name.split()[-1] if last_name.split() else ""  # "van Kuipers" -> "Kuipers"
    parts = [f"{first_name} {last_name}".strip(), last_name.strip(), surname, first_name.strip()]
    words = [re.escape(p) for p in dict.fromkeys(parts) if len(p) >= 2]
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)


def redact_text(text: str | None, pattern: re.Pattern[str]) -> str | None:
    """``text`` with every match of ``pattern`` replaced by ``[gewist]``."""
    if not text:
        return text
    return pattern.sub(REDACTED, text)


def redact_name(session: Session, case_ids: Iterable[int], first_name: str, last_name: str) -> int:
    """Replace the name in every text field of these cases; return how many fields changed."""
    pattern = name_pattern(first_name, last_name)
    ids = list(case_ids)
    if pattern is None or not ids:
        return 0
    changed = 0
    for model, fields in TEXT_FIELDS.items():
        # type[SQLModel] declares no case_id; every model in TEXT_FIELDS but Case has that column
        key = Case.id if model is Case else model.case_id  # type: ignore[attr-defined]
        for row in session.exec(select(model).where(col(key).in_(ids))).all():
            changed += _redact_row(row, fields, pattern)
    conversations = select(Conversation.id).where(col(Conversation.case_id).in_(ids))
    items = select(ConversationItem).where(col(ConversationItem.conversation_id).in_(conversations))
    for row in session.exec(items).all():
        changed += _redact_row(row, ("note",), pattern)
    agreements = select(Agreement.id).where(col(Agreement.case_id).in_(ids))
    checks = select(AgreementCheck).where(col(AgreementCheck.agreement_id).in_(agreements))
    for row in session.exec(checks).all():
        changed += _redact_row(row, ("note",), pattern)
    return changed


def _redact_row(row: object, fields: tuple[str, ...], pattern: re.Pattern[str]) -> int:
    """Redact the given fields of one row in place; the number of fields changed."""
    changed = 0
    for name in fields:
        before = getattr(row, name)
        after = redact_text(before, pattern)
        if after != before:
            setattr(row, name, after)
            changed += 1
    return changed
