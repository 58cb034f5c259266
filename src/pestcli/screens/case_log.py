"""The case's log: everything that happened, built from one ``CaseDetail``.

A pure function, so it is tested without a screen. Rows with only a date
(a step done, a parent contact, an escalation) sort at the end of their day,
after the conversations of that day; rows of the same moment keep the order in
which they follow from each other (report, conversation, agreement,
follow-up, evidence, parents, then the step they complete, escalation,
closing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from pestcli.protocol.dates import format_date
from pestcli.protocol.model import Protocol
from pestcli.screens.case_labels import CaseLabels, person_name
from pestcli.store.values import AGREEMENT_STATUSES, FOLLOWUP_OUTCOMES
from pestcli.store.views import CaseDetail

#: Order of kinds within the same moment (earlier in the protocol first).
KIND_ORDER = ("melding", "gesprek", "afspraak", "vervolg", "bewijs", "ouders", "stap",
              "escalatie", "gesloten")


@dataclass(frozen=True)
class LogEntry:
    """One line of the log: when (``at`` has a time, or None), what kind, the Dutch text."""

    day: date
    kind: str
    text: str
    at: datetime | None = None

    @property
    def moment(self) -> datetime:
        """The sort moment: the time, or the end of the day for a date-only row."""
        return self.at if self.at is not None else datetime.combine(self.day, time.max)

    @property
    def when(self) -> str:
        """``ma 23 nov 2026 10:00`` or ``ma 23 nov 2026``."""
        text = format_date(self.day)
        return f"{text} {self.at:%H:%M}" if self.at is not None else text


def _at(moment: datetime, kind: str, text: str) -> LogEntry:
    """An entry with a time."""
    return LogEntry(moment.date(), kind, text, moment)


def case_log(detail: CaseDetail, protocol: Protocol | None = None) -> list[LogEntry]:
    """Everything recorded about the case, newest first."""
    labels = CaseLabels(protocol)
    case = detail.case
    names = {p.person.id: person_name(p.person) for p in detail.people}
    entries = [LogEntry(case.reported_on, "melding",
                        f"Melding geregistreerd ({labels.reporter(case.reporter_kind).lower()} meldt)")]
    for talk in detail.conversations:
        row = talk.conversation
        step = f" (stap {row.step})" if row.step else ""
        guide = labels.guide(row.guide_id)
        entries.append(_at(row.started_at, "gesprek", f"Gesprek gestart: {guide}{step}"))
        if row.ended_at is not None:
            entries.append(_at(row.ended_at, "gesprek", f"Gesprek afgerond: {guide}{step}"))
    for progress in detail.steps:
        if progress.done_on is None or (progress.step == 1 and progress.done_on == case.reported_on):
            continue
        by = f" door {progress.done_by}" if progress.done_by else ""
        entries.append(LogEntry(progress.done_on, "stap",
                                f"Stap {progress.step} gedaan{by}: {labels.step_title(progress.step)}"))
    for view in detail.agreements:
        who = person_name(view.person) if view.person else "iedereen"
        entries.append(LogEntry(view.agreement.agreed_on, "afspraak",
                                f"Afspraak ({who}): {view.agreement.text}"))
        for check in view.checks:
            status = AGREEMENT_STATUSES.get(check.status, check.status).lower()
            entries.append(LogEntry(check.checked_on, "afspraak",
                                    f"Afspraak {status} ({who}): {view.agreement.text}"))
    for followup in detail.followups:
        if followup.done_on is not None:
            outcome = FOLLOWUP_OUTCOMES.get(followup.outcome or "", "")
            text = f"Vervolggesprek gehouden ({followup.label})" + (f": {outcome}" if outcome else "")
            entries.append(LogEntry(followup.done_on, "vervolg", text))
        elif followup.cancelled_on is not None:
            entries.append(LogEntry(followup.cancelled_on, "vervolg",
                                    f"Vervolggesprek vervallen ({followup.label})"))
    for item in detail.evidence:
        extra = ", ".join(x for x in (item.platform, item.username) if x)
        text = f"Bewijs vastgelegd: {labels.evidence_kind(item.kind)}" + (f" ({extra})" if extra else "")
        if item.file_name:
            text += f", bestand {item.file_name}"
        entries.append(_at(item.recorded_at, "bewijs", text))
    for contact in detail.parent_contacts:
        if contact.held_on is None:
            continue
        whose = f" van {names.get(contact.pupil_id, 'een leerling')}" if contact.pupil_id else ""
        text = f"Oudercontact{whose} ({labels.contact(contact.how).lower()})"
        entries.append(LogEntry(contact.held_on, "ouders", text + (f": {contact.summary}" if contact.summary else "")))
    for row in detail.escalations:
        phase = f", {labels.phase(row.sanction_phase)}" if row.sanction_phase else ""
        text = f"Geëscaleerd naar {labels.rung(row.to_rung)}{phase}"
        entries.append(LogEntry(row.escalated_on, "escalatie", text + (f" — {row.reason}" if row.reason else "")))
    if case.closed_on is not None:
        reason = f": {case.closed_reason}" if case.closed_reason else ""
        entries.append(LogEntry(case.closed_on, "gesloten", f"Melding gesloten{reason}"))
    order = {kind: rank for rank, kind in enumerate(KIND_ORDER)}
    numbered = list(enumerate(entries))
    numbered.sort(key=lambda pair: (pair[1].moment, order.get(pair[1].kind, 0), pair[0]), reverse=True)
    return [entry for _, entry in numbered]
