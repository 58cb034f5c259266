"""Use cases on a whole case: a step done, an escalation, evidence, closing and reopening.

Each function is one transaction and returns plain values (ids, dates), so a
screen never holds a database row.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pestcli.services.actor import acting
from pestcli.store import cases, escalations, evidence
from pestcli.store.workflow import complete_step

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store
    from pestcli.store.workflow import Rules


def mark_step_done(store: Store, rules: Rules, case_id: int, step: int, day: date, by: str = "") -> date:
    """Mark a step of the protocol done on ``day`` and move the later due dates; returns the day."""
    row = complete_step(store, rules, case_id, step, done_on=day, done_by=acting(store, by))
    return row.done_on or day


def escalate(store: Store, case_id: int, rung: str, day: date, *, reason: str = "",
             sanction_phase: int | None = None, by: str = "") -> int:
    """Hand the case to a rung of the ladder (``apc``, ``teamleider``), with a sanction phase 1-5 or none.

    The case becomes "geëscaleerd" in the same transaction; returns the escalation's id.
    """
    row = escalations.escalate(store, case_id, rung, day, reason=reason, sanction_phase=sanction_phase,
                               escalated_by=acting(store, by))
    return int(row.id or 0)


def add_evidence(store: Store, case_id: int, kind: str, *, occurred_at: datetime | None = None,
                 platform: str = "", url: str = "", username: str = "", description: str = "",
                 source_file: Path | str | None = None, by: str = "") -> int:
    """Record evidence (a screenshot, a message ...), copying its file in when given; returns its id.

    The file is copied (encrypted when the store is) in the same transaction;
    when the record cannot be saved, no copy is left behind.
    """
    row = evidence.add_evidence(store, case_id, kind, occurred_at=occurred_at, platform=platform, url=url,
                                username=username, description=description, source_file=source_file,
                                recorded_by=acting(store, by))
    return int(row.id or 0)


def close_case(store: Store, case_id: int, day: date, reason: str = "", *,
               monitoring_ends: bool = False, monitoring_reason: str = "",
               seen_version: int | None = None) -> date:
    """Close a case on ``day``; the two-year monitoring goes on unless ``monitoring_ends`` (with a reason).

    Returns the closing day. ``seen_version``: the case's version the screen
    showed; a colleague's change since then is a ConflictError (nothing saved).
    """
    row = cases.close_case(store, case_id, day, reason, monitoring_ends=monitoring_ends,
                           monitoring_reason=monitoring_reason, seen_version=seen_version)
    return row.closed_on or day


def reopen_case(store: Store, case_id: int, seen_version: int | None = None) -> str:
    """Open a closed case again (the follow-ups its close cancelled come back); returns its number.

    ``seen_version`` as for ``close_case``.
    """
    return cases.reopen_case(store, case_id, seen_version).number
