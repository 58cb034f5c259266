"""Progress through stap 1-6: due dates from the rules engine, done dates from the mentor."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from pestcli.store import audit
from pestcli.store.common import check_choice, require
from pestcli.store.errors import NotFoundError
from pestcli.store.models import Case, StepProgress
from pestcli.store.parent_contacts import move_informing
from pestcli.store.values import STEPS

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store


def _row(session: Session, case_id: int, step: int) -> StepProgress:
    """The progress row of a step (created if an old case lacks it)."""
    check_choice(step, STEPS, "stap")
    require(session, Case, case_id, "Melding")
    row = session.exec(
        select(StepProgress).where(StepProgress.case_id == case_id, StepProgress.step == step)
    ).first()
    if row is None:
        row = StepProgress(case_id=case_id, step=step)
        session.add(row)
        session.flush()
    return row


def mark_step_done(
    store: Store,
    case_id: int,
    step: int,
    done_on: date | None = None,
    done_by: str = "",
    new_due_dates: Mapping[int, date | None] | None = None,
    informing_due: date | None = None,
) -> StepProgress:
    """Record that a step was done (on ``done_on``, default today) and by whom.

    ``new_due_dates`` (the rules engine's dates after this step) and
    ``informing_due`` (stap 2's "ouders informeren", while not held) are saved
    in the same transaction, so the agenda never shows stale deadlines.
    """
    for other in new_due_dates or {}:
        check_choice(other, STEPS, "stap")
    with store.write() as session:
        row = _row(session, case_id, step)
        row.done_on, row.done_by = done_on or date.today(), done_by
        for other, due_on in sorted((new_due_dates or {}).items()):
            _row(session, case_id, other).due_on = due_on
        move_informing(session, case_id, informing_due)
        audit.record(session, "step_progress", row.id, "update", f"stap {step} gedaan", case_id)
        return row


def update_step_due_dates(store: Store, case_id: int, due: Mapping[int, date | None],
                          informing_due: date | None = None) -> list[StepProgress]:
    """Set new due dates (after a step is done the later ones move); returns all steps.

    ``informing_due`` moves stap 2's open "ouders informeren" in the same transaction.
    """
    for step in due:
        check_choice(step, STEPS, "stap")
    with store.write() as session:
        changed = []
        for step, due_on in sorted(due.items()):
            row = _row(session, case_id, step)
            if row.due_on != due_on:
                row.due_on = due_on
                changed.append(str(step))
        move_informing(session, case_id, informing_due)
        if changed:
            audit.record(session, "step_progress", None, "update",
                         "termijnen herberekend: stap " + ", ".join(changed), case_id)
        return list(session.exec(
            select(StepProgress).where(StepProgress.case_id == case_id).order_by(col(StepProgress.step))
        ).all())


def step_progress(store: Store, case_id: int) -> list[StepProgress]:
    """The progress rows of a case, stap 1-6 in order."""
    with store.read() as session:
        if session.get(Case, case_id) is None:
            raise NotFoundError(f"Melding {case_id} bestaat niet (meer).")
        return list(session.exec(
            select(StepProgress).where(StepProgress.case_id == case_id).order_by(col(StepProgress.step))
        ).all())


def done_steps(store: Store, case_id: int) -> dict[int, date]:
    """Done dates by step number, as the rules engine's ``done`` argument wants them."""
    return {row.step: row.done_on for row in step_progress(store, case_id) if row.done_on}
