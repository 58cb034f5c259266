"""Use cases at the end of a case's life: keep it longer, or erase it (or a pupil) for good.

Erasing is one transaction for the rows, then the evidence files go and the
file is compacted (``store.erasure``); the erasure is written to the ledger
so that a restored backup forgets the same things again.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pestcli.store import erasure, retention
from pestcli.store.erasure import ERASURE_GROUNDS

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store
    from pestcli.store.erasure import ErasureResult

__all__ = ("ERASURE_GROUNDS", "erase_case", "erase_pupil", "keep_case")


def keep_case(store: Store, case_id: int, reason: str, until: date, today: date) -> date:
    """Keep a closed case until ``until`` (after ``today``) for ``reason``; returns ``until``."""
    retention.keep_case(store, case_id, reason, until, today=today)
    return until


def erase_case(store: Store, case_id: int, grounds: str, today: date) -> ErasureResult:
    """Erase a case with everything in it, for ``grounds`` (one of ``ERASURE_GROUNDS``).

    The result's ``message`` says in Dutch what was erased and when the last
    backup that still holds it will be gone.
    """
    return erasure.erase_case_for_good(store, case_id, grounds, today=today)


def erase_pupil(store: Store, person_id: int, grounds: str, today: date) -> ErasureResult:
    """Erase a pupil everywhere, with the cases only they were in (the AVG's right to erasure)."""
    return erasure.erase_pupil(store, person_id, grounds, today=today)
