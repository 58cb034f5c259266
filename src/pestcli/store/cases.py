"""Cases (meldingen): create, change, close, find and erase.

``create_case`` takes the due dates of stap 2-6 as an argument (computed by
the rules engine in ``pestcli.protocol``), so the store stays independent of
the rules. Stap 1 (the report itself) is done on the reported date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlmodel import col, delete, func, or_, select

from pestcli.store import audit
from pestcli.store.common import check_seen, check_choice, check_id, check_text, now, require
from pestcli.store.errors import InvalidValueError
from pestcli.store.models import Case, CaseForm, CaseRole, FollowUp, Person, StepProgress
from pestcli.store.new_people import NewPerson, add_new_people, check_new_people
from pestcli.store.reporter import Reporter, one_line, resolve_reporter_person
from pestcli.store.sql_values import saved_id
from pestcli.store.values import STEPS

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

#: Fields of a case that ``update_case`` may change.
EDITABLE_FIELDS = (
    "reported_on", "reporter_kind", "class_name", "location", "online",
    "parents_informed_after", "informing_reason", "description", "mentor",
)


def _next_seq(store: Store, session, year: int) -> int:
    """The next free sequence number of the school's cases of ``year`` (under the write lock).

    On the server a login may see only some of the school's cases, so the
    server counts them all (``pestcli_next_case_seq``, revision 0012).
    """
    if store.on_server:
        from sqlalchemy import text

        return int(session.connection().execute(text("SELECT pestcli_next_case_seq(:school, :year)"),
                                                {"school": store.school_id, "year": year}).scalar_one())
    last = session.exec(select(func.max(Case.seq)).where(Case.school_id == store.school_id,
                                                         Case.year == year)).one()
    return (last or 0) + 1


def format_case_number(year: int, seq: int) -> str:
    """The case number as shown, e.g. ``2026-0001``."""
    return f"{year}-{seq:04d}"


def create_case(
    store: Store,
    *,
    reported_on: date,
    reporter_kind: str,
    protocol_name: str,
    parents_informed_after: str = "na-stap-3",
    informing_reason: str = "",
    reporter: Reporter | None = None,
    protocol_version: str,
    due_dates: Mapping[int, date | None] | None = None,
    informing_due: date | None = None,
    class_name: str = "",
    location: str = "",
    forms: Iterable[str] = (),
    online: bool = False,
    description: str = "",
    mentor: str = "",
    roles: Sequence[tuple[int, str]] = (),
    new_people: Sequence[tuple[NewPerson, str]] = (),
) -> Case:
    """Register a new case with its forms, people (``(person_id, role)``) and steps.

    The number is the reported year plus the next free sequence number of that
    year (``2026-0001``). ``due_dates`` maps stap 2-6 to their due dates;
    ``informing_due`` is when stap 2's "ouders informeren" is due (a planned
    parent contact with purpose ``informeren``; none when None).
    ``new_people`` (``(NewPerson, role)``) are added in the same transaction.
    ``parents_informed_after`` is the protocol's choice of when the parents
    are told (``na-stap-1``), ``informing_reason`` the mentor's reason;
    ``reporter`` who reported, as a person (a pupil must be one of the case).
    """
    check_new_people(new_people)
    check_id(reporter_kind, "Wie meldt")
    check_id(parents_informed_after, "Wanneer de ouders worden ingelicht")
    reporter = (reporter or Reporter.anonymous()).checked()
    form_ids = sorted({check_id(f, "Vorm van pesten") for f in forms})
    due = dict(due_dates or {})
    for step in due:
        check_choice(step, STEPS, "stap")
    stamp = now()
    with store.write() as session:
        year = reported_on.year
        seq = _next_seq(store, session, year)
        case = Case(
            school_id=store.school_id, number=format_case_number(year, seq), year=year, seq=seq, status="open",
            reported_on=reported_on, reporter_kind=reporter_kind,
            reporter_name=reporter.name, reporter_relation=reporter.relation,
            parents_informed_after=parents_informed_after, informing_reason=one_line(informing_reason),
            class_name=class_name.strip(), location=location.strip(), online=online,
            description=description, mentor=mentor.strip(),
            protocol_name=protocol_name, protocol_version=protocol_version,
            created_at=stamp, updated_at=stamp,
        )
        session.add(case)
        session.flush()
        case_id = saved_id(case.id)
        for form_id in form_ids:
            session.add(CaseForm(case_id=case_id, form_id=form_id))
        for step in STEPS:
            done = step == 1
            session.add(StepProgress(
                case_id=case_id, step=step, due_on=reported_on if done else due.get(step),
                done_on=reported_on if done else None, done_by=mentor if done else "",
            ))
        if informing_due is not None:  # stap 2's "ouders informeren", a to-do of its own
            from pestcli.store.models import ParentContact

            session.add(ParentContact(case_id=case_id, planned_on=informing_due, purpose="informeren"))
        added = add_new_people(session, case_id, new_people, stamp, store.school_id)
        for person_id, role in roles:
            require(session, Person, person_id, "Persoon")
            session.add(CaseRole(case_id=case_id, person_id=person_id, role=check_id(role, "Rol")))
        case.reporter_person_id = resolve_reporter_person(
            reporter, (person_id for person_id, _ in roles), new_people, [saved_id(p.id) for p in added])
        audit.record(session, "cases", case_id, "create", f"melding {case.number} aangemaakt", case_id)
        return case


def update_case(store: Store, case_id: int, forms: Iterable[str] | None = None, **changes: Any) -> Case:
    """Change the editable fields of a case; ``forms`` (if given) replaces its forms."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"update_case: unknown fields {sorted(unknown)}")
    form_ids = None if forms is None else sorted({check_id(f, "Vorm van pesten") for f in forms})
    with store.write() as session:
        case = require(session, Case, case_id, "Melding")
        for name, value in changes.items():
            setattr(case, name, value.strip() if isinstance(value, str) and name != "description" else value)
        if form_ids is not None:
            session.exec(delete(CaseForm).where(col(CaseForm.case_id) == case_id))
            for form_id in form_ids:
                session.add(CaseForm(case_id=case_id, form_id=form_id))
        fields = sorted(changes) + (["forms"] if form_ids is not None else [])
        audit.record(session, "cases", case_id, "update", "gewijzigd: " + ", ".join(fields), case_id)
        return case


