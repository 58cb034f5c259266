"""Erase one pupil on request (AVG art. 17): find, choose the grounds, type the name, erase.

Reached from the command palette ("Leerling wissen (AVG)…"). The mentor
types part of a name or a pupil number, picks the pupil, picks the grounds
and confirms by typing the pupil's full name. Erasing
(``store.erasure.erase_pupil``) runs in a thread; the result says which
backups still hold the data, and that a restore of such a backup erases it
again (the ledger, ``store.erasure_ledger``). Every name is shown as text,
never as markup.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from pestcli.app_access import pest_app
from pestcli.services.errors import StoreError
from pestcli.widgets.keys_footer import KeysFooter

#: The palette command that opens this screen.
ERASE_PUPIL = "Leerling wissen (AVG)…"
ERASE_PUPIL_HELP = "Alles over één leerling definitief wissen, op verzoek; blijft gewist, ook na terugzetten"


def _name(person) -> str:
    """First and last name of a person."""
    return f"{person.first_name} {person.last_name}".strip()


def _same(typed: str, name: str) -> bool:
    """Whether the typed text is the name (spaces and capitals aside)."""
    return " ".join(typed.split()).casefold() == " ".join(name.split()).casefold()


class ErasePupilScreen(Screen[None]):
    """Find one pupil and erase everything about them, after typing their full name."""

    BINDINGS = [Binding("escape", "back", "Terug", id="erase_pupil_back")]
    DEFAULT_CSS = """
    ErasePupilScreen #erase-pupil-list { height: auto; max-height: 6; }
    ErasePupilScreen #erase-pupil-chosen, ErasePupilScreen #erase-pupil-result { height: auto; }
    """

    def __init__(self) -> None:
        """The screen with nothing chosen yet."""
        super().__init__()
        self.found: list = []
        self.chosen = None
        self.busy = False
        self.done_message = ""

    def compose(self) -> ComposeResult:
        """Search, list, grounds, confirmation and the result."""
        from pestcli.services.erasure import ERASURE_GROUNDS

        with VerticalScroll(id="erase-pupil"):
            yield Label("Leerling wissen (AVG)", classes="retention-dialog-title")
            yield Label("Zoek de leerling (deel van de naam of leerlingnummer):", classes="field-label")
            yield Input(id="erase-pupil-search", placeholder="naam of leerlingnummer")
            yield OptionList(id="erase-pupil-list")
            yield Label("Grond:", classes="field-label")
            yield Select([(text, key) for key, text in ERASURE_GROUNDS.items()], value="verzoek",
                         allow_blank=False, id="erase-pupil-grounds")
            yield Static("", id="erase-pupil-chosen", markup=False)
            yield Input(id="erase-pupil-confirm", placeholder="volledige naam ter bevestiging", disabled=True)
            with Horizontal(classes="retention-buttons"):
                yield Button("Definitief wissen", id="erase-pupil-yes", variant="error", disabled=True)
                yield Button("Terug", id="erase-pupil-no")
            yield Static("", id="erase-pupil-result", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        """Start in the search field."""
        self.query_one("#erase-pupil-search", Input).focus()

    @on(Input.Changed, "#erase-pupil-search")
    def _search(self, event: Input.Changed) -> None:
        """List the pupils that match what is typed."""
        from pestcli.services.reads import find_pupils

        try:
            self.found = find_pupils(pest_app(self).store, event.value)
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            self.found = []
        options = self.query_one("#erase-pupil-list", OptionList)
        options.clear_options()
        for person in self.found:
            klas = f"klas {person.class_name}" if person.class_name else "geen klas"
            options.add_option(Option(Content(f"{_name(person)} ({klas})")))

    @on(Input.Submitted, "#erase-pupil-search")
    def _to_list(self, event: Input.Submitted) -> None:
        """Enter in the search field: go to the list (or pick the only match)."""
        event.stop()
        if len(self.found) == 1:
            self._choose(0)
        elif self.found:
            self.query_one("#erase-pupil-list", OptionList).focus()

    @on(OptionList.OptionSelected, "#erase-pupil-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        """A pupil picked from the list."""
        event.stop()
        self._choose(event.option_index)

    def _choose(self, index: int) -> None:
        """Make this pupil the one to erase and ask for the full name."""
        self.chosen = self.found[index]
        name = _name(self.chosen)
        self.query_one("#erase-pupil-chosen", Static).update(Content(
            f"Alles over {name} wordt definitief gewist: de meldingen waarin alleen deze leerling "
            f"staat, ouders die alleen via deze leerling bekend zijn, en de naam in andere meldingen. "
            f"Dit kan niet ongedaan worden gemaakt. Typ {name} om te bevestigen:"))
        confirm = self.query_one("#erase-pupil-confirm", Input)
        confirm.disabled = False
        confirm.value = ""
        self.query_one("#erase-pupil-yes", Button).disabled = False
        confirm.focus()

    @on(Input.Submitted, "#erase-pupil-confirm")
    def _confirm_by_enter(self, event: Input.Submitted) -> None:
        """Enter in the name field confirms (when the name is right)."""
        event.stop()
        self._confirm()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        """The two buttons."""
        event.stop()
        if event.button.id == "erase-pupil-yes":
            self._confirm()
        else:
            self.action_back()

    def _confirm(self) -> None:
        """Erase only when the typed name is the chosen pupil's full name."""
        if self.chosen is None or self.busy:
            return
        name = _name(self.chosen)
        if not _same(self.query_one("#erase-pupil-confirm", Input).value, name):
            refused = f"Typ precies {name} om te wissen; er is niets gewist."
            self.query_one("#erase-pupil-result", Static).update(Content(refused))
            self.notify(refused, severity="warning")
            return
        grounds = self.query_one("#erase-pupil-grounds", Select).value
        self.busy = True
        self.query_one("#erase-pupil-result", Static).update("")
        self.query_one("#erase-pupil-yes", Button).disabled = True
        self.notify("De leerling wordt gewist…")
        self._erase(self.chosen.id, str(grounds))

    @work(thread=True, exclusive=True, group="erase-pupil")
    def _erase(self, person_id: int, grounds: str) -> None:
        """Erase and compact in a thread; report on the UI thread."""
        from pestcli.services.erasure import erase_pupil

        try:
            result = erase_pupil(pest_app(self).store, person_id, grounds, today=pest_app(self).today())
        except StoreError as exc:
            self.app.call_from_thread(self._erased, "", str(exc))
            return
        message = f"De leerling is gewist. {result.backup_sentence} {result.after_restore_sentence}".strip()
        self.app.call_from_thread(self._erased, message, "")

    def _erased(self, message: str, error: str) -> None:
        """Show what happened; clear the choice and the list."""
        self.busy = False
        if error:
            self.query_one("#erase-pupil-yes", Button).disabled = False
            self.notify(error, severity="error")
            return
        self.done_message = message
        self.chosen = None
        self.found = []
        self.query_one("#erase-pupil-list", OptionList).clear_options()
        self.query_one("#erase-pupil-chosen", Static).update("")
        confirm = self.query_one("#erase-pupil-confirm", Input)
        confirm.value = ""
        confirm.disabled = True
        self.query_one("#erase-pupil-search", Input).value = ""
        self.query_one("#erase-pupil-result", Static).update(Content(message))
        self.notify(message, title="Gewist", timeout=10)
        self.query_one("#erase-pupil-search", Input).focus()

    def action_back(self) -> None:
        """Back to where the mentor came from (not while erasing)."""
        if not self.busy:
            self.app.pop_screen()


def open_erase_pupil(app) -> None:
    """Open the erase-a-pupil screen (the palette command)."""
    app.push_screen(ErasePupilScreen())
