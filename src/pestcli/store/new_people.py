"""People named for the first time in a report, added in the case's own transaction.

A mentor registering a report often names pupils the store does not know yet.
``create_case(..., new_people=...)`` adds them with the case, in one
transaction: either the case and everyone in it are saved, or nothing is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from pestcli.store import audit
from pestcli.store.common import check_choice, check_id, check_text
from pestcli.store.models import FIRST_SCHOOL_ID, CaseRole, Person
from pestcli.store.sql_values import saved_id
from pestcli.store.values import PERSON_KINDS


@dataclass(frozen=True)
class NewPerson:
    """A person not in the store yet: a name, a class and the kind of person."""

    first_name: str
    last_name: str = ""
    class_name: str = ""
    kind: str = "leerling"

    @classmethod
    def from_full_name(cls, name: str, class_name: str = "", kind: str = "leerling") -> NewPerson:
        """Split "Sanne de Vries" into the first name and the rest (``de Vries``)."""
        first, _, last = name.strip().partition(" ")
        return cls(first.strip(), last.strip(), class_name.strip(), kind)


def check_new_people(new_people: Sequence[tuple[NewPerson, str]]) -> None:
    """Raise a Dutch InvalidValueError for an empty name, unknown kind or bad role."""
    for person, role in new_people:
        check_text(person.first_name, "De voornaam")
        check_choice(person.kind, PERSON_KINDS, "soort persoon")
        check_id(role, "Rol")


def add_new_people(
    session: Session, case_id: int, new_people: Sequence[tuple[NewPerson, str]], stamp: datetime,
    school_id: int = FIRST_SCHOOL_ID,
) -> list[Person]:
    """Add the new people (of ``school_id``) and their roles in ``case_id`` inside an open write session.

    The same ``NewPerson`` named in two roles becomes one person with two roles.
    Returns the people added, in the order they were first named.
    """
    added: dict[NewPerson, Person] = {}
    given: set[tuple[NewPerson, str]] = set()
    for new, role in new_people:
        if (new, role) in given:
            continue
        given.add((new, role))
        person = added.get(new)
        if person is None:
            person = Person(
                first_name=new.first_name.strip(), last_name=new.last_name.strip(), kind=new.kind,
                class_name=new.class_name.strip(), school_id=school_id, created_at=stamp,
            )
            session.add(person)
            session.flush()
            audit.record(session, "people", person.id, "create", f"persoon toegevoegd ({new.kind})", case_id)
            added[new] = person
        session.add(CaseRole(case_id=case_id, person_id=saved_id(person.id), role=role))
    return list(added.values())
