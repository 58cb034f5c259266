"""The pupil register from the school's administration: pupils by number, class mentors per school year.

:func:`import_register` brings the people table in line with one export
(``pestcli import-leerlingen``), in one transaction, or only works out what
would change (``dry_run``). The pupil number is the key: a pupil already
imported is updated (class, name), a pupil typed in by hand gets the number
when it is theirs (the same number, or exactly one pupil without a number of
that name in that class), and only the rest is added. Imported pupils of the
school missing from the export have left: ``left_on`` is set (their
retention clock starts); one who is back has it cleared. Nobody is ever
added twice.

The class mentors of the school year are replaced by the export's; a
mentor's name is matched to the team (login or display name) on the school's
server. :func:`handover_proposals` lists the open cases whose victim's new
mentor is not the one holding the case.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from pestcli.names import full_name, same_name
from pestcli.store import audit
from pestcli.store.common import now
from pestcli.store.errors import NotFoundError, StoreError
from pestcli.store.models import Case, CaseRole, ClassMentor, Person, School, Staff

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store


@dataclass(frozen=True)
class RegisterPupil:
    """One pupil of the export: number, names and class."""

    number: str
    first_name: str
    last_name: str
    class_name: str


@dataclass(frozen=True)
class ClassMentorEntry:
    """The mentor of a class as the export names them (one cell; it may hold two names)."""

    class_name: str
    mentor_name: str
    #: The names in the cell, one by one (matched to the team one by one).
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class PupilChange:
    """One pupil in the summary: number, name, and the class before and after (equal when unchanged)."""

    number: str
    name: str
    old_class: str
    new_class: str


@dataclass
class RegisterChanges:
    """What an import changes (or would change): pupils by kind of change, and the counts."""

    new: list[PupilChange] = field(default_factory=list)
    moved: list[PupilChange] = field(default_factory=list)
    mentor_changed: list[PupilChange] = field(default_factory=list)
    renamed: list[PupilChange] = field(default_factory=list)
    leavers: list[PupilChange] = field(default_factory=list)
    back: list[PupilChange] = field(default_factory=list)
    linked: list[PupilChange] = field(default_factory=list)
    unchanged: int = 0
    #: Leavers whose retention period has run out and who are in no case (and no parent's pupil):
    #: removed when the import is asked to (``remove_expired``), else only listed.
    expired: list[PupilChange] = field(default_factory=list)
    removed_expired: bool = False
    #: Classes of the school year with a mentor, and those whose mentor matched nobody of the team.
    classes_with_mentor: int = 0
    unmatched_mentors: list[str] = field(default_factory=list)

    def audit_summary(self) -> str:
        """The audit event's summary: counts only, never a name."""
        return (f"leerlingen geïmporteerd: {len(self.new)} nieuw, {len(self.moved)} andere klas, "
                f"{len(self.mentor_changed)} andere mentor, {len(self.leavers)} van school, "
                f"{len(self.back)} terug, {len(self.linked)} gekoppeld, {self.unchanged} ongewijzigd"
                + (f", {len(self.expired)} oud-leerlingen na de bewaartermijn verwijderd"
                   if self.removed_expired and self.expired else ""))


@dataclass(frozen=True)
class HandoverProposal:
    """An open case whose victim's mentor (from the import) is not the one who holds it."""

    case_id: int
    case_number: str
    from_name: str
    to_name: str
    #: The member of the team the new mentor's name matched (None: nobody; then it is only reported).
    to_staff_id: int | None


def _key(text: str) -> str:
    """A class or name as compared: case and extra spaces ignored."""
    return " ".join(text.split()).casefold()


def team_of_school(session: Session, school_id: int) -> list[Staff]:
    """The school's team (not removed); empty in a mentor's own file."""
    return list(session.exec(select(Staff).where(Staff.school_id == school_id,
                                                 col(Staff.removed_at).is_(None))).all())


