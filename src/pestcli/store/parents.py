"""Contacts with parents (stap 6 and later): planned, then held."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import select

from pestcli.store import audit
from pestcli.store.common import check_id, require
from pestcli.store.errors import InvalidValueError
from pestcli.store.models import Case, ParentContact, Person

if TYPE_CHECKING:
    from pestcli.store.engine import Store


def plan_parent_contact(
    store: Store, case_id: int, planned_on: date, pupil_id: int | None = None
) -> ParentContact:
    """Plan a contact with the parents of a pupil (it shows in the agenda)."""
    with store.write() as session:
        require(session, Case, case_id, "Melding")
        if pupil_id is not None:
            require(session, Person, pupil_id, "Leerling")
        row = ParentContact(case_id=case_id, pupil_id=pupil_id, planned_on=planned_on)
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
) -> ParentContact:
    """Record a held contact (``how``: school, thuis, telefoon, mail).

    With ``contact_id`` the planned contact is completed; otherwise a new row
    is added.
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
        audit.record(session, "parent_contacts", row.id, "update", f"oudercontact gehouden ({how})", case_id)
        return row


def parent_contacts_of_case(store: Store, case_id: int) -> list[ParentContact]:
    """The parent contacts of a case, planned and held, in order."""
    with store.read() as session:
        return list(session.exec(
            select(ParentContact).where(ParentContact.case_id == case_id).order_by(ParentContact.id)
        ).all())
