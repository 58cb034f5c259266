"""Hand a case to another mentor (only on the school's server, issue 17).

Protocol §7: the dossier goes along when a pupil gets a new mentor. The
dialog lists the school's mentors (read in a worker: the server is a round
trip away), the mentor who holds the case now marked as such; arrows and
Enter choose, Tab goes on to the note, Ctrl+S (or Opslaan) saves with
``services.team.hand_over`` off the main thread. Then "Overgedragen aan …"
and the case screen reads the case again (the person who handed it over
keeps read access only). A refusal (a colleague of another school, the same
mentor, a colleague's change in between) is said in Dutch and the dialog
stays open with the typed note.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import work
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from pestcli.app_access import pest_app
from pestcli.screens.case_dialog import CaseDialog, field
from pestcli.screens.dialog import BUSY
from pestcli.services import team as team_uses
from pestcli.services.errors import StoreError

#: What the list says while the school's mentors are read.
LOADING = "Collega's laden…"


class HandoverDialog(CaseDialog[int]):
    """Hands a case to another mentor with a note; dismisses with the hand-over's id once it is stored."""

    def __init__(self, case_id: int, seen_version: int | None = None, holder_id: int | None = None) -> None:
        super().__init__(case_id)
        self.seen_version = seen_version
        self.holder_id = holder_id
        #: The school's mentors (without the person themself), once read.
        self.mentors: list[team_uses.Colleague] | None = None

    def heading(self) -> str:
        """The dialog's title."""
        return "Overdragen aan een andere mentor"

    def compose_fields(self) -> Iterable[Widget]:
        """The mentors (a list, filled once read) and the hand-over note."""
        yield Label("De nieuwe mentor krijgt de melding met de hele geschiedenis; u houdt leesrechten.",
                    classes="dialog-note")
        yield field("Aan wie (pijltjes en Enter)",
                    OptionList(Option(LOADING, id="loading", disabled=True), id="mentor", markup=False), "mentor")
        yield field("Notitie bij de overdracht",
                    Input(placeholder="bijv. nieuwe mentor na de verhuizing", id="note"), "note")

    def on_mount(self) -> None:
        """Start in the list (never in the note by surprise) and read the mentors in the background."""
        super().on_mount()
        self.query_one("#mentor", OptionList).focus()
        self._read_mentors()

    @work(thread=True, exclusive=True, group="handover-mentors")
    def _read_mentors(self) -> None:
        """``services.team.colleagues(store, "mentor")`` in a worker; shown on the main thread."""
        try:
            mentors = team_uses.colleagues(pest_app(self).store, "mentor")
        except StoreError as exc:
            self.app.call_from_thread(self._show_mentors, [], str(exc))
            return
        self.app.call_from_thread(self._show_mentors, mentors, None)

    def _show_mentors(self, mentors: list[team_uses.Colleague], problem: str | None) -> None:
        """Fill the list (the current holder marked); or say why it stays empty."""
        if not self.is_attached:
            return
        self.mentors = mentors
        options = self.query_one("#mentor", OptionList)
        options.clear_options()
        if problem is not None or not mentors:
            options.add_option(Option(problem or "Geen andere mentoren op deze school.", id="none", disabled=True))
            return
        options.add_options([
            Option(f"{m.name} (heeft de melding nu)" if m.id == self.holder_id else m.name, id=str(m.id))
            for m in mentors])
        first = next((i for i, m in enumerate(mentors) if m.id != self.holder_id), 0)
        options.highlighted = first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a mentor goes on to the note."""
        event.stop()
        self.query_one("#note", Input).focus()

    def chosen(self) -> team_uses.Colleague | None:
        """The highlighted mentor, once the list is read."""
        option = self.query_one("#mentor", OptionList).highlighted_option
        if option is None or option.id is None or not option.id.isdigit() or not self.mentors:
            return None
        return next((m for m in self.mentors if m.id == int(option.id)), None)

    def save(self) -> None:
        """``services.team.hand_over`` in the background; "Overgedragen aan …", then dismiss with its id."""
        if self.saving:  # the Opslaan button while a save runs
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        self.clear_errors()
        mentor = self.chosen()
        if mentor is None:
            self.set_error("mentor", LOADING if self.mentors is None else "Kies aan wie de melding gaat.")
            self.refuse()
            return
        note = self.query_one("#note", Input).value.strip()
        store, case_id, seen, day = pest_app(self).store, self.case_id, self.seen_version, pest_app(self).today()

        def call() -> int:
            return team_uses.hand_over(store, case_id, mentor.id, note, day, seen_version=seen)

        def saved(handover_id: int) -> None:
            self.notify(f"Overgedragen aan {mentor.name}.", markup=False)
            self.dismiss(handover_id)

        def refused(_error: StoreError) -> None:
            self._read_version()  # a colleague's change: the next try compares with what they left

        self.save_in_background(call, saved, refused)  # refused: said in Dutch, the dialog keeps the note

    @work(thread=True, exclusive=True, group="handover-version")
    def _read_version(self) -> None:
        """Read the case's version again (after a refusal), off the main thread."""
        from pestcli.services.reads import get_case

        try:
            version = get_case(pest_app(self).store, self.case_id).version
        except StoreError:
            return
        self.app.call_from_thread(setattr, self, "seen_version", version)
