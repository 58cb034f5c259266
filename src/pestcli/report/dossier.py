"""The text for one pupil's dossier in the leerlingvolgsysteem (Magister, SOMtoday, ...).

Data minimisation (AVG): the text holds only what concerns that pupil, and
names every other person by role and initials ("de pester (H.B.)"), never by
name — also inside free text the mentor typed (notes, agreements), where
every first name, last name and full name of the others is replaced, and of
every other pupil the database knows ("een leerling (T.H.)"). Usernames,
URLs and e-mail addresses stay as written (``pestcli.name_mask``). Plain
text without Markdown, ready to paste into a logboek entry.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from pestcli.name_mask import NameMask
from pestcli.names import TUSSENVOEGSELS, initials
from pestcli.report.labels import short_date
from pestcli.report.markdown import conversation_when
from pestcli.report.model import CONFIDENTIAL, CaseSummary, ConversationBlock, PersonLine

#: Roles whose dossier shows the sanction phases of an escalation (they are about the pester).
SANCTIONED_ROLES = ("pester",)
#: What a name becomes when it could belong to more than one person.
AMBIGUOUS = "[naam]"
#: Roles that take part in the follow-ups of stap 5.
FOLLOWUP_ROLES = ("gepeste", "pester")


class PupilNotFound(Exception):
    """No single pupil of the case matches; ``str(error)`` is a Dutch message."""


def pupils_of(summary: CaseSummary) -> list[PersonLine]:
    """The pupils of the case, each once (their first role), in the summary's order."""
    seen: dict[int, PersonLine] = {}
    for line in summary.people:
        if line.kind == "leerling" and line.person_id not in seen:
            seen[line.person_id] = line
    return list(seen.values())


def _fold(text: str) -> str:
    """Lower case without accents, so "zoe" finds "Zoë"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


def find_pupil(summary: CaseSummary, query: str) -> PersonLine:
    """The pupil a mentor means: a person id, or a name fragment that fits exactly one pupil."""
    pupils = pupils_of(summary)
    wanted = query.strip()
    if wanted.isdigit():
        match = [p for p in pupils if p.person_id == int(wanted)]
    else:
        match = [p for p in pupils if wanted and _fold(wanted) in _fold(p.name)]
    if len(match) == 1:
        return match[0]
    choices = "; ".join(f"{p.person_id} = {p.name} ({p.role.lower()})" for p in pupils) or "geen"
    if not match:
        raise PupilNotFound(f"Geen leerling in melding {summary.number} past bij ‘{wanted}’. "
                            f"Kies uit: {choices}.")
    raise PupilNotFound(f"‘{wanted}’ past bij meer dan één leerling van melding {summary.number}. "
                        f"Geef meer van de naam, of het nummer: {choices}.")


#: How the dossier names a pupil who is not in the case: ``een leerling (T.H.)``.
OUTSIDE = "een leerling ({initials})"


@dataclass(frozen=True)
class Redactor:
    """Replaces the names of everyone but one pupil with role and initials, in one pass."""

    mask: NameMask

    @classmethod
    def for_pupil(cls, summary: CaseSummary, person_id: int,
                  known_pupils: Iterable[tuple[int, str, str]] = ()) -> Redactor:
        """A redactor for the dossier of ``person_id``: every other person is hidden.

        The case's people become their role and initials. A name two of them
        share (two pupils called Sem, or a last name of the pupil too) cannot
        be told apart, so it becomes ``[naam]`` rather than a role that might
        be the wrong person. The pupil's own names stay as they are.

        ``known_pupils`` are (person id, first name, last name) of every
        pupil in the database: one outside the case becomes ``een leerling
        (T.H.)``; a single name only where written with a capital (many
        names are words too: Roos, Storm, Bakker); a name several of them
        share, ``[naam]``. A
        name of the case's people is theirs first: a note in this case
        means them.
        """
        own_parts = _name_parts(summary.person(person_id))
        own = {n.lower() for n in own_parts}
        refs: dict[str, set[str]] = {}
        for line in summary.people:
            if line.person_id == person_id:
                continue
            for name in _name_parts(line):
                refs.setdefault(name.lower(), set()).add(reference(line))
        replacements: dict[str, str | None] = {
            key: next(iter(r)) if len(r) == 1 and key not in own else AMBIGUOUS for key, r in refs.items()}
        for key in own:
            replacements.setdefault(key, None)  # the pupil's own name stays as written
        in_case = {line.person_id for line in summary.people} | {person_id}
        outside: dict[str, set[str]] = {}
        for pupil_id, first_name, last_name in known_pupils:
            if pupil_id in in_case:
                continue
            shown = OUTSIDE.format(initials=initials(first_name, last_name))
            for name in _parts(first_name, last_name):
                key = name.lower()
                if len(key) >= 2 and key not in replacements:
                    outside.setdefault(key, set()).add(shown)
        for key, shown_as in outside.items():
            replacements[key] = next(iter(shown_as)) if len(shown_as) == 1 else AMBIGUOUS
        words = {key for key in outside if " " not in key}  # "tim hendriks" is a name anyhow
        return cls(NameMask(replacements, capitalised_only=words, unknown=AMBIGUOUS))

    def __call__(self, text: str) -> str:
        """``text`` with every other person's name replaced."""
        return self.mask(text)


