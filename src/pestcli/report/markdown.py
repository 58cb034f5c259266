"""The case summary as Markdown: readable as plain text, rendered in the preview.

``render_markdown(summary)`` returns the whole document; ``head_fields`` is
the key/value list of the head that the PDF prints as well.
"""

from __future__ import annotations

import re

from pestcli.report.labels import date_time, short_date
from pestcli.report.model import CONFIDENTIAL, SECTION_TITLES, CaseSummary, ConversationBlock

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def escape(text: str) -> str:
    """Free text made safe for Markdown (``*``, ``_``, ``|`` ... are escaped)."""
    return _SPECIAL.sub(r"\\\1", text.replace("\n", " ").strip())


def head_fields(summary: CaseSummary) -> list[tuple[str, str]]:
    """The head of the summary as (label, value) pairs."""
    closed = short_date(summary.closed_on) if summary.closed_on else "nog niet gesloten"
    if summary.closed_on and summary.closed_reason:
        closed += f" — {summary.closed_reason}"
    fields = [
        ("Meldingsnummer", summary.number),
        ("Schooljaar", summary.school_year),
        ("Status", summary.status),
        ("Mentor", summary.mentor or "—"),
        ("Gemeld op", short_date(summary.reported_on)),
        ("Gesloten op", closed),
        ("Gemeld door", summary.reported_by or summary.reporter),
        ("Klas", summary.class_name or "—"),
        ("Ouders inlichten", summary.parents_informed),
        ("Protocol", summary.protocol),
    ]
    if summary.generated_on:
        fields.append(("Opgesteld op", short_date(summary.generated_on)))
    return fields


def conversation_when(talk: ConversationBlock) -> str:
    """``do 30 jul 2026, 10:00–10:35 (35 minuten)`` or ``..., nog niet afgerond``."""
    text = f"{short_date(talk.started_at.date())}, {talk.started_at:%H:%M}"
    if talk.ended_at is None:
        return text + " (nog niet afgerond)"
    minutes = talk.minutes or 0
    return text + f"–{talk.ended_at:%H:%M} ({minutes} {'minuut' if minutes == 1 else 'minuten'})"


def conversation_title(index: int, talk: ConversationBlock) -> str:
    """``Gesprek 2: Stappenplan gesprek met de pester ... (bijlage 4), stap 3``."""
    step = f", stap {talk.step}" if talk.step else ""
    return f"Gesprek {index}: {talk.guide}{step}"


def render_markdown(summary: CaseSummary) -> str:
    """The whole summary as one Markdown document."""
    out: list[str] = [f"# Samenvatting pestmelding {summary.number}", "",
                      f"**{CONFIDENTIAL}** — alleen voor het dossier en de anti-pestcoördinator.", ""]
    out += [f"- **{label}:** {escape(value)}" for label, value in head_fields(summary)]
    if summary.protocol_note:
        out += ["", f"*{escape(summary.protocol_note)}*"]
    if summary.calendar_notice:
        out += ["", f"**Let op:** {escape(summary.calendar_notice)}"]
    for part in (_people, _forms, _steps, _conversations, _agreements, _evidence, _contacts,
                 _escalations, _next):
        out += ["", *part(summary)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).rstrip() + "\n"


def _heading(key: str) -> list[str]:
    """A section heading and the blank line after it."""
    return [f"## {SECTION_TITLES[key]}", ""]


def _people(s: CaseSummary) -> list[str]:
    lines = _heading("people")
    for role, people in s.people_by_role():
        lines.append(f"- **{escape(role)}:** " + ", ".join(escape(p.name_with_class) for p in people))
    return lines if s.people else lines + ["Nog niemand vastgelegd."]


def _forms(s: CaseSummary) -> list[str]:
    lines = _heading("forms")
    lines += [f"- {escape(form)}" for form in s.forms] or ["- Geen vorm vastgelegd."]
    lines += ["", f"Online pesten: {'ja' if s.online else 'nee'}",
              "", f"Waar: {escape(s.location) or '—'}"]
    if s.description:
        lines += ["", f"Wat er gebeurde: {escape(s.description)}"]
    return lines


def _steps(s: CaseSummary) -> list[str]:
    lines = _heading("steps") + ["| Stap | Wat | Uiterlijk | Gedaan | Op tijd? |",
                                 "| --- | --- | --- | --- | --- |"]
    for step in s.steps:
        lines.append(f"| {step.number} | {escape(step.title)} | {short_date(step.due_on)} | "
                     f"{short_date(step.done_on)} | {escape(step.status)} |")
    return lines


