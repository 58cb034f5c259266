"""moved_followups: the old date and reason of the follow-ups the agenda shows."""

from __future__ import annotations

from datetime import date

from pestcli.store import plan_followups, reschedule_followup
from pestcli.store.followup_views import CHUNK, FollowUpMove, moved_followups


def test_only_moved_followups_come_back_with_old_date_and_reason(store, case):
    kept, moved, other = plan_followups(store, case.id, [
        ("na twee dagen", date(2026, 11, 25)), ("na een week", date(2026, 11, 30)),
        ("na een maand", date(2026, 12, 23)),
    ])
    reschedule_followup(store, moved.id, date(2026, 12, 2), reason="Leerling ziek")

    moves = moved_followups(store, [kept.id, moved.id, other.id])

    assert moves == {moved.id: FollowUpMove(date(2026, 11, 30), "Leerling ziek")}
    assert moved_followups(store, []) == {}


def test_many_ids_are_asked_in_chunks(store, case):
    rows = plan_followups(store, case.id, [("na een week", date(2026, 11, 30))])
    reschedule_followup(store, rows[0].id, date(2026, 12, 1), reason="Toets")
    ids = [*range(100_000, 100_000 + CHUNK * 2), rows[0].id]
    assert moved_followups(store, ids) == {rows[0].id: FollowUpMove(date(2026, 11, 30), "Toets")}
