"""Use case: register a report, the case with everyone in their role and its deadlines."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pestcli.store.new_people import NewPerson
from pestcli.store.reporter import Reporter
from pestcli.store.workflow import register_case

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store
    from pestcli.store.workflow import Rules

#: ``NewPerson`` (a pupil named for the first time) and ``Reporter`` (who reported) are the
#: plain values a report is registered with.
__all__ = ("NewPerson", "RegisteredCase", "Reporter", "register_report")


@dataclass(frozen=True)
class RegisteredCase:
    """A case just registered: its id and its number (``2026-0007``)."""

    id: int
    number: str


def register_report(
    store: Store, rules: Rules, *, reported_on: date, reporter_kind: str, parents_informed_after: str,
    informing_reason: str = "", reporter: Reporter | None = None, class_name: str = "", location: str = "",
    forms: Iterable[str] = (), online: bool = False, description: str = "", mentor: str = "",
    roles: Sequence[tuple[int, str]] = (), new_people: Sequence[tuple[NewPerson, str]] = (),
) -> RegisteredCase:
    """Register a report under the loaded protocol, in one transaction.

    The case, the pupils named for the first time (``new_people``: ``(NewPerson,
    role)``), the known pupils in their roles (``roles``: ``(person id, role)``)
    and the due dates of every step from the protocol and the school calendar
    are saved together. A StoreError (in Dutch) when they cannot be.
    """
    case = register_case(
        store, rules, reported_on=reported_on, reporter_kind=reporter_kind,
        parents_informed_after=parents_informed_after, informing_reason=informing_reason, reporter=reporter,
        class_name=class_name, location=location, forms=forms, online=online, description=description,
        mentor=mentor, roles=roles, new_people=new_people)
    return RegisteredCase(int(case.id or 0), case.number)
