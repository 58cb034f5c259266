"""The tables of the case store (SQLModel).

Ids that come from the protocol (forms of bullying, guides, checklist items,
roles, reporter kinds, choices of when parents are told, contact kinds, escalation rungs) are plain
strings, so a school can adapt its protocol without a schema change. Rows that
belong to a case are deleted with it (``ON DELETE CASCADE``); the audit trail
is kept apart and survives an erasure. Times are naive local time (the
mentor's clock); SQLModel's UTC type is deliberately not used.

The tables carry no ORM relationships: the service modules of ``store/`` load
what a screen needs with explicit queries and hand back detached rows.
"""

from __future__ import annotations

from datetime import date, datetime

from typing import Any

from sqlalchemy import DateTime, Index, LargeBinary, MetaData, UniqueConstraint, text
from sqlalchemy import false as sa_false
from sqlalchemy.orm import declared_attr, registry
from sqlmodel import Field, SQLModel

#: Constraint names that Alembic's batch mode can find again on SQLite.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


class StoreModel(SQLModel, registry=registry(metadata=metadata)):
    """Base of every pestcli table; owns the metadata with the naming convention."""


class VersionedModel(StoreModel):
    """A table whose rows people change: ``version`` counts the changes (optimistic concurrency).

    SQLAlchemy adds ``AND version = <the version read>`` to every UPDATE and
    raises StaleDataError when a colleague changed the row in between; the
    use cases also compare the version a screen showed (``store.versions``).
    """

    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        """Let SQLAlchemy check and count ``version`` on every UPDATE of the row."""
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


#: The people rows ``uq_people_school_id_pupil_number`` covers: imported pupils with a number.
IMPORTED_WITH_NUMBER = "imported_at IS NOT NULL AND pupil_number <> ''"

#: The school every record of a mentor's own file belongs to (revision 0011 made it).
FIRST_SCHOOL_ID = 1


class School(StoreModel, table=True):
    """A school (location) the database serves: a foundation's schools share one server."""

    __tablename__ = "schools"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    created_at: datetime = Field(sa_type=DateTime)


class Staff(StoreModel, table=True):
    """A member of the school's team as the server knows them: one PostgreSQL login (revision 0012).

    ``school_id`` is None for the foundation's own people (they see only
    numbers). A removed member keeps their row (``removed_at``): their records
    stay attributed. What they may see is the login's roles plus
    :class:`StaffDepartment` and :class:`CaseAccess`; a mentor's own file has
    no staff.
    """

    __tablename__ = "staff"

    id: int | None = Field(default=None, primary_key=True)
    school_id: int | None = Field(default=None, foreign_key="schools.id")
    login: str = Field(unique=True)
    name: str
    created_at: datetime = Field(sa_type=DateTime)
    removed_at: datetime | None = Field(default=None, sa_type=DateTime)


class StaffDepartment(StoreModel, table=True):
    """Part of a team leader's department: a year group (``leerjaar`` ``2``) or a class (``klas`` ``2B``)."""

    __tablename__ = "staff_departments"
    __table_args__ = (UniqueConstraint("staff_id", "kind", "value"),)

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id", ondelete="CASCADE")
    kind: str
    value: str


