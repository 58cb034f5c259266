"""The class conversation (bijlage 1, spoor 4) and the class's agreements, per class and school year.

The class conversation belongs to a class in a school year (August to July,
``protocol.calendar.school_year_of``), with the class as participant; a case
it was started from is only remembered. Ticking an item of the agreements
list makes it an agreement of the class, in the same transaction (un-ticking
takes it back); the class's own agreements are added in its own words. Every
case of that class in that school year shows them, and a follow-up of such a
case revisits them (kept / broken, ``check_class_agreement``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from pestcli.store import audit
from pestcli.store.common import check_choice, check_id, check_text, local_time, now, require
from pestcli.store.errors import InvalidValueError
from pestcli.store.models import (
    Case,
    ClassAgreement,
    ClassAgreementCheck,
    ClassConversation,
    ClassConversationItem,
    FollowUp,
    Person,
)
from pestcli.store.sql_values import saved_id
from pestcli.store.values import AGREEMENT_STATUSES, ITEM_STATES

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

#: The guide of the class conversation.
CLASS_GUIDE = "bijlage-1"


@dataclass(frozen=True)
class ClassTalkDetail:
    """A class conversation with its checklist items (item id -> row)."""

    conversation: ClassConversation
    items: dict[str, ClassConversationItem] = field(default_factory=dict)


@dataclass(frozen=True)
class ClassAgreementView:
    """A class agreement with its latest check (None when never revisited)."""

    agreement: ClassAgreement
    last_check: ClassAgreementCheck | None = None


def school_year_for_case(case: Case, today: date) -> str:
    """The school year whose class agreements a case shows: this one while it is open, else its own.

    A closed case keeps the agreements of the year it was closed in (or
    reported in), so its summary does not change when a new school year starts.
    """
    from pestcli.protocol.calendar import school_year_of

    if case.status == "closed":
        return school_year_of(case.closed_on or case.reported_on)
    return school_year_of(today)


def agreements_of_case_class(store: Store, case: Case, today: date) -> list[ClassAgreementView]:
    """The agreements of the case's class for the school year it shows (none without a class)."""
    return class_agreements(store, case.class_name, school_year_for_case(case, today))


def check_class_name(class_name: str) -> str:
    """The stripped class name, or a Dutch error when it is empty or too long."""
    name = check_text(class_name, "De klas")
    if len(name) > 20:
        raise InvalidValueError("Een klas is een korte naam, zoals 2B of H3a.")
    return name


def start_class_conversation(
    store: Store,
    class_name: str,
    school_year: str,
    *,
    case_id: int | None = None,
    started_at: datetime | None = None,
    held_by: str = "",
    guide_id: str = CLASS_GUIDE,
) -> ClassConversation:
    """Start the class conversation of ``class_name`` in ``school_year`` (from a case, or not)."""
    class_name = check_class_name(class_name)
    school_year = check_text(school_year, "Het schooljaar")
    guide_id = check_id(guide_id, "De gespreksleidraad")
    with store.write() as session:
        if case_id is not None:
            require(session, Case, case_id, "Melding")
        talk = ClassConversation(class_name=class_name, school_year=school_year, guide_id=guide_id,
                                 started_at=local_time(started_at), held_by=held_by, case_id=case_id)
        session.add(talk)
        session.flush()
        audit.record(session, "class_conversations", talk.id, "create", f"klassengesprek {guide_id} gestart",
                     case_id)
        return talk


def record_class_item_state(
    store: Store,
    conversation_id: int,
    item_id: str,
    state: str,
    note: str | None = None,
    *,
    agreement_text: str | None = None,
    on: date | None = None,
) -> ClassConversationItem:
    """Set an item open / done / skipped; with ``agreement_text`` a done item is an agreement of the class.

    One transaction: the item's state and the class agreement it makes (or,
    no longer done, takes back).
    """
    check_choice(state, ITEM_STATES, "status van een gesprekspunt")
    item_id = check_id(item_id, "Het gesprekspunt")
    with store.write() as session:
        talk = require(session, ClassConversation, conversation_id, "Klassengesprek")
        row = session.exec(select(ClassConversationItem).where(
            ClassConversationItem.class_conversation_id == conversation_id, ClassConversationItem.item_id == item_id
        )).first()
        if row is None:
            row = ClassConversationItem(class_conversation_id=conversation_id, item_id=item_id, updated_at=now())
            session.add(row)
        row.state, row.updated_at = state, now()
        if note is not None:
            row.note = note
        if agreement_text is not None:
            _sync_item_agreement(session, talk, item_id, agreement_text if state == "done" else None,
                                 on or date.today())
        session.flush()
        audit.record(session, "class_conversation_items", row.id, "update", f"punt {item_id}: {state}",
                     talk.case_id)
        return row


def _sync_item_agreement(session: Session, talk: ClassConversation, item_id: str, text: str | None,
                         on: date) -> None:
    """The class agreement an item makes: added when done (``text``), removed when not (None)."""
    existing = session.exec(select(ClassAgreement).where(
        ClassAgreement.class_conversation_id == talk.id, ClassAgreement.item_id == item_id)).first()
    if text is not None and existing is None:
        session.add(ClassAgreement(class_name=talk.class_name, school_year=talk.school_year, text=text,
                                   item_id=item_id, agreed_on=on, class_conversation_id=talk.id,
                                   created_at=now()))
    elif text is None and existing is not None:
        session.delete(existing)


