"""One case with everything recorded about it, read with plain SQL (no ORM): for ``pestcli summary``.

``store.detail.case_detail`` reads the same with SQLModel for the screens;
this module reads it on ``Store.sql()`` (the standard ``sqlite3`` module,
SQLCipher's, or psycopg on a school's server), so a summary printed from the
command line never imports SQLAlchemy, SQLModel or ``store.models``. It hands
back the same read models (``store.views.CaseDetail`` and its parts) holding
light rows (named tuples: frozen, and cheap to define, which a command that
starts as a process of its own notices) with the attribute names of the
tables, so the summary, the dossier text and the PDF read them as they read
ORM rows.

The class's agreements (``store.class_talks``) and the lookup of a case by
its number (``store.cases``) are read here the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from pestcli.store.errors import NotFoundError
from pestcli.store.sql_values import as_date, marks
from pestcli.store.views import (
    AgreementView,
    CaseDetail,
    ConversationDetail,
    ParentOfPupil,
    Participant,
    PersonInCase,
)

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

#: The kind of person a parent or carer is (``store.parents.PARENT_KIND``).
PARENT_KIND = "ouder"


# --- The rows: the columns of the tables, as store.models names them ----------------------------------


class CaseRow(NamedTuple):
    """A row of ``cases``."""

    id: int
    school_id: int
    number: str
    year: int
    seq: int
    status: str
    reported_on: date
    reporter_kind: str
    reporter_person_id: int | None
    reporter_name: str
    reporter_relation: str
    class_name: str
    location: str
    online: bool
    parents_informed_after: str
    informing_reason: str
    description: str
    mentor: str
    protocol_name: str
    protocol_version: str
    closed_on: date | None
    closed_reason: str | None
    keep_until: date | None
    keep_reason: str
    monitoring_ended_on: date | None
    monitoring_end_reason: str
    created_at: datetime
    updated_at: datetime
    version: int
    holder_id: int | None
    regie: str


class PersonRow(NamedTuple):
    """A row of ``people``."""

    id: int
    school_id: int
    first_name: str
    last_name: str
    kind: str
    class_name: str
    pupil_number: str
    phone: str
    email: str
    created_at: datetime
    version: int
    created_by: int | None


class CaseRoleRow(NamedTuple):
    """A row of ``case_roles``."""

    id: int
    case_id: int
    person_id: int
    role: str
    note: str


class StepRow(NamedTuple):
    """A row of ``step_progress``."""

    id: int
    case_id: int
    step: int
    due_on: date | None
    done_on: date | None
    done_by: str
    changes: int
    version: int


class ConversationRow(NamedTuple):
    """A row of ``conversations``."""

    id: int
    case_id: int
    guide_id: str
    step: int | None
    started_at: datetime
    ended_at: datetime | None
    held_by: str
    notes: str
    version: int


class ParticipantRow(NamedTuple):
    """A row of ``conversation_participants``."""

    id: int
    conversation_id: int
    person_id: int
    role: str


class ItemRow(NamedTuple):
    """A row of ``conversation_items``."""

    id: int
    conversation_id: int
    item_id: str
    state: str
    note: str
    updated_at: datetime
    version: int


class AgreementRow(NamedTuple):
    """A row of ``agreements``."""

    id: int
    case_id: int
    conversation_id: int | None
    person_id: int | None
    text: str
    agreed_on: date
    created_at: datetime
    version: int


class AgreementCheckRow(NamedTuple):
    """A row of ``agreement_checks``."""

    id: int
    agreement_id: int
    followup_id: int | None
    checked_on: date
    status: str
    note: str


class FollowUpRow(NamedTuple):
    """A row of ``followups``."""

    id: int
    case_id: int
    seq: int
    label: str
    due_on: date
    done_on: date | None
    cancelled_on: date | None
    outcome: str | None
    note: str
    done_by: str
    moved_from: date | None
    moved_reason: str
    changes: int
    cancelled_by_close: bool
    version: int


class EvidenceRow(NamedTuple):
    """A row of ``evidence`` (the file's bytes stay in the database or the data folder)."""

    id: int
    case_id: int
    kind: str
    occurred_at: datetime | None
    platform: str
    url: str
    username: str
    description: str
    file_name: str | None
    file_path: str | None
    sha256: str | None
    file_size: int | None
    recorded_at: datetime
    recorded_by: str
    version: int


class ParentContactRow(NamedTuple):
    """A row of ``parent_contacts``."""

    id: int
    case_id: int
    pupil_id: int | None
    planned_on: date | None
    held_on: date | None
    how: str | None
    summary: str
    held_by: str
    changes: int
    purpose: str
    conversation_id: int | None
    version: int


class EscalationRow(NamedTuple):
    """A row of ``escalations``."""

    id: int
    case_id: int
    to_rung: str
    sanction_phase: int | None
    reason: str
    escalated_on: date
    escalated_by: str
    version: int


class ClassAgreementRow(NamedTuple):
    """A row of ``class_agreements``."""

    id: int
    class_name: str
    school_year: str
    text: str
    item_id: str
    agreed_on: date
    class_conversation_id: int | None
    created_at: datetime
    version: int
    school_id: int
    created_by: int | None


class ClassAgreementCheckRow(NamedTuple):
    """A row of ``class_agreement_checks``."""

    id: int
    class_agreement_id: int
    followup_id: int | None
    checked_on: date
    status: str
    note: str


class ClassAgreementLight(NamedTuple):
    """A class agreement with its latest check, as ``store.class_talks.ClassAgreementView``."""

    agreement: ClassAgreementRow
    last_check: ClassAgreementCheckRow | None = None


# --- Turning DB-API values into the rows' types --------------------------------------------------------


def as_datetime(value: datetime | str | None) -> datetime | None:
    """A stored time (SQLite's ISO text, or already a ``datetime``) as a ``datetime``; None stays None.

    A value that is no time (the file was changed outside pestcli) is the
    Dutch StoreError that names it, as for dates (``sql_values.as_date``).
    """
    if value is None or isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError as exc:
        from pestcli.store.backend.engine import unreadable_value

        raise unreadable_value(ValueError(f"Invalid isoformat string: '{value}'")) from exc


def _day(value: Any) -> date | None:
    """A stored date; a ``datetime`` a driver might hand back is cut to its day."""
    day = as_date(value)
    return day.date() if isinstance(day, datetime) else day


def _flag(value: Any) -> bool | None:
    """A stored boolean (SQLite's 0/1, PostgreSQL's bool)."""
    return None if value is None else bool(value)


#: How a column's value is read, by the type its row class declares.
_READERS = {"date": _day, "date | None": _day, "datetime": as_datetime, "datetime | None": as_datetime,
            "bool": _flag}


def _columns(row_class: type, table: str) -> str:
    """``table.a, table.b, ...``: the columns of ``row_class``, in its order."""
    return ", ".join(f"{table}.{name}" for name in row_class._fields)  # type: ignore[attr-defined]


#: Per row class: how each of its columns is read (None: as the driver hands it).
_READERS_OF: dict[type, list[Any]] = {}


def _row(row_class: type, values: Sequence[Any]) -> Any:
    """One row object from the values of its columns (in ``_columns`` order)."""
    readers = _READERS_OF.get(row_class)
    if readers is None:
        # the declared types, as written (NamedTuple keeps them as forward references)
        types = {name: getattr(kind, "__forward_arg__", kind) for name, kind in row_class.__annotations__.items()}
        readers = _READERS_OF[row_class] = [_READERS.get(str(types[name]))
                                            for name in row_class._fields]  # type: ignore[attr-defined]
    return row_class(*(read(v) if read is not None else v for read, v in zip(readers, values, strict=True)))


def _split(values: Sequence[Any], *row_classes: type) -> list[Any]:
    """Several row objects from one joined result row; a row whose id is NULL (outer join) is None."""
    objects, start = [], 0
    for row_class in row_classes:
        width = len(row_class._fields)  # type: ignore[attr-defined]
        part = values[start:start + width]
        objects.append(None if part[0] is None else _row(row_class, part))
        start += width
    return objects


def _select(con: Any, row_class: type, table: str, where: str, params: Sequence[Any], order: str) -> list[Any]:
    """Every row of ``table`` matching ``where``, as ``row_class`` objects, in ``order``."""
    sql = f"SELECT {_columns(row_class, table)} FROM {table} WHERE {where} ORDER BY {order}"
    return [_row(row_class, values) for values in con.execute(sql, list(params)).fetchall()]


# --- The reads ------------------------------------------------------------------------------------------


def case_id_by_number(store: Store, number: str) -> int | None:
    """The id of the case with this number (``2026-0001``) in the store's school, or None."""
    with store.sql() as con:
        found = con.execute("SELECT id FROM cases WHERE school_id = ? AND number = ?",
                            [store.school_id, number.strip()]).fetchone()
    return int(found[0]) if found is not None else None


def case_detail_rows(store: Store, case_id: int) -> CaseDetail:
    """The case and every child row in one read transaction, as ``store.detail.case_detail`` reads them.

    A case that does not exist is the Dutch NotFoundError ``Melding N bestaat
    niet (meer).``
    """
    with store.sql() as con:
        found = _select(con, CaseRow, "cases", "cases.id = ?", [case_id], "cases.id")
        if not found:
            raise NotFoundError(f"Melding {case_id} bestaat niet (meer).")

        def rows(row_class: type, table: str, order: str) -> list[Any]:
            return _select(con, row_class, table, f"{table}.case_id = ?", [case_id], order)

        people = [_split(values, CaseRoleRow, PersonRow) for values in con.execute(
            f"SELECT {_columns(CaseRoleRow, 'case_roles')}, {_columns(PersonRow, 'people')} FROM case_roles"
            " JOIN people ON people.id = case_roles.person_id WHERE case_roles.case_id = ?"
            " ORDER BY case_roles.id", [case_id]).fetchall()]
        talks = rows(ConversationRow, "conversations", "conversations.started_at, conversations.id")
        contacts = rows(ParentContactRow, "parent_contacts", "parent_contacts.id")
        forms = con.execute("SELECT form_id FROM case_forms WHERE case_id = ? ORDER BY form_id",
                            [case_id]).fetchall()
        return CaseDetail(
            case=found[0],
            forms=[form_id for (form_id,) in forms],
            people=[PersonInCase(role.role, person, role) for role, person in people],
            steps=rows(StepRow, "step_progress", "step_progress.step"),
            conversations=_conversations(con, talks),
            agreements=_agreements(con, case_id),
            followups=rows(FollowUpRow, "followups", "followups.due_on, followups.seq"),
            evidence=rows(EvidenceRow, "evidence", "evidence.id"),
            parent_contacts=contacts,
            escalations=rows(EscalationRow, "escalations", "escalations.escalated_on, escalations.id"),
            parents=_parents(con, [person for _, person in people]),
            contact_parents=_contact_parents(con, [c.id for c in contacts]),
        )


def _conversations(con: Any, talks: list[Any]) -> list[ConversationDetail]:
    """Participants and items of the case's conversations (``conversations.load_conversation_details``)."""
    ids = [t.id for t in talks]
    if not ids:
        return []
    people = [_split(values, ParticipantRow, PersonRow) for values in con.execute(
        f"SELECT {_columns(ParticipantRow, 'conversation_participants')}, {_columns(PersonRow, 'people')}"
        " FROM conversation_participants JOIN people ON people.id = conversation_participants.person_id"
        f" WHERE conversation_participants.conversation_id IN ({marks(len(ids))})"
        " ORDER BY conversation_participants.id", ids).fetchall()]
    items = _select(con, ItemRow, "conversation_items", f"conversation_items.conversation_id IN ({marks(len(ids))})",
                    ids, "conversation_items.id")
    return [ConversationDetail(
        talk,
        [Participant(row.role, person, row) for row, person in people if row.conversation_id == talk.id],
        {item.item_id: item for item in items if item.conversation_id == talk.id},
    ) for talk in talks]


def _agreements(con: Any, case_id: int) -> list[AgreementView]:
    """The case's agreements with their person and checks (``agreements.load_agreements``)."""
    rows = [_split(values, AgreementRow, PersonRow) for values in con.execute(
        f"SELECT {_columns(AgreementRow, 'agreements')}, {_columns(PersonRow, 'people')} FROM agreements"
        " LEFT JOIN people ON people.id = agreements.person_id WHERE agreements.case_id = ?"
        " ORDER BY agreements.agreed_on, agreements.id", [case_id]).fetchall()]
    ids = [agreement.id for agreement, _ in rows]
    checks = _select(con, AgreementCheckRow, "agreement_checks",
                     f"agreement_checks.agreement_id IN ({marks(len(ids))})", ids,
                     "agreement_checks.checked_on, agreement_checks.id") if ids else []
    return [AgreementView(agreement, person, [c for c in checks if c.agreement_id == agreement.id])
            for agreement, person in rows]


def _parents(con: Any, people: list[Any]) -> list[ParentOfPupil]:
    """The parents and carers among ``people`` with their pupil and relation (``detail.parents_in_case``).

    A parent linked to several pupils is shown with the link made last, as there.
    """
    parents = {p.id: p for p in people if p.kind == PARENT_KIND}
    links: dict[int, tuple[int, str]] = {}
    if parents:
        for parent_id, pupil_id, relation in con.execute(
                f"SELECT parent_id, pupil_id, relation FROM parent_links WHERE parent_id IN ({marks(len(parents))})"
                " ORDER BY id", list(parents)).fetchall():
            links[parent_id] = (pupil_id, relation)
    pupils = {p.id: p for p in people}
    missing = [pupil_id for pupil_id, _ in links.values() if pupil_id not in pupils]
    if missing:
        pupils.update({p.id: p for p in _select(con, PersonRow, "people", f"people.id IN ({marks(len(missing))})",
                                                 missing, "people.id")})
    result = []
    for person_id, parent in parents.items():
        link = links.get(person_id)
        result.append(ParentOfPupil(parent, pupils.get(link[0]) if link else None,
                                    link[1] if link else "ouder/verzorger"))
    return result


def _contact_parents(con: Any, contact_ids: list[int]) -> dict[int, list[int]]:
    """Parent contact id -> the ids of the parents spoken to (``parent_contacts.contact_people_of``)."""
    if not contact_ids:
        return {}
    result: dict[int, list[int]] = {}
    for contact_id, person_id in con.execute(
            f"SELECT contact_id, person_id FROM parent_contact_people WHERE contact_id IN ({marks(len(contact_ids))})",
            contact_ids).fetchall():
        result.setdefault(contact_id, []).append(person_id)
    return {k: sorted(v) for k, v in result.items()}


def school_year_of_case(case: Any, today: date) -> str:
    """The school year whose class agreements a case shows (the rule of ``class_talks.school_year_for_case``).

    This one while the case is open; a closed case keeps the year it was
    closed in (or reported in), so its summary does not change when a new
    school year starts.
    """
    from pestcli.protocol.calendar import school_year_of

    if case.status == "closed":
        return school_year_of(case.closed_on or case.reported_on)
    return school_year_of(today)


def class_agreement_rows(store: Store, class_name: str, school_year: str) -> list[ClassAgreementLight]:
    """The agreements of a class in a school year with their latest check (``class_talks.class_agreements``)."""
    if not class_name.strip():
        return []
    with store.sql() as con:
        rows = _select(con, ClassAgreementRow, "class_agreements",
                       "class_agreements.class_name = ? AND class_agreements.school_year = ?",
                       [class_name.strip(), school_year], "class_agreements.agreed_on, class_agreements.id")
        ids = [row.id for row in rows]
        checks = _select(con, ClassAgreementCheckRow, "class_agreement_checks",
                         f"class_agreement_checks.class_agreement_id IN ({marks(len(ids))})", ids,
                         "class_agreement_checks.checked_on, class_agreement_checks.id") if ids else []
    latest = {check.class_agreement_id: check for check in checks}
    return [ClassAgreementLight(row, latest.get(row.id)) for row in rows]
