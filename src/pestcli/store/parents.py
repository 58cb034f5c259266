"""Parents and carers: who they are and whose parent they are.

A parent or carer is a person of kind ``ouder`` linked to a pupil with a
relation (``ParentLink``) and, in each case they take part in, a role
``ouder`` (the protocol's "ouder/verzorger"). The contacts with them are in
``store.parent_contacts``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from pestcli.store import audit
from pestcli.store.common import check_choice, check_text, now, require
from pestcli.store.errors import InvalidValueError
from pestcli.store.models import Case, CaseRole, ParentLink, Person
from pestcli.store.sql_values import saved_id
from pestcli.store.values import PARENT_RELATIONS

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

#: The role of a parent or carer in a case (protocol.toml ``[[role]] id = "ouder"``).
PARENT_ROLE = "ouder"
#: The kind of person of a parent or carer.
PARENT_KIND = "ouder"

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
                        phone=phone, email=email, school_id=store.school_id, created_at=now())
        session.add(parent)
        session.flush()
        session.add(ParentLink(parent_id=saved_id(parent.id), pupil_id=pupil_id, relation=relation))
        session.add(CaseRole(case_id=case_id, person_id=saved_id(parent.id), role=PARENT_ROLE))
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
             .where(ParentLink.parent_id == parent_id).order_by(col(ParentLink.id)))
    with store.read() as session:
        return [(relation, f"{first} {last}".strip()) for relation, first, last in session.exec(query).all()]


def parent_links_of(session: Session, parent_ids: Sequence[int]) -> list[ParentLink]:
    """The links (parent -> pupil, relation) of these parents, in order of id."""
    if not parent_ids:
        return []
    return list(session.exec(select(ParentLink).where(col(ParentLink.parent_id).in_(list(parent_ids)))
                             .order_by(col(ParentLink.id))).all())


def parent_labels(store: Store, case_id: int) -> dict[int, str]:
    """The parents and carers of a case: id -> ``Kees Jansen (vader van Daan Jansen)``."""
    with store.read() as session:
        rows = session.exec(select(Person).join(CaseRole, col(CaseRole.person_id) == Person.id).where(
            CaseRole.case_id == case_id, CaseRole.role == PARENT_ROLE)).all()
        links = {link.parent_id: link for link in parent_links_of(session, [saved_id(p.id) for p in rows])}
        labels: dict[int, str] = {}
        for parent in rows:
            name = f"{parent.first_name} {parent.last_name}".strip()
            parent_id = saved_id(parent.id)
            link = links.get(parent_id)
            pupil = session.get(Person, link.pupil_id) if link else None
            labels[parent_id] = (f"{name} ({link.relation} van {pupil.first_name} {pupil.last_name})".replace(" )", ")")
                                 if link and pupil else f"{name} (ouder/verzorger)")
        return labels
