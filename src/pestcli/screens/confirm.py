"""A yes/no question asked once more before something is not undone lightly.

``Confirm`` is the one question dialog: the question as plain text (never
markup), "Nee" focused so Enter alone never does it, j = ja, n or Escape =
nee. Subclasses name the yes (``YES``) and give their own bindings, so the
footer says what j does ("Ja, sluiten", "Ja, weggooien", ...). With an
``explanation`` the question is the dialog's title and the explanation the
text under it (``drafts.LeaveUnsavedDialog`` asks that way).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Label

from pestcli.screens.dialog import Dialog


class Confirm(Dialog[bool]):
    """Asks a yes/no question; dismisses with True only for yes."""

    BOX_ID = "confirm"

    #: The label of the button that says yes.
    YES = "Ja"
    #: The label of the button that says no.
    NO = "Nee"
    #: Whether the buttons name their keys too ("Ja, sluiten (j)", "Nee, terug (n)").
    KEYS_ON_BUTTONS: ClassVar[bool] = False
    BINDINGS = [
        Binding("j", "answer(True)", "Ja", id="confirm_yes"),
        Binding("n", "answer(False)", "Nee", id="confirm_no"),
        Binding("escape", "answer(False)", "Terug", id="confirm_back"),
    ]

    def __init__(self, question: str, explanation: str | None = None, yes: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.explanation = explanation
        self.yes = yes if yes is not None else self.YES

    def compose_dialog(self) -> ComposeResult:
        """The question (a title when it is explained), the explanation, two buttons."""
        title = "dialog-title" if self.explanation is not None else ""
        yield Label(self.question, id="confirm-question", classes=title, markup=False)
        if self.explanation is not None:
            yield Label(self.explanation, classes="dialog-note", markup=False)
        yes, no = (f"{self.yes} (j)", f"{self.NO} (n)") if self.KEYS_ON_BUTTONS else (self.yes, self.NO)
        with Horizontal(id="dialog-buttons", classes="dialog-buttons"):
            yield Button(yes, id="yes", variant="error")
            yield Button(no, id="no", variant="primary" if self.KEYS_ON_BUTTONS else "default")

    def on_mount(self) -> None:
        """Start on "Nee": Enter alone never says yes."""
        self.query_one("#no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        """Return the answer."""
        self.dismiss(yes)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The buttons answer too."""
        event.stop()
        self.dismiss(event.button.id == "yes")
