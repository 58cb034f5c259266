"""Which of some follow-ups were moved by the mentor: the old date and the reason.

The agenda shows "verzet van do 17 dec 2026: leerling ziek" beside a moved
follow-up. It asks only for the follow-ups it shows, in one query per
chunk of ids (SQLite limits the number of parameters).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import col, select

from pestcli.store.models import FollowUp

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

#: Ids per query, well below SQLite's parameter limit.
CHUNK = 500


@dataclass(frozen=True)
class FollowUpMove:
    """A follow-up's date before its last move, and the mentor's reason."""

    moved_from: date
    reason: str


def moved_followups(store: Store, followup_ids: Iterable[int]) -> dict[int, FollowUpMove]:
    """Follow-up id -> its last move, for those of ``followup_ids`` that were moved."""
    ids = sorted(set(followup_ids))
    moves: dict[int, FollowUpMove] = {}
    if not ids:
        return moves
    with store.read() as session:
        for start in range(0, len(ids), CHUNK):
            rows = session.exec(
                select(FollowUp.id, FollowUp.moved_from, FollowUp.moved_reason)
                .where(col(FollowUp.id).in_(ids[start:start + CHUNK]), col(FollowUp.moved_from).is_not(None))
            ).all()
            moves.update({row_id: FollowUpMove(moved_from, reason or "") for row_id, moved_from, reason in rows})
    return moves
