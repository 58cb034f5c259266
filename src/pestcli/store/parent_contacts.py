"""The contacts with parents and carers (stap 2's informing, stap 6 and later).

A parent contact is planned, then held; it names the parents who were spoken
to and says why it was held (``purpose``): ``gesprek`` (stap 6 and later) or
``informeren`` (stap 2: "de ouders op de hoogte stellen over wat er speelt").
A guided conversation with parents (bijlage 5) becomes a held contact when it
ends, linked to it, so the contacts and the conversations are one history.
The parents themselves are in ``store.parents``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from pestcli.store import audit
from pestcli.store.common import check_choice, check_id, now, require
from pestcli.store.errors import InvalidValueError
from pestcli.store.models import Case, CaseRole, Conversation, ParentContact, ParentContactPerson, ParentLink, Person
from pestcli.store.parents import PARENT_ROLE
from pestcli.store.sql_values import saved_id
from pestcli.store.values import CONTACT_PURPOSES

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

#: The purpose of stap 2's to-do "ouders informeren".
INFORMING = "informeren"


def contact_people_of(session: Session, contact_ids: Sequence[int]) -> dict[int, list[int]]:
    """Contact id -> the ids of the parents spoken to."""
    if not contact_ids:
        return {}
    rows = session.exec(select(ParentContactPerson).where(
        col(ParentContactPerson.contact_id).in_(list(contact_ids)))).all()
    result: dict[int, list[int]] = {}
    for row in rows:
        result.setdefault(row.contact_id, []).append(row.person_id)
    return {k: sorted(v) for k, v in result.items()}


def _set_contact_people(session: Session, contact: ParentContact, parent_ids: Sequence[int]) -> None:
    """Name the parents spoken to (they must be parents in the contact's case)."""
    for person_id in dict.fromkeys(parent_ids):
        role = session.exec(select(CaseRole.id).where(
            CaseRole.case_id == contact.case_id, CaseRole.person_id == person_id,
            CaseRole.role == PARENT_ROLE)).first()
        if role is None:
            raise InvalidValueError("Kies ouders of verzorgers uit deze melding.")
        if session.get(ParentContactPerson, (contact.id, person_id)) is None:
            session.add(ParentContactPerson(contact_id=saved_id(contact.id), person_id=person_id))
    if contact.pupil_id is None and parent_ids:
        link = session.exec(select(ParentLink).where(ParentLink.parent_id == parent_ids[0])).first()
        contact.pupil_id = link.pupil_id if link else None


def plan_parent_contact(
    store: Store, case_id: int, planned_on: date, pupil_id: int | None = None, *, purpose: str = "gesprek"
) -> ParentContact:
    """Plan a contact with the parents of a pupil (it shows in the agenda)."""
    check_choice(purpose, CONTACT_PURPOSES, "doel van het oudercontact")
    with store.write() as session:
        require(session, Case, case_id, "Melding")
        if pupil_id is not None:
            require(session, Person, pupil_id, "Leerling")
        row = ParentContact(case_id=case_id, pupil_id=pupil_id, planned_on=planned_on, purpose=purpose)
        session.add(row)
        session.flush()
        audit.record(session, "parent_contacts", row.id, "create", "oudercontact gepland", case_id)
        return row


def record_parent_contact(
    store: Store,
    case_id: int,
    held_on: date,
    how: str,
    summary: str = "",
    *,
    pupil_id: int | None = None,
    held_by: str = "",
    contact_id: int | None = None,
    parent_ids: Sequence[int] = (),
) -> ParentContact:
    """Record a held contact (``how``: school, thuis, telefoon, mail) with the parents named.

    With ``contact_id`` the planned contact (a stap 6 conversation or stap 2's
    informing) is completed; otherwise a new ``gesprek`` row is added.
    """
    how = check_id(how, "De manier van contact")
    with store.write() as session:
        require(session, Case, case_id, "Melding")
        if pupil_id is not None:
            require(session, Person, pupil_id, "Leerling")
        if contact_id is not None:
            row = require(session, ParentContact, contact_id, "Oudercontact")
            if row.case_id != case_id:
                raise InvalidValueError("Dat oudercontact hoort niet bij deze melding.")
            if pupil_id is not None:
                row.pupil_id = pupil_id
        else:
            row = ParentContact(case_id=case_id, pupil_id=pupil_id)
            session.add(row)
        row.held_on, row.how, row.summary, row.held_by = held_on, how, summary, held_by
        session.flush()
        _set_contact_people(session, row, list(parent_ids))
        audit.record(session, "parent_contacts", row.id, "update", f"oudercontact gehouden ({how})", case_id)
        return row


def record_conversation_contact(session: Session, talk: Conversation, parent_ids: Sequence[int],
                                how: str = "school") -> ParentContact | None:
    """In the transaction that ends a conversation with parents: its row in the parent contacts.

    The parents who took part are named; a planned ``gesprek`` contact is
    completed rather than a second row added. None when no parent took part.
    An ended conversation that already has its contact keeps that one.
    """
    if not parent_ids:
        return None
    existing = session.exec(select(ParentContact).where(ParentContact.conversation_id == talk.id)).first()
    row = existing or session.exec(select(ParentContact).where(
        ParentContact.case_id == talk.case_id, col(ParentContact.held_on).is_(None),
        ParentContact.purpose == "gesprek").order_by(col(ParentContact.planned_on), col(ParentContact.id))).first()
    if row is None:
        row = ParentContact(case_id=talk.case_id)
        session.add(row)
    row.held_on = (talk.ended_at or now()).date()
    row.how = row.how or how
    row.held_by = talk.held_by or row.held_by
    row.conversation_id = talk.id
    if not row.summary:
        row.summary = f"Gesprek volgens de leidraad ({talk.guide_id.replace('-', ' ')})."  # "bijlage 5", as said
    session.flush()
    _set_contact_people(session, row, list(parent_ids))
    audit.record(session, "parent_contacts", row.id, "update", "oudergesprek gehouden (leidraad)", talk.case_id)
    return row


def move_informing(session: Session, case_id: int, due_on: date | None) -> None:
    """Set the due date of stap 2's "ouders informeren" while it is open.

    A case without the to-do (closed, or past stap 2 before pestcli knew it)
    does not get one: it would be overdue at once.
    """
    if due_on is None:
        return
    for row in session.exec(select(ParentContact).where(
            ParentContact.case_id == case_id, ParentContact.purpose == INFORMING,
            col(ParentContact.held_on).is_(None))).all():
        row.planned_on = due_on
    session.flush()


def parent_contacts_of_case(store: Store, case_id: int) -> list[ParentContact]:
    """The parent contacts of a case, planned and held, in order."""
    with store.read() as session:
        return list(session.exec(
            select(ParentContact).where(ParentContact.case_id == case_id).order_by(col(ParentContact.id))
        ).all())


def parents_spoken_to(store: Store, contact_id: int) -> list[int]:
    """The ids of the parents named in one contact."""
    with store.read() as session:
        return contact_people_of(session, [contact_id]).get(contact_id, [])