class Case(VersionedModel, table=True):
    """A report of bullying (melding) and the protocol it runs under."""

    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("school_id", "year", "seq"),
        UniqueConstraint("school_id", "number"),
        Index("ix_cases_status_reported_on", "status", "reported_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    #: The school (location) of the case; numbers are unique per school and year.
    school_id: int = Field(default=FIRST_SCHOOL_ID, foreign_key="schools.id",
                           sa_column_kwargs={"server_default": "1"})
    number: str = Field(index=True)
    year: int
    seq: int
    status: str = "open"
    reported_on: date
    reporter_kind: str
    #: Who reported (store.reporter): a pupil of the case, or a parent's / staff member's name (and relation).
    reporter_person_id: int | None = Field(default=None, foreign_key="people.id", ondelete="SET NULL")
    reporter_name: str = ""
    reporter_relation: str = ""
    class_name: str = Field(default="", index=True)
    location: str = ""
    online: bool = False
    #: When the parents are told: a choice id of [informing_parents] ("na-stap-1"), and the mentor's reason.
    parents_informed_after: str = "na-stap-3"
    informing_reason: str = ""
    description: str = ""
    mentor: str = ""
    protocol_name: str
    protocol_version: str
    closed_on: date | None = None
    closed_reason: str | None = None
    keep_until: date | None = None
    keep_reason: str = ""
    #: The two-year monitoring of stap 5 ended on this day (None: it goes on, also after closing).
    monitoring_ended_on: date | None = None
    monitoring_end_reason: str = ""
    #: The mentor who holds the case on the school's server (None in a mentor's own file).
    holder_id: int | None = Field(default=None, foreign_key="staff.id", index=True)
    #: Who has the regie: ``mentor``, or ``apc`` once the case is escalated (protocol §8).
    regie: str = Field(default="mentor", sa_column_kwargs={"server_default": "mentor"})
    created_at: datetime = Field(sa_type=DateTime)
    updated_at: datetime = Field(sa_type=DateTime)


class CaseHandover(StoreModel, table=True):
    """A case handed to another mentor (a new school year, a change of mentor), with the hand-over note."""

    __tablename__ = "case_handovers"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE", index=True)
    from_staff_id: int | None = Field(default=None, foreign_key="staff.id")
    to_staff_id: int = Field(foreign_key="staff.id")
    note: str = Field(default="", sa_column_kwargs={"server_default": ""})
    handed_on: date
    #: The login that did it (on the server a trigger fills it in).
    handed_by: str = Field(default="", sa_column_kwargs={"server_default": ""})
    at: datetime = Field(sa_type=DateTime)


class CaseAccess(StoreModel, table=True):
    """A colleague given access to a case: a co-mentor, the previous mentor, the support team.

    ``can_change`` False is read-only; ``revoked_at`` ends the access (the row
    stays: who could see the case, and when, is part of the record).
    """

    __tablename__ = "case_access"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE", index=True)
    staff_id: int = Field(foreign_key="staff.id", index=True)
    can_change: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})
    reason: str = Field(default="", sa_column_kwargs={"server_default": ""})
    granted_by: str = Field(default="", sa_column_kwargs={"server_default": ""})
    granted_at: datetime = Field(sa_type=DateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=DateTime)


class CaseForm(StoreModel, table=True):
    """One form of bullying (a protocol id such as ``woorden.bijnaam``) of a case."""

    __tablename__ = "case_forms"

    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE", primary_key=True)
    form_id: str = Field(primary_key=True)


class Person(VersionedModel, table=True):
    """A pupil, parent or staff member who takes part in one or more cases."""

    __tablename__ = "people"
    __table_args__ = (
        Index("ix_people_last_name_first_name", "last_name", "first_name"),
        # One imported pupil per number and school (revision 0013); hand-typed rows are not covered.
        Index("uq_people_school_id_pupil_number", "school_id", "pupil_number", unique=True,
              sqlite_where=text(IMPORTED_WITH_NUMBER), postgresql_where=text(IMPORTED_WITH_NUMBER)),
    )

    id: int | None = Field(default=None, primary_key=True)
    #: The school (location) whose pupil, parent or staff member this is.
    school_id: int = Field(default=FIRST_SCHOOL_ID, foreign_key="schools.id", index=True,
                           sa_column_kwargs={"server_default": "1"})
    first_name: str
    last_name: str = ""
    kind: str = "leerling"
    class_name: str = Field(default="", index=True)
    pupil_number: str = ""
    #: A parent's or carer's phone number and e-mail address (optional; empty for pupils).
    phone: str = ""
    email: str = ""
    #: Who typed the person in (on the school's server; a server trigger fills it).
    created_by: int | None = Field(default=None, foreign_key="staff.id")
    created_at: datetime = Field(sa_type=DateTime)
    #: When an import from the school's administration (``import-leerlingen``) last brought or changed the
    #: pupil; None: typed in by hand (or copied from a file that had none).
    imported_at: datetime | None = Field(default=None, sa_type=DateTime)
    #: The day the pupil was no longer in the administration's export (left the school); their
    #: retention clock starts then. None while they are at school.
    left_on: date | None = None


class ClassMentor(StoreModel, table=True):
    """The mentor of a class in one school year, as the school's administration says (``import-leerlingen``).

    ``mentor_name`` is the export's text as it was; ``staff_id`` the member of
    the team it names on the school's server (None when it matched nobody,
    and always in a mentor's own file).
    """

    __tablename__ = "class_mentors"
    __table_args__ = (UniqueConstraint("school_id", "school_year", "class_name"),)

    id: int | None = Field(default=None, primary_key=True)
    school_id: int = Field(default=FIRST_SCHOOL_ID, foreign_key="schools.id",
                           sa_column_kwargs={"server_default": "1"})
    school_year: str
    class_name: str
    mentor_name: str = Field(default="", sa_column_kwargs={"server_default": ""})
    staff_id: int | None = Field(default=None, foreign_key="staff.id", ondelete="SET NULL")
    imported_at: datetime = Field(sa_type=DateTime)


