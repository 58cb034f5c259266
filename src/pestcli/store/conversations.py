"""Guided conversations: start, tick checklist items, take notes, end, resume."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlmodel import Session, col, func, select

from pestcli.store import audit
from pestcli.store.common import check_choice, check_id, check_text, local_time, now, require, user_name
from pestcli.store.errors import InvalidValueError
from pestcli.store.models import (
    Agreement,
    Case,
    Conversation,
    ConversationItem,
    ConversationParticipant,
    FollowUp,
    Person,
)
from pestcli.store.sql_values import saved_id
from pestcli.store.values import ITEM_STATES, STEPS
from pestcli.store.views import ConversationDetail, Participant

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store


def start_conversation(
    store: Store,
    case_id: int,
    guide_id: str,
    *,
    step: int | None = None,
    participants: Sequence[tuple[int, str]] = (),
    started_at: datetime | None = None,
    held_by: str = "",
) -> Conversation:
    """Start a conversation of a guide (``bijlage-2`` ...) with ``(person_id, role)`` participants.

    ``held_by`` is who holds it; empty means the person using pestcli (``user_name``).
    """
    guide_id = check_id(guide_id, "De gespreksleidraad")
    held_by = held_by.strip() or user_name()
    if step is not None:
        check_choice(step, STEPS, "stap")
    with store.write() as session:
        require(session, Case, case_id, "Melding")
        talk = Conversation(case_id=case_id, guide_id=guide_id, step=step,
                            started_at=local_time(started_at), held_by=held_by)
        session.add(talk)
        session.flush()
        for person_id, role in participants:
            _add_participant(session, saved_id(talk.id), person_id, role)
        audit.record(session, "conversations", talk.id, "create", f"gesprek {guide_id} gestart", case_id)
        return talk


def _add_participant(session: Session, conversation_id: int, person_id: int, role: str) -> ConversationParticipant:
    """Insert one participant (or return the existing row)."""
    require(session, Person, person_id, "Persoon")
    row = session.exec(select(ConversationParticipant).where(
        ConversationParticipant.conversation_id == conversation_id,
        ConversationParticipant.person_id == person_id,
    )).first()
    if row is None:
        row = ConversationParticipant(conversation_id=conversation_id, person_id=person_id, role=role)
        session.add(row)
        session.flush()
    return row


def add_participant(store: Store, conversation_id: int, person_id: int, role: str = "") -> ConversationParticipant:
    """Add a person to a conversation."""
    with store.write() as session:
        talk = require(session, Conversation, conversation_id, "Gesprek")
        row = _add_participant(session, conversation_id, person_id, role)
        audit.record(session, "conversation_participants", row.id, "create", "deelnemer toegevoegd", talk.case_id)
        return row


def remove_participant(store: Store, participant_id: int) -> None:
    """Remove a person from a conversation."""
    with store.write() as session:
        row = require(session, ConversationParticipant, participant_id, "Deelnemer")
        talk = require(session, Conversation, row.conversation_id, "Gesprek")
        session.delete(row)
        audit.record(session, "conversation_participants", participant_id, "delete",
                     "deelnemer verwijderd", talk.case_id)


def _set_item(session: Session, conversation_id: int, item_id: str, state: str,
              note: str | None) -> ConversationItem:
    """The item's row in this session (made when new), set to ``state``; ``note`` replaces its note if given."""
    row = session.exec(select(ConversationItem).where(
        ConversationItem.conversation_id == conversation_id, ConversationItem.item_id == item_id
    )).first()
    if row is None:
        row = ConversationItem(conversation_id=conversation_id, item_id=item_id, updated_at=now())
        session.add(row)
    row.state, row.updated_at = state, now()
    if note is not None:
        row.note = note
    return row


def record_item_state(
    store: Store, conversation_id: int, item_id: str, state: str, note: str | None = None
) -> ConversationItem:
    """Set a checklist item to open / done / skipped; ``note`` (if given) replaces its note."""
    check_choice(state, ITEM_STATES, "status van een gesprekspunt")
    item_id = check_id(item_id, "Het gesprekspunt")
    with store.write() as session:
        talk = require(session, Conversation, conversation_id, "Gesprek")
        row = _set_item(session, conversation_id, item_id, state, note)
        session.flush()
        audit.record(session, "conversation_items", row.id, "update", f"punt {item_id}: {state}", talk.case_id)
        return row


def save_conversation_notes(store: Store, conversation_id: int, notes: str) -> Conversation:
    """Replace the free notes of a conversation."""
    with store.write() as session:
        talk = require(session, Conversation, conversation_id, "Gesprek")
        talk.notes = notes
        audit.record(session, "conversations", conversation_id, "update", "notities bijgewerkt", talk.case_id)
        return talk


