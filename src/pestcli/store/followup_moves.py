"""Moving a follow-up to another day, the way the rules engine wants it.

The mentor picks a day; a day the school is closed moves to the next school
day (``protocol.followups.reschedule``), and the screen tells the mentor the
date moved and why. The old date and the mentor's reason are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pestcli.protocol.followups import reschedule
from pestcli.store.followups import reschedule_followup

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store
    from pestcli.store.models import FollowUp
    from pestcli.store.workflow import Rules


@dataclass(frozen=True)
class MovedFollowUp:
    """A moved follow-up: ``requested`` is the day asked for; ``moved_because`` says
    in Dutch why the follow-up landed on another day ("valt op een zaterdag"),
    None when it landed on the day asked for."""

    followup: FollowUp
    requested: date
    moved_because: str | None

    @property
    def message(self) -> str:
        """A Dutch line for the mentor: "Vervolggesprek verzet naar ma 30 nov 2026 (za 28 nov 2026 valt op een zaterdag)."."""
        from pestcli.protocol.dates import format_date

        text = f"Vervolggesprek verzet naar {format_date(self.followup.due_on)}"
        if self.moved_because:
            text += f" ({format_date(self.requested)} {self.moved_because})"
        return text + "."


def move_followup(store: Store, rules: Rules, followup_id: int, day: date, reason: str = "") -> MovedFollowUp:
    """Move a follow-up to ``day`` (or the next school day), keeping the reason; one transaction."""
    due, because = reschedule(day, rules.calendar)
    row = reschedule_followup(store, followup_id, due, reason)
    return MovedFollowUp(followup=row, requested=day, moved_because=because)
