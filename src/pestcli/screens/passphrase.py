"""The passphrase prompt: the idle lock of an encrypted database (three tries).

Everything below is hidden behind an opaque screen; notifications are
cleared and the command palette is off while it shows. A wrong passphrase
says so in Dutch with the tries left ("Onjuist wachtwoord. Nog 2
pogingen."); after the last one the app stops with a message. Enter on an
empty field is no try: it asks again. The
passphrase is never shown, logged or put in a notification: the input is a
password field and is emptied after every try.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from pestcli.screens.dialog import Dialog
from pestcli.services.file import tries_left_message

TRIES = 3
EMPTY_MESSAGE = "U heeft niets ingevoerd. Typ het wachtwoord en druk op Enter."
GIVE_UP_MESSAGE = "Drie keer een onjuist wachtwoord; pestcli is gestopt. Alles was al opgeslagen."


class PassphraseScreen(Dialog[bool]):
    """Ask the passphrase; dismiss with True when ``check`` accepts it.

    ``check`` gets the typed passphrase and returns whether it is right.
    After ``tries`` wrong ones the app exits (return code 2) with a Dutch message.
    """

    BOX_ID = "passphrase-box"

    BINDINGS = [
        Binding("ctrl+q", "app.quit", "Stoppen", id="passphrase-quit", show=True),
    ]

    def __init__(
        self,
        check: Callable[[str], bool],
        *,
        title: str = "pestcli is vergrendeld",
        hint: str = "Voer het wachtwoord van de database in om verder te gaan.",
        tries: int = TRIES,
    ) -> None:
        super().__init__(id="passphrase")
        self._check = check
        self._title = title
        self._hint = hint
        self._tries = tries
        self.failures = 0
        self._palette_was_enabled = True

    def compose_dialog(self) -> ComposeResult:
        """The title, a hint, the password field and the message line."""
        yield Static(self._title, id="passphrase-title", classes="dialog-title")
        yield Static(self._hint, id="passphrase-hint")
        yield Input(password=True, placeholder="Wachtwoord", id="passphrase-input")
        yield Static("", id="passphrase-message")

    def on_mount(self) -> None:
        """Hide notifications, switch the palette off and focus the field."""
        self.app.clear_notifications()
        self._palette_was_enabled = self.app.use_command_palette
        self.app.use_command_palette = False
        self.query_one("#passphrase-input", Input).focus()

    def on_unmount(self) -> None:
        """Give the palette back."""
        self.app.use_command_palette = self._palette_was_enabled

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Check the passphrase; count a wrong one; stop after the last try."""
        event.stop()
        field = self.query_one("#passphrase-input", Input)
        passphrase = field.value
        field.value = ""
        message = self.query_one("#passphrase-message", Static)
        if not passphrase:  # Enter on an empty field is no try: ask again
            message.update(EMPTY_MESSAGE)
            return
        if self._check(passphrase):
            self.dismiss(True)
            return
        self.failures += 1
        left = self._tries - self.failures
        if left > 0:
            message.update(tries_left_message(left))
        else:
            message.update(GIVE_UP_MESSAGE)
            self.app.exit(return_code=2, message=GIVE_UP_MESSAGE)