def _name_parts(line: PersonLine | None) -> list[str]:
    """Full name, last name, last name without ``van``/``de``..., first name (non-empty)."""
    if line is None:
        return []
    return _parts(line.first_name, line.last_name)


def _parts(first_name: str, last_name: str) -> list[str]:
    """The names of one person a text may use: full, last, last without ``van``/``de``..., first."""
    core = " ".join(w for w in last_name.split() if w.lower() not in TUSSENVOEGSELS)
    full = " ".join(f"{first_name} {last_name}".split())
    return [n for n in dict.fromkeys(" ".join(p.split()) for p in (full, last_name, core, first_name)) if n]


def reference(line: PersonLine) -> str:
    """How the dossier names another person: ``de pester (H.B.)``."""
    return f"de {line.role.lower()} ({line.initials})"


def dossier_text(summary: CaseSummary, person_id: int,
                 known_pupils: Iterable[tuple[int, str, str]] = ()) -> str:
    """The plain-text dossier entry for one pupil of the case.

    ``known_pupils``: (person id, first name, last name) of every pupil in
    the database (``store.pupil_names.known_pupils``), so that a pupil
    outside the case is hidden too.
    """
    pupil = summary.person(person_id)
    if pupil is None:
        raise PupilNotFound(f"Persoon {person_id} hoort niet bij melding {summary.number}.")
    hide = Redactor.for_pupil(summary, person_id, known_pupils)
    roles = [p.role_id for p in summary.roles_of(person_id)]
    others = {p.person_id: reference(p) for p in summary.people if p.person_id != person_id}
    lines = [
        f"Pestmelding {summary.number} ({CONFIDENTIAL.lower()})",
        f"Leerling: {pupil.name_with_class}",
        f"Rol in deze melding: {', '.join(p.role.lower() for p in summary.roles_of(person_id))}",
        f"Gemeld op {short_date(summary.reported_on)} ({summary.reporter.lower()}), schooljaar "
        f"{summary.school_year}, mentor: {summary.mentor or 'onbekend'}",
        f"Protocol: {summary.protocol}. Stand: {summary.status.lower()}.",
    ]
    if summary.closed_on:
        lines.append(f"Gesloten op {short_date(summary.closed_on)}"
                     + (f": {hide(summary.closed_reason)}" if summary.closed_reason else "."))
    if others:
        lines.append("Andere betrokkenen: " + ", ".join(dict.fromkeys(others.values())) + ".")
    if summary.forms:
        lines.append("Vormen van pesten: " + "; ".join(summary.forms) + ".")
    lines.append(f"Waar: {hide(summary.location) or 'onbekend'}. Online: {'ja' if summary.online else 'nee'}.")
    if summary.description:
        lines.append(f"Wat er gebeurde: {hide(summary.description)}")
    talks = [t for t in summary.conversations if person_id in t.person_ids]
    lines += _conversations(talks, person_id, others, hide)
    lines += _agreements(summary, person_id, {t.conversation_id for t in talks}, others, hide)
    if set(roles) & set(FOLLOWUP_ROLES) and summary.followups:
        lines += _followups(summary, hide)
    lines += _contacts(summary, person_id, hide)
    lines += _escalations(summary, bool(set(roles) & set(SANCTIONED_ROLES)), hide)
    lines += ["", f"Opgesteld met pestcli op {short_date(summary.generated_on) if summary.generated_on else '—'}. "
              "Andere leerlingen staan hierin alleen met hun rol en voorletters (AVG)."]
    return "\n".join(lines).rstrip() + "\n"


