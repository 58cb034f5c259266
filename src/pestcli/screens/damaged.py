"""The message when the integrity check finds the database damaged after the app started.

The check (``store.backend.integrity``) runs beside the first screens. When it
finds damage, this screen covers the work: nothing more can be saved (every
write refuses a damaged file), the message names the file and the newest
backup with the command that restores it, and the only way on is to close
pestcli (the message is printed in the terminal as well).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Static

from pestcli.screens.dialog import Dialog


class DamagedScreen(Dialog[None]):
    """The Dutch damage message over everything, with one button: close pestcli."""

    BINDINGS = [
        Binding("escape,enter", "close_app", "Sluit pestcli", id="damaged_close"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__(id="damaged")
        self.message = message

    def compose_dialog(self) -> ComposeResult:
        """Title, message and the close button."""
        yield Static("De database is beschadigd", classes="dialog-title")
        yield Static(
            f"{self.message}\n\nEr kan niets meer worden opgeslagen. Wat u eerder opsloeg, "
            "staat in het bestand en in de reservekopieën.",
            classes="dialog-text", id="damaged-message",
        )
        with Horizontal(classes="dialog-buttons"):
            yield Button("Sluit pestcli", id="damaged-close", variant="error")

    def on_mount(self) -> None:
        """Focus the only button."""
        self.query_one("#damaged-close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The button closes the app."""
        self.action_close_app()

    def action_close_app(self) -> None:
        """Close pestcli; the message is printed in the terminal too."""
        self.app.exit(return_code=2, message=self.message)
