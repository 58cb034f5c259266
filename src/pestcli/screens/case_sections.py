"""The text blocks of the case screen, built from one ``CaseDetail`` (pure).

Each function returns plain Dutch text (no markup, so a pupil's name or an
agreement in the pupil's own words is shown exactly as typed). The screen puts
the header, the next action and the notes in ``Static`` widgets styled from
the stylesheet, and the people, agreements, evidence and parent contacts
together in one ``Static`` under their titles (``case.sections_content``).
"""

from __future__ import annotations

from datetime import date

from pestcli.names import reporter_line
from pestcli.protocol.calendar import SchoolCalendar
from pestcli.protocol.dates import format_date, format_relative
from pestcli.protocol.model import Protocol
from pestcli.screens.case_labels import CaseLabels, person_name, person_with_class
from pestcli.screens.case_monitoring import closed_text
from pestcli.screens.discard_conversation import is_empty
from pestcli.services.reads import AGREEMENT_STATUSES, CASE_STATUSES, CaseDetail, case_next_action, planned_dates
from pestcli.services.team_screens import CaseTeam


def next_text(detail: CaseDetail, protocol: Protocol, today: date) -> tuple[str, bool]:
    """The "Volgende" line and whether it is overdue; a closed case says so instead."""
    case = detail.case
    if case.status == "closed":
        return closed_text(detail, today)
    action = case_next_action(detail, protocol, today)
    who = CaseLabels(protocol).rung(action.who)
    text = f"Volgende: {action.what.rstrip('.')} — aan de beurt: {who}"
    if action.due is not None:
        text += f" — uiterlijk {format_date(action.due)} ({format_relative(action.due, today, deadline=True)})"
    if action.overdue:
        text = "TE LAAT · " + text
    return text, action.overdue


def header_text(detail: CaseDetail, protocol: Protocol) -> str:
    """Number, class, status, report, who reported, when the parents are told, online, place, protocol, forms."""
    case, labels = detail.case, CaseLabels(protocol)
    status = CASE_STATUSES.get(case.status, case.status)
    first = [f"Melding {case.number}", f"klas {case.class_name or '—'}", status,
             f"gemeld {format_date(case.reported_on)}"]
    if case.mentor:
        first.append(f"mentor: {case.mentor}")
    why = f" ({case.informing_reason})" if case.informing_reason else ""
    second = [f"Ouders inlichten: {labels.parents_informed(case.parents_informed_after)}{why}",
              f"Online: {'ja' if case.online else 'nee'}",
              f"Waar: {case.location or '—'}", f"Protocol: {case.protocol_name} {case.protocol_version}"]
    forms = "; ".join(labels.form(f).rstrip(".") for f in detail.forms) or "—"
    lines = [" · ".join(first), f"Gemeld door: {reported_by_text(detail, labels)}", " · ".join(second),
             f"Vormen: {forms}"]
    if case.description:
        lines.append(f"Wat er gebeurde: {case.description}")
    return "\n".join(lines)


def reported_by_text(detail: CaseDetail, labels: CaseLabels) -> str:
    """Who reported: the pupil by name, a parent or staff member by name, or anonymous."""
    case = detail.case
    pupil = next((person_name(p.person) for p in detail.people
                  if case.reporter_person_id is not None and p.person.id == case.reporter_person_id), None)
    return reporter_line(labels.reporter(case.reporter_kind), labels.reporter_person(case.reporter_kind),
                         case.reporter_name, case.reporter_relation, pupil)


def people_text(detail: CaseDetail, protocol: Protocol) -> str:
    """The people of the case grouped by role, in the protocol's order of roles."""
    labels = CaseLabels(protocol)
    order = [r.id for r in protocol.roles]
    roles = sorted({p.role for p in detail.people}, key=lambda r: (order.index(r) if r in order else len(order), r))
    lines = []
    for role in roles:
        names = ", ".join(detail.person_label(p) if role == "ouder" else person_with_class(p)
                          for p in detail.with_role(role))
        lines.append(f"{labels.role(role)}: {names}")
    return "\n".join(lines) or "Nog niemand toegevoegd."