def close_case(
    store: Store,
    case_id: int,
    closed_on: date | None = None,
    reason: str = "",
    *,
    monitoring_ends: bool = False,
    monitoring_reason: str = "",
    seen_version: int | None = None,
) -> Case:
    """Close a case on a date, with an optional reason; the monitoring of stap 5 goes on by default.

    With ``seen_version`` (the case's version the screen showed) a
    colleague's change since then is a ConflictError saying what it was.

    A closed case whose monitoring goes on keeps its open follow-ups in the
    agenda (stap 5: "2 jaar de situatie te blijven volgen"). With
    ``monitoring_ends`` the monitoring ends on the closing day, for the reason
    given (required): the open follow-ups are cancelled and marked
    ``cancelled_by_close``, so ``reopen_case`` brings back exactly those. The
    close, the cancellations and the audit record are one transaction.
    """
    day = closed_on or date.today()
    why = check_text(monitoring_reason, "De reden dat de monitoring stopt") if monitoring_ends else ""
    with store.write() as session:
        case = require(session, Case, case_id, "Melding")
        check_seen(case, seen_version, case_conflict(case))
        if case.status == "closed":
            raise InvalidValueError(f"Melding {case.number} is al gesloten.")
        case.status, case.closed_on, case.closed_reason = "closed", day, reason
        case.monitoring_ended_on, case.monitoring_end_reason = (day, why) if monitoring_ends else (None, "")
        cancelled = 0
        if monitoring_ends:
            for row in session.exec(select(FollowUp).where(
                    FollowUp.case_id == case_id, col(FollowUp.done_on).is_(None),
                    col(FollowUp.cancelled_on).is_(None))).all():
                row.cancelled_on, row.cancelled_by_close = day, True
                cancelled += 1
        summary = (f"melding gesloten; monitoring gestopt, {cancelled} vervolggesprek(ken) geannuleerd"
                   if monitoring_ends else "melding gesloten; monitoring gaat door")
        audit.record(session, "cases", case_id, "update", summary, case_id)
        return case


