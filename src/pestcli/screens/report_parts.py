"""The pieces of the report form: its field frame, its Dutch texts, and what it collects.

Kept apart from the screen (``report_form``) so the screen only wires keys,
validation and the store call. Every text here is Dutch and, where the
protocol has the words, the protocol's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date

from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label

from pestcli.protocol.dates import format_date
from pestcli.protocol.model import Protocol
from pestcli.services.reports import NewPerson, Reporter
from pestcli.widgets.pupil_picker import PickedPupil

#: The roles of the form, in the order a mentor hears the story, with the question asked.
ROLE_QUESTIONS = (
    ("gepeste", "Wie wordt er gepest? (verplicht)"),
    ("pester", "Wie pest er?"),
    ("meeloper", "Meelopers"),
    ("helper", "Helpers"),
    ("stille-getuige", "Stille getuigen"),
)

#: The footer-free introduction at the top of the form.
INTRO = ("Vul in wat je hoort, in de volgorde van het verhaal. Tab gaat naar het volgende veld, "
         "Ctrl+S slaat op, Escape gaat terug.")


def field(label: str, widget: Widget, name: str, hint: str = "") -> Vertical:
    """A labelled field with a hint (optional) and an initially empty error line."""
    parts: list[Widget] = [Label(label, classes="field-label")]
    if hint:
        parts.append(Label(hint, classes="field-hint"))
    parts += [widget, Label("", id=f"err-{name}", classes="field-error", markup=False)]
    return Vertical(*parts, classes="field", id=f"field-{name}")


def role_hint(protocol: Protocol, role: str) -> str:
    """The protocol's description of a role, e.g. "Leerlingen die meedoen met het pesten."."""
    return next((r.description for r in protocol.roles if r.id == role), "")


def online_reminder(protocol: Protocol) -> str:
    """Stap 1's own words for online bullying, and the protocol's police text."""
    return "\n".join([*protocol.step(1).notes, *protocol.rules.police])


def online_notice(protocol: Protocol) -> str:
    """The short reminder shown after saving: stap 1's notes and the first police sentence."""
    return "\n".join([*protocol.step(1).notes, *protocol.rules.police[:1]])


def informing_legend(protocol: Protocol) -> str:
    """The protocol's words on when the parents are told, and one line per choice."""
    informing = protocol.informing_parents
    return "\n".join([informing.hint, *(f"{c.label}: {c.description}" for c in informing.choices)]).strip()


def future_date_error(day: date, today: date) -> str | None:
    """A Dutch error when the reported date lies after today."""
    if day > today:
        return (f"{format_date(day)} ligt in de toekomst; een melding is vandaag of eerder gedaan. "
                "Vul bijvoorbeeld “vandaag” of “vr” in.")
    return None


@dataclass
class ReportDraft:
    """Everything the form holds, in plain values (what is typed, not yet checked)."""

    reporter_kind: str | None = None
    reported_on: date | None = None
    people: dict[str, list[PickedPupil]] = dataclass_field(default_factory=dict)
    forms: list[str] = dataclass_field(default_factory=list)
    online: bool = False
    parents_informed_after: str | None = None
    informing_reason: str = ""
    reporter_pupil: PickedPupil | None = None
    reporter_name: str = ""
    reporter_relation: str = ""
    class_name: str = ""
    location: str = ""
    description: str = ""
    mentor: str = ""

    def roles_of_known(self) -> list[tuple[int, str]]:
        """``(person_id, role)`` for every known pupil, each pair once."""
        pairs = [(p.person_id, role) for role, pupils in self.people.items() for p in pupils
                 if p.person_id is not None]
        return list(dict.fromkeys(pairs))

    def reporter(self) -> Reporter:
        """Who reported, as the store takes it: a pupil of the report, a name, or nobody."""
        pupil = self.reporter_pupil
        if pupil is not None:
            return Reporter.pupil(pupil.person_id) if pupil.person_id is not None \
                else Reporter.new_pupil(pupil.as_new_person())
        return Reporter(name=self.reporter_name, relation=self.reporter_relation)

    def new_people(self) -> list[tuple[NewPerson, str]]:
        """``(NewPerson, role)`` for every pupil to add with the case."""
        return [(p.as_new_person(), role) for role, pupils in self.people.items() for p in pupils
                if p.person_id is None]
