"""People (pupils, parents, staff) and their roles in cases."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlmodel import col, or_, select

from pestcli.store import audit
from pestcli.store.common import check_choice, check_id, check_text, now, require
from pestcli.store.models import Case, CaseRole, Person
from pestcli.store.values import PERSON_KINDS
from pestcli.store.views import PersonInCase

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

#: Fields of a person that ``update_person`` may change.
PERSON_FIELDS = ("first_name", "last_name", "kind", "class_name", "pupil_number")


def add_person(
    store: Store,
    first_name: str,
    last_name: str = "",
    kind: str = "leerling",
    class_name: str = "",
    pupil_number: str = "",
) -> Person:
    """Add a pupil, parent or staff member."""
    check_choice(kind, PERSON_KINDS, "soort persoon")
    person = Person(
        first_name=check_text(first_name, "De voornaam"), last_name=last_name.strip(),
        kind=kind, class_name=class_name.strip(), pupil_number=pupil_number.strip(),
        school_id=store.school_id, created_at=now(),
    )
    with store.write() as session:
        session.add(person)
        session.flush()
        audit.record(session, "people", person.id, "create", f"persoon toegevoegd ({kind})")
        return person


def update_person(store: Store, person_id: int, **changes: Any) -> Person:
    """Change a person's name, kind, class or pupil number."""
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"update_person: unknown fields {sorted(unknown)}")
    if "kind" in changes:
        check_choice(changes["kind"], PERSON_KINDS, "soort persoon")
    if "first_name" in changes:
        changes["first_name"] = check_text(changes["first_name"], "De voornaam")
    with store.write() as session:
        person = require(session, Person, person_id, "Persoon")
        for name, value in changes.items():
            setattr(person, name, value.strip())
        audit.record(session, "people", person_id, "update", "gewijzigd: " + ", ".join(sorted(changes)))
        return person


def get_person(store: Store, person_id: int) -> Person:
    """One person by id (NotFoundError if missing)."""
    with store.read() as session:
        return require(session, Person, person_id, "Persoon")


def find_people(store: Store, fragment: str, limit: int = 50) -> list[Person]:
    """People whose name, class or pupil number contains ``fragment``; those who left the school last."""
    text = fragment.strip()
    if not text:
        return []
    like = f"%{text}%"
    full_name = col(Person.first_name) + " " + col(Person.last_name)
    query = (
        select(Person)
        .where(or_(
            col(Person.first_name).ilike(like), col(Person.last_name).ilike(like),
            full_name.ilike(like), col(Person.class_name).ilike(like),
            col(Person.pupil_number).ilike(like),
        ))
        .order_by(col(Person.left_on).is_not(None), col(Person.last_name), col(Person.first_name))
        .limit(limit)
    )
    with store.read() as session:
        return list(session.exec(query).all())


def people_with_name(store: Store, first_name: str, last_name: str, kind: str) -> list[Person]:
    """The people of ``kind`` whose full name is this one, ignoring case and extra spaces.

    Asked before a new person is added ("Bedoelt u Sanne de Vries (2B)?").
    The comparison is made in Python (``names.same_name``): SQLite's ``lower``
    knows no accents, and a first name may hold what another row holds in
    its last name. Ordered by class and id.
    """
    from pestcli.names import same_name

    if not f"{first_name}{last_name}".strip():
        return []
    query = select(Person).where(Person.kind == kind).order_by(col(Person.class_name), col(Person.id))
    with store.read() as session:
        return [person for person in session.exec(query).all()
                if same_name(person.first_name, person.last_name, first_name, last_name)]


def assign_role(store: Store, case_id: int, person_id: int, role: str, note: str = "") -> CaseRole:
    """Give a person a role in a case (returns the existing row if it is already there)."""
    role = check_id(role, "Rol")
    with store.write() as session:
        require(session, Case, case_id, "Melding")
        require(session, Person, person_id, "Persoon")
        existing = session.exec(select(CaseRole).where(
            CaseRole.case_id == case_id, CaseRole.person_id == person_id, CaseRole.role == role
        )).first()
        if existing is not None:
            return existing
        row = CaseRole(case_id=case_id, person_id=person_id, role=role, note=note)
        session.add(row)
        session.flush()
        audit.record(session, "case_roles", row.id, "create", f"rol {role} toegekend", case_id)
        return row


def people_in_case(store: Store, case_id: int) -> list[PersonInCase]:
    """Everyone in a case with their role, in the order the roles were given."""
    query = (
        select(CaseRole, Person).join(Person, col(Person.id) == CaseRole.person_id)
        .where(CaseRole.case_id == case_id).order_by(col(CaseRole.id))
    )
    with store.read() as session:
        return [PersonInCase(role.role, person, role) for role, person in session.exec(query).all()]


def cases_of_person(store: Store, person_id: int) -> list[tuple[Case, str]]:
    """Every case a person is in, with the role, newest first."""
    query = (
        select(Case, CaseRole.role).join(CaseRole, col(CaseRole.case_id) == Case.id)
        .where(CaseRole.person_id == person_id)
        .order_by(col(Case.reported_on).desc(), col(CaseRole.id))
    )
    with store.read() as session:
        return [(case, role) for case, role in session.exec(query).all()]
