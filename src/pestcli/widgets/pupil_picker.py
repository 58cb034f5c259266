"""Pick pupils for one role as you type, or add a new pupil with name and class.

Typing searches the store (``find_people``); the matches appear under the
input with, last, "+ Nieuwe leerling toevoegen". Up/Down move through them,
Enter picks (a new pupil opens a small dialog for name and class). Several
pupils can be picked; the chosen ones are listed under the input, and Delete
removes the highlighted one. Nothing is written here: new pupils are kept as
:class:`PickedPupil` values until the report is saved in one transaction.
The picker opens no dialog itself: it asks its screen
(:class:`PupilPicker.NewPupilRequested`), which hands the pupil back through
:meth:`PupilPicker.new_pupil_added`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from pestcli.app_access import pest_app
from pestcli.services.errors import StoreError
from pestcli.services.reports import NewPerson
from pestcli.text import plain
from pestcli.widgets.plain_fields import PlainInput

#: How many matches are shown while typing.
MAX_MATCHES = 8
#: The option id of "+ Nieuwe leerling toevoegen".
NEW_OPTION = "nieuw"


@dataclass(frozen=True)
class PickedPupil:
    """A pupil chosen for a role: a known person (``person_id``) or a new one (None)."""

    person_id: int | None
    first_name: str
    last_name: str = ""
    class_name: str = ""

    #: The pupil number from the school's administration (shown, not compared: a restored draft lacks it).
    pupil_number: str = field(default="", compare=False)
    #: Whether the pupil has left the school (the import no longer found them).
    left: bool = field(default=False, compare=False)

    @classmethod
    def from_person(cls, person) -> PickedPupil:
        """A picked pupil for a person row from the store."""
        return cls(person.id, person.first_name, person.last_name, person.class_name,
                   person.pupil_number.strip(), getattr(person, "left_on", None) is not None)

    @property
    def name(self) -> str:
        """First and last name."""
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def label(self) -> str:
        """The name with the class and pupil number, "(van school)" for a leaver, "nieuw" for a new pupil."""
        details = ", ".join(part for part in (self.class_name, self.pupil_number) if part)
        text = f"{self.name} ({details})" if details else self.name
        if self.left:
            text += " (van school)"
        return text if self.person_id is not None else f"{text} — nieuw"

    def as_new_person(self) -> NewPerson:
        """The store's value for a pupil to add with the case."""
        return NewPerson(self.first_name, self.last_name, self.class_name)