class CaseRole(StoreModel, table=True):
    """The role a person has in a case (gepeste, pester, meeloper, ...)."""

    __tablename__ = "case_roles"
    __table_args__ = (UniqueConstraint("case_id", "person_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE")
    person_id: int = Field(foreign_key="people.id", ondelete="CASCADE", index=True)
    role: str
    note: str = ""


class StepProgress(VersionedModel, table=True):
    """Stap 1-6 of a case: when it is due and when (and by whom) it was done."""

    __tablename__ = "step_progress"
    __table_args__ = (
        UniqueConstraint("case_id", "step"),
        Index("ix_step_progress_done_on_due_on", "done_on", "due_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE")
    step: int
    due_on: date | None = None
    done_on: date | None = None
    done_by: str = ""
    #: How often the date or state changed (iCalendar SEQUENCE; kept by triggers, revision 0009).
    changes: int = 0


class Conversation(VersionedModel, table=True):
    """A guided conversation (bijlage 1-7) held for a case."""

    __tablename__ = "conversations"
    __table_args__ = (Index("ix_conversations_case_id_ended_at", "case_id", "ended_at"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE")
    guide_id: str
    step: int | None = None
    started_at: datetime = Field(sa_type=DateTime)
    ended_at: datetime | None = Field(default=None, sa_type=DateTime)
    held_by: str = ""
    notes: str = ""


class ConversationParticipant(StoreModel, table=True):
    """A person who took part in a conversation, in a role."""

    __tablename__ = "conversation_participants"
    __table_args__ = (UniqueConstraint("conversation_id", "person_id"),)

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversations.id", ondelete="CASCADE")
    person_id: int = Field(foreign_key="people.id", ondelete="CASCADE", index=True)
    role: str = ""


class ConversationItem(VersionedModel, table=True):
    """The state (open / done / skipped) and note of one checklist item."""

    __tablename__ = "conversation_items"
    __table_args__ = (UniqueConstraint("conversation_id", "item_id"),)

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversations.id", ondelete="CASCADE")
    item_id: str
    state: str = "open"
    note: str = ""
    updated_at: datetime = Field(sa_type=DateTime)


class Agreement(VersionedModel, table=True):
    """An agreement (afspraak): who agreed to what, and when."""

    __tablename__ = "agreements"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE", index=True)
    conversation_id: int | None = Field(
        default=None, foreign_key="conversations.id", ondelete="SET NULL", index=True
    )
    person_id: int | None = Field(
        default=None, foreign_key="people.id", ondelete="SET NULL", index=True
    )
    text: str
    agreed_on: date
    created_at: datetime = Field(sa_type=DateTime)


class FollowUp(VersionedModel, table=True):
    """A follow-up conversation of stap 5, up to two years after the agreements.

    ``moved_from`` and ``moved_reason``: the date before the last move and why
    the mentor moved it (empty when never moved or no reason given).
    """

    __tablename__ = "followups"
    __table_args__ = (
        Index("ix_followups_done_on_cancelled_on_due_on", "done_on", "cancelled_on", "due_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE", index=True)
    seq: int
    label: str
    due_on: date
    done_on: date | None = None
    cancelled_on: date | None = None
    outcome: str | None = None
    note: str = ""
    done_by: str = ""
    moved_from: date | None = None
    moved_reason: str = ""
    #: How often the date or state changed (iCalendar SEQUENCE; kept by triggers, revision 0009).
    changes: int = 0
    #: Cancelled because the case was closed with "monitoring stopt nu"; reopening brings it back.
    cancelled_by_close: bool = False


class AgreementCheck(StoreModel, table=True):
    """The status of an agreement (kept / broken) at a follow-up."""

    __tablename__ = "agreement_checks"

    id: int | None = Field(default=None, primary_key=True)
    agreement_id: int = Field(foreign_key="agreements.id", ondelete="CASCADE", index=True)
    followup_id: int | None = Field(
        default=None, foreign_key="followups.id", ondelete="CASCADE", index=True
    )
    checked_on: date
    status: str
    note: str = ""


class Evidence(VersionedModel, table=True):
    """Evidence of online bullying, with an optional file copied into the data dir."""

    __tablename__ = "evidence"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE", index=True)
    kind: str
    occurred_at: datetime | None = Field(default=None, sa_type=DateTime)
    platform: str = ""
    url: str = ""
    username: str = ""
    description: str = ""
    file_name: str | None = None
    file_path: str | None = None
    sha256: str | None = None
    file_size: int | None = None
    recorded_at: datetime = Field(sa_type=DateTime)
    recorded_by: str = ""


class EvidenceContent(StoreModel, table=True):
    """The bytes of an evidence file, in the database: on a server, where no data folder is shared."""

    __tablename__ = "evidence_contents"

    evidence_id: int = Field(foreign_key="evidence.id", ondelete="CASCADE", primary_key=True)
    content: bytes = Field(sa_type=LargeBinary)


class Escalation(VersionedModel, table=True):
    """A hand-over up the ladder (APC, teamleider/directie), with a sanction phase."""

    __tablename__ = "escalations"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE", index=True)
    to_rung: str
    sanction_phase: int | None = None
    reason: str = ""
    escalated_on: date
    escalated_by: str = ""
    #: A sanction phase the mentor or the APC proposes; a team leader or the directie decides (phases 4-5).
    proposed: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})


# --- Parents and carers: who is whose parent, and the contacts with them -----------------------------
# The tables of parents and carers: who is whose parent, and the contacts with them.
#
# A parent or carer is a ``Person`` of kind ``ouder``
# linked to a pupil (``ParentLink``); a contact (``ParentContact``) names the
# parents spoken to (``ParentContactPerson``) and, for a guided conversation
# (bijlage 5), the conversation it was.


class ParentLink(StoreModel, table=True):
    """A parent or carer (a person of kind ``ouder``) of a pupil, and how they are related."""

    __tablename__ = "parent_links"
    __table_args__ = (UniqueConstraint("parent_id", "pupil_id"),)

    id: int | None = Field(default=None, primary_key=True)
    parent_id: int = Field(foreign_key="people.id", ondelete="CASCADE", index=True)
    pupil_id: int = Field(foreign_key="people.id", ondelete="CASCADE", index=True)
    #: ``moeder``, ``vader``, ``verzorger``, ... (see ``store.values.PARENT_RELATIONS``).
    relation: str = "verzorger"


class ParentContact(VersionedModel, table=True):
    """A contact with the parents of a pupil: planned, and once held, how and what."""

    __tablename__ = "parent_contacts"
    __table_args__ = (
        Index("ix_parent_contacts_held_on_planned_on", "held_on", "planned_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE", index=True)
    pupil_id: int | None = Field(
        default=None, foreign_key="people.id", ondelete="SET NULL", index=True
    )
    planned_on: date | None = None
    held_on: date | None = None
    how: str | None = None
    summary: str = ""
    held_by: str = ""
    #: How often the date or state changed (iCalendar SEQUENCE; kept by triggers, revision 0009).
    changes: int = 0
    #: ``gesprek`` (stap 6 and later) or ``informeren`` (stap 2: tell the parents what goes on).
    purpose: str = "gesprek"
    #: The guided conversation (bijlage 5) this contact was, once it is finished.
    conversation_id: int | None = Field(
        default=None, foreign_key="conversations.id", ondelete="SET NULL", index=True
    )


class ParentContactPerson(StoreModel, table=True):
    """A parent or carer who was spoken to in a parent contact."""

    __tablename__ = "parent_contact_people"

    contact_id: int = Field(foreign_key="parent_contacts.id", ondelete="CASCADE", primary_key=True)
    person_id: int = Field(foreign_key="people.id", ondelete="CASCADE", primary_key=True, index=True)


# --- The class conversation (bijlage 1, spoor 4): per class and school year --------------------------
# The tables of the class conversation (bijlage 1, spoor 4): per class and school year.
#
# The class conversation belongs to a class, not to a
# case: erasing a case keeps it (``case_id`` becomes NULL).


class ClassConversation(VersionedModel, table=True):
    """The class conversation (bijlage 1, vijfsporenaanpak spoor 4) of one class in one school year.

    It belongs to the class, not to a case: ``case_id`` only says which case
    it was started from (None when started for the class, or once that case
    is erased).
    """

    __tablename__ = "class_conversations"
    __table_args__ = (Index("ix_class_conversations_class_name_school_year", "class_name", "school_year"),)

    id: int | None = Field(default=None, primary_key=True)
    class_name: str
    school_year: str
    guide_id: str = "bijlage-1"
    started_at: datetime = Field(sa_type=DateTime)
    ended_at: datetime | None = Field(default=None, sa_type=DateTime)
    held_by: str = ""
    notes: str = ""
    case_id: int | None = Field(default=None, foreign_key="cases.id", ondelete="SET NULL", index=True)
    #: The school of the class; who recorded it (on the school's server).
    school_id: int = Field(default=FIRST_SCHOOL_ID, foreign_key="schools.id",
                           sa_column_kwargs={"server_default": "1"})
    created_by: int | None = Field(default=None, foreign_key="staff.id")


class ClassConversationItem(VersionedModel, table=True):
    """The state (open / done / skipped) and note of one checklist item of a class conversation."""

    __tablename__ = "class_conversation_items"
    __table_args__ = (UniqueConstraint("class_conversation_id", "item_id"),)

    id: int | None = Field(default=None, primary_key=True)
    class_conversation_id: int = Field(foreign_key="class_conversations.id", ondelete="CASCADE")
    item_id: str
    state: str = "open"
    note: str = ""
    updated_at: datetime = Field(sa_type=DateTime)


class ClassAgreement(VersionedModel, table=True):
    """An agreement of a whole class for one school year ("Omgaan met elkaar").

    ``item_id`` is the bijlage-1 item it came from (ticked in the conversation);
    empty for the class's own agreements.
    """

    __tablename__ = "class_agreements"
    __table_args__ = (Index("ix_class_agreements_class_name_school_year", "class_name", "school_year"),)

    id: int | None = Field(default=None, primary_key=True)
    class_name: str
    school_year: str
    text: str
    item_id: str = ""
    agreed_on: date
    class_conversation_id: int | None = Field(
        default=None, foreign_key="class_conversations.id", ondelete="SET NULL", index=True
    )
    created_at: datetime = Field(sa_type=DateTime)
    #: The school of the class; who recorded it (on the school's server).
    school_id: int = Field(default=FIRST_SCHOOL_ID, foreign_key="schools.id",
                           sa_column_kwargs={"server_default": "1"})
    created_by: int | None = Field(default=None, foreign_key="staff.id")


class ClassAgreementCheck(StoreModel, table=True):
    """How a class agreement went (kept / broken), revisited at a follow-up of a case of that class."""

    __tablename__ = "class_agreement_checks"

    id: int | None = Field(default=None, primary_key=True)
    class_agreement_id: int = Field(foreign_key="class_agreements.id", ondelete="CASCADE", index=True)
    followup_id: int | None = Field(default=None, foreign_key="followups.id", ondelete="CASCADE", index=True)
    checked_on: date
    status: str
    note: str = ""


# --- About the database rather than a case: the audit trail and the database's identity --------------
# The tables about the database rather than a case: the audit trail and the database's identity.
#
# ``AuditEvent`` rows
# survive the erasure of the case they are about and never hold names;
# ``StoreMeta`` is the one row that names the database itself.


class AuditEvent(StoreModel, table=True):
    """What changed, when and by which OS user; never notes or names."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_case_id_at", "case_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=DateTime, index=True)
    os_user: str
    table_name: str
    row_id: int | None = None
    action: str
    summary: str = ""
    case_id: int | None = None
    #: The school the event happened at (on the school's server; a server trigger fills it).
    school_id: int | None = None


class StoreMeta(StoreModel, table=True):
    """One row about the database itself: ``database_id``, a random UUID made once.

    Calendar UIDs carry it, so items of two databases never collide. Not in
    :data:`TABLES`: it holds no case data.
    """

    __tablename__ = "store_meta"

    id: int | None = Field(default=None, primary_key=True)
    database_id: str


# --- Drafts: text a mentor typed and has not saved yet -----------------------------------------------
# The table of drafts: text a mentor typed and has not saved yet.
#
# A draft lives in the database, so an encrypted store
# encrypts it too, and it goes with its case (``ON DELETE CASCADE``).


class Draft(StoreModel, table=True):
    """Typed, unsaved text of one form or note, kept until it is saved or thrown away.

    ``key`` names the place it was typed (``report``, ``followup:7``,
    ``conversation:12:item:b4.x``); ``text`` is a JSON object of field name ->
    text; ``case_id`` is the case it belongs to (None for a new report).
    """

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("owner", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    #: Whose draft it is: the login on the school's server (a server trigger fills it), empty in a file.
    owner: str = Field(default="", sa_column_kwargs={"server_default": ""})
    key: str
    case_id: int | None = Field(default=None, foreign_key="cases.id", ondelete="CASCADE", index=True)
    text: str = "{}"
    saved_at: datetime = Field(sa_type=DateTime)


#: Every table, in an order that respects foreign keys (parents first).
TABLES = (Case, CaseForm, Person, ParentLink, CaseRole, StepProgress, Conversation, ConversationParticipant,
          ConversationItem, Agreement, FollowUp, AgreementCheck, Evidence, ParentContact, ParentContactPerson,
          Escalation, AuditEvent, ClassConversation, ClassConversationItem, ClassAgreement, ClassAgreementCheck)