def end_class_conversation(
    store: Store, conversation_id: int, ended_at: datetime | None = None, notes: str | None = None
) -> ClassConversation:
    """End a class conversation (now, or at ``ended_at``)."""
    with store.write() as session:
        talk = require(session, ClassConversation, conversation_id, "Klassengesprek")
        talk.ended_at = local_time(ended_at)
        if notes is not None:
            talk.notes = notes
        audit.record(session, "class_conversations", conversation_id, "update", "klassengesprek afgerond",
                     talk.case_id)
        return talk


def unfinished_class_conversation(store: Store, class_name: str, school_year: str) -> ClassConversation | None:
    """The most recent class conversation of the class and year that has not ended."""
    with store.read() as session:
        return session.exec(
            select(ClassConversation).where(
                ClassConversation.class_name == class_name.strip(), ClassConversation.school_year == school_year,
                col(ClassConversation.ended_at).is_(None))
            .order_by(col(ClassConversation.started_at).desc(), col(ClassConversation.id).desc())
        ).first()


def class_conversations(store: Store, class_name: str, school_year: str) -> list[ClassConversation]:
    """The class conversations of a class in a school year, oldest first."""
    with store.read() as session:
        return list(session.exec(
            select(ClassConversation).where(ClassConversation.class_name == class_name.strip(),
                                            ClassConversation.school_year == school_year)
            .order_by(col(ClassConversation.started_at), col(ClassConversation.id))
        ).all())


def class_conversation_detail(store: Store, conversation_id: int) -> ClassTalkDetail:
    """One class conversation with its checklist items."""
    with store.read() as session:
        talk = require(session, ClassConversation, conversation_id, "Klassengesprek")
        items = session.exec(select(ClassConversationItem).where(
            ClassConversationItem.class_conversation_id == conversation_id).order_by(col(ClassConversationItem.id))
        ).all()
        return ClassTalkDetail(talk, {item.item_id: item for item in items})


def add_class_agreement(
    store: Store, class_name: str, school_year: str, text: str, agreed_on: date,
    conversation_id: int | None = None,
) -> ClassAgreement:
    """Record an agreement of the class in its own words (the document's open lines ``…………``)."""
    class_name = check_class_name(class_name)
    text = check_text(text, "De afspraak")
    with store.write() as session:
        case_id = None
        if conversation_id is not None:
            case_id = require(session, ClassConversation, conversation_id, "Klassengesprek").case_id
        row = ClassAgreement(class_name=class_name, school_year=school_year, text=text, agreed_on=agreed_on,
                             class_conversation_id=conversation_id, created_at=now())
        session.add(row)
        session.flush()
        audit.record(session, "class_agreements", row.id, "create", "afspraak met de klas vastgelegd", case_id)
        return row


def load_class_agreements(session: Session, class_name: str, school_year: str) -> list[ClassAgreementView]:
    """The agreements of a class in a school year, in the order they were made, with their latest check."""
    rows = session.exec(
        select(ClassAgreement).where(ClassAgreement.class_name == class_name.strip(),
                                     ClassAgreement.school_year == school_year)
        .order_by(col(ClassAgreement.agreed_on), col(ClassAgreement.id))
    ).all()
    checks = session.exec(
        select(ClassAgreementCheck).where(col(ClassAgreementCheck.class_agreement_id).in_([r.id for r in rows]))
        .order_by(col(ClassAgreementCheck.checked_on), col(ClassAgreementCheck.id))
    ).all() if rows else []
    latest = {check.class_agreement_id: check for check in checks}
    return [ClassAgreementView(row, latest.get(saved_id(row.id))) for row in rows]


def class_agreements(store: Store, class_name: str, school_year: str) -> list[ClassAgreementView]:
    """The agreements of a class in a school year (empty when the class name is empty)."""
    if not class_name.strip():
        return []
    with store.read() as session:
        return load_class_agreements(session, class_name, school_year)


def check_class_agreement(
    session: Session, agreement_id: int, status: str, checked_on: date, followup_id: int | None = None,
    note: str = "",
) -> ClassAgreementCheck:
    """Record kept / broken for a class agreement inside an open write (a follow-up's transaction)."""
    check_choice(status, AGREEMENT_STATUSES, "status van een afspraak")
    agreement = require(session, ClassAgreement, agreement_id, "Afspraak met de klas")
    if followup_id is not None:
        followup = require(session, FollowUp, followup_id, "Vervolggesprek")
        case = require(session, Case, followup.case_id, "Melding")
        if case.class_name.strip() != agreement.class_name:
            raise InvalidValueError("Die afspraak met de klas hoort niet bij de klas van dit vervolggesprek.")
    row = ClassAgreementCheck(class_agreement_id=agreement_id, followup_id=followup_id, checked_on=checked_on,
                              status=status, note=note)
    session.add(row)
    session.flush()
    return row


def record_class_agreement_status(
    store: Store, agreement_id: int, status: str, checked_on: date, note: str = ""
) -> ClassAgreementCheck:
    """Record on its own how a class agreement goes (kept / broken)."""
    with store.write() as session:
        row = check_class_agreement(session, agreement_id, status, checked_on, note=note)
        audit.record(session, "class_agreement_checks", row.id, "create", f"afspraak met de klas: {status}")
        return row


def known_classes(store: Store) -> list[str]:
    """Every class name the store knows (of cases, pupils and class conversations), sorted."""
    with store.read() as session:
        names = set(session.exec(select(Case.class_name).distinct()).all())
        names |= set(session.exec(select(Person.class_name).distinct()).all())
        names |= set(session.exec(select(ClassConversation.class_name).distinct()).all())
    return sorted((n for n in names if n and n.strip()), key=lambda n: (n.casefold(), n))
