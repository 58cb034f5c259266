"""The tables of the class conversation (bijlage 1, spoor 4): per class and school year.

Kept apart from ``store.models`` (which imports them, so ``metadata`` and
``TABLES`` hold them). The class conversation belongs to a class, not to a
case: erasing a case keeps it (``case_id`` becomes NULL).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DateTime, Index, UniqueConstraint
from sqlmodel import Field

from pestcli.store.models import StoreModel


class ClassConversation(StoreModel, table=True):
    """The class conversation (bijlage 1, vijfsporenaanpak spoor 4) of one class in one school year.

    It belongs to the class, not to a case: ``case_id`` only says which case
    it was started from (None when started for the class, or once that case
    is erased).
    """

    __tablename__ = "class_conversations"
    __table_args__ = (Index("ix_class_conversations_class_name_school_year", "class_name", "school_year"),)

    id: int | None = Field(default=None, primary_key=True)
    class_name: str
    school_year: str
    guide_id: str = "bijlage-1"
    started_at: datetime = Field(sa_type=DateTime)
    ended_at: datetime | None = Field(default=None, sa_type=DateTime)
    held_by: str = ""
    notes: str = ""
    case_id: int | None = Field(default=None, foreign_key="cases.id", ondelete="SET NULL", index=True)


class ClassConversationItem(StoreModel, table=True):
    """The state (open / done / skipped) and note of one checklist item of a class conversation."""

    __tablename__ = "class_conversation_items"
    __table_args__ = (UniqueConstraint("class_conversation_id", "item_id"),)

    id: int | None = Field(default=None, primary_key=True)
    class_conversation_id: int = Field(foreign_key="class_conversations.id", ondelete="CASCADE")
    item_id: str
    state: str = "open"
    note: str = ""
    updated_at: datetime = Field(sa_type=DateTime)


class ClassAgreement(StoreModel, table=True):
    """An agreement of a whole class for one school year ("Omgaan met elkaar").

    ``item_id`` is the bijlage-1 item it came from (ticked in the conversation);
    empty for the class's own agreements.
    """

    __tablename__ = "class_agreements"
    __table_args__ = (Index("ix_class_agreements_class_name_school_year", "class_name", "school_year"),)

    id: int | None = Field(default=None, primary_key=True)
    class_name: str
    school_year: str
    text: str
    item_id: str = ""
    agreed_on: date
    class_conversation_id: int | None = Field(
        default=None, foreign_key="class_conversations.id", ondelete="SET NULL", index=True
    )
    created_at: datetime = Field(sa_type=DateTime)


class ClassAgreementCheck(StoreModel, table=True):
    """How a class agreement went (kept / broken), revisited at a follow-up of a case of that class."""

    __tablename__ = "class_agreement_checks"

    id: int | None = Field(default=None, primary_key=True)
    class_agreement_id: int = Field(foreign_key="class_agreements.id", ondelete="CASCADE", index=True)
    followup_id: int | None = Field(default=None, foreign_key="followups.id", ondelete="CASCADE", index=True)
    checked_on: date
    status: str
    note: str = ""
