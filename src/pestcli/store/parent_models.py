"""The tables of parents and carers: who is whose parent, and the contacts with them.

Kept apart from ``store.models`` (which imports them, so ``metadata`` and
``TABLES`` hold them). A parent or carer is a ``Person`` of kind ``ouder``
linked to a pupil (``ParentLink``); a contact (``ParentContact``) names the
parents spoken to (``ParentContactPerson``) and, for a guided conversation
(bijlage 5), the conversation it was.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field

from pestcli.store.models import StoreModel


class ParentLink(StoreModel, table=True):
    """A parent or carer (a person of kind ``ouder``) of a pupil, and how they are related."""

    __tablename__ = "parent_links"
    __table_args__ = (UniqueConstraint("parent_id", "pupil_id"),)

    id: int | None = Field(default=None, primary_key=True)
    parent_id: int = Field(foreign_key="people.id", ondelete="CASCADE", index=True)
    pupil_id: int = Field(foreign_key="people.id", ondelete="CASCADE", index=True)
    #: ``moeder``, ``vader``, ``verzorger``, ... (see ``store.values.PARENT_RELATIONS``).
    relation: str = "verzorger"


class ParentContact(StoreModel, table=True):
    """A contact with the parents of a pupil: planned, and once held, how and what."""

    __tablename__ = "parent_contacts"
    __table_args__ = (
        Index("ix_parent_contacts_held_on_planned_on", "held_on", "planned_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE", index=True)
    pupil_id: int | None = Field(
        default=None, foreign_key="people.id", ondelete="SET NULL", index=True
    )
    planned_on: date | None = None
    held_on: date | None = None
    how: str | None = None
    summary: str = ""
    held_by: str = ""
    #: How often the date or state changed (iCalendar SEQUENCE; kept by triggers, revision 0009).
    changes: int = 0
    #: ``gesprek`` (stap 6 and later) or ``informeren`` (stap 2: tell the parents what goes on).
    purpose: str = "gesprek"
    #: The guided conversation (bijlage 5) this contact was, once it is finished.
    conversation_id: int | None = Field(
        default=None, foreign_key="conversations.id", ondelete="SET NULL", index=True
    )


class ParentContactPerson(StoreModel, table=True):
    """A parent or carer who was spoken to in a parent contact."""

    __tablename__ = "parent_contact_people"

    contact_id: int = Field(foreign_key="parent_contacts.id", ondelete="CASCADE", primary_key=True)
    person_id: int = Field(foreign_key="people.id", ondelete="CASCADE", primary_key=True, index=True)
