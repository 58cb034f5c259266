"""The pupil's right of access (AVG art. 15): everything pestcli holds about one pupil.

``pupil_record`` gathers, in one read transaction, the pupil's own row and
for every case they are in: the case with their role, the conversations
they took part in (with checklist items and notes), the agreements that
are theirs or the whole case's (with their checks), the follow-ups, the
parent contacts about them (or about no one in particular), the evidence
and the escalations. Everyone else is named only by role and initials
("pester D.K."): their rows are left out and their names are replaced in
every text. Keys and values are Dutch, ready for JSON.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, or_, select

from pestcli.store.common import now, os_user, require
from pestcli.store.errors import InvalidValueError
from pestcli.store.models import (
    Agreement,
    AgreementCheck,
    AuditEvent,
    Case,
    CaseForm,
    CaseRole,
    Conversation,
    ConversationItem,
    ConversationParticipant,
    Escalation,
    Evidence,
    FollowUp,
    ParentContact,
    ParentLink,
    Person,
    StepProgress,
)
from pestcli.names import full_name, initials
from pestcli.store.parent_contacts import contact_people_of
from pestcli.store.redaction import name_pattern
from pestcli.store.sql_values import saved_id

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

#: What an access export can be written as, with the words the audit trail uses.
ACCESS_EXPORT_KINDS = {"json": "inzageoverzicht als JSON", "pdf": "inzageoverzicht als PDF",
                       "markdown": "inzageoverzicht als tekst"}


def find_pupils(store: Store, fragment: str) -> list[Person]:
    """The pupils whose name or pupil number contains ``fragment`` (at most 20)."""
    text = fragment.strip()
    if not text:
        return []
    like = f"%{text}%"
    query = (select(Person).where(Person.kind == "leerling", or_(
        col(Person.first_name).ilike(like), col(Person.last_name).ilike(like),
        (col(Person.first_name) + " " + col(Person.last_name)).ilike(like), col(Person.pupil_number) == text,
    )).order_by(col(Person.last_name), col(Person.first_name)).limit(20))
    with store.read() as session:
        return list(session.exec(query).all())


def pupil_record(store: Store, person_id: int) -> dict[str, Any]:
    """Everything about one pupil, other people by role and initials only."""
    with store.read() as session:
        person = require(session, Person, person_id, "Persoon")
        roles = session.exec(select(CaseRole).where(CaseRole.person_id == person_id)
                             .order_by(col(CaseRole.case_id), col(CaseRole.id))).all()
        case_ids = list(dict.fromkeys(r.case_id for r in roles))
        cases = [_case(session, person_id, case_id, [r.role for r in roles if r.case_id == case_id])
                 for case_id in case_ids]
        parents = [{"naam": full_name(p.first_name, p.last_name), "relatie": relation, "telefoon": p.phone,
                    "e-mail": p.email} for p, relation in own_parents(session, person_id).values()]
    return {
        "toelichting": ("Alles wat pestcli over deze leerling bewaart. Andere betrokkenen staan "
                        "er alleen met hun rol en voorletters in."),
        "gemaakt_op": _text(now()),
        "leerling": {"voornaam": person.first_name, "achternaam": person.last_name,
                     "klas": person.class_name, "leerlingnummer": person.pupil_number,
                     "vastgelegd_op": _text(person.created_at)},
        "ouders": parents,
        "meldingen": cases,
    }


def record_access_export(store: Store, person_id: int, what: str) -> AuditEvent:
    """Record in the audit trail that an access export of this person was made (no name)."""
    if what not in ACCESS_EXPORT_KINDS:
        raise InvalidValueError(f"Onbekende soort inzageoverzicht: {what!r}.")
    with store.write() as session:
        require(session, Person, person_id, "Persoon")
        event = AuditEvent(at=now(), os_user=os_user(), table_name="people", row_id=person_id,
                           action="export", summary=f"{ACCESS_EXPORT_KINDS[what]} (persoon {person_id})")
        session.add(event)
        return event


class _Masker:
    """Replaces the names of everyone but the pupil by ``role initials``."""

    def __init__(self, others: list[tuple[str, Person]], reporter_name: str = "") -> None:
        self.rules: list[tuple[re.Pattern[str], str]] = []
        for role, other in others:
            pattern = name_pattern(other.first_name, other.last_name)
            if pattern is not None:
                self.rules.append((pattern, f"{role} {initials(other.first_name, other.last_name)}"))
        first, _, last = reporter_name.partition(" ")
        pattern = name_pattern(first, last)  # a parent or staff member who reported: no name, no initials
        if pattern is not None:
            self.rules.insert(0, (pattern, "[naam]"))

    def __call__(self, text: str | None) -> str:
        out = text or ""
        for pattern, label in self.rules:
            out = pattern.sub(label, out)
        return out


def _case(session: Session, person_id: int, case_id: int, own_roles: list[str]) -> dict[str, Any]:
    """One case as far as it concerns the pupil."""
    case = require(session, Case, case_id, "Melding")  # the pupil has a role in it, so it exists
    others = session.exec(select(CaseRole, Person).join(Person, col(Person.id) == CaseRole.person_id)
                          .where(CaseRole.case_id == case_id, CaseRole.person_id != person_id)
                          .order_by(col(CaseRole.id))).all()
    labels = {p.id: f"{r.role} {initials(p.first_name, p.last_name)}" for r, p in others}
    mask = _Masker([(r.role, p) for r, p in others], case.reporter_name)
    return {
        "nummer": case.number, "rol": ", ".join(own_roles), "status": case.status,
        "gemeld_op": _text(case.reported_on), "klas": case.class_name, "plaats": mask(case.location),
        "online": case.online, "omschrijving": mask(case.description),
        "ouders_inlichten": case.parents_informed_after, "reden_keuze_ouders": mask(case.informing_reason),
        "zelf_gemeld": case.reporter_person_id == person_id,
        "vormen": list(session.exec(select(CaseForm.form_id).where(CaseForm.case_id == case_id)).all()),
        "mentor": case.mentor, "gesloten_op": _text(case.closed_on),
        "reden_sluiten": mask(case.closed_reason),
        "monitoring_gestopt_op": _text(case.monitoring_ended_on),
        "reden_monitoring_gestopt": mask(case.monitoring_end_reason),
        "andere_betrokkenen": list(dict.fromkeys(labels.values())),
        "stappen": [{"stap": s.step, "uiterlijk": _text(s.due_on), "gedaan_op": _text(s.done_on)}
                    for s in session.exec(select(StepProgress).where(StepProgress.case_id == case_id)
                                          .order_by(col(StepProgress.step))).all()],
        "gesprekken": _conversations(session, person_id, case_id, mask),
        "afspraken": _agreements(session, person_id, case_id, mask),
        "vervolggesprekken": [
            {"wat": f.label, "gepland_op": _text(f.due_on), "gehouden_op": _text(f.done_on),
             "vervallen_op": _text(f.cancelled_on), "uitkomst": f.outcome or "", "notitie": mask(f.note)}
            for f in session.exec(select(FollowUp).where(FollowUp.case_id == case_id)
                                  .order_by(col(FollowUp.seq))).all()],
        "oudercontacten": _parent_contacts(session, person_id, case_id, mask),
        "bewijs": [
            {"soort": e.kind, "moment": _text(e.occurred_at), "platform": mask(e.platform),
             "adres": mask(e.url), "gebruikersnaam": mask(e.username), "omschrijving": mask(e.description),
             "bestand": e.file_name or "", "sha256": e.sha256 or ""}
            for e in session.exec(select(Evidence).where(Evidence.case_id == case_id)
                                  .order_by(col(Evidence.id))).all()],
        "escalaties": [
            {"naar": e.to_rung, "sanctiefase": e.sanction_phase, "op": _text(e.escalated_on),
             "reden": mask(e.reason)}
            for e in session.exec(select(Escalation).where(Escalation.case_id == case_id)
                                  .order_by(col(Escalation.id))).all()],
    }


def own_parents(session: Session, person_id: int) -> dict[int, tuple[Person, str]]:
    """The pupil's own parents and carers: id -> (person, relation)."""
    rows = session.exec(select(Person, ParentLink.relation).join(
        ParentLink, col(ParentLink.parent_id) == Person.id).where(ParentLink.pupil_id == person_id)
        .order_by(col(ParentLink.id))).all()
    return {saved_id(parent.id): (parent, relation) for parent, relation in rows}


