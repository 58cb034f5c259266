"""What the case screen shows of the school's team, read in one call (issue 17).

On the school's server the case screen shows who holds the case, who has
the regie, the hand-overs, and whether the person may change the case or
only read it; :func:`case_team` reads all of that in one go (in the case
screen's worker, next to the case itself). In a mentor's own file it is
None: nothing of the team applies there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pestcli.services import team as team_uses
from pestcli.store import team

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store
    from pestcli.store.models import Case

__all__ = ["CaseTeam", "case_team"]


@dataclass(frozen=True)
class CaseTeam:
    """The team's side of one case, as the case screen shows it."""

    #: The name of the mentor who holds the case ("" when nobody does).
    holder_name: str
    #: The staff id of the holder (None when nobody does).
    holder_id: int | None
    #: Who has the regie: ``mentor``, or ``apc`` after an escalation to the coordinator.
    regie: str
    #: The hand-overs, oldest first.
    handovers: tuple[team_uses.HandoverView, ...]
    #: Whether the person may change the case (False: they only read it).
    may_change: bool
    #: Whether the person is the case's holder.
    is_holder: bool
    #: Whether the person may decide sanction phases 4 and 5 (a team leader or the directie).
    may_decide: bool
    #: The name of the person logged in (who decides a proposal, for the record).
    worker_name: str


def case_team(store: Store, case: Case) -> CaseTeam | None:
    """The team's side of ``case`` (server round trips: call it off the main thread); None in a file."""
    worker = team_uses.who_is_working(store)
    if worker is None or case.id is None:
        return None
    holder_id = getattr(case, "holder_id", None)
    names = {c.id: c.name for c in team.colleagues(store)}
    holder = names.get(holder_id, case.mentor) if holder_id is not None else ""
    staff = store.staff
    return CaseTeam(
        holder_name=holder,
        holder_id=holder_id,
        regie=getattr(case, "regie", "mentor") or "mentor",
        handovers=tuple(team_uses.handovers_of_case(store, case.id)),
        may_change=team_uses.may_change_case(store, case.id),
        is_holder=staff is not None and holder_id == staff.id,
        may_decide=team_uses.may_decide_sanctions(store),
        worker_name=worker.name,
    )