def _conversations(talks: list[ConversationBlock], person_id: int, others: dict[int, str], hide) -> list[str]:
    """The conversations the pupil took part in, with the notes."""
    if not talks:
        return ["", "Gesprekken: nog geen gesprek met deze leerling vastgelegd."]
    lines = ["", "Gesprekken met deze leerling:"]
    for talk in talks:
        step = f", stap {talk.step}" if talk.step else ""
        lines.append(f"- {conversation_when(talk)}: {talk.guide}{step}.")
        present = ["deze leerling" if p.person_id == person_id
                   else others.get(p.person_id) or f"de {p.role.lower()} ({initials(p.first_name, p.last_name)})"
                   for p in talk.participants]
        lines.append(f"  Aanwezig: {', '.join(present)}; gesprek gevoerd door {talk.held_by or 'de mentor'}.")
        lines.append(f"  Besproken: {len(talk.done_items)} punt(en) van de leidraad"
                     + (f", {len(talk.skipped_items)} overgeslagen." if talk.skipped_items else "."))
        for item in talk.done_items:
            if item.note:
                lines.append(f"  Bij ‘{item.text.rstrip('.')}’: {hide(item.note)}")
        if talk.notes:
            lines.append(f"  Notities: {hide(talk.notes)}")
    return lines


def _agreements(summary: CaseSummary, person_id: int, talk_ids: set[int], others: dict[int, str],
                hide) -> list[str]:
    """The pupil's own agreements and those made in conversations the pupil was in."""
    blocks = [b for b in summary.agreements if b.person_id == person_id or b.conversation_id in talk_ids]
    if not blocks:
        return []
    lines = ["", "Afspraken:"]
    for block in blocks:
        who = ("deze leerling" if block.person_id == person_id
               else others.get(block.person_id, "iedereen") if block.person_id is not None else "iedereen")
        lines.append(f"- {short_date(block.agreed_on)}, {who}: “{hide(block.text)}”")
        checks = [f"{o.followup} ({short_date(o.checked_on)}): {o.status}" for o in block.outcomes]
        lines.append("  Nagevraagd: " + ("; ".join(checks) if checks else "nog niet") + ".")
    return lines


def _followups(summary: CaseSummary, hide) -> list[str]:
    """The follow-ups of stap 5 that were held, and the next one planned."""
    held = [f for f in summary.followups if f.done_on is not None]
    planned = [f for f in summary.followups if f.done_on is None and not f.state.startswith("geannuleerd")]
    lines = ["", "Vervolggesprekken (stap 5):"]
    for row in held:
        outcome = f" {row.outcome.lower()}." if row.outcome else ""
        note = f" {hide(row.note)}" if row.note else ""
        lines.append(f"- {row.label}, {short_date(row.done_on)}:{outcome}{note}")
    if planned:
        lines.append(f"- Volgende: {planned[0].label}, {short_date(planned[0].due_on)}.")
    return lines


def _contacts(summary: CaseSummary, person_id: int, hide) -> list[str]:
    """The contacts with this pupil's parents."""
    rows = [c for c in summary.contacts if c.pupil_id == person_id]
    if not rows:
        return []
    lines = ["", "Contact met de ouders van deze leerling:"]
    for row in rows:
        if row.held_on:
            text = f"- {short_date(row.held_on)}, {row.how.lower()}"
            text += f": {hide(row.summary)}" if row.summary else "."
        else:
            text = f"- Gepland op {short_date(row.planned_on)}."
        lines.append(text)
    return lines


def _escalations(summary: CaseSummary, sanctioned: bool, hide) -> list[str]:
    """Escalations; the sanction phase and reason only in the dossier of the pester."""
    if not summary.escalations:
        return []
    lines = ["", "Escalatie:"]
    for row in summary.escalations:
        text = f"- {short_date(row.escalated_on)}: de melding is overgedragen aan de {row.rung.lower()}"
        if sanctioned:
            text += f"; {row.phase}" if row.phase else ""
            text += f"; reden: {hide(row.reason).rstrip('.')}" if row.reason else ""
        lines.append(text + ".")
    return lines
