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

from sqlalchemy import DateTime, Index, MetaData, UniqueConstraint
from sqlalchemy.orm import registry
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


class Case(StoreModel, table=True):
    """A report of bullying (melding) and the protocol it runs under."""

    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("year", "seq"),
        Index("ix_cases_status_reported_on", "status", "reported_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True)
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
    created_at: datetime = Field(sa_type=DateTime)
    updated_at: datetime = Field(sa_type=DateTime)


class CaseForm(StoreModel, table=True):
    """One form of bullying (a protocol id such as ``woorden.bijnaam``) of a case."""

    __tablename__ = "case_forms"

    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE", primary_key=True)
    form_id: str = Field(primary_key=True)


class Person(StoreModel, table=True):
    """A pupil, parent or staff member who takes part in one or more cases."""

    __tablename__ = "people"
    __table_args__ = (Index("ix_people_last_name_first_name", "last_name", "first_name"),)

    id: int | None = Field(default=None, primary_key=True)
    first_name: str
    last_name: str = ""
    kind: str = "leerling"
    class_name: str = Field(default="", index=True)
    pupil_number: str = ""
    #: A parent's or carer's phone number and e-mail address (optional; empty for pupils).
    phone: str = ""
    email: str = ""
    created_at: datetime = Field(sa_type=DateTime)


class CaseRole(StoreModel, table=True):
    """The role a person has in a case (gepeste, pester, meeloper, ...)."""

    __tablename__ = "case_roles"
    __table_args__ = (UniqueConstraint("case_id", "person_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE")
    person_id: int = Field(foreign_key="people.id", ondelete="CASCADE", index=True)
    role: str
    note: str = ""


class StepProgress(StoreModel, table=True):
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


class Conversation(StoreModel, table=True):
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


class ConversationItem(StoreModel, table=True):
    """The state (open / done / skipped) and note of one checklist item."""

    __tablename__ = "conversation_items"
    __table_args__ = (UniqueConstraint("conversation_id", "item_id"),)

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversations.id", ondelete="CASCADE")
    item_id: str
    state: str = "open"
    note: str = ""
    updated_at: datetime = Field(sa_type=DateTime)


class Agreement(StoreModel, table=True):
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


class FollowUp(StoreModel, table=True):
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


class Evidence(StoreModel, table=True):
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


class Escalation(StoreModel, table=True):
    """A hand-over up the ladder (APC, teamleider/directie), with a sanction phase."""

    __tablename__ = "escalations"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", ondelete="CASCADE", index=True)
    to_rung: str
    sanction_phase: int | None = None
    reason: str = ""
    escalated_on: date
    escalated_by: str = ""


# The class conversation's tables, the parents' tables, the ledger and the drafts (store.class_models,
# store.parent_models, store.ledger_models, store.draft_models) need StoreModel; imported here for metadata
# and TABLES, so ``store.models`` still names every table.
from pestcli.store.class_models import (ClassAgreement, ClassAgreementCheck,  # noqa: E402
                                        ClassConversation, ClassConversationItem)
from pestcli.store.parent_models import ParentContact, ParentContactPerson, ParentLink  # noqa: E402
from pestcli.store.ledger_models import AuditEvent, StoreMeta  # noqa: E402,F401  (StoreMeta: in metadata, no case data)
from pestcli.store.draft_models import Draft  # noqa: E402,F401  (in metadata, not in TABLES: no case data)


#: Every table, in an order that respects foreign keys (parents first).
TABLES = (Case, CaseForm, Person, ParentLink, CaseRole, StepProgress, Conversation, ConversationParticipant,
          ConversationItem, Agreement, FollowUp, AgreementCheck, Evidence, ParentContact, ParentContactPerson,
          Escalation, AuditEvent, ClassConversation, ClassConversationItem, ClassAgreement, ClassAgreementCheck)
