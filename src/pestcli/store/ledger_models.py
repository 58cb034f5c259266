"""The tables about the database rather than a case: the audit trail and the database's identity.

Kept apart from ``store.models`` (which imports them). ``AuditEvent`` rows
survive the erasure of the case they are about and never hold names;
``StoreMeta`` is the one row that names the database itself.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index
from sqlmodel import Field

from pestcli.store.models import StoreModel


class AuditEvent(StoreModel, table=True):
    """What changed, when and by which OS user; never notes or names."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_case_id_at", "case_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=DateTime, index=True)
    os_user: str
    table_name: str
    row_id: int | None = None
    action: str
    summary: str = ""
    case_id: int | None = None


class StoreMeta(StoreModel, table=True):
    """One row about the database itself: ``database_id``, a random UUID made once.

    Calendar UIDs carry it, so items of two databases never collide. Not in
    :data:`TABLES`: it holds no case data.
    """

    __tablename__ = "store_meta"

    id: int | None = Field(default=None, primary_key=True)
    database_id: str