def case_conflict(case: Case) -> str:
    """What a colleague did to a case since it was read, as the Dutch refusal of one's own change."""
    from pestcli.protocol.dates import format_date

    if case.status == "closed" and case.closed_on is not None:
        what = f"gesloten op {format_date(case.closed_on)}"
    elif case.status == "escalated":
        what = "opgeschaald"
    else:
        what = "gewijzigd"
    return (f"Een collega heeft melding {case.number} intussen {what}. Uw wijziging is NIET opgeslagen, zodat "
            "niets van de ander verloren gaat; wat u typte, staat er nog. Bekijk de nieuwe stand.")


def reopen_case(store: Store, case_id: int, seen_version: int | None = None) -> Case:
    """Open a closed case again; the follow-ups its close cancelled come back, and the monitoring goes on.

    With ``seen_version`` a colleague's change since the screen read the case is a ConflictError.
    """
    with store.write() as session:
        case = require(session, Case, case_id, "Melding")
        check_seen(case, seen_version, case_conflict(case))
        case.status, case.closed_on = "open", None
        case.monitoring_ended_on, case.monitoring_end_reason = None, ""
        restored = 0
        for row in session.exec(select(FollowUp).where(
                FollowUp.case_id == case_id, col(FollowUp.cancelled_by_close).is_(True))).all():
            row.cancelled_on, row.cancelled_by_close = None, False
            restored += 1
        summary = "melding heropend" + (f"; {restored} vervolggesprek(ken) terug" if restored else "")
        audit.record(session, "cases", case_id, "update", summary, case_id)
        return case


def get_case(store: Store, case_id: int) -> Case:
    """One case by id (NotFoundError if it does not exist)."""
    with store.read() as session:
        return require(session, Case, case_id, "Melding")


def get_case_by_number(store: Store, number: str) -> Case | None:
    """One case by its number (``2026-0001``), or None."""
    with store.read() as session:
        return session.exec(select(Case).where(Case.school_id == store.school_id,
                                               Case.number == number.strip())).first()


def case_forms(store: Store, case_id: int) -> list[str]:
    """The form-of-bullying ids of a case, sorted."""
    with store.read() as session:
        query = select(CaseForm.form_id).where(CaseForm.case_id == case_id).order_by(CaseForm.form_id)
        return list(session.exec(query).all())


def list_cases(store: Store, status: str | None = None, limit: int | None = None) -> list[Case]:
    """Cases, newest report first; optionally only one status."""
    query = select(Case).order_by(col(Case.reported_on).desc(), col(Case.id).desc())
    if status is not None:
        query = query.where(Case.status == status)
    if limit is not None:
        query = query.limit(limit)
    with store.read() as session:
        return list(session.exec(query).all())


def search_cases(store: Store, fragment: str, limit: int = 50) -> list[Case]:
    """Cases whose number or class contains ``fragment``, or with a person whose name does."""
    text = fragment.strip()
    if not text:
        return []
    like = f"%{text}%"
    full_name = col(Person.first_name) + " " + col(Person.last_name)
    people = select(CaseRole.case_id).join(Person, col(Person.id) == CaseRole.person_id).where(
        or_(col(Person.first_name).ilike(like), col(Person.last_name).ilike(like), full_name.ilike(like))
    )
    query = (
        select(Case)
        .where(or_(col(Case.number).ilike(like), col(Case.class_name).ilike(like), col(Case.id).in_(people)))
        .order_by(col(Case.reported_on).desc(), col(Case.id).desc())
        .limit(limit)
    )
    with store.read() as session:
        return list(session.exec(query).all())