def agreements_text(detail: CaseDetail) -> str:
    """The agreements, who made them and their latest status."""
    lines = []
    for view in detail.agreements:
        who = person_name(view.person) if view.person else "Iedereen"
        status = view.latest_status
        state = (f"{AGREEMENT_STATUSES.get(status, status)} ({format_date(view.checks[-1].checked_on)})"
                 if status else "nog niet nagevraagd")
        lines.append(f"• {who}: “{view.agreement.text}” — {state}")
    return "\n".join(lines) or "Nog geen afspraken."


def evidence_text(detail: CaseDetail, protocol: Protocol) -> str:
    """The evidence of online bullying: kind, moment, platform, username, file."""
    labels = CaseLabels(protocol)
    lines = []
    for item in detail.evidence:
        parts = [labels.evidence_kind(item.kind)]
        if item.occurred_at:
            parts.append(f"{format_date(item.occurred_at.date())} {item.occurred_at:%H:%M}")
        parts += [x for x in (item.platform, item.username, item.url) if x]
        if item.file_name:
            parts.append(f"bestand {item.file_name}")
        lines.append("• " + " · ".join(parts))
    return "\n".join(lines) or "Nog geen bewijs vastgelegd."


def contact_details(detail: CaseDetail, contact, labels: CaseLabels) -> str:
    """``gesprek op school; met Kees Jansen (vader van Daan Jansen); ouders geïnformeerd (stap 2)``."""
    parts = [labels.contact(contact.how).lower()]
    named = detail.contact_parent_labels(contact.id)
    if named:
        parts.append("met " + ", ".join(named))
    if contact.purpose == "informeren":
        parts.append("ouders geïnformeerd (stap 2)")
    if contact.conversation_id is not None:
        parts.append("gesprek volgens de leidraad")
    return "; ".join(parts)


def contacts_text(detail: CaseDetail, protocol: Protocol) -> str:
    """The parents and carers, then the contacts: held (how, with whom), stap 2's informing, planned.

    The held contacts include the finished conversations with parents (one
    history); a line at the end says which keys add a parent or log a contact.
    """
    labels = CaseLabels(protocol)
    names = {p.person.id: person_name(p.person) for p in detail.people}
    lines = []
    for parent in detail.parents:
        reach = " · ".join(x for x in (parent.parent.phone, parent.parent.email) if x)
        lines.append(f"• {parent.label}" + (f" · {reach}" if reach else ""))
    for row in detail.parent_contacts:
        whose = f"ouders van {names.get(row.pupil_id, 'een leerling')}" if row.pupil_id else "ouders"
        if row.held_on:
            lines.append(f"• {format_date(row.held_on)}: {whose} ({contact_details(detail, row, labels)})")
        elif row.purpose == "informeren" and row.planned_on:
            lines.append(f"• ouders informeren (stap 2): uiterlijk {format_date(row.planned_on)}")
        elif row.planned_on:
            lines.append(f"• gepland {format_date(row.planned_on)}: {whose}")
    if not lines:
        lines.append("Nog geen ouders of contact met ouders.")
    lines.append("u: ouder of verzorger toevoegen · o: contact vastleggen")
    return "\n".join(lines)


def resume_text(detail: CaseDetail, protocol: Protocol) -> str | None:
    """The offer to resume the unfinished conversation, or None when there is none."""
    talk = detail.unfinished_conversation
    if talk is None:
        return None
    row = talk.conversation
    try:
        size = len(protocol.guide(row.guide_id).checklist)
    except KeyError:
        size = len(talk.items)
    marked = sum(1 for item in talk.items.values() if item.state != "open")
    step = f" (stap {row.step})" if row.step else ""
    empty = " Per ongeluk geopend? Druk op x om dit lege gesprek weg te gooien." if is_empty(detail, talk) else ""
    return (f"Onderbroken gesprek: {CaseLabels(protocol).guide(row.guide_id)}{step}, gestart "
            f"{format_date(row.started_at.date())} {row.started_at:%H:%M} — {marked} van {size} punten "
            f"vastgelegd. Druk op h om verder te gaan waar het stopte.{empty}")