def _conversations(s: CaseSummary) -> list[str]:
    lines = _heading("conversations")
    if not s.conversations:
        return lines + ["Nog geen gesprekken gevoerd."]
    for index, talk in enumerate(s.conversations, start=1):
        lines += [f"### {escape(conversation_title(index, talk))}", "",
                  f"- Wanneer: {conversation_when(talk)}",
                  f"- Gevoerd door: {escape(talk.held_by) or '—'}"]
        who = ", ".join(escape(p.presence) for p in talk.participants)
        lines += [f"- Aanwezig: {who or '—'}", ""]
        if talk.done_items:
            lines.append("Besproken:")
            for item in talk.done_items:
                note = f" — *{escape(item.note)}*" if item.note else ""
                lines.append(f"- {escape(item.text)}{note}")
            lines.append("")
        if talk.skipped_items:
            lines.append("Overgeslagen:")
            lines += [f"- {escape(text)} (overgeslagen)" for text in talk.skipped_items]
            lines.append("")
        if talk.open_count:
            lines += [f"Niet behandeld: {talk.open_count} punt(en) van de leidraad.", ""]
        if talk.notes:
            lines += [f"Notities: {escape(talk.notes)}", ""]
    return lines


def _class_agreements(s: CaseSummary) -> list[str]:
    """"Afspraken met de klas": the class conversation's agreements (none without a class)."""
    if not s.class_name.strip():
        return []
    lines = ["", f"### Afspraken met de klas ({escape(s.class_name.strip())}, schooljaar {s.class_year})", ""]
    for line in s.class_agreements:
        state = f"{line.status} ({short_date(line.checked_on)})" if line.status else "nog niet nagevraagd"
        lines.append(f"- “{escape(line.text)}” (afgesproken op {short_date(line.agreed_on)}): {state}")
    if not s.class_agreements:
        lines.append("Nog geen klassengesprek gevoerd dit schooljaar.")
    return lines


def _agreements(s: CaseSummary) -> list[str]:
    lines = _heading("agreements") + ["### Afspraken", ""]
    for block in s.agreements:
        lines.append(f"- **{escape(s.name_of(block.person_id))}** (afgesproken op "
                     f"{short_date(block.agreed_on)}): “{escape(block.text)}”")
        for out in block.outcomes:
            note = f" — {escape(out.note)}" if out.note else ""
            lines.append(f"  - {escape(out.followup)} ({short_date(out.checked_on)}): {out.status}{note}")
        if not block.outcomes:
            lines.append("  - nog niet nagevraagd")
    if not s.agreements:
        lines.append("Nog geen afspraken gemaakt.")
    lines += _class_agreements(s)
    lines += ["", "### Vervolggesprekken", ""]
    if not s.followups:
        return lines + ["Nog geen vervolggesprekken gepland."]
    lines += ["| Vervolggesprek | Gepland | Stand | Uitkomst | Notitie |", "| --- | --- | --- | --- | --- |"]
    for row in s.followups:
        lines.append(f"| {escape(row.label)} | {short_date(row.due_on)} | {escape(row.state)} | "
                     f"{escape(row.outcome) or '—'} | {escape(row.note) or '—'} |")
    return lines


def _evidence(s: CaseSummary) -> list[str]:
    lines = _heading("evidence")
    if not s.evidence:
        return lines + ["Geen bewijs vastgelegd."]
    for item in s.evidence:
        lines += [f"### Bewijsstuk {item.number}: {escape(item.kind)}", "",
                  f"- Datum en tijd: {date_time(item.occurred_at)}",
                  f"- Platform: {escape(item.platform) or '—'}",
                  f"- URL: {escape(item.url) or '—'}",
                  f"- Gebruikersnaam: {escape(item.username) or '—'}",
                  f"- Bestand: {escape(item.file_name) or '—'}",
                  f"- SHA-256: {'`' + item.sha256 + '`' if item.sha256 else '—'}"]
        if item.description:
            lines.append(f"- Beschrijving: {escape(item.description)}")
        lines.append("")
    return lines


def _contacts(s: CaseSummary) -> list[str]:
    lines = _heading("contacts")
    for row in s.contacts:
        whose = f"ouders van {s.name_of(row.pupil_id, 'een leerling')}" if row.pupil_id else "ouders"
        whose = ", ".join(row.parents) or whose
        if row.purpose == "informeren" and not row.held_on:
            text = f"- Ouders informeren (stap 2): uiterlijk {short_date(row.planned_on)}"
        elif row.held_on:
            text = f"- {short_date(row.held_on)}: {escape(whose)} ({row.how.lower()}; {row.what})"
            text += f" — {escape(row.summary)}" if row.summary else ""
            text += f" (door {escape(row.held_by)})" if row.held_by else ""
        else:
            text = f"- Gepland op {short_date(row.planned_on)}: {escape(whose)}"
        lines.append(text)
    return lines if s.contacts else lines + ["Nog geen contact met ouders."]


def _escalations(s: CaseSummary) -> list[str]:
    lines = _heading("escalations")
    for row in s.escalations:
        text = f"- {short_date(row.escalated_on)}: overgedragen aan {escape(row.rung.lower())}"
        text += f" — {escape(row.phase)}" if row.phase else ""
        text += f" — reden: {escape(row.reason)}" if row.reason else ""
        text += f" (door {escape(row.escalated_by)})" if row.escalated_by else ""
        lines.append(text)
    return lines if s.escalations else lines + ["Niet geëscaleerd; geen sancties."]


def _next(s: CaseSummary) -> list[str]:
    return _heading("next") + [f"- {escape(line)}" for line in s.next_steps]
