"""The report form's "Wie is de melder?": the reporter as a person, by the kind chosen above.

What it asks depends on the kind of reporter (the protocol's ``person`` of
that kind): a pupil of the report (picked from the pupils entered in the
form: only the victims for "de gepeste leerling zelf"), a parent (name and
relation), a staff member (name), or nothing for an anonymous report (no
name is kept). Only the inputs that apply are shown, so Tab never lands on a
hidden or meaningless field.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from pestcli.widgets.dutch_select import DutchSelect
from pestcli.widgets.pupil_picker import PickedPupil

#: What the block says for each kind of person (and before a kind is chosen).
PROMPTS = {
    None: "Kies eerst hierboven wie het meldt.",
    "gepeste": "Welke gepeste leerling meldde het?",
    "leerling": ("Welke leerling meldde het? Staat hij of zij er nog niet bij, voeg de leerling "
                 "dan hierboven toe (bijvoorbeeld als helper of stille getuige)."),
    "ouder": "Naam van de ouder of verzorger, en van wie.",
    "medewerker": "Naam van de medewerker.",
    "anoniem": "Anoniem: er wordt geen naam bewaard.",
}


@dataclass(frozen=True)
class ReporterDraft:
    """What the block holds for the kind shown (values of other kinds are left out)."""

    pupil: PickedPupil | None = None
    name: str = ""
    relation: str = ""


class ReporterPerson(Vertical):
    """The reporter as a person: a pupil select, or name (and relation) inputs, or nothing."""

    DEFAULT_CSS = """
    ReporterPerson { height: auto; }
    ReporterPerson Select { max-width: 60; }
    ReporterPerson Input { max-width: 60; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.person: str | None = None
        self._pupils: list[PickedPupil] = []
        self._victims: list[PickedPupil] = []

    def compose(self) -> ComposeResult:
        """The prompt, the pupil select and the two name inputs."""
        yield Label(PROMPTS[None], id="reporter-prompt", classes="field-hint", markup=False)
        yield DutchSelect[PickedPupil]([], prompt="Kies een leerling", id="reporter-pupil")
        yield Input(placeholder="naam", id="reporter-name")
        yield Input(placeholder="bijv. moeder van Sanne", id="reporter-relation")

    def on_mount(self) -> None:
        """Nothing to fill in until a kind is chosen."""
        self.show_for(None)

    def show_for(self, person: str | None) -> None:
        """Show what the kind's person needs (``gepeste``, ``leerling``, ``ouder``, ...)."""
        self.person = person
        self.query_one("#reporter-prompt", Label).update(PROMPTS.get(person, PROMPTS[None]))
        self.query_one("#reporter-pupil").display = person in ("gepeste", "leerling")
        name = self.query_one("#reporter-name", Input)
        name.display = person in ("ouder", "medewerker")
        name.placeholder = "naam van de ouder" if person == "ouder" else "naam van de medewerker"
        self.query_one("#reporter-relation").display = person == "ouder"
        self._refresh_options()

    def set_pupils(self, pupils: list[tuple[PickedPupil, str]]) -> None:
        """The pupils entered in the form so far, each with their role id, in the form's order."""
        self._pupils = list(dict.fromkeys(p for p, _ in pupils))
        self._victims = list(dict.fromkeys(p for p, role in pupils if role == "gepeste"))
        self._refresh_options()

    def options(self) -> list[PickedPupil]:
        """The pupils that can be picked for the kind shown."""
        if self.person == "gepeste":
            return list(self._victims)
        return list(self._pupils) if self.person == "leerling" else []

    def _refresh_options(self) -> None:
        """Offer the pupils of the kind shown; keep the choice when that pupil is still there."""
        select = self.query_one("#reporter-pupil", Select)
        chosen = select.value
        options = self.options()
        select.set_options((Text(p.label), p) for p in options)
        if chosen in options:
            select.value = chosen

    def draft(self) -> ReporterDraft:
        """The reporter for the kind shown: the picked pupil, or the typed name and relation."""
        if self.person in ("gepeste", "leerling"):
            value = self.query_one("#reporter-pupil", Select).value
            return ReporterDraft(pupil=value if isinstance(value, PickedPupil) else None)
        if self.person in ("ouder", "medewerker"):
            name = self.query_one("#reporter-name", Input).value.strip()
            relation = self.query_one("#reporter-relation", Input).value.strip() if self.person == "ouder" else ""
            return ReporterDraft(name=name, relation=relation)
        return ReporterDraft()

    def error(self) -> str | None:
        """A Dutch error when the kind shown needs a person that is missing."""
        draft = self.draft()
        if self.person == "gepeste" and draft.pupil is None and len(self.options()) != 1:
            return ("Kies welke gepeste leerling het meldde." if self.options()
                    else "Vul eerst in wie er gepest wordt.")
        if self.person == "leerling" and draft.pupil is None:
            return "Kies welke leerling het meldde; voeg die eerst hierboven toe als hij of zij er niet bij staat."
        if self.person == "ouder" and not draft.name:
            return "Vul de naam van de ouder of verzorger in."
        if self.person == "medewerker" and not draft.name:
            return "Vul de naam van de medewerker in."
        return None

    def chosen_pupil(self) -> PickedPupil | None:
        """The reporting pupil: the one picked, or the only victim for "de gepeste leerling zelf"."""
        pupil = self.draft().pupil
        if pupil is None and self.person == "gepeste" and len(self.options()) == 1:
            return self.options()[0]
        return pupil

    def first_input(self) -> Select | Input | None:
        """The first visible input (for moving the focus to an error)."""
        for selector in ("#reporter-pupil", "#reporter-name"):
            widget = self.query_one(selector)
            if widget.display:
                return widget  # type: ignore[return-value]
        return None
