"""Use cases of the school's team: who is working, colleagues, hand-over, access, sanctions decided.

On the school's server (``store.staff`` set) these work; in a mentor's own
file ``who_is_working`` is None, ``colleagues`` is empty and the changes
refuse in Dutch, so nothing changes for a mentor on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pestcli.services.actor import acting
from pestcli.store import team
from pestcli.store.backend.server_security import ROLE_LABELS
from pestcli.store.escalations import decide_sanction as _decide
from pestcli.store.team import ACCESS_REASONS, Colleague, HandoverView, WaitingItem

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

__all__ = ["ACCESS_REASONS", "Colleague", "HandoverView", "WaitingItem", "Worker", "colleagues", "decide_sanction",
           "end_access", "grant_access", "hand_over", "hand_over_class", "handovers_of_case", "may_change_case",
           "may_decide_sanctions", "note_case_opened", "revoke_access", "role_text", "waiting_for_me",
           "who_is_working"]


@dataclass(frozen=True)
class Worker:
    """The person logged in on the school's server, as every screen names them."""

    name: str
    login: str
    roles: tuple[str, ...]
    school: str

    @property
    def label(self) -> str:
        """``J. de Vries (mentor)``: the name and role(s) for the header."""
        return f"{self.name} ({role_text(self.roles)})"


def role_text(roles: tuple[str, ...]) -> str:
    """Roles in Dutch, joined (``mentor, anti-pestcoördinator``); ``geen rol`` without any."""
    return ", ".join(ROLE_LABELS[role] for role in roles) or "geen rol"


def who_is_working(store: Store) -> Worker | None:
    """The person logged in (on the school's server); None in a mentor's own file or for the administrator."""
    staff = store.staff
    if staff is None:
        return None
    return Worker(staff.name, staff.login, staff.roles, staff.school)


def colleagues(store: Store, role: str | None = None) -> list[Colleague]:
    """The school's team by name (with ``role``: only those holding it), without the person themself."""
    me = store.staff.id if store.staff is not None else None
    return [c for c in team.colleagues(store) if c.id != me and (role is None or role in c.roles)]


def hand_over(store: Store, case_id: int, to_staff_id: int, note: str, day: date,
              seen_version: int | None = None) -> int:
    """Hand a case to another mentor with a note (the previous one keeps read access); the hand-over's id."""
    return team.hand_over(store, case_id, to_staff_id, note, day, seen_version=seen_version)


def hand_over_class(store: Store, class_name: str, to_staff_id: int, note: str, day: date) -> int:
    """All cases of a class to the class's new mentor in one step; how many moved."""
    return team.hand_over_class(store, class_name, to_staff_id, note, day)


def grant_access(store: Store, case_id: int, staff_id: int, can_change: bool = False,
                 reason: str = "gedeeld") -> int:
    """Give a colleague access to a case; the access row's id."""
    return team.grant_access(store, case_id, staff_id, can_change=can_change, reason=reason)


def end_access(store: Store, case_id: int, staff_id: int) -> int:
    """End a colleague's access to a case; how many accesses ended."""
    return team.end_access(store, case_id, staff_id)


def revoke_access(store: Store, access_id: int) -> None:
    """End a colleague's access to a case."""
    team.revoke_access(store, access_id)


def handovers_of_case(store: Store, case_id: int) -> list[HandoverView]:
    """The hand-overs of a case, oldest first."""
    return team.handovers_of_case(store, case_id)


def may_change_case(store: Store, case_id: int) -> bool:
    """Whether the person may change the case (False: they only read it); always True in a file."""
    return team.may_change_case(store, case_id)


def note_case_opened(store: Store, case_id: int) -> bool:
    """Record that the person opened a case they do not hold (server only); True when recorded."""
    return team.record_view(store, case_id)


def may_decide_sanctions(store: Store) -> bool:
    """Whether the person may decide sanction phases 4 and 5 (a team leader or the directie; a file: yes)."""
    return team.may_decide_sanctions(store)


def decide_sanction(store: Store, escalation_id: int, by: str = "") -> None:
    """Turn a proposed sanction phase into the decision (a team leader or the directie)."""
    _decide(store, escalation_id, acting(store, by))


def waiting_for_me(store: Store) -> list[WaitingItem]:
    """What waits for the person's role: the APC's escalated cases, sanction phases to decide."""
    return team.waiting_for_me(store)
