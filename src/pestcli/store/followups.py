"""Follow-ups of stap 5: planned from the rules engine's schedule, done by the mentor."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import col, func, select

from pestcli.store import audit
from pestcli.store.agreements import check_agreement
from pestcli.store.common import check_seen, check_choice, check_text, require
from pestcli.store.errors import InvalidValueError
from pestcli.store.models import Case, FollowUp
from pestcli.store.values import FOLLOWUP_OUTCOMES

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store


def plan_followups(
    store: Store,
    case_id: int,
    planned: Sequence[tuple[str, date]],
    *,
    replace_open: bool = False,
    on: date | None = None,
) -> list[FollowUp]:
    """Add follow-ups ``(label, due date)``; with ``replace_open`` the open ones are cancelled.

    Replacing is for new agreements after broken ones: the old schedule stays
    visible as cancelled (on ``on``, default today), nothing is deleted.
    """
    labels = [(check_text(label, "Het label van een vervolggesprek"), due) for label, due in planned]
    with store.write() as session:
        require(session, Case, case_id, "Melding")
        if replace_open:
            for row in session.exec(select(FollowUp).where(
                FollowUp.case_id == case_id, col(FollowUp.done_on).is_(None),
                col(FollowUp.cancelled_on).is_(None),
            )).all():
                row.cancelled_on = on or date.today()
        last = session.exec(select(func.max(FollowUp.seq)).where(FollowUp.case_id == case_id)).one()
        rows = []
        for offset, (label, due) in enumerate(labels, start=(last or 0) + 1):
            row = FollowUp(case_id=case_id, seq=offset, label=label, due_on=due)
            session.add(row)
            rows.append(row)
        session.flush()
        audit.record(session, "followups", None, "create",
                     f"{len(rows)} vervolggesprekken gepland" + (" (oude vervangen)" if replace_open else ""),
                     case_id)
        return rows


def followup_conflict(row: FollowUp) -> str:
    """What a colleague did to a follow-up since it was read, as the Dutch refusal of one's own change."""
    from pestcli.protocol.dates import format_date

    if row.done_on is not None:
        who = f" door {row.done_by}" if row.done_by else ""
        what = f"vastgelegd als gehouden op {format_date(row.done_on)}{who}"
    elif row.cancelled_on is not None:
        what = f"geannuleerd op {format_date(row.cancelled_on)}"
    else:
        what = f"gewijzigd; het staat nu op {format_date(row.due_on)}"
    return (f"Een collega heeft dit vervolggesprek intussen {what}. Uw wijziging is NIET opgeslagen, zodat "
            "niets van de ander verloren gaat; wat u typte, staat er nog. Bekijk de nieuwe stand.")


def reschedule_followup(store: Store, followup_id: int, due_on: date, reason: str = "",
                        seen_version: int | None = None) -> FollowUp:
    """Move a follow-up to another date, keeping the old date and the mentor's reason.

    ``moved_from`` becomes the date before this move; ``moved_reason`` the
    stripped ``reason`` (the audit trail only says that it moved). With
    ``seen_version`` a colleague's change since then is a ConflictError.
    """
    with store.write() as session:
        row = require(session, FollowUp, followup_id, "Vervolggesprek")
        check_seen(row, seen_version, followup_conflict(row))
        if row.due_on != due_on:
            row.moved_from = row.due_on
        row.due_on = due_on
        row.moved_reason = (reason or "").strip()
        audit.record(session, "followups", followup_id, "update", "vervolggesprek verzet", row.case_id)
        return row


def cancel_followup(store: Store, followup_id: int, on: date | None = None) -> FollowUp:
    """Cancel one follow-up (it stays visible as cancelled)."""
    with store.write() as session:
        row = require(session, FollowUp, followup_id, "Vervolggesprek")
        row.cancelled_on = on or date.today()
        audit.record(session, "followups", followup_id, "update", "vervolggesprek geannuleerd", row.case_id)
        return row


def complete_followup(
    store: Store,
    followup_id: int,
    done_on: date | None = None,
    *,
    outcome: str | None = None,
    note: str = "",
    done_by: str = "",
    agreement_statuses: Mapping[int, str] | None = None,
) -> FollowUp:
    """Record a held follow-up: outcome, note, and per agreement id ``kept``/``broken``.

    Everything (the follow-up and every agreement status) is one transaction.
    """
    if outcome is not None:
        check_choice(outcome, FOLLOWUP_OUTCOMES, "uitkomst")
    day = done_on or date.today()
    with store.write() as session:
        row = require(session, FollowUp, followup_id, "Vervolggesprek")
        if row.cancelled_on is not None:
            raise InvalidValueError("Dit vervolggesprek is geannuleerd.")
        row.done_on, row.outcome, row.note, row.done_by = day, outcome, note, done_by
        for agreement_id, status in (agreement_statuses or {}).items():
            check_agreement(session, agreement_id, status, day, followup_id)
        audit.record(session, "followups", followup_id, "update",
                     f"vervolggesprek {row.seq} gehouden" + (f" ({outcome})" if outcome else ""), row.case_id)
        return row


def followups_of_case(store: Store, case_id: int) -> list[FollowUp]:
    """All follow-ups of a case (also done and cancelled ones), by due date."""
    with store.read() as session:
        return list(session.exec(
            select(FollowUp).where(FollowUp.case_id == case_id).order_by(col(FollowUp.due_on), col(FollowUp.seq))
        ).all())
