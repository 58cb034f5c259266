"""Parents and carers, and the contacts with them (stap 2's informing, stap 6 and later).

A parent or carer is a person of kind ``ouder`` linked to a pupil with a
relation (``ParentLink``) and, in each case they take part in, a role
``ouder`` (the protocol's "ouder/verzorger"). A parent contact is planned,
then held; it names the parents who were spoken to and says why it was held
(``purpose``): ``gesprek`` (stap 6 and later) or ``informeren`` (stap 2: "de
ouders op de hoogte stellen over wat er speelt"). A guided conversation with
parents (bijlage 5) becomes a held contact when it ends, linked to it, so
the contacts and the conversations are one history.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from pestcli.store import audit
from pestcli.store.common import check_choice, check_id, check_text, now, require
from pestcli.store.errors import InvalidValueError
from pestcli.store.models import Case, CaseRole, Conversation, ParentContact, ParentContactPerson, ParentLink, Person
from pestcli.store.values import CONTACT_PURPOSES, PARENT_RELATIONS

if TYPE_CHECKING:
    from pestcli.store.engine import Store

#: The role of a parent or carer in a case (protocol.toml ``[[role]] id = "ouder"``).
PARENT_ROLE = "ouder"
#: The kind of person of a parent or carer.
PARENT_KIND = "ouder"
#: The purpose of stap 2's to-do "ouders informeren".
INFORMING = "informeren"

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_PHONE_CHARS = re.compile(r"^\+?[0-9 ()./-]+$")


def check_phone(text: str) -> str:
    """A phone number as typed (empty is fine); a Dutch InvalidValueError when it is not one."""
    text = text.strip()
    if not text:
        return ""
    digits = sum(ch.isdigit() for ch in text)
    if not _PHONE_CHARS.match(text) or not 10 <= digits <= 15:
        raise InvalidValueError("Dat is geen telefoonnummer: gebruik cijfers (10 tot 15), "
                                "eventueel met +, spaties of streepjes, bijvoorbeeld 06-12345678.")
    return text


def check_email(text: str) -> str:
    """An e-mail address as typed (empty is fine); a Dutch InvalidValueError when it is not one."""
    text = text.strip()
    if not text:
        return ""
    if not _EMAIL.match(text):
        raise InvalidValueError("Dat is geen e-mailadres: schrijf het als naam@voorbeeld.nl.")
    return text


def add_parent(
    store: Store,
    case_id: int,
    pupil_id: int,
    first_name: str,
    last_name: str = "",
    relation: str = "verzorger",
    *,
    phone: str = "",
    email: str = "",
) -> Person:
    """Add a parent or carer of a pupil in the case, with the role ``ouder`` in it (one transaction)."""
    first = check_text(first_name, "De voornaam van de ouder")
    check_choice(relation, PARENT_RELATIONS, "relatie")
    phone, email = check_phone(phone), check_email(email)
    with store.write() as session:
        require(session, Case, case_id, "Melding")
        pupil = require(session, Person, pupil_id, "Leerling")
        if pupil.kind != "leerling" or session.exec(select(CaseRole.id).where(
                CaseRole.case_id == case_id, CaseRole.person_id == pupil_id)).first() is None:
            raise InvalidValueError("Kies een leerling uit deze melding.")
        parent = Person(first_name=first, last_name=(last_name or "").strip(), kind=PARENT_KIND,
                        phone=phone, email=email, created_at=now())
        session.add(parent)
        session.flush()
        session.add(ParentLink(parent_id=parent.id, pupil_id=pupil_id, relation=relation))
        session.add(CaseRole(case_id=case_id, person_id=parent.id, role=PARENT_ROLE))
        session.flush()
        audit.record(session, "people", parent.id, "create", f"ouder/verzorger toegevoegd ({relation})", case_id)
        return parent


def link_parent(
    store: Store,
    case_id: int,
    pupil_id: int,
    parent_id: int,
    relation: str = "verzorger",
    *,
    phone: str = "",
    email: str = "",
) -> Person:
    """Make a known parent or carer (one already in pestcli) a parent of a pupil in this case.

    The answer "ja" to "Bedoelt u Marieke de Vries?": no second person with
    the same name; the link to the pupil (with ``relation``) and the role
    ``ouder`` in the case are added when missing, and a phone number or
    e-mail address typed in the dialog replaces the one stored. One
    transaction.
    """
    check_choice(relation, PARENT_RELATIONS, "relatie")
    phone, email = check_phone(phone), check_email(email)
    with store.write() as session:
        require(session, Case, case_id, "Melding")
        pupil = require(session, Person, pupil_id, "Leerling")
        if pupil.kind != "leerling" or session.exec(select(CaseRole.id).where(
                CaseRole.case_id == case_id, CaseRole.person_id == pupil_id)).first() is None:
            raise InvalidValueError("Kies een leerling uit deze melding.")
        parent = require(session, Person, parent_id, "Ouder of verzorger")
        if parent.kind != PARENT_KIND:
            raise InvalidValueError("Kies een ouder of verzorger.")
        link = session.exec(select(ParentLink).where(
            ParentLink.parent_id == parent_id, ParentLink.pupil_id == pupil_id)).first()
        if link is None:
            session.add(ParentLink(parent_id=parent_id, pupil_id=pupil_id, relation=relation))
        else:
            link.relation = relation
        if session.exec(select(CaseRole.id).where(CaseRole.case_id == case_id, CaseRole.person_id == parent_id,
                                                  CaseRole.role == PARENT_ROLE)).first() is None:
            session.add(CaseRole(case_id=case_id, person_id=parent_id, role=PARENT_ROLE))
        if phone:
            parent.phone = phone
        if email:
            parent.email = email
        session.flush()
        audit.record(session, "people", parent_id, "update",
                     f"bekende ouder/verzorger gekoppeld ({relation})", case_id)
        return parent


def parent_children(store: Store, parent_id: int) -> list[tuple[str, str]]:
    """(relation, pupil's name) of each pupil this parent or carer is linked to, in order of link."""
    query = (select(ParentLink.relation, Person.first_name, Person.last_name)
             .join(Person, col(Person.id) == ParentLink.pupil_id)
             .where(ParentLink.parent_id == parent_id).order_by(ParentLink.id))
    with store.read() as session:
        return [(relation, f"{first} {last}".strip()) for relation, first, last in session.exec(query).all()]


def parent_links_of(session: Session, parent_ids: Sequence[int]) -> list[ParentLink]:
    """The links (parent -> pupil, relation) of these parents, in order of id."""
    if not parent_ids:
        return []
    return list(session.exec(select(ParentLink).where(col(ParentLink.parent_id).in_(list(parent_ids)))
                             .order_by(ParentLink.id)).all())


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
            session.add(ParentContactPerson(contact_id=contact.id, person_id=person_id))
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
        ParentContact.purpose == "gesprek").order_by(ParentContact.planned_on, ParentContact.id)).first()
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
            select(ParentContact).where(ParentContact.case_id == case_id).order_by(ParentContact.id)
        ).all())


def parents_spoken_to(store: Store, contact_id: int) -> list[int]:
    """The ids of the parents named in one contact."""
    with store.read() as session:
        return contact_people_of(session, [contact_id]).get(contact_id, [])


def parent_labels(store: Store, case_id: int) -> dict[int, str]:
    """The parents and carers of a case: id -> ``Kees Jansen (vader van Daan Jansen)``."""
    with store.read() as session:
        rows = session.exec(select(Person).join(CaseRole, col(CaseRole.person_id) == Person.id).where(
            CaseRole.case_id == case_id, CaseRole.role == PARENT_ROLE)).all()
        links = {link.parent_id: link for link in parent_links_of(session, [p.id for p in rows])}
        labels = {}
        for parent in rows:
            name = f"{parent.first_name} {parent.last_name}".strip()
            link = links.get(parent.id)
            pupil = session.get(Person, link.pupil_id) if link else None
            labels[parent.id] = (f"{name} ({link.relation} van {pupil.first_name} {pupil.last_name})".replace(" )", ")")
                                 if link and pupil else f"{name} (ouder/verzorger)")
        return labels