class PupilPicker(Vertical):
    """One role of a report (gepeste, pester, ...): search, pick, add, remove pupils."""

    DEFAULT_CLASSES = "field pupil-picker"
    BINDINGS = [
        Binding("down", "match_down", "Volgende treffer", show=False),
        Binding("up", "match_up", "Vorige treffer", show=False),
        Binding("ctrl+o", "new_pupil", "Nieuwe leerling", id="picker_new"),
        Binding("delete,backspace", "remove", "Leerling weghalen", id="picker_remove"),
    ]

    class Changed(Message):
        """The chosen pupils of a picker changed."""

        def __init__(self, picker: PupilPicker) -> None:
            super().__init__()
            self.picker = picker

        @property
        def control(self) -> PupilPicker:
            """The picker that changed (for ``@on``)."""
            return self.picker

    class NewPupilRequested(Message):
        """The mentor asked for a new pupil: the screen asks for name and class.

        ``typed_name`` is what is typed in the search, ``class_name`` the
        class to suggest. The screen gives the answer (None: cancelled) to
        :meth:`PupilPicker.new_pupil_added` of ``picker``.
        """

        def __init__(self, picker: PupilPicker, typed_name: str, class_name: str) -> None:
            super().__init__()
            self.picker = picker
            self.typed_name = typed_name
            self.class_name = class_name

        @property
        def control(self) -> PupilPicker:
            """The picker that asks (for ``@on``)."""
            return self.picker

    def __init__(
        self, title: str, hint: str = "", *, class_hint: Callable[[], str] = lambda: "", id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.heading = title
        self.hint = hint
        self.class_hint = class_hint
        self._chosen: list[PickedPupil] = []
        self._found: dict[str, PickedPupil] = {}

    def compose(self) -> ComposeResult:
        """Title, hint, search input, matches, the error line and the chosen pupils."""
        yield Label(self.heading, classes="field-label")
        if self.hint:
            yield Label(self.hint, classes="field-hint")
        yield PlainInput(placeholder="Typ een naam of klas om te zoeken…", classes="picker-query")  # pastes cleaned
        yield OptionList(classes="picker-matches", markup=False)  # names and typed text are text
        yield Label("", classes="field-error", markup=False)
        yield OptionList(classes="picker-chosen", markup=False)

    def on_mount(self) -> None:
        """The matches are reached from the input; only the chosen list is a tab stop."""
        self.matches.can_focus = False
        self.matches.display = False
        self.chosen_list.display = False

    # --- parts ------------------------------------------------------------------------
    @property
    def query_input(self) -> Input:
        """The search input."""
        return self.query_one(".picker-query", Input)

    @property
    def matches(self) -> OptionList:
        """The list of matches under the input."""
        return self.query_one(".picker-matches", OptionList)

    @property
    def chosen_list(self) -> OptionList:
        """The list of pupils chosen so far."""
        return self.query_one(".picker-chosen", OptionList)

    @property
    def chosen(self) -> list[PickedPupil]:
        """The pupils chosen for this role, in the order they were picked."""
        return list(self._chosen)

    @property
    def pending_text(self) -> str:
        """What is typed in the search input but not picked yet (without control characters)."""
        return plain(self.query_input.value).strip()

    # --- choosing ---------------------------------------------------------------------
    def add(self, pupil: PickedPupil) -> None:
        """Add a pupil (once) and clear the search."""
        if pupil not in self._chosen:
            self._chosen.append(pupil)
        self.query_input.value = ""
        self._show_chosen()
        self.set_error(None)
        self.post_message(self.Changed(self))

    def set_error(self, message: str | None) -> None:
        """Show (or clear) a Dutch error under the input."""
        label = self.query_one(".field-error", Label)
        label.update(plain(message or ""))
        label.set_class(bool(message), "shown")

    def _show_chosen(self) -> None:
        chosen = self.chosen_list
        chosen.clear_options()
        chosen.add_options(Option(plain(f"• {p.label}"), id=str(i)) for i, p in enumerate(self._chosen))
        chosen.display = bool(self._chosen)
        if self._chosen:
            chosen.highlighted = min(chosen.highlighted or 0, len(self._chosen) - 1)

    @on(Input.Changed, ".picker-query")
    def _search(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value.strip()
        matches = self.matches
        matches.clear_options()
        self._found.clear()
        if not text:
            matches.display = False
            return
        try:
            from pestcli.services.reads import find_people

            people = find_people(pest_app(self).store, text, limit=MAX_MATCHES * 2)
        except StoreError as exc:
            self.set_error(str(exc))
            people = []
        for person in people:
            pupil = PickedPupil.from_person(person)
            if person.kind == "leerling" and pupil not in self._chosen and len(self._found) < MAX_MATCHES:
                self._found[str(person.id)] = pupil
                matches.add_option(Option(plain(pupil.label), id=str(person.id)))
        matches.add_option(Option(plain(f"+ Nieuwe leerling toevoegen: “{text}”"), id=NEW_OPTION))
        matches.highlighted = 0
        matches.display = True

    @on(Input.Submitted, ".picker-query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self.screen.focus_next()
            return
        matches = self.matches
        if matches.highlighted is not None:
            self._pick(matches.get_option_at_index(matches.highlighted).id)

    @on(OptionList.OptionSelected, ".picker-matches")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option.id)

    @on(OptionList.OptionSelected, ".picker-chosen")
    def _chosen_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()

    def _pick(self, option_id: str | None) -> None:
        if option_id == NEW_OPTION:
            self.action_new_pupil()
        elif option_id in self._found:
            self.add(self._found[option_id])
            self.matches.display = False
            self.query_input.focus()

    # --- actions ----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Remove only works in the chosen list; up/down only in the search input."""
        if action == "remove":
            return self.chosen_list.has_focus
        if action in ("match_down", "match_up"):
            return self.query_input.has_focus and self.matches.display
        return True

    def action_match_down(self) -> None:
        """Highlight the next match."""
        self.matches.action_cursor_down()

    def action_match_up(self) -> None:
        """Highlight the previous match."""
        self.matches.action_cursor_up()

    def action_new_pupil(self) -> None:
        """Ask the screen for a new pupil's name and class (prefilled with what is typed)."""
        self.post_message(self.NewPupilRequested(self, self.pending_text, self.class_hint()))

    def new_pupil_added(self, pupil: PickedPupil | None) -> None:
        """Add the pupil the screen asked for (None: cancelled) and go back to the search."""
        if pupil is not None:
            self.add(pupil)
            self.matches.display = False
        self.query_input.focus()

    def action_remove(self) -> None:
        """Take the highlighted pupil off the list."""
        index = self.chosen_list.highlighted
        if index is None or index >= len(self._chosen):
            return
        del self._chosen[index]
        self._show_chosen()
        self.post_message(self.Changed(self))
        if not self._chosen:
            self.query_input.focus()