def match_staff(team: Sequence[Staff], names: Iterable[str]) -> list[int]:
    """The ids of the team members named (by login or display name, case ignored), in order, each once."""
    found: list[int] = []
    for name in names:
        key = _key(name)
        for member in team:
            if key and key in (_key(member.login), _key(member.name)) and member.id is not None \
                    and member.id not in found:
                found.append(member.id)
    return found


def _previous_mentors(session: Session, school_id: int, school_year: str) -> dict[str, str]:
    """Class -> mentor of the newest school year with class mentors up to ``school_year`` (empty: none yet)."""
    years = session.exec(select(ClassMentor.school_year).where(
        ClassMentor.school_id == school_id, col(ClassMentor.school_year) <= school_year)
        .order_by(col(ClassMentor.school_year).desc())).first()
    if years is None:
        return {}
    rows = session.exec(select(ClassMentor).where(ClassMentor.school_id == school_id,
                                                  ClassMentor.school_year == years)).all()
    return {_key(row.class_name): row.mentor_name for row in rows}


def import_register(store: Store, pupils: Sequence[RegisterPupil], mentors: Sequence[ClassMentorEntry],
                    school_year: str, today: date, *, dry_run: bool = False, retention_months: int = 24,
                    remove_expired: bool = False) -> RegisterChanges:
    """Bring the school's pupils and class mentors in line with one export; what changed (see the module).

    One transaction, with one audit event of counts. With ``dry_run`` the
    same is worked out and nothing is written. A leaver who left at least
    ``retention_months`` ago and is in no case is listed in ``expired``;
    ``remove_expired`` deletes those rows (the case of a pupil in one keeps
    them: a case's own retention decides).
    """
    if dry_run:
        with store.read() as session:
            changes = _import(session, store.school_id, pupils, mentors, school_year, today, write=False)
            _expired(session, store.school_id, today, retention_months, changes, remove=False)
            return changes
    with store.write() as session:
        changes = _import(session, store.school_id, pupils, mentors, school_year, today, write=True)
        _expired(session, store.school_id, today, retention_months, changes, remove=remove_expired)
        audit.record(session, "people", None, "import", changes.audit_summary())
        return changes


def _import(session: Session, school_id: int, pupils: Sequence[RegisterPupil],
            mentors: Sequence[ClassMentorEntry], school_year: str, today: date, *, write: bool) -> RegisterChanges:
    """The body of :func:`import_register` in an open session (writing only when ``write``)."""
    stamp = now()
    changes = RegisterChanges()
    people = list(session.exec(select(Person).where(Person.school_id == school_id, Person.kind == "leerling")
                               .order_by(col(Person.id))).all())
    imported = {p.pupil_number.strip(): p for p in people if p.imported_at is not None and p.pupil_number.strip()}
    typed_numbers: dict[str, Person] = {}
    for typed in people:
        if typed.imported_at is None and typed.pupil_number.strip():
            typed_numbers.setdefault(typed.pupil_number.strip(), typed)
    without_number = [p for p in people if p.imported_at is None and not p.pupil_number.strip()]
    new_mentor = {_key(m.class_name): m.mentor_name for m in mentors}
    old_mentor = _previous_mentors(session, school_id, school_year)
    claimed: set[int] = set()
    in_file: set[str] = set()
    for pupil in pupils:
        number = pupil.number.strip()
        in_file.add(number)
        name = full_name(pupil.first_name, pupil.last_name)
        person: Person | None = imported.get(number)
        if person is None:
            person = typed_numbers.get(number)
            if person is None:
                matches = [p for p in without_number if p.id not in claimed and _key(p.class_name) == _key(
                    pupil.class_name) and same_name(p.first_name, p.last_name, pupil.first_name, pupil.last_name)]
                person = matches[0] if len(matches) == 1 else None
            if person is None:
                changes.new.append(PupilChange(number, name, "", pupil.class_name))
                if write:
                    session.add(Person(first_name=pupil.first_name, last_name=pupil.last_name, kind="leerling",
                                       class_name=pupil.class_name, pupil_number=number, school_id=school_id,
                                       created_at=stamp, imported_at=stamp))
                continue
            changes.linked.append(PupilChange(number, name, person.class_name, pupil.class_name))
        assert person.id is not None  # read from the database
        claimed.add(person.id)
        change = PupilChange(number, name, person.class_name, pupil.class_name)
        changed = False
        if person.imported_at is not None:  # a linked pupil is counted once, as linked
            if _key(person.class_name) != _key(pupil.class_name):
                changes.moved.append(change)
                changed = True
            before = old_mentor.get(_key(person.class_name), "")
            after = new_mentor.get(_key(pupil.class_name), "")
            if after and _key(before) != _key(after):
                changes.mentor_changed.append(change)
                changed = True
            if (person.first_name, person.last_name) != (pupil.first_name, pupil.last_name):
                changes.renamed.append(change)
                changed = True
            if person.left_on is not None:
                changes.back.append(change)
                changed = True
            if not changed:
                changes.unchanged += 1
        now_values = (pupil.first_name, pupil.last_name, pupil.class_name, number, None)
        if write and (person.imported_at is None or now_values != (
                person.first_name, person.last_name, person.class_name, person.pupil_number, person.left_on)):
            # Only a row that changes is written: an unchanged pupil keeps its version, so a colleague's
            # open screen of that pupil sees no conflict after an import.
            person.first_name, person.last_name = pupil.first_name, pupil.last_name
            person.class_name, person.pupil_number = pupil.class_name, number
            person.imported_at, person.left_on = stamp, None
            # On the school's server everyone of the school reads an imported pupil: who typed a linked
            # pupil in (most likely for a report) is not theirs to read. It stays in the audit trail.
            person.created_by = None
            session.add(person)
    for number, leaver in imported.items():
        if number not in in_file and leaver.left_on is None:
            changes.leavers.append(PupilChange(number, full_name(leaver.first_name, leaver.last_name),
                                               leaver.class_name, ""))
            if write:
                leaver.left_on = today
                session.add(leaver)
    _class_mentors(session, school_id, mentors, school_year, stamp, changes, write=write)
    if write:
        session.flush()
    return changes