def online_text(detail: CaseDetail, protocol: Protocol) -> str | None:
    """For an open case of online bullying: stap 1's reminders in the protocol's words."""
    if not detail.case.online or detail.case.status == "closed":
        return None
    first = "Online pesten. " + ("" if detail.evidence else "Nog geen bewijs vastgelegd: druk op b. ")
    return first + " ".join((*protocol.step(1).notes, *protocol.rules.police[:1]))


def calendar_text(detail: CaseDetail, calendar: SchoolCalendar) -> str | None:
    """The notice for the case's dates in a school year whose holidays are unknown, or None."""
    return calendar.dates_notice(planned_dates(detail))


#: What the case screen says when the person may only read the case (on the school's server).
READ_ONLY_TEXT = "Alleen inzien: u mag deze melding lezen, niet wijzigen."
#: The same, for the previous mentor after a hand-over.
READ_ONLY_PREVIOUS_TEXT = "Alleen inzien: u bent de vorige mentor van deze melding; {holder} heeft haar nu."
#: What a changing action says instead of opening, when the person may only read the case.
READ_ONLY_REFUSAL = "U kunt deze melding alleen inzien, niet wijzigen; dat kan {who}."


def proposed_escalations(detail: CaseDetail) -> list:
    """The escalations whose sanction phase is only proposed (waiting for a team leader or the directie)."""
    return [e for e in detail.escalations if getattr(e, "proposed", False)]


def read_only_text(team: CaseTeam) -> str:
    """Why the person only reads the case: the previous mentor, or read-only access."""
    previous = any(h.from_name == team.worker_name for h in team.handovers)
    if previous and not team.is_holder:
        return READ_ONLY_PREVIOUS_TEXT.format(holder=team.holder_name or "een andere mentor")
    return READ_ONLY_TEXT


def team_text(detail: CaseDetail, team: CaseTeam, protocol: Protocol) -> str:
    """Who holds the case, who has the regie, proposals waiting, and whether the person only reads it.

    Only on the school's server (``team`` is read there); ``Mentor: J. de
    Vries · regie: anti-pestcoördinator`` after an escalation to the coordinator.
    """
    labels = CaseLabels(protocol)
    lines = [f"Mentor: {team.holder_name or '—'} · regie: {labels.rung(team.regie).lower()}"]
    for escalation in proposed_escalations(detail):
        phase = labels.phase(escalation.sanction_phase) if escalation.sanction_phase else "sanctiefase"
        line = f"Voorstel ({format_date(escalation.escalated_on)}): {phase} — wacht op het besluit van " \
               "de teamleider of de directie"
        if team.may_decide and team.may_change:
            line += " · f: besluiten"
        lines.append(line)
    if not team.may_change:
        lines.append(read_only_text(team))
    return "\n".join(lines)


def handovers_text(team: CaseTeam) -> str:
    """The hand-overs of the case, oldest first: date, from → to, and the note; the key to hand over."""
    lines = []
    for handover in team.handovers:
        note = f": “{handover.note}”" if handover.note else ""
        lines.append(f"• {format_date(handover.handed_on)}: {handover.from_name} → {handover.to_name}{note}")
    if not lines:
        lines.append("Nog niet overgedragen.")
    if team.may_change:
        lines.append("m: overdragen aan een andere mentor")
    return "\n".join(lines)


def read_only_refusal(team: CaseTeam) -> str:
    """What a changing action says, instead of opening, when the person may only read the case."""
    who = f"{team.holder_name}, de mentor die haar nu heeft" if team.holder_name else "de mentor die haar heeft"
    return READ_ONLY_REFUSAL.format(who=who)
