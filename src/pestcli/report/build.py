"""Fill a :class:`CaseSummary` from the store's ``CaseDetail`` and the protocol.

``load_summary`` makes the one read (``store.case_detail``, the ORM's, as the
screens read it); ``read_summary`` reads the same with plain SQL
(``store.detail_rows``), so ``pestcli summary`` never imports SQLAlchemy.
Everything after the read is pure, so tests can build a summary from any
``CaseDetail``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pestcli.protocol.calendar import SchoolCalendar, school_year_of
from pestcli.protocol.dates import format_relative
from pestcli.protocol.model import Protocol
from pestcli.protocol.placeholders import fill_placeholders, placeholder_names
from pestcli.report import model as m
from pestcli.names import full_name, reporter_line
from pestcli.report.labels import Labels, days_word, short_date
from pestcli.store.case_state import case_next_action, planned_dates
from pestcli.store.sql_values import saved_id
from pestcli.store.values import AGREEMENT_STATUSES, CASE_STATUSES, FOLLOWUP_OUTCOMES

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store
    from pestcli.store.views import CaseDetail


def load_summary(store: Store, protocol: Protocol, case_id: int, today: date,
                 calendar: SchoolCalendar | None = None) -> m.CaseSummary:
    """Read one case (one read transaction, through the ORM) and build its summary.

    ``calendar`` is the school calendar (default: that of the protocol's region).
    Every text in it is plain (``pestcli.text.plain_values``): no control
    character reaches the screen, the Markdown, the dossier or the PDF.
    """
    from pestcli.store.class_talks import agreements_of_case_class, school_year_for_case
    from pestcli.store.detail import case_detail

    detail = case_detail(store, case_id)
    return _finished(build_summary(detail, protocol, today, calendar),
                     agreements_of_case_class(store, detail.case, today),
                     school_year_for_case(detail.case, today))


def read_summary(store: Store, protocol: Protocol, case_id: int, today: date,
                 calendar: SchoolCalendar | None = None) -> m.CaseSummary:
    """The summary ``load_summary`` builds, read with plain SQL: no ORM is imported.

    For ``pestcli summary``, which starts as a process of its own: the rows
    are light copies with the tables' names (``store.detail_rows``), on the
    file and on a school's server alike.
    """
    from pestcli.store.detail_rows import case_detail_rows, class_agreement_rows, school_year_of_case

    detail = case_detail_rows(store, case_id)
    year = school_year_of_case(detail.case, today)
    return _finished(build_summary(detail, protocol, today, calendar),
                     class_agreement_rows(store, detail.case.class_name, year), year)


def _finished(summary: m.CaseSummary, class_views, class_year: str) -> m.CaseSummary:
    """The summary with the class's agreements and school year, every text plain."""
    from dataclasses import replace

    from pestcli.text import plain_values

    return plain_values(replace(summary, class_agreements=class_agreement_lines(class_views),
                                class_year=class_year))


def class_agreement_lines(views) -> list[m.ClassAgreementLine]:
    """The class's agreements (``store.class_talks.ClassAgreementView``) as summary lines."""
    lines = []
    for view in views:
        check = view.last_check
        status = AGREEMENT_STATUSES.get(check.status, check.status).lower() if check else ""
        lines.append(m.ClassAgreementLine(view.agreement.text, view.agreement.agreed_on, status,
                                          check.checked_on if check else None,
                                          bool(check and check.status == "broken")))
    return lines


def find_case_id(store: Store, text: str) -> int | None:
    """The id of the case with this number (``2026-0003``), or None (plain SQL, no ORM)."""
    from pestcli.store.detail_rows import case_id_by_number

    return case_id_by_number(store, text)


def build_summary(detail: CaseDetail, protocol: Protocol, today: date,
                  calendar: SchoolCalendar | None = None) -> m.CaseSummary:
    """The summary of one case (pure: no database, no screen).

    ``calendar`` (default: the region's calendar file) says whether a planned
    date falls in a school year whose holidays are unknown
    (``CaseSummary.calendar_notice``).
    """
    case, labels = detail.case, Labels(protocol)
    if calendar is None:
        calendar = SchoolCalendar.load(protocol.rules.region)
    document = protocol.document
    note = ""
    if (case.protocol_name, case.protocol_version) != (document.name, document.version):
        note = (f"Deze melding liep onder {case.protocol_name} {case.protocol_version}; de teksten "
                f"van de gesprekspunten komen uit {document.name} {document.version}.")
    return m.CaseSummary(
        case_id=saved_id(case.id), number=case.number, school_year=school_year_of(case.reported_on),
        status=CASE_STATUSES.get(case.status, case.status), mentor=case.mentor,
        reported_on=case.reported_on, reporter=labels.reporter(case.reporter_kind),
        class_name=case.class_name, location=case.location,
        parents_informed=labels.parents_informed(case.parents_informed_after, case.informing_reason),
        reported_by=_reported_by(detail, labels),
        online=case.online, description=case.description,
        protocol=f"{case.protocol_name} {case.protocol_version}".strip(),
        organisation=document.organisation,
        closed_on=case.closed_on, closed_reason=case.closed_reason or "", protocol_note=note,
        calendar_notice=calendar.dates_notice(planned_dates(detail)) or "",
        generated_on=today, forms=[labels.form(f) for f in detail.forms],
        people=_people(detail, protocol, labels), steps=_steps(detail, labels, today),
        conversations=[_conversation(c, detail, labels) for c in detail.conversations],
        agreements=_agreements(detail), followups=_followups(detail, today),
        evidence=_evidence(detail, labels), contacts=_contacts(detail, labels),
        escalations=[m.EscalationLine(e.escalated_on, labels.rung(e.to_rung),
                                      labels.phase(e.sanction_phase) if e.sanction_phase else "",
                                      e.reason, e.escalated_by) for e in detail.escalations],
        next_steps=_next_steps(detail, protocol, labels, today),
    )


def _reported_by(detail: CaseDetail, labels: Labels) -> str:
    """``Sanne de Vries (de gepeste leerling zelf)``, ``Anoniem (geen naam bewaard)`` ..."""
    case = detail.case
    pupil = next((full_name(p.person.first_name, p.person.last_name) for p in detail.people
                  if case.reporter_person_id is not None and p.person.id == case.reporter_person_id), None)
    return reporter_line(labels.reporter(case.reporter_kind), labels.reporter_person(case.reporter_kind),
                         case.reporter_name, case.reporter_relation, pupil)


def _people(detail: CaseDetail, protocol: Protocol, labels: Labels) -> list[m.PersonLine]:
    """Everyone in the case, in the protocol's order of roles."""
    order = [r.id for r in protocol.roles]
    rows = sorted(detail.people, key=lambda p: order.index(p.role) if p.role in order else len(order))
    return [m.PersonLine(saved_id(p.person.id), p.role, labels.role(p.role), p.person.first_name,
                         p.person.last_name, p.person.class_name, p.person.kind,
                         _relation(detail, saved_id(p.person.id))) for p in rows]


def _relation(detail: CaseDetail, person_id: int) -> str:
    """``vader van Jesse van Dongen`` for a parent or carer in the case, else ""."""
    parent = detail.parent(person_id)
    if parent is None or parent.pupil is None:
        return ""
    return f"{parent.relation} van {full_name(parent.pupil.first_name, parent.pupil.last_name)}"


def _steps(detail: CaseDetail, labels: Labels, today: date) -> list[m.StepLine]:
    """The six steps with due date, done date and on time / late."""
    lines = []
    held = sum(1 for f in detail.followups if f.done_on is not None)
    for row in detail.steps:
        late = False
        if row.done_on is not None and row.due_on is not None:
            late = row.done_on > row.due_on
            status = days_word((row.done_on - row.due_on).days) + " te laat" if late else "op tijd"
        elif row.done_on is not None:
            status = "gedaan"
        elif row.step == 5 and detail.followups:
            status = f"{held} van {len(detail.followups)} vervolggesprekken gehouden"
        elif detail.case.status == "closed":
            status = "niet gedaan"
        elif row.due_on is not None:
            late = row.due_on < today
            status = f"nog open ({format_relative(row.due_on, today, deadline=True)})"
        else:
            status = "nog open"
        lines.append(m.StepLine(row.step, labels.step_title(row.step), row.due_on, row.done_on,
                                status, late, row.done_by))
    return lines


def _conversation(talk, detail: CaseDetail, labels: Labels) -> m.ConversationBlock:
    """One conversation with its participants and the items worked through."""
    row = talk.conversation
    case_roles = {p.person.id: p.role for p in detail.people}
    participants = [
        m.ParticipantLine(p.person.id, labels.role(p.role or case_roles.get(p.person.id, "")),
                          p.person.first_name, p.person.last_name, p.person.class_name,
                          parent.label if (parent := detail.parent(p.person.id)) is not None else "")
        for p in talk.participants
    ]
    try:
        order = [i.id for i in labels.protocol.guide(row.guide_id).checklist]
    except KeyError:
        order = []
    ids = order + [i for i in talk.items if i not in order]

    def named(role: str) -> list[str]:
        return [p.person.first_name for p in detail.people if p.role == role]

    # the guide's letters (x, X, A, y, z) read as the case's names, as on the conversation screen
    names = placeholder_names(named("gepeste"), named("pester"), named("meeloper"))

    def item(item_id: str) -> str:
        return fill_placeholders(labels.item(row.guide_id, item_id), names)

    done = [m.ItemLine(item(i), talk.note_of(i)) for i in ids if talk.state_of(i) == "done"]
    skipped = [item(i) for i in ids if talk.state_of(i) == "skipped"]
    minutes = None
    if row.ended_at is not None:
        minutes = max(0, round((row.ended_at - row.started_at).total_seconds() / 60))
    return m.ConversationBlock(
        row.id, row.guide_id, labels.guide(row.guide_id), row.step, row.started_at, row.ended_at,
        minutes, row.held_by, participants, done, skipped,
        open_count=sum(1 for i in order if talk.state_of(i) == "open"), notes=row.notes,
    )


def _agreements(detail: CaseDetail) -> list[m.AgreementBlock]:
    """The agreements and their status at each follow-up."""
    followup_labels = {f.id: f.label for f in detail.followups}
    blocks = []
    for view in detail.agreements:
        row = view.agreement
        outcomes = [m.OutcomeLine(c.checked_on, followup_labels.get(c.followup_id, "tussendoor"),
                                  AGREEMENT_STATUSES.get(c.status, c.status).lower(),
                                  c.status == "broken", c.note) for c in view.checks]
        blocks.append(m.AgreementBlock(saved_id(row.id), row.person_id, row.conversation_id, row.text,
                                       row.agreed_on, outcomes))
    return blocks


def _followups(detail: CaseDetail, today: date) -> list[m.FollowUpLine]:
    """Every follow-up: held, cancelled, late or planned."""
    lines = []
    for row in detail.followups:
        if row.done_on is not None:
            state = f"gehouden op {short_date(row.done_on)}"
        elif row.cancelled_on is not None and row.cancelled_by_close:
            state = f"geannuleerd op {short_date(row.cancelled_on)} (monitoring gestopt bij het sluiten)"
        elif row.cancelled_on is not None:
            state = f"geannuleerd op {short_date(row.cancelled_on)}"
        elif row.due_on < today:
            state = f"nog niet gehouden ({format_relative(row.due_on, today, deadline=True)})"
        else:
            state = "gepland"
        outcome = FOLLOWUP_OUTCOMES.get(row.outcome, row.outcome) if row.outcome else ""
        lines.append(m.FollowUpLine(saved_id(row.id), row.label, row.due_on, state, row.done_on, outcome, row.note))
    return lines


def _evidence(detail: CaseDetail, labels: Labels) -> list[m.EvidenceLine]:
    """The evidence log, numbered."""
    return [m.EvidenceLine(n, labels.evidence_kind(e.kind), e.occurred_at, e.platform, e.url,
                           e.username, e.description, e.file_name or "", e.sha256 or "",
                           e.recorded_by) for n, e in enumerate(detail.evidence, start=1)]


def _contacts(detail: CaseDetail, labels: Labels) -> list[m.ContactLine]:
    """The parent contacts, held or planned."""
    return [m.ContactLine(c.pupil_id, c.planned_on, c.held_on, labels.contact(c.how) if c.held_on else "",
                          c.summary, c.held_by, tuple(detail.contact_parent_labels(c.id)), c.purpose,
                          c.conversation_id) for c in detail.parent_contacts]


def _next_steps(detail: CaseDetail, protocol: Protocol, labels: Labels, today: date) -> list[str]:
    """What comes next and when (the rules engine's answer), then what is planned."""
    case = detail.case
    waiting = [f for f in detail.followups if f.done_on is None and f.cancelled_on is None]
    if case.status == "closed":
        reason = f": {case.closed_reason}" if case.closed_reason else "."
        lines = [f"De melding is gesloten op {short_date(case.closed_on)}{reason}"]
        if case.monitoring_ended_on is not None:
            why = f": {case.monitoring_end_reason}" if case.monitoring_end_reason else "."
            return lines + [f"De monitoring (stap 5) is gestopt op {short_date(case.monitoring_ended_on)}{why}"]
        lines.append("De monitoring (stap 5) gaat door na het sluiten." if waiting else
                     "De monitoring (stap 5) gaat door; er staat geen vervolggesprek meer gepland.")
        return lines + [f"Vervolggesprek {row.label}: {short_date(row.due_on)} "
                        f"({format_relative(row.due_on, today, deadline=True)})" for row in waiting[:3]]
    action = case_next_action(detail, protocol, today)
    line = f"{action.what.rstrip('.')} — aan de beurt: {labels.rung(action.who).lower()}"
    if action.due is not None:
        line += f", uiterlijk {short_date(action.due)} ({format_relative(action.due, today, deadline=True)})"
    lines = [line]
    for row in waiting[:3]:
        lines.append(f"Vervolggesprek {row.label}: {short_date(row.due_on)} "
                     f"({format_relative(row.due_on, today, deadline=True)})")
    names = {p.person.id: full_name(p.person.first_name, p.person.last_name) for p in detail.people}
    for contact in detail.parent_contacts:
        if contact.held_on is None and contact.planned_on is not None:
            whose = f"de ouders van {names[contact.pupil_id]}" if contact.pupil_id in names else "de ouders"
            if contact.purpose == "informeren":
                lines.append(f"Ouders informeren (stap 2): uiterlijk {short_date(contact.planned_on)}")
            else:
                lines.append(f"Contact met {whose}: gepland op {short_date(contact.planned_on)}")
    return lines