def end_conversation(
    store: Store, conversation_id: int, ended_at: datetime | None = None, notes: str | None = None
) -> Conversation:
    """End a conversation (now, or at ``ended_at``), optionally saving the notes with it.

    A conversation with parents (participants in the role ``ouder``, e.g.
    bijlage 5) becomes a held parent contact in the same transaction, naming
    those parents: the parent contacts and the conversations are one history.
    A conversation that does not yet say who held it (started before pestcli
    recorded that) gets the person using pestcli.
    """
    from pestcli.store.parent_contacts import record_conversation_contact
    from pestcli.store.parents import PARENT_ROLE

    with store.write() as session:
        talk = require(session, Conversation, conversation_id, "Gesprek")
        talk.ended_at = local_time(ended_at)
        talk.held_by = talk.held_by or user_name()
        if notes is not None:
            talk.notes = notes
        audit.record(session, "conversations", conversation_id, "update", "gesprek afgerond", talk.case_id)
        parents = session.exec(select(ConversationParticipant.person_id).where(
            ConversationParticipant.conversation_id == conversation_id,
            ConversationParticipant.role == PARENT_ROLE).order_by(col(ConversationParticipant.id))).all()
        record_conversation_contact(session, talk, list(parents))
        return talk


def is_empty(session: Session, talk: Conversation) -> bool:
    """Whether a conversation holds nothing: no point ticked or skipped, no notes, no agreements."""
    if talk.notes.strip():
        return False
    items = session.exec(select(ConversationItem).where(
        ConversationItem.conversation_id == talk.id)).all()
    if any(item.state != "open" or item.note.strip() for item in items):
        return False
    agreement = session.exec(select(Agreement.id).where(Agreement.conversation_id == talk.id)).first()
    return agreement is None


def discard_empty_conversation(store: Store, conversation_id: int) -> Conversation:
    """Throw away an interrupted conversation that holds nothing (a guide opened by mistake).

    Refused, with a Dutch message, when the conversation has ended or holds
    anything (a point ticked or skipped, a note, an agreement). The delete and
    its audit record are one transaction; returns the deleted row.
    """
    with store.write() as session:
        talk = require(session, Conversation, conversation_id, "Gesprek")
        if talk.ended_at is not None:
            raise InvalidValueError("Dit gesprek is afgerond; een afgerond gesprek gooi je niet weg.")
        if not is_empty(session, talk):
            raise InvalidValueError("Dit onderbroken gesprek is niet leeg (er zijn punten, notities of "
                                    "afspraken vastgelegd): hervat het met h en rond het af.")
        session.delete(talk)
        audit.record(session, "conversations", conversation_id, "delete",
                     f"leeg onderbroken gesprek {talk.guide_id} weggegooid", talk.case_id)
        return talk


def unfinished_conversation(store: Store, case_id: int, guide_id: str | None = None) -> Conversation | None:
    """The most recently started conversation of a case that has not ended."""
    query = select(Conversation).where(Conversation.case_id == case_id, col(Conversation.ended_at).is_(None))
    if guide_id is not None:
        query = query.where(Conversation.guide_id == guide_id)
    query = query.order_by(col(Conversation.started_at).desc(), col(Conversation.id).desc())
    with store.read() as session:
        return session.exec(query).first()


def conversations_of_case(store: Store, case_id: int) -> list[Conversation]:
    """The conversations of a case, oldest first."""
    with store.read() as session:
        return list(session.exec(
            select(Conversation).where(Conversation.case_id == case_id)
            .order_by(col(Conversation.started_at), col(Conversation.id))
        ).all())


def load_conversation_details(session: Session, talks: Sequence[Conversation]) -> list[ConversationDetail]:
    """Participants and items of several conversations in two queries."""
    ids = [t.id for t in talks]
    people = session.exec(
        select(ConversationParticipant, Person).join(Person, col(Person.id) == ConversationParticipant.person_id)
        .where(col(ConversationParticipant.conversation_id).in_(ids)).order_by(col(ConversationParticipant.id))
    ).all()
    items = session.exec(
        select(ConversationItem).where(col(ConversationItem.conversation_id).in_(ids)).order_by(col(ConversationItem.id))
    ).all()
    details = []
    for talk in talks:
        details.append(ConversationDetail(
            talk,
            [Participant(row.role, person, row) for row, person in people if row.conversation_id == talk.id],
            {item.item_id: item for item in items if item.conversation_id == talk.id},
        ))
    return details


def conversation_detail(store: Store, conversation_id: int) -> ConversationDetail:
    """One conversation with its participants and checklist items."""
    with store.read() as session:
        talk = require(session, Conversation, conversation_id, "Gesprek")
        return load_conversation_details(session, [talk])[0]


def plan_appointment(
    store: Store, conversation_id: int, item_id: str, label: str, due_on: date, note: str | None = None
) -> tuple[ConversationItem, FollowUp]:
    """Mark a checklist item done and put the appointment it asks for on the agenda, in one transaction.

    The appointment is a follow-up of the conversation's case (``followups``):
    it shows on the home screen and in the agenda like the follow-ups of stap 5.
    """
    label = check_text(label, "Het label van de vervolgafspraak")
    item_id = check_id(item_id, "Het gesprekspunt")
    with store.write() as session:
        talk = require(session, Conversation, conversation_id, "Gesprek")
        row = _set_item(session, conversation_id, item_id, "done", note)
        last = session.exec(select(func.max(FollowUp.seq)).where(FollowUp.case_id == talk.case_id)).one()
        followup = FollowUp(case_id=talk.case_id, seq=(last or 0) + 1, label=label, due_on=due_on)
        session.add(followup)
        session.flush()
        audit.record(session, "conversation_items", row.id, "update", f"punt {item_id}: done", talk.case_id)
        audit.record(session, "followups", followup.id, "create", "vervolgafspraak gepland", talk.case_id)
        return row, followup
