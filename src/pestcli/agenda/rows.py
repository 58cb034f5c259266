"""Agenda rows: what is due, for which case and pupils, and how late.

``agenda_rows`` turns the store's due items into rows a screen, the command
line table and the iCalendar export can show as they are: a Dutch "what",
the pupils it concerns (role and initials unless names are asked for), the
days overdue and the group ("te laat", "vandaag", "deze week", "later").
Overdue rows come first (oldest first), then by date and case number.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pestcli.names import full_name, initials
from pestcli.protocol.dates import days_late, end_of_week
from pestcli.text import plain

if TYPE_CHECKING:
    from pestcli.protocol.model import Protocol
    from pestcli.store.backend.engine import Store
    from pestcli.store.agenda_people import PupilName
    from pestcli.store.models import Person
    from pestcli.store.views import DueItem

#: The groups of the agenda, in the order they are shown.
GROUPS = ("te laat", "vandaag", "deze week", "later")

#: The kinds of agenda rows: a step deadline, a follow-up, a parent contact.
KINDS = ("stap", "vervolg", "ouders")


@dataclass(frozen=True)
class AgendaRow:
    """One thing that is due.

    ``kind`` is ``stap``, ``vervolg`` or ``ouders``; ``ref_id`` the id of the
    step_progress, followups or parent_contacts row; ``what`` the Dutch
    description; ``pupils`` who it concerns (see :func:`pupils_text`);
    ``overdue_days`` 0 unless ``due_on`` is before today; ``group`` one of
    :data:`GROUPS`.
    """

    kind: str
    due_on: date
    case_id: int
    case_number: str
    class_name: str
    what: str
    pupils: str
    ref_id: int
    step: int | None
    overdue_days: int
    group: str


def group_of(due_on: date, today: date) -> str:
    """``te laat``, ``vandaag``, ``deze week`` (up to Sunday) or ``later``."""
    if due_on < today:
        return "te laat"
    if due_on == today:
        return "vandaag"
    return "deze week" if due_on <= end_of_week(today) else "later"


def pupils_text(people: Sequence[tuple[str, PupilName | Person]], include_names: bool = False) -> str:
    """``gepeste S.J. · pester D.V.``, or with names ``gepeste: Sanne Jansen · pester: Daan Vermeer``.

    Several people with one role are joined with commas; the roles keep the
    order of ``people``.
    """
    by_role: dict[str, list[str]] = {}
    for role, person in people:
        name = full_name if include_names else initials
        by_role.setdefault(role, []).append(name(person.first_name, person.last_name))
    sep = ": " if include_names else " "
    return " · ".join(f"{role}{sep}{', '.join(names)}" for role, names in by_role.items())


def _step_titles(protocol: Protocol) -> dict[int, str]:
    """Step number -> title with a lower-case first letter ("gesprek met ...")."""
    return {s.number: s.title[:1].lower() + s.title[1:] for s in protocol.steps}


def what_text(item: DueItem, titles: dict[int, str]) -> str:
    """The Dutch description of a due item."""
    if item.kind == "stap":
        title = titles.get(item.step or 0)
        return f"Stap {item.step}: {title}" if title else f"Stap {item.step}"
    if item.kind == "vervolg":
        return item.label  # "Vervolggesprek na een week"
    if item.step == 2:
        return "Ouders informeren (stap 2)"
    return "Gesprek met de ouders (stap 6)"


def agenda_rows(
    store: Store,
    protocol: Protocol,
    start: date,
    end: date,
    today: date,
    *,
    include_overdue: bool = True,
    include_names: bool = False,
    case_id: int | None = None,
    person_id: int | None = None,
    kinds: Collection[str] | None = None,
) -> list[AgendaRow]:
    """Everything due from ``start`` to ``end`` and, by default, everything overdue on ``today``.

    Items before ``start`` that are not yet overdue on ``today`` (when ``start``
    is after today) are left out: they belong to another period.

    Filters: one case, the cases of one person, some kinds (see :data:`KINDS`).
    Pupils are fetched for the cases in the result only, in one query.
    """
    from pestcli.store.agenda import due_items, once_per_parent_contact
    from pestcli.store.agenda_people import filtered_due_items

    if case_id is None and person_id is None and kinds is None:
        items = due_items(store, start, end, include_overdue=include_overdue, today=today)
    else:
        items = filtered_due_items(store, start, end, today, include_overdue=include_overdue,
                                   case_id=case_id, person_id=person_id, kinds=kinds)
    if include_overdue:  # before ``start`` only what is overdue on ``today``
        items = [item for item in items if item.due_on >= start or item.due_on < today]
    return rows_of(store, protocol, once_per_parent_contact(items), today, include_names=include_names)


def rows_of(store: Store, protocol: Protocol, items: list[DueItem], today: date, *,
            include_names: bool = False) -> list[AgendaRow]:
    """Agenda rows for these due items, in agenda order; pupils read in one query."""
    from pestcli.store.agenda_people import case_pupils

    people = case_pupils(store, {item.case_id for item in items}) if items else {}
    pupils = {case: pupils_text(pairs, include_names) for case, pairs in people.items()}  # once per case
    titles = _step_titles(protocol)
    rows = [
        AgendaRow(
            kind=item.kind, due_on=item.due_on, case_id=item.case_id,
            case_number=item.case_number, class_name=plain(item.class_name),  # no control characters
            what=plain(what_text(item, titles)),
            pupils=plain(pupils.get(item.case_id, "")),
            ref_id=item.ref_id, step=item.step,
            overdue_days=days_late(item.due_on, today),
            group=group_of(item.due_on, today),
        )
        for item in items
    ]
    order = {kind: index for index, kind in enumerate(KINDS)}
    rows.sort(key=lambda r: (r.overdue_days == 0, r.due_on, r.case_number,
                             order.get(r.kind, 9), r.step or 0, r.ref_id))
    return rows
