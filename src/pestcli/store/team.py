"""The school's team on the server: colleagues, handing a case over, giving access, who looked.

Only a store on the school's server has a team (``store.staff``, the person
logged in); in a mentor's own file these refuse in Dutch or do nothing, so
nothing changes for a mentor on their own. What a person may do is decided
by the server's row-level security (``store.backend.server_security``);
the checks here only say it in Dutch first.

Protocol §7: "Hij overhandigt de coördinator het dossier"; a pupil gets a
new mentor every school year and the dossier goes along. A hand-over keeps
the whole history, records the note, makes the new mentor the holder
(their agenda shows the follow-ups from then on) and leaves the previous
mentor read access.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlmodel import col, select

from pestcli.store import audit
from pestcli.store.common import check_seen, now, os_user, require
from pestcli.store.errors import InvalidValueError, StoreError
from pestcli.store.models import AuditEvent, Case, CaseAccess, CaseHandover, Staff
from pestcli.store.sql_values import saved_id

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

#: Why a colleague has access to a case (``case_access.reason``), and how it is said.
ACCESS_REASONS = {
    "vorige-mentor": "vorige mentor",
    "gedeeld": "meegekeken",
    "ondersteuning": "ondersteuningsteam",
}

#: The roles that decide sanction phases 4 and 5 (protocol §9, fase 4 schorsing, fase 5 verwijdering).
DECIDES_SANCTIONS = ("teamleider", "directie")


@dataclass(frozen=True)
class Colleague:
    """A member of the school's team as a screen lists them."""

    id: int
    name: str
    login: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class HandoverView:
    """One hand-over of a case: when, from whom to whom, and the note."""

    handed_on: date
    from_name: str
    to_name: str
    note: str


def on_team(store: Store) -> bool:
    """Whether a person of the school's team is logged in (a server with ``pestcli server init``)."""
    return store.staff is not None


def may_decide_sanctions(store: Store) -> bool:
    """Whether the person may decide sanction phases 4 and 5 (in a file: the mentor alone, as before)."""
    staff = store.staff
    return staff is None or any(role in staff.roles for role in DECIDES_SANCTIONS)


def _require_team(store: Store, what: str, *, administrator_too: bool = False) -> None:
    """Refuse in a mentor's own file (and for the server's administrator, unless ``administrator_too``)."""
    if store.staff is None and not (administrator_too and store.on_server):
        raise StoreError(f"{what} kan alleen op de server van de school, waar het team samenwerkt.")


def colleagues(store: Store) -> list[Colleague]:
    """The school's team (not removed), by name; empty in a file. Roles from the server's memberships."""
    if store.staff is None:
        return []
    from pestcli.store.backend.server_security import ROLES

    with store.read() as session:
        rows = session.connection().execute(text(
            "SELECT s.id, s.name, s.login, coalesce(array(SELECT g.rolname FROM pg_auth_members m "
            "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
            "WHERE u.rolname = s.login), '{}') FROM staff s "
            "WHERE s.removed_at IS NULL AND s.school_id = :school ORDER BY lower(s.name), s.login"),
            {"school": store.school_id}).all()
    return [Colleague(row[0], row[1], row[2], tuple(key for key, group in ROLES.items() if group in set(row[3])))
            for row in rows]


