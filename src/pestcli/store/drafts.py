"""Drafts: typed text kept until it is saved, through a crash or a dead battery.

A screen where a mentor types (the report form, a follow-up note, a
conversation note) calls :func:`save_draft` a moment after the last key, and
:func:`delete_draft` once the real save has committed (or the mentor threw the
text away). When the same place opens again, :func:`get_draft` offers the
text back. Each call is one small transaction. Drafts are in the database
itself: an encrypted store encrypts them, and they go with their case.
The ORM is imported inside the functions, so :func:`draft_places_fast` stays
light for the home screen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pestcli.store.models import Draft
    from pestcli.store.backend.engine import Store


@dataclass(frozen=True)
class SavedDraft:
    """One draft as read back: where it was typed, the fields, when it was kept."""

    key: str
    case_id: int | None
    fields: dict[str, str]
    saved_at: datetime

    @property
    def has_text(self) -> bool:
        """Whether any field holds more than white space."""
        return any(value.strip() for value in self.fields.values())


def _as_saved(row: Draft) -> SavedDraft:
    """A stored row as a SavedDraft (a damaged JSON text reads as no fields)."""
    try:
        loaded = json.loads(row.text)
    except ValueError:
        loaded = {}
    fields = {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}
    return SavedDraft(row.key, row.case_id, fields, row.saved_at)


def save_draft(store: Store, key: str, fields: dict[str, str], case_id: int | None = None) -> None:
    """Keep the typed ``fields`` under ``key`` (replacing an older draft); no text deletes it."""
    from sqlmodel import select

    from pestcli.store.common import now
    from pestcli.store.models import Draft

    with store.write() as session:
        row = session.exec(select(Draft).where(Draft.key == key)).first()
        if not any(value.strip() for value in fields.values()):
            if row is not None:
                session.delete(row)
            return
        text = json.dumps(fields, ensure_ascii=False)
        if row is None:
            session.add(Draft(key=key, case_id=case_id, text=text, saved_at=now()))
        else:
            row.text, row.case_id, row.saved_at = text, case_id, now()
            session.add(row)


def get_draft(store: Store, key: str) -> SavedDraft | None:
    """The draft kept under ``key``, if any."""
    from sqlmodel import select

    from pestcli.store.models import Draft

    with store.read() as session:
        row = session.exec(select(Draft).where(Draft.key == key)).first()
        return _as_saved(row) if row is not None else None


def delete_draft(store: Store, key: str) -> None:
    """Forget the draft under ``key`` (after the real save, or when the mentor threw it away)."""
    from sqlmodel import col, delete

    from pestcli.store.models import Draft

    with store.write() as session:
        session.exec(delete(Draft).where(col(Draft.key) == key))


def drafts_with_prefix(store: Store, prefix: str) -> list[SavedDraft]:
    """Every draft whose key starts with ``prefix`` (e.g. the notes of one conversation)."""
    from sqlmodel import col, select

    from pestcli.store.models import Draft

    with store.read() as session:
        rows = session.exec(select(Draft).where(col(Draft.key).startswith(prefix, autoescape=True))
                            .order_by(col(Draft.key))).all()
        return [_as_saved(row) for row in rows]


def draft_places_fast(store: Store) -> list[tuple[str, str | None]]:
    """(key, case number or None) of every draft, oldest first, with plain SQL (no ORM import)."""
    with store.sql() as con:
        return [(key, number) for key, number in con.execute(
            "SELECT d.key, c.number FROM drafts AS d LEFT JOIN cases AS c ON c.id = d.case_id"
            " ORDER BY d.saved_at, d.id")]
