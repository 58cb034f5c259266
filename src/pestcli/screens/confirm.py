"""A yes/no question asked once more before something is not undone lightly.

``Confirm`` is the one question dialog: the question as plain text (never
markup), "Nee" focused so Enter alone never does it, j = ja, n or Escape =
nee. Subclasses name the yes (``YES``) and give their own bindings, so the
footer says what j does ("Ja, sluiten", "Ja, weggooien", ...).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from pestcli.widgets.keys_footer import KeysFooter


class Confirm(ModalScreen[bool]):
    """Asks a yes/no question; dismisses with True only for yes."""

    #: The label of the button that says yes.
    YES = "Ja"
    BINDINGS = [
        Binding("j", "answer(True)", "Ja", id="confirm_yes"),
        Binding("n", "answer(False)", "Nee", id="confirm_no"),
        Binding("escape", "answer(False)", "Terug", id="confirm_back"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__(classes="case-dialog-screen")
        self.question = question

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        with Vertical(id="confirm", classes="case-dialog"):
            yield Label(self.question, id="confirm-question", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield Button(self.YES, id="yes", variant="error")
                yield Button("Nee", id="no")
        yield KeysFooter()

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
