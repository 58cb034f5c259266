"""Who reported a case, as a person: a pupil of the case, a parent, a staff member, or anonymous.

The kind of reporter (``cases.reporter_kind``, a protocol id) says what sort
of person reported; ``Reporter`` says who: a pupil in the case
(``person_id``, or ``new_person`` for a pupil added with the case), a parent
(``name`` and ``relation``), a staff member (``name``), or nobody by name
(anonymous: nothing is kept). ``pestcli.names.reporter_line`` is the one
Dutch wording the case screen and the summary show ("Gemeld door: ...").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pestcli.store.errors import InvalidValueError
from pestcli.store.new_people import NewPerson


def one_line(text: str) -> str:
    """The text on one line without control characters (tabs and newlines become spaces)."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


@dataclass(frozen=True)
class Reporter:
    """Who reported, as a person. At most one of ``person_id``, ``new_person`` and ``name``."""

    person_id: int | None = None
    new_person: NewPerson | None = None
    name: str = ""
    relation: str = ""

    @classmethod
    def pupil(cls, person_id: int) -> Reporter:
        """A pupil already in the store (and in the case)."""
        return cls(person_id=person_id)

    @classmethod
    def new_pupil(cls, person: NewPerson) -> Reporter:
        """A pupil named for the first time in this report (one of its ``new_people``)."""
        return cls(new_person=person)

    @classmethod
    def parent(cls, name: str, relation: str = "") -> Reporter:
        """A parent or carer by name, with the relation ("moeder van Sanne")."""
        return cls(name=name, relation=relation)

    @classmethod
    def anonymous(cls) -> Reporter:
        """Nobody by name: no name is kept."""
        return cls()

    def checked(self) -> Reporter:
        """The same reporter with clean text; a Dutch InvalidValueError when it names two people."""
        name, relation = one_line(self.name), one_line(self.relation)
        given = sum((self.person_id is not None, self.new_person is not None, bool(name)))
        if given > 1:
            raise InvalidValueError("Een melder is één persoon: een leerling, of een naam.")
        if relation and not name:
            raise InvalidValueError("Een relatie hoort bij de naam van een ouder.")
        return Reporter(self.person_id, self.new_person, name, relation)


def resolve_reporter_person(
    reporter: Reporter, role_ids: Iterable[int], new_people: Sequence[tuple[NewPerson, str]], added: Sequence[int]
) -> int | None:
    """The person id a reporting pupil has once the case is saved (None for a name or anonymous).

    ``role_ids`` are the known people with a role in the case; ``added`` the ids
    of ``new_people`` as ``add_new_people`` created them (in the order first named).
    Raises a Dutch InvalidValueError for a pupil who is not in the case.
    """
    if reporter.person_id is not None:
        if reporter.person_id not in set(role_ids):
            raise InvalidValueError("De melder moet een van de leerlingen in deze melding zijn.")
        return reporter.person_id
    if reporter.new_person is not None:
        firsts = list(dict.fromkeys(person for person, _ in new_people))
        if reporter.new_person not in firsts:
            raise InvalidValueError("De melder moet een van de leerlingen in deze melding zijn.")
        return added[firsts.index(reporter.new_person)]
    return None
