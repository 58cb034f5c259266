"""The reads that screens show: one function per question, plain or detached results.

A screen, widget or the palette asks here and never in the store's records
modules, so it does not know which database answers. Every result is loaded
in one read transaction and detached: a read model (``CaseDetail``,
``CaseOverview``, ``FollowUpContext`` ...) or rows whose attributes never
touch the database again. The store's modules are imported when a function
is first called, so importing this module loads no ORM (the home screen
paints before SQLAlchemy is loaded).

The value lists (``CASE_STATUSES`` ...) are the store's Dutch labels of its codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from pestcli.protocol.model import DEFAULT_RETENTION_MONTHS
from pestcli.store.overview import CaseOverview
from pestcli.store.values import (
    AGREEMENT_STATUSES,
    CASE_STATUSES,
    FOLLOWUP_OUTCOMES,
    PARENT_RELATIONS,
    PERSON_KINDS,
)
from pestcli.store.views import AgreementView, CaseDetail, ConversationDetail, DueItem, PersonInCase

if TYPE_CHECKING:
    from pestcli.protocol.escalation import LadderState, NextAction
    from pestcli.protocol.model import Protocol
    from pestcli.protocol.model import Rules as ProtocolRules
    from pestcli.store.audit_log import AuditRow
    from pestcli.store.audit_words import AuditWords
    from pestcli.store.backend.engine import Store
    from pestcli.store.followup_views import FollowUpContext
    from pestcli.store.models import Case, Conversation, FollowUp, Person, StepProgress
    from pestcli.store.followup_views import FollowUpMove
    from pestcli.store.retention_due import ReviewItem

__all__ = (
    "AGREEMENT_STATUSES", "CASE_STATUSES", "FOLLOWUP_OUTCOMES", "PARENT_RELATIONS", "PERSON_KINDS",
    "AgreementView", "CaseDetail", "CaseOverview", "ConversationDetail", "DueItem", "PersonInCase",
    "audit_log", "case_next_action", "list_cases", "ladder_state_of", "planned_dates",
    "agreements_of_case", "audit_rows", "case_detail", "cases_due_for_review", "cases_of_person", 
    "conversation_detail", "count_cases", "count_due_for_review", "find_people", "find_pupils", 
    "followup_context", "followups_of_case", "get_case", "known_pupils", "ladder_state", "moved_followups", 
    "open_case_overview", "parent_children", "parent_labels", "parent_step_due", "people_in_case", 
    "people_with_name", "search_cases", "step_progress", "unfinished_conversation", 
)


def case_detail(store: Store, case_id: int) -> CaseDetail:
    """The case screen's and the summary's data: the case and every child row."""
    from pestcli.store.detail import case_detail as read

    return read(store, case_id)


def get_case(store: Store, case_id: int) -> Case:
    """One case by id (NotFoundError if it does not exist)."""
    from pestcli.store.cases import get_case as read

    return read(store, case_id)


def count_cases(store: Store) -> int:
    """How many cases the database holds (open, escalated and closed)."""
    from pestcli.store.overview import count_cases as read

    return read(store)


def open_case_overview(store: Store) -> list[CaseOverview]:
    """Every case that is not closed, newest report first, as ``CaseOverview`` rows."""
    from pestcli.store.overview import open_case_overview as read

    return read(store)


def count_due_for_review(store: Store, today: date, months: int = DEFAULT_RETENTION_MONTHS) -> int:
    """How many cases :func:`cases_due_for_review` lists, counted in SQL (for the home screen)."""
    from pestcli.store.retention_due import count_due_for_review as read

    return read(store, today, months)


def cases_due_for_review(store: Store, today: date, months: int = DEFAULT_RETENTION_MONTHS) -> list[ReviewItem]:
    """Closed cases closed at least ``months`` ago and not kept beyond today, oldest first."""
    from pestcli.store.retention_due import cases_due_for_review as read

    return read(store, today, months)


def step_progress(store: Store, case_id: int) -> list[StepProgress]:
    """The progress rows of a case, stap 1-6 in order."""
    from pestcli.store.steps import step_progress as read

    return read(store, case_id)


def followups_of_case(store: Store, case_id: int) -> list[FollowUp]:
    """All follow-ups of a case (also done and cancelled ones), by due date."""
    from pestcli.store.followups import followups_of_case as read

    return read(store, case_id)


def agreements_of_case(store: Store, case_id: int) -> list[AgreementView]:
    """The agreements of a case with their person and checks, oldest first."""
    from pestcli.store.agreements import agreements_of_case as read

    return read(store, case_id)


def conversation_detail(store: Store, conversation_id: int) -> ConversationDetail:
    """One conversation with its participants and checklist items."""
    from pestcli.store.conversations import conversation_detail as read

    return read(store, conversation_id)


def unfinished_conversation(store: Store, case_id: int, guide_id: str | None = None) -> Conversation | None:
    """The most recently started conversation of a case that has not ended."""
    from pestcli.store.conversations import unfinished_conversation as read

    return read(store, case_id, guide_id)


def followup_context(store: Store, followup_id: int) -> FollowUpContext:
    """The follow-up ``followup_id`` with its case; NotFoundError (Dutch) when it is gone."""
    from pestcli.store.followup_views import followup_context as read

    return read(store, followup_id)


def ladder_state(store: Store, case_id: int, rules: ProtocolRules | None = None) -> LadderState:
    """Where the case stands on the escalation ladder, from its history.
    
    ``rules`` (the protocol's rules) orders the rungs; without them the
    rung of the latest escalation holds the lead."""
    from pestcli.store.outcomes import ladder_state as read

    return read(store, case_id, rules)


def moved_followups(store: Store, followup_ids: Iterable[int]) -> dict[int, FollowUpMove]:
    """Follow-up id -> its last move, for those of ``followup_ids`` that were moved."""
    from pestcli.store.followup_views import moved_followups as read

    return read(store, followup_ids)


def audit_rows(store: Store, case_number: str | None = None, limit: int = 200, words: AuditWords | None = None) -> list[AuditRow]:
    """The newest audit events (of one case number, if given), newest first.
    
    Each summary is in Dutch words (:func:`pestcli.store.audit_words.dutch_summary`),
    with the protocol's labels when ``words`` holds the protocol."""
    from pestcli.store.audit_log import audit_rows as read

    return read(store, case_number, limit, words)


def find_people(store: Store, fragment: str, limit: int = 50) -> list[Person]:
    """People whose name, class or pupil number contains ``fragment``; those who left the school last."""
    from pestcli.store.people import find_people as read

    return read(store, fragment, limit)


def people_in_case(store: Store, case_id: int) -> list[PersonInCase]:
    """Everyone in a case with their role, in the order the roles were given."""
    from pestcli.store.people import people_in_case as read

    return read(store, case_id)


def people_with_name(store: Store, first_name: str, last_name: str, kind: str) -> list[Person]:
    """The people of ``kind`` whose full name is this one, ignoring case and extra spaces.
    
    Asked before a new person is added ("Bedoelt u Sanne de Vries (2B)?").
    The comparison is made in Python (``names.same_name``): SQLite's ``lower``
    knows no accents, and a first name may hold what another row holds in
    its last name. Ordered by class and id."""
    from pestcli.store.people import people_with_name as read

    return read(store, first_name, last_name, kind)


def cases_of_person(store: Store, person_id: int) -> list[tuple[Case, str]]:
    """Every case a person is in, with the role, newest first."""
    from pestcli.store.people import cases_of_person as read

    return read(store, person_id)


def search_cases(store: Store, fragment: str, limit: int = 50) -> list[Case]:
    """Cases whose number or class contains ``fragment``, or with a person whose name does."""
    from pestcli.store.cases import search_cases as read

    return read(store, fragment, limit)


def find_pupils(store: Store, fragment: str) -> list[Person]:
    """The pupils whose name or pupil number contains ``fragment`` (at most 20)."""
    from pestcli.store.access import find_pupils as read

    return read(store, fragment)


def known_pupils(store: Store) -> list[tuple[int, str, str]]:
    """(person id, first name, last name) of every person of kind ``leerling``."""
    from pestcli.store.pupil_names import known_pupils as read

    return read(store)


def parent_step_due(step_due: date | None, planned: Iterable[date | None]) -> date | None:
    """Stap 6's date as the home screen and the agenda show it, for the case screen too.
    
    A planned parent contact is stap 6 itself (:func:`once_per_parent_contact`):
    the earliest planned contact not yet held is the date, and only without
    one the step's own due date. So "Gesprek met de ouders (stap 6), 4 dagen te
    laat" at home is "stap 6 ... 4 dagen te laat" on the case screen, not 5.
    ``planned``: the ``planned_on`` of the case's parent contacts not held."""
    from pestcli.store.agenda import parent_step_due as read

    return read(step_due, planned)


def parent_children(store: Store, parent_id: int) -> list[tuple[str, str]]:
    """(relation, pupil's name) of each pupil this parent or carer is linked to, in order of link."""
    from pestcli.store.parents import parent_children as read

    return read(store, parent_id)


def parent_labels(store: Store, case_id: int) -> dict[int, str]:
    """The parents and carers of a case: id -> ``Kees Jansen (vader van Daan Jansen)``."""
    from pestcli.store.parents import parent_labels as read

    return read(store, case_id)



def audit_log(store: Store, protocol: Protocol, limit: int = 200, case_number: str | None = None) -> list[AuditRow]:
    """The newest audit events (of one case number, if given), newest first, in the protocol's Dutch words."""
    from pestcli.store.audit_log import audit_rows
    from pestcli.store.audit_words import AuditWords

    return audit_rows(store, case_number, limit=limit, words=AuditWords(protocol))


def case_next_action(detail: CaseDetail, protocol: Protocol, today: date) -> NextAction:
    """What comes next in the case and whose turn it is (the rules engine's answer)."""
    from pestcli.store.case_state import case_next_action as read

    return read(detail, protocol, today)


def planned_dates(detail: CaseDetail) -> list[date]:
    """The dates still ahead in the case: steps not done, planned parent contacts, open follow-ups."""
    from pestcli.store.case_state import planned_dates as read

    return read(detail)


def ladder_state_of(detail: CaseDetail, protocol: Protocol) -> LadderState:
    """Where the case stands on the escalation ladder (chances used, rungs reached)."""
    from pestcli.store.case_state import ladder_state_of as read

    return read(detail, protocol)


def list_cases(store: Store, status: str | None = None, limit: int | None = None) -> list[Case]:
    """The cases (of one status, if given), newest report first."""
    from pestcli.store.cases import list_cases as read

    return read(store, status, limit)