def _parent_contacts(session: Session, person_id: int, case_id: int, mask: _Masker) -> list[dict[str, Any]]:
    """The contacts with this pupil's parents (or with parents of no one in particular).

    A contact that names only other pupils' parents is left out; the pupil's
    own parents are named with their relation.
    """
    parents = own_parents(session, person_id)
    rows = session.exec(select(ParentContact).where(ParentContact.case_id == case_id)
                        .order_by(col(ParentContact.id))).all()
    spoken = contact_people_of(session, [saved_id(c.id) for c in rows])
    out = []
    for c in rows:
        named = spoken.get(saved_id(c.id), [])
        mine = [pid for pid in named if pid in parents]
        if not (c.pupil_id == person_id or mine or (c.pupil_id is None and not named)):
            continue
        out.append({"gepland_op": _text(c.planned_on), "gehouden_op": _text(c.held_on), "hoe": c.how or "",
                    "doel": c.purpose, "samenvatting": mask(c.summary),
                    "met": [f"{full_name(parents[pid][0].first_name, parents[pid][0].last_name)} "
                            f"({parents[pid][1]})" for pid in mine]})
    return out


def _conversations(session: Session, person_id: int, case_id: int, mask: _Masker) -> list[dict[str, Any]]:
    """The conversations of the case that the pupil took part in."""
    rows = session.exec(select(Conversation, ConversationParticipant.role).join(
        ConversationParticipant, col(ConversationParticipant.conversation_id) == Conversation.id)
        .where(Conversation.case_id == case_id, ConversationParticipant.person_id == person_id)
        .order_by(col(Conversation.started_at), col(Conversation.id))).all()
    out = []
    for talk, role in rows:
        items = session.exec(select(ConversationItem).where(ConversationItem.conversation_id == talk.id)
                             .order_by(col(ConversationItem.id))).all()
        out.append({"leidraad": talk.guide_id, "stap": talk.step, "rol": role,
                    "begonnen": _text(talk.started_at), "beeindigd": _text(talk.ended_at),
                    "notities": mask(talk.notes),
                    "punten": [{"punt": i.item_id, "stand": i.state, "notitie": mask(i.note)} for i in items]})
    return out


def _agreements(session: Session, person_id: int, case_id: int, mask: _Masker) -> list[dict[str, Any]]:
    """The pupil's own agreements and those of the whole case, with their checks."""
    rows = session.exec(select(Agreement).where(
        Agreement.case_id == case_id,
        or_(Agreement.person_id == person_id, col(Agreement.person_id).is_(None)))
        .order_by(col(Agreement.id))).all()
    out = []
    for agreement in rows:
        checks = session.exec(select(AgreementCheck).where(AgreementCheck.agreement_id == agreement.id)
                              .order_by(col(AgreementCheck.checked_on), col(AgreementCheck.id))).all()
        out.append({"afspraak": mask(agreement.text), "afgesproken_op": _text(agreement.agreed_on),
                    "van": "leerling" if agreement.person_id == person_id else "melding",
                    "nagevraagd": [{"op": _text(c.checked_on), "stand": c.status, "notitie": mask(c.note)}
                                   for c in checks]})
    return out


def _text(value: date | datetime | None) -> str:
    """A date or time as ISO text, or '' when there is none."""
    if value is None:
        return ""
    return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