def hand_over(store: Store, case_id: int, to_staff_id: int, note: str, handed_on: date,
              *, seen_version: int | None = None) -> int:
    """Hand the case to another mentor with a note; the previous one keeps read access. The hand-over's id.

    The new holder must be of the same school and not removed. The access
    row comes first: the previous mentor, still able to read the case,
    makes the change (the server checks the changed row against what they
    may read).
    """
    # The administrator hands over too: the pupil import at the change of school year (--overdragen).
    _require_team(store, "Een melding overdragen", administrator_too=True)
    note = note.strip()
    with store.write() as session:
        case = require(session, Case, case_id, "Melding")
        check_seen(case, seen_version)
        target = session.get(Staff, to_staff_id)
        if target is None or target.removed_at is not None or target.school_id != case.school_id:
            raise InvalidValueError("Die collega hoort niet (meer) bij deze school.")
        previous = case.holder_id
        if previous == to_staff_id:
            raise InvalidValueError(f"{target.name} heeft deze melding al.")
        if previous is not None and not _has_access(session, case_id, previous):
            session.add(CaseAccess(case_id=case_id, staff_id=previous, can_change=False, reason="vorige-mentor",
                                   granted_at=now()))
            session.flush()
        row = CaseHandover(case_id=case_id, from_staff_id=previous, to_staff_id=to_staff_id, note=note,
                           handed_on=handed_on, at=now())
        session.add(row)
        session.flush()
        case.holder_id = to_staff_id
        case.mentor = target.name
        case.updated_at = now()
        session.flush()
        audit.record(session, "cases", case_id, "handover", "overgedragen aan een andere mentor", case_id)
        return saved_id(row.id)


def _has_access(session, case_id: int, staff_id: int) -> bool:
    """Whether ``staff_id`` already has (unrevoked) access to the case."""
    return session.exec(select(CaseAccess.id).where(
        CaseAccess.case_id == case_id, CaseAccess.staff_id == staff_id,
        col(CaseAccess.revoked_at).is_(None))).first() is not None


def hand_over_class(store: Store, class_name: str, to_staff_id: int, note: str, handed_on: date) -> int:
    """At the change of school year: every case of ``class_name`` one may change goes to the new mentor.

    One transaction for the whole class (all or nothing); returns how many
    cases moved. Cases the new mentor already holds are left as they are.
    """
    _require_team(store, "Een klas overdragen")
    class_name = class_name.strip()
    if not class_name:
        raise InvalidValueError("Welke klas? De klas is leeg.")
    with store.read() as session:
        ids = list(session.exec(select(Case.id).where(
            Case.class_name == class_name, Case.school_id == store.school_id,
            col(Case.holder_id).is_distinct_from(to_staff_id))).all())
    with store.transaction():
        for case_id in ids:
            hand_over(store, saved_id(case_id), to_staff_id, note, handed_on)
    return len(ids)


def grant_access(store: Store, case_id: int, staff_id: int, *, can_change: bool = False,
                 reason: str = "gedeeld") -> int:
    """Give a colleague access to a case (read-only unless ``can_change``); the access row's id."""
    _require_team(store, "Een collega toegang geven")
    if reason not in ACCESS_REASONS:
        raise InvalidValueError(f"Onbekende reden voor toegang: {reason}.")
    with store.write() as session:
        require(session, Case, case_id, "Melding")
        row = CaseAccess(case_id=case_id, staff_id=staff_id, can_change=can_change, reason=reason,
                         granted_at=now())
        session.add(row)
        session.flush()
        audit.record(session, "case_access", row.id, "create", f"toegang gegeven ({ACCESS_REASONS[reason]})",
                     case_id)
        return saved_id(row.id)


def revoke_access(store: Store, access_id: int) -> None:
    """End a colleague's access to a case (the row stays, with when it ended)."""
    _require_team(store, "Toegang intrekken")
    with store.write() as session:
        row = require(session, CaseAccess, access_id, "Toegang")
        row.revoked_at = now()
        audit.record(session, "case_access", access_id, "update", "toegang ingetrokken", row.case_id)


def end_access(store: Store, case_id: int, staff_id: int) -> int:
    """End every (unrevoked) access of one colleague to one case; how many ended."""
    _require_team(store, "Toegang intrekken")
    with store.write() as session:
        rows = session.exec(select(CaseAccess).where(
            CaseAccess.case_id == case_id, CaseAccess.staff_id == staff_id,
            col(CaseAccess.revoked_at).is_(None))).all()
        for row in rows:
            row.revoked_at = now()
            audit.record(session, "case_access", row.id, "update", "toegang ingetrokken", case_id)
        return len(rows)


