"""Use cases around a follow-up (stap 5): record how it went, move it to another day.

The rule for moving lives here and nowhere else: a day in the past or the
day it already has is refused; a day the school is closed lands on the next
school day (``protocol.followups.reschedule``), and the mentor is told so
before anything is saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pestcli.services.actor import acting
from pestcli.protocol.dates import format_date
from pestcli.protocol.followups import reschedule
from pestcli.store.followups import reschedule_followup
from pestcli.store.outcomes import record_followup_outcome

if TYPE_CHECKING:
    from pestcli.protocol.calendar import SchoolCalendar
    from pestcli.store.backend.engine import Store
    from pestcli.store.outcomes import FollowUpOutcome
    from pestcli.store.workflow import Rules


@dataclass(frozen=True)
class MovePlan:
    """Where a follow-up asked for ``requested`` would land.

    ``lands_on`` is the day it would be held; ``moved_because`` says in Dutch
    why that is another day ("valt op een zaterdag"), None when it is the day
    asked for; ``problem`` is the Dutch reason it cannot be moved at all.
    """

    requested: date
    lands_on: date
    moved_because: str | None
    problem: str | None = None


@dataclass(frozen=True)
class MovedFollowUp:
    """A moved follow-up: its id, the day it was asked for, the day it landed on and why."""

    followup_id: int
    requested: date
    due_on: date
    moved_because: str | None

    @property
    def message(self) -> str:
        """A Dutch line: "Vervolggesprek verzet naar ma 30 nov 2026 (za 28 nov 2026 valt op een zaterdag)."."""
        text = f"Vervolggesprek verzet naar {format_date(self.due_on)}"
        if self.moved_because:
            text += f" ({format_date(self.requested)} {self.moved_because})"
        return text + "."


def plan_move(current: date, day: date, today: date, calendar: SchoolCalendar) -> MovePlan:
    """Check moving a follow-up now on ``current`` to ``day`` (nothing is saved).

    A day before ``today`` is refused, and so is ``current`` itself, also when
    a closed ``day`` would land on it.
    """
    if day < today:
        return MovePlan(day, day, None, f"{format_date(day)} is al voorbij; kies vandaag of een latere dag.")
    if day == current:
        return MovePlan(day, day, None, f"Het vervolggesprek staat al op {format_date(day)}.")
    target, why = reschedule(day, calendar)
    if target == current:
        return MovePlan(day, target, why, f"{format_date(day)} {why}; de eerstvolgende schooldag, "
                                          f"{format_date(target)}, is de dag waarop het al staat.")
    return MovePlan(day, target, why)


def move_followup(store: Store, rules: Rules, followup_id: int, day: date, reason: str = "",
                  seen_version: int | None = None) -> MovedFollowUp:
    """Move a follow-up to ``day`` (or the next school day), keeping the old day and the reason.

    One transaction; a StoreError (in Dutch) when it cannot be saved. With
    ``seen_version`` (the follow-up's version the screen showed) a colleague's
    change since then is a ConflictError that says what they did.
    """
    target, because = reschedule(day, rules.calendar)
    row = reschedule_followup(store, followup_id, target, reason, seen_version)
    return MovedFollowUp(int(row.id or followup_id), day, row.due_on, because)


def record_outcome(
    store: Store, rules: Rules, followup_id: int, *, kept: bool, day: date, note: str = "", by: str = "",
    agreement_statuses: Mapping[int, str] | None = None,
    class_agreement_statuses: Mapping[int, str] | None = None,
    seen_version: int | None = None,
) -> FollowUpOutcome:
    """Record how a follow-up went, and what the protocol's ladder decides next, in one transaction.

    ``seen_version``: the follow-up's version the screen showed; a
    colleague's change since then is a ConflictError (nothing saved).

    ``kept``: the agreements were kept; ``agreement_statuses`` and
    ``class_agreement_statuses`` give each agreement's own status. A broken
    agreement may plan an extra follow-up or an escalation (see
    ``store.outcomes``); the result says which.
    """
    return record_followup_outcome(
        store, rules, followup_id, kept=kept, note=note, done_on=day, done_by=acting(store, by),
        agreement_statuses=agreement_statuses, class_agreement_statuses=class_agreement_statuses,
        seen_version=seen_version)