def _expired(session: Session, school_id: int, today: date, months: int, changes: RegisterChanges, *,
             remove: bool) -> None:
    """The leavers past the retention period in no case (and no parent link); deleted when ``remove``."""
    from pestcli.store.models import ParentLink
    from pestcli.store.retention_due import add_months

    if months < 1:
        raise StoreError("De bewaartermijn moet minstens één maand zijn.")
    cut_off = add_months(today, -months)
    in_case = select(CaseRole.person_id)
    linked = select(ParentLink.pupil_id)
    leavers = session.exec(select(Person).where(
        Person.school_id == school_id, Person.kind == "leerling", col(Person.imported_at).is_not(None),
        col(Person.left_on).is_not(None), col(Person.left_on) <= cut_off,
        col(Person.id).not_in(in_case), col(Person.id).not_in(linked)).order_by(col(Person.id))).all()
    for leaver in leavers:
        changes.expired.append(PupilChange(leaver.pupil_number, full_name(leaver.first_name, leaver.last_name),
                                           leaver.class_name, ""))
        if remove:
            session.delete(leaver)
    changes.removed_expired = remove and bool(leavers)


def _class_mentors(session: Session, school_id: int, mentors: Sequence[ClassMentorEntry], school_year: str,
                   stamp, changes: RegisterChanges, *, write: bool) -> None:
    """Replace the school year's class mentors with the export's (matched to the team where it can)."""
    team = team_of_school(session, school_id)
    existing = {_key(row.class_name): row for row in session.exec(select(ClassMentor).where(
        ClassMentor.school_id == school_id, ClassMentor.school_year == school_year)).all()}
    given = {_key(m.class_name): m for m in mentors if m.mentor_name.strip()}
    changes.classes_with_mentor = len(given)
    for key, entry in given.items():
        matched = match_staff(team, (entry.mentor_name, *entry.names))
        if team and not matched:
            changes.unmatched_mentors.append(entry.mentor_name)
        if not write:
            continue
        row = existing.get(key) or ClassMentor(school_id=school_id, school_year=school_year,
                                               class_name=entry.class_name, imported_at=stamp)
        row.class_name, row.mentor_name = entry.class_name, entry.mentor_name
        row.staff_id, row.imported_at = (matched[0] if matched else None), stamp
        session.add(row)
    if write:
        for key, row in existing.items():
            if key not in given:
                session.delete(row)