def handovers_of_case(store: Store, case_id: int) -> list[HandoverView]:
    """The hand-overs of a case, oldest first (names as the team knows them)."""
    with store.read() as session:
        rows = session.exec(select(CaseHandover).where(CaseHandover.case_id == case_id)
                            .order_by(col(CaseHandover.at), col(CaseHandover.id))).all()
        names = {s.id: s.name for s in session.exec(select(Staff)).all()}
    return [HandoverView(r.handed_on, names.get(r.from_staff_id or 0, "—"), names.get(r.to_staff_id, "?"), r.note)
            for r in rows]


def may_change_case(store: Store, case_id: int) -> bool:
    """Whether the person may change the case (the server's own rule); always in a file.

    False for a case one only reads: the previous mentor after a hand-over,
    the support team asked in read-only.
    """
    if store.staff is None:
        return True
    with store.sql() as con:
        return bool(con.execute("SELECT pestcli_changes_case(?)", (case_id,)).fetchone()[0])


def record_view(store: Store, case_id: int) -> bool:
    """Record in the audit trail that the person read a case they do not hold (the AVG asks who looked).

    Only on the school's server; the holder's own reading is not recorded.
    True when an event was written.
    """
    staff = store.staff
    if staff is None:
        return False
    with store.write() as session:
        case = require(session, Case, case_id, "Melding")
        if case.holder_id == staff.id:
            return False
        # Not audit.record: a look is no change, so the case's updated_at stays.
        session.add(AuditEvent(at=now(), os_user=os_user(), table_name="cases", row_id=case_id, action="viewed",
                               summary="bekeken", case_id=case_id))
        return True


@dataclass(frozen=True)
class WaitingItem:
    """A case that waits for the person's role: escalated to the APC, or a sanction phase to decide."""

    case_id: int
    number: str
    class_name: str
    since: date
    what: str


#: What waits for the APC: escalated cases whose regie is the APC's (protocol §8).
_WAITING_APC = (
    "SELECT cases.id, cases.number, cases.class_name, max(escalations.escalated_on)"
    " FROM cases JOIN escalations ON escalations.case_id = cases.id"
    " WHERE cases.regie = 'apc' AND cases.status = 'escalated' AND escalations.to_rung = 'apc'"
    " GROUP BY cases.id, cases.number, cases.class_name ORDER BY 4, cases.number"
)

#: What waits for a team leader or the directie: proposed sanction phases (4 and 5) not decided yet.
_WAITING_DECISION = (
    "SELECT cases.id, cases.number, cases.class_name, escalations.escalated_on, escalations.sanction_phase"
    " FROM escalations JOIN cases ON cases.id = escalations.case_id"
    " WHERE escalations.proposed AND cases.status != 'closed'"
    " ORDER BY escalations.escalated_on, cases.number"
)


def waiting_for_me(store: Store) -> list[WaitingItem]:
    """What waits for the person's role on the school's server (plain SQL; empty in a file).

    The APC: the cases escalated to them, which they now have the regie of.
    A team leader or the directie: the sanction phases proposed to them.
    """
    from pestcli.store.sql_values import as_date

    staff = store.staff
    if staff is None:
        return []
    items: list[WaitingItem] = []
    with store.sql() as con:
        if "apc" in staff.roles:
            for case_id, number, klas, since in con.execute(_WAITING_APC).fetchall():
                items.append(WaitingItem(case_id, number, klas, as_date(since) or date.min,
                                         "geëscaleerd naar de coördinator: u hebt de regie"))
        if any(role in staff.roles for role in DECIDES_SANCTIONS):
            for case_id, number, klas, since, phase in con.execute(_WAITING_DECISION).fetchall():
                items.append(WaitingItem(case_id, number, klas, as_date(since) or date.min,
                                         f"voorstel sanctiefase {phase}: wacht op uw besluit"))
    return items
