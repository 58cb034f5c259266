"""The table of drafts: text a mentor typed and has not saved yet.

Kept apart from ``store.models`` (which imports it, so ``metadata`` holds
it; not in ``TABLES``, like ``StoreMeta``: a draft is not yet case data). A draft lives in the database, so an encrypted store
encrypts it too, and it goes with its case (``ON DELETE CASCADE``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime
from sqlmodel import Field

from pestcli.store.models import StoreModel


class Draft(StoreModel, table=True):
    """Typed, unsaved text of one form or note, kept until it is saved or thrown away.

    ``key`` names the place it was typed (``report``, ``followup:7``,
    ``conversation:12:item:b4.x``); ``text`` is a JSON object of field name ->
    text; ``case_id`` is the case it belongs to (None for a new report).
    """

    __tablename__ = "drafts"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    case_id: int | None = Field(default=None, foreign_key="cases.id", ondelete="CASCADE", index=True)
    text: str = "{}"
    saved_at: datetime = Field(sa_type=DateTime)
