"""The audit trail's summaries in words a mentor reads, not codes.

The trail stores short, stable summaries with the app's codes in them
("punt b1.afspraken.19: done", "afspraak 6: kept", "geëscaleerd naar apc",
"bewijs bewijs.schermafdruk", "gewijzigd: location"), so the words can change
without rewriting the ledger. :func:`dutch_summary` turns one into Dutch when
it is shown ("gedaan: Afspraken maken (bijlage 1)", "afspraak nr. 6:
nagekomen") (``pestcli audit`` and the Logboek screen): states in words,
guide items by their text and bijlage, rungs, kinds of evidence and of
contact by their label, field names in Dutch. A summary it does not know is
shown as stored.

With the protocol (``AuditWords(protocol)``) the labels are the school's
own; without it only the app's fixed words are translated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pestcli.store.values import AGREEMENT_STATUSES, CASE_STATUSES, FOLLOWUP_OUTCOMES, ITEM_STATES

if TYPE_CHECKING:
    from pestcli.protocol.model import Protocol

#: At most this many characters of a guide item's text in a summary.
ITEM_CHARS = 48

#: The columns a change names ("gewijzigd: location"), in Dutch.
FIELD_LABELS = {
    # cases (store.cases.EDITABLE_FIELDS, "forms")
    "reported_on": "meldingsdatum", "reporter_kind": "soort melder", "class_name": "klas", "location": "plaats",
    "online": "online", "parents_informed_after": "ouders inlichten", "informing_reason": "reden",
    "description": "omschrijving", "mentor": "mentor", "forms": "vormen van pesten",
    # people (store.people.PERSON_FIELDS)
    "first_name": "voornaam", "last_name": "achternaam", "kind": "soort", "pupil_number": "leerlingnummer",
    # evidence (store.evidence.EVIDENCE_FIELDS)
    "occurred_at": "moment", "platform": "platform", "url": "internetadres", "username": "gebruikersnaam",
}

_ITEM = re.compile(r"^punt (?P<item>\S+): (?P<state>\w+)$")
_AGREEMENT = re.compile(r"^afspraak (?P<id>\d+): (?P<status>\w+)$")
_CLASS_AGREEMENT = re.compile(r"^afspraak met de klas: (?P<status>\w+)$")
_GUIDE = re.compile(r"\b(?P<guide>bijlage-\d+)\b")
_EVIDENCE = re.compile(r"^bewijs (?P<kind>\S+)(?P<file> met bestand)?$")
_ESCALATED = re.compile(r"^geëscaleerd naar (?P<rung>[\w-]+)(?P<phase>, fase \d+)?$")
_HELD = re.compile(r"^vervolggesprek (?P<seq>\d+) gehouden \((?P<outcome>[\w-]+)\)$")
_STATUS = re.compile(r"^status (?P<status>\w+)$")
_CHANGED = re.compile(r"^gewijzigd: (?P<fields>[\w, ]+)$")
_CONTACT = re.compile(r"^oudercontact gehouden \((?P<how>[\w-]+)\)$")
_ROLE = re.compile(r"^rol (?P<role>[\w-]+) (?P<what>toegekend|verwijderd)$")


def shorten(text: str, limit: int = ITEM_CHARS) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters with "…" when longer."""
    text = " ".join(text.split()).rstrip(".")
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


@dataclass
class AuditWords:
    """The labels a summary's codes are replaced by (from the protocol, when given)."""

    protocol: Protocol | None = None
    items: dict[str, tuple[int, str]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        """Index every guide item (also the ones that moved, ``vervallen``) by its id."""
        if self.protocol is not None:
            for guide in self.protocol.guides:
                for part in guide.parts:
                    for item in part.items:
                        self.items[item.id] = (guide.number, item.text)

    def item(self, item_id: str) -> str:
        """A guide item by its (shortened) text and bijlage: "Vraag wat er is gebeurd (bijlage 2)"."""
        found = self.items.get(item_id)
        if found is None:
            match = re.match(r"^b(\d+)\.", item_id)
            return f"een punt van bijlage {match.group(1)}" if match else "een punt van een leidraad"
        number, text = found
        return f"{shorten(text)} (bijlage {number})"

    def guide(self, guide_id: str) -> str:
        """``bijlage-7`` -> ``bijlage 7``."""
        return guide_id.replace("-", " ")

    def rung(self, rung_id: str) -> str:
        """An escalation rung by its label, e.g. ``apc`` -> ``Anti-pestcoördinator``."""
        if self.protocol is not None:
            for rung in self.protocol.rules.escalation:
                if rung_id in (rung.id, rung.who):
                    return rung.label
        return {"apc": "anti-pestcoördinator"}.get(rung_id, rung_id.replace("-", " "))

    def evidence(self, kind: str) -> str:
        """A kind of evidence by its label, e.g. ``bewijs.schermafdruk`` -> ``Schermafdruk``."""
        if self.protocol is not None:
            for step in self.protocol.steps:
                for item in step.evidence:
                    if item.id == kind:
                        return item.text
        return kind.removeprefix("bewijs.").replace("-", " ")

    def contact(self, how: str) -> str:
        """A kind of parent contact by its label, in lower case."""
        if self.protocol is not None:
            for kind in self.protocol.contact_kinds:
                if kind.id == how:
                    return kind.label.lower()
        return how.replace("-", " ")

    def role(self, role: str) -> str:
        """A role in a case by its label, in lower case."""
        if self.protocol is not None:
            for label in self.protocol.roles:
                if label.id == role:
                    return label.label.lower()
        return role.replace("-", " ")


def _word(table: dict[str, str], code: str) -> str:
    """A fixed value's Dutch label in lower case (the code itself, with spaces, if unknown)."""
    label = table.get(code)
    return label.lower() if label else code.replace("-", " ")


def dutch_summary(summary: str, words: AuditWords | None = None) -> str:
    """One stored audit summary in Dutch words (see the module's docstring)."""
    words = words or AuditWords()
    if match := _ITEM.match(summary):
        return f"{_word(ITEM_STATES, match['state'])}: {words.item(match['item'])}"
    if match := _AGREEMENT.match(summary):
        return f"afspraak nr. {match['id']}: {_word(AGREEMENT_STATUSES, match['status'])}"
    if match := _CLASS_AGREEMENT.match(summary):
        return f"afspraak met de klas: {_word(AGREEMENT_STATUSES, match['status'])}"
    if match := _EVIDENCE.match(summary):
        return f"bewijs: {words.evidence(match['kind'])}" + (", met bestand" if match["file"] else "")
    if match := _ESCALATED.match(summary):
        return f"geëscaleerd naar {words.rung(match['rung'])}{match['phase'] or ''}"
    if match := _HELD.match(summary):
        return f"vervolggesprek {match['seq']} gehouden: {_word(FOLLOWUP_OUTCOMES, match['outcome'])}"
    if match := _STATUS.match(summary):
        return f"status: {_word(CASE_STATUSES, match['status'])}"
    if match := _CHANGED.match(summary):
        names = [FIELD_LABELS.get(name.strip(), name.strip().replace("_", " "))
                 for name in match["fields"].split(",") if name.strip()]
        return "gewijzigd: " + ", ".join(names)
    if match := _CONTACT.match(summary):
        return f"oudercontact gehouden ({words.contact(match['how'])})"
    if match := _ROLE.match(summary):
        return f"rol {words.role(match['role'])} {match['what']}"
    return _GUIDE.sub(lambda m: f"volgens {words.guide(m['guide'])}", summary)
