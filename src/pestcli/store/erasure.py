"""Erasing a case or a pupil for good (AVG art. 17), and compacting the file after.

``erase_case_for_good`` deletes the case with every row that belongs to it
(the tables cascade), its evidence files, and the people who were in no
other case (a pupil of the imported register who is still at school stays
on the register: that row holds nothing of the case). ``erase_pupil`` deletes a pupil: the cases they were the only
pupil in go entirely; in the other cases their roles, conversation places,
agreements and parent contacts go and their name is removed from the notes.
A parent or carer known only through an erased pupil or case goes with them.
Unsaved drafts go too: with an erased case, and (for a pupil) those of the
shared cases and of a new report, which may hold the name.

Each leaves one audit record: what was erased (a case number or a person
id), when, by which OS user, on what grounds — never a name or a
description. Then the database is compacted (WAL checkpoint, VACUUM,
checkpoint with TRUNCATE) so the text is no longer in the file. Backups
made before still hold it until the rotation removes them; the result says
which and when. Each erasure is also written, without names, to the ledger
beside the database (``store.erasure_ledger``), so that a restore of such a
backup erases it again (``erasure.reapply_erasures``).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session, col, delete, select

from pestcli.protocol.dates import format_long
from pestcli.store.common import check_choice, now, os_user, require
from pestcli.store.erasure_ledger import CASE, PUPIL, LedgerEntry, database_id, ledger_path, read_ledger, record_erasure
from pestcli.store.errors import StoreError
from pestcli.store.backend.files import evidence_dir
from pestcli.store.models import (
    Agreement,
    AuditEvent,
    Case,
    CaseRole,
    Conversation,
    ConversationParticipant,
    ParentContact,
    ParentLink,
    Person,
)
from pestcli.store.redaction import redact_name
from pestcli.store.sql_values import saved_id

if TYPE_CHECKING:
    from pestcli.store.backend.backup_list import BackupInfo
    from pestcli.store.backend.engine import Store

#: The audit action of an erasure (beside create / update / delete / export).
ERASE_ACTION = "erase"

#: The grounds a mentor can give, with the words the audit trail uses.
ERASURE_GROUNDS = {
    "bewaartermijn": "bewaartermijn verstreken",
    "verzoek": "verzoek van leerling of ouders (AVG)",
    "onjuist": "ten onrechte vastgelegd",
}


@dataclass(frozen=True)
class ErasureResult:
    """What was erased, when, and which backups still hold it until the rotation."""

    what: str
    erased_at: datetime
    backups: tuple[BackupInfo, ...]
    gone_on: date | None
    #: Erased on the school's server: its backups are the school's, and pestcli cannot see them.
    on_server: bool = False

    @property
    def backup_sentence(self) -> str:
        """A Dutch sentence about the backups that still hold the erased data."""
        if self.on_server:
            return ("De reservekopieën van de server (die maakt de school) kunnen deze gegevens nog bevatten "
                    "tot ze verlopen. Wordt er een teruggezet, dan moet dit opnieuw worden gewist; meld de "
                    "wissing daarom aan de beheerder.")
        if not self.backups or self.gone_on is None:
            return "Er is geen reservekopie met deze gegevens."
        count = len(self.backups)
        copies = "reservekopie bevat" if count == 1 else "reservekopieën bevatten"
        return (f"Nog {count} {copies} deze gegevens. De laatste reservekopie met deze "
                f"gegevens verdwijnt rond {format_long(self.gone_on)}.")

    @property
    def after_restore_sentence(self) -> str:
        """What happens to this erasure when a backup is put back (a file's own ledger re-erases it)."""
        if self.on_server:
            return ""
        return "Ook als later een oudere reservekopie wordt teruggezet, blijft dit gewist."

    @property
    def message(self) -> str:
        """The whole Dutch message for the mentor."""
        return f"{self.what.capitalize()} is gewist. {self.backup_sentence}"


def erase_case_for_good(store: Store, case_id: int, grounds: str,
                        today: date | None = None) -> ErasureResult:
    """Erase a case with all its rows, files and the people only it knew; then compact."""
    check_choice(grounds, ERASURE_GROUNDS, "grond voor wissen")
    with store.write() as session:
        created = require(session, Case, case_id, "Melding").created_at
        number, people = _delete_case(session, case_id)
        stamp, summary = _audit(session, "cases", case_id, f"melding {number} gewist", grounds, people, case_id)
        record_erasure(store, session, CASE, case_id, created, number, stamp, grounds, summary)
    _remove_evidence(store, [number])
    store.compact()
    return _result(store, f"melding {number}", stamp, today)


def erase_pupil(store: Store, person_id: int, grounds: str, today: date | None = None) -> ErasureResult:
    """Erase a pupil everywhere (see the module docstring); then compact."""
    check_choice(grounds, ERASURE_GROUNDS, "grond voor wissen")
    with store.write() as session:
        created = require(session, Person, person_id, "Persoon").created_at
        numbers, extra = _erase_pupil_rows(session, person_id)
        summary = f"persoon {person_id} gewist" + (f", met melding(en) {', '.join(numbers)}" if numbers else "")
        stamp, summary = _audit(session, "people", person_id, summary, grounds, extra, None)
        record_erasure(store, session, PUPIL, person_id, created, "", stamp, grounds, summary)
    _remove_evidence(store, numbers)
    store.compact()
    return _result(store, f"leerling {person_id}", stamp, today)


def _erase_pupil_rows(session: Session, person_id: int) -> tuple[list[str], int]:
    """Delete the pupil's rows (see the module docstring); (numbers of the cases gone, people gone with them)."""
    person = require(session, Person, person_id, "Persoon")
    first, last = person.first_name, person.last_name
    case_ids = list(session.exec(
        select(CaseRole.case_id).where(CaseRole.person_id == person_id).distinct()).all())
    own: list[int] = []
    shared: list[int] = []
    for case_id in case_ids:
        others = session.exec(select(CaseRole.person_id).join(
            Person, col(Person.id) == CaseRole.person_id).where(
            CaseRole.case_id == case_id, CaseRole.person_id != person_id,
            Person.kind == "leerling")).first()
        (shared if others is not None else own).append(case_id)
    numbers, extra = [], 0
    for case_id in own:
        number, people = _delete_case(session, case_id, spare=person_id)
        numbers.append(number)
        extra += people
    parents = _parents_only_of(session, person_id)
    _forget_person(session, person_id)
    redact_name(session, shared, first, last)
    _forget_drafts(session, shared)
    for parent in parents:  # a parent known only through this pupil goes too
        redact_name(session, shared, parent.first_name, parent.last_name)
        _forget_person(session, saved_id(parent.id))
        extra += 1
    return numbers, extra


def backups_holding(store: Store, erased_at: datetime) -> list[BackupInfo]:
    """The backups made before (or at) the moment of erasure, oldest first."""
    if store.path is None:
        return []
    from pestcli.store.backend.backup_list import list_backups

    return [b for b in list_backups(store) if b.created <= erased_at]


def last_backup_gone_on(store: Store, erased_at: datetime, today: date) -> date | None:
    """When the rotation (keep N, one backup a day) removes the newest backup made before erasure."""
    holding = backups_holding(store, erased_at)
    if not holding:
        return None
    from pestcli.store.backend.backup_list import list_backups

    newest = holding[-1]
    newer = sum(1 for b in list_backups(store) if b.created > newest.created)
    return today + timedelta(days=max(1, store.keep_backups - newer))


def _delete_case(session: Session, case_id: int, spare: int | None = None) -> tuple[str, int]:
    """Delete the case (children cascade) and its people in no other case; (number, people)."""
    case = require(session, Case, case_id, "Melding")
    number = case.number
    people = set(session.exec(select(CaseRole.person_id).where(CaseRole.case_id == case_id)).all())
    conversations = select(Conversation.id).where(Conversation.case_id == case_id)
    people |= set(session.exec(select(ConversationParticipant.person_id).where(
        col(ConversationParticipant.conversation_id).in_(conversations))).all())
    session.delete(case)
    session.flush()
    erased = 0
    for person_id in sorted(people - {spare}):
        if not _still_used(session, person_id) and not _on_the_register(session, person_id):
            _forget_person(session, person_id)
            erased += 1
    return number, erased


def _on_the_register(session: Session, person_id: int) -> bool:
    """Whether the person is a pupil of the school's own administration, still at school.

    Such a row is the register (``pestcli import-leerlingen``): name, class and
    number, nothing of the case. Erasing a case leaves it, as the next import
    would bring it back; erasing the pupil (``erase_pupil``) does remove it.
    """
    person = session.get(Person, person_id)
    return person is not None and person.imported_at is not None and person.left_on is None


def _still_used(session: Session, person_id: int) -> bool:
    """Whether any remaining case still refers to this person."""
    checks = (
        select(CaseRole.id).where(CaseRole.person_id == person_id),
        select(ConversationParticipant.id).where(ConversationParticipant.person_id == person_id),
        select(Agreement.id).where(Agreement.person_id == person_id),
        select(ParentContact.id).where(ParentContact.pupil_id == person_id),
        select(Case.id).where(Case.reporter_person_id == person_id),
    )
    return any(session.exec(query).first() is not None for query in checks)


def _parents_only_of(session: Session, pupil_id: int) -> list[Person]:
    """The parents and carers linked to this pupil and to no other pupil."""
    parents = []
    for parent_id in session.exec(select(ParentLink.parent_id).where(ParentLink.pupil_id == pupil_id)).all():
        other = session.exec(select(ParentLink.id).where(
            ParentLink.parent_id == parent_id, ParentLink.pupil_id != pupil_id)).first()
        person = session.get(Person, parent_id)
        if other is None and person is not None:
            parents.append(person)
    return parents


def _forget_person(session: Session, person_id: int) -> None:
    """Delete the person with their agreements and the parent contacts about them."""
    session.exec(delete(Agreement).where(col(Agreement.person_id) == person_id))
    session.exec(delete(ParentContact).where(col(ParentContact.pupil_id) == person_id))
    person = session.get(Person, person_id)
    if person is not None:
        session.delete(person)
    session.flush()


def _forget_drafts(session: Session, case_ids: list[int]) -> None:
    """Delete the unsaved drafts that may name an erased pupil: of these cases, and of new reports.

    The drafts of an erased case go with it (``ON DELETE CASCADE``).
    """
    from pestcli.store.models import Draft

    session.exec(delete(Draft).where(col(Draft.case_id).in_(case_ids) | col(Draft.case_id).is_(None)))
    session.flush()


def _audit(session: Session, table: str, row_id: int, what: str, grounds: str,
           people: int, case_id: int | None) -> tuple[datetime, str]:
    """The one audit record of an erasure: what, when, who, on what grounds; no names. (moment, summary)"""
    stamp = now()
    extra = f", {people} perso{'on' if people == 1 else 'nen'} mee gewist" if people else ""
    summary = f"{what}{extra}; grond: {ERASURE_GROUNDS[grounds]}"
    session.add(AuditEvent(at=stamp, os_user=os_user(), table_name=table, row_id=row_id,
                           action=ERASE_ACTION, case_id=case_id, summary=summary))
    return stamp, summary


def _remove_evidence(store: Store, numbers: list[str]) -> None:
    """Delete the evidence folders of these case numbers."""
    if store.path is None:
        return
    for number in numbers:
        shutil.rmtree(evidence_dir(store.path) / number, ignore_errors=True)


def _result(store: Store, what: str, stamp: datetime, today: date | None) -> ErasureResult:
    """The ErasureResult, with the backups that still hold the data."""
    day = today or stamp.date()
    return ErasureResult(what, stamp, tuple(backups_holding(store, stamp)),
                         last_backup_gone_on(store, stamp, day), on_server=store.on_server)


# --- After a restore: erase again what the ledger says was erased -----------------------------

def _applied(session: Session, entry: LedgerEntry) -> bool:
    """Whether the database holds the audit record of this erasure."""
    return session.exec(select(AuditEvent.id).where(
        AuditEvent.action == "erase", AuditEvent.table_name == entry.table,
        AuditEvent.row_id == entry.row_id,
        AuditEvent.at == datetime.fromisoformat(entry.erased_at))).first() is not None


def _same_row(row: Case | Person | None, entry: LedgerEntry) -> bool:
    """Whether this row is the one that was erased (not a later row with a re-used id)."""
    if row is None:
        return False
    if entry.created_at and row.created_at != datetime.fromisoformat(entry.created_at):
        return False
    return not (isinstance(row, Case) and row.number != entry.number)


def reapply_erasures(store: Store) -> int:
    """Erase again what the ledger says was erased and this database still holds; return how many.

    Called after a restore. Each erasure missing from the database (no
    audit record of it) is done again, by id, and its audit record comes
    back with its original moment and a note that it was re-applied. The
    file is compacted afterwards. Erasures of another database (another
    ``store_meta`` UUID) are skipped.
    """
    if store.path is None:
        return 0
    entries = read_ledger(store.path)
    if not entries:
        return 0
    done, numbers = 0, []
    with store.write() as session:
        own_id = database_id(session)
        for entry in entries:
            if (entry.database_id and own_id and entry.database_id != own_id) or _applied(session, entry):
                continue
            if entry.kind == CASE:
                if _same_row(session.get(Case, entry.row_id), entry):
                    number, _people = _delete_case(session, entry.row_id)
                    numbers.append(number)
            elif _same_row(session.get(Person, entry.row_id), entry):
                gone, _extra = _erase_pupil_rows(session, entry.row_id)
                numbers += gone
            session.add(AuditEvent(
                at=datetime.fromisoformat(entry.erased_at), os_user=os_user(), table_name=entry.table,
                row_id=entry.row_id, action=ERASE_ACTION,
                case_id=entry.row_id if entry.kind == CASE else None,
                summary=f"{entry.summary} (opnieuw toegepast na terugzetten op {now():%d-%m-%Y %H:%M})"))
            done += 1
    if done:
        _remove_evidence(store, numbers)
        store.compact()
    return done


def reapply_after_restore(db_path: Path, passphrase: str | None = None) -> int:
    """After a restore of ``db_path``: open it and re-apply the erasures of the ledger; return how many.

    Opens nothing when there is no ledger (nothing was ever erased).
    """
    from pestcli.store.opening import open_store

    if not ledger_path(Path(db_path)).exists():
        return 0
    try:
        with open_store(db_path, passphrase=passphrase, daily_backup=False) as store:
            return reapply_erasures(store)
    except StoreError as exc:
        raise StoreError(f"De reservekopie is teruggezet, maar wat daarna is gewist kon nog niet opnieuw "
                         f"worden gewist: {exc} Gebruik pestcli niet voor dit is opgelost.") from None


def reapplied_sentence(count: int) -> str:
    """The Dutch sentence after a restore that re-applied ``count`` erasures ("" for none)."""
    if not count:
        return ""
    what = "1 eerdere wissing is" if count == 1 else f"{count} eerdere wissingen zijn"
    return f"{what} opnieuw toegepast: wat na deze reservekopie is gewist, blijft gewist."