def handover_proposals(store: Store, pupils: Sequence[RegisterPupil], mentors: Sequence[ClassMentorEntry],
                       ) -> list[HandoverProposal]:
    """Open cases of the school whose victim's class (in the export) has a mentor other than the case's.

    The victim is the case's ``gepeste`` pupil, found by pupil number (a
    pupil typed in without one is found once the import linked it). Compared by
    team member on the school's server (the case's holder), else by name
    (the case's mentor field). Ordered by case number.
    """
    class_of = {p.number.strip(): p.class_name for p in pupils}
    entries = {_key(m.class_name): m for m in mentors if m.mentor_name.strip()}
    proposals: list[HandoverProposal] = []
    with store.read() as session:
        team = team_of_school(session, store.school_id)
        names = {member.id: member.name for member in team}
        rows = session.exec(
            select(Case, Person).join(CaseRole, col(CaseRole.case_id) == Case.id)
            .join(Person, col(Person.id) == CaseRole.person_id)
            .where(Case.school_id == store.school_id, Case.status != "closed", CaseRole.role == "gepeste",
                   Person.pupil_number != "")
            .order_by(col(Case.year), col(Case.seq), col(Person.id))).all()
        seen: set[int] = set()
        for case, person in rows:
            assert case.id is not None  # read from the database
            klas = class_of.get(person.pupil_number.strip())
            entry = entries.get(_key(klas)) if klas is not None else None
            if entry is None or case.id in seen:
                continue
            seen.add(case.id)
            proposal = _proposal(case, entry, team, names)
            if proposal is not None:
                proposals.append(proposal)
    return proposals


def _proposal(case: Case, entry: ClassMentorEntry, team: Sequence[Staff],
              names: Mapping[int | None, str]) -> HandoverProposal | None:
    """The hand-over for one case, or None when its mentor is (one of) the class's mentor(s)."""
    assert case.id is not None  # read from the database
    all_names = (entry.mentor_name, *entry.names)
    matched = match_staff(team, all_names)
    current = names.get(case.holder_id, "") if case.holder_id is not None else ""
    current = current or case.mentor.strip() or "(geen mentor)"
    if case.holder_id is not None and case.holder_id in matched:
        return None
    if case.holder_id is None and _key(case.mentor) in {_key(name) for name in all_names}:
        return None
    if case.holder_id is None and matched and _key(case.mentor) in {_key(names.get(m, "")) for m in matched}:
        return None
    return HandoverProposal(case.id, case.number, current, entry.mentor_name, matched[0] if matched else None)


def class_mentor(store: Store, class_name: str, school_year: str) -> str:
    """The mentor of ``class_name`` in ``school_year`` as the import said (empty when unknown)."""
    key = _key(class_name)
    if not key:
        return ""
    with store.read() as session:
        rows = session.exec(select(ClassMentor).where(ClassMentor.school_id == store.school_id,
                                                      ClassMentor.school_year == school_year)).all()
    return next((row.mentor_name for row in rows if _key(row.class_name) == key), "")


def school_named(store: Store, name: str | None) -> int:
    """The id of the school called ``name`` (case ignored); without a name the only school there is."""
    with store.read() as session:
        schools = list(session.exec(select(School).order_by(col(School.name))).all())
    if name is None or not name.strip():
        if len(schools) == 1 and schools[0].id is not None:
            return schools[0].id
        raise StoreError("Deze database heeft meer dan één school: zeg met --school welke.")
    found = next((s.id for s in schools if _key(s.name) == _key(name) and s.id is not None), None)
    if found is None:
        raise NotFoundError(f"Er is geen school {name.strip()!r}. Scholen: {', '.join(s.name for s in schools)}.")
    return found
