"""The two decisions on a case past its retention period: keep it, or erase it.

``KeepDialog`` asks for a reason and a date and returns them (the screen
stores them). ``EraseDialog`` is the serious confirmation: it names the
case number, says erasing cannot be undone, and only answers yes when the
mentor types the case number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label

from pestcli.app_access import pest_app
from pestcli.screens.dialog import Dialog
from pestcli.widgets.date_field import DateField


@dataclass(frozen=True)
class KeepDecision:
    """Why the case is kept, and until when."""

    reason: str
    until: date


class KeepDialog(Dialog[KeepDecision | None]):
    """Reason and date for keeping a case; None when the mentor goes back."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Bewaren", id="keep_save", show=True),
        Binding("escape", "cancel", "Terug", id="keep_cancel", show=True),
    ]

    def __init__(self, number: str) -> None:
        super().__init__()
        self.number = number

    def compose_dialog(self) -> ComposeResult:
        """Reason, date, buttons."""
        yield Label(f"Melding {self.number} bewaren", classes="dialog-title")
        yield Label("Waarom blijft deze melding bewaard?", classes="field-label")
        yield Input(placeholder="bijv. lopende klacht, verzoek van de ouders", id="keep-reason")
        yield Label("", id="keep-reason-error", classes="field-error")
        yield DateField("Bewaren tot", "over 1 jaar", today=pest_app(self).today, prefer="future", id="keep-until")
        with Horizontal(classes="dialog-buttons"):
            yield Button("Bewaren", id="keep-yes", variant="primary")
            yield Button("Terug", id="keep-no")

    def on_mount(self) -> None:
        """Start in the reason."""
        self.query_one("#keep-reason", Input).focus()

    def action_save(self) -> None:
        """Check both fields; return the decision when they are good."""
        reason = self.query_one("#keep-reason", Input).value.strip()
        until_field = self.query_one("#keep-until", DateField)
        until, problem = until_field.value, until_field.error()
        error = self.query_one("#keep-reason-error", Label)
        error.update("" if reason else "Vul een reden in.")
        error.set_class(not reason, "shown")
        if problem is None and until is not None and until <= pest_app(self).today():
            problem = "Kies een datum in de toekomst."
        if not reason or problem is not None or until is None:
            if problem:
                self.notify(problem, severity="error")
            return
        self.dismiss(KeepDecision(reason, until))

    def action_cancel(self) -> None:
        """Back without a decision."""
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field saves."""
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The buttons."""
        event.stop()
        if event.button.id == "keep-yes":
            self.action_save()
        else:
            self.dismiss(None)


class EraseDialog(Dialog[bool]):
    """Asks to type the case number before a case is erased for good."""

    BOX_CLASSES = "-danger"

    BINDINGS = [Binding("escape", "cancel", "Niet wissen", id="erase_cancel", show=True)]

    def __init__(self, number: str) -> None:
        super().__init__()
        self.number = number

    def compose_dialog(self) -> ComposeResult:
        """The warning, the number field and two buttons."""
        yield Label(f"Melding {self.number} definitief wissen?", classes="dialog-title")
        yield Label("Alles van deze melding wordt gewist: gesprekken, afspraken, bewijs en de "
                    "leerlingen die in geen andere melding staan. Dit kan niet ongedaan worden "
                    "gemaakt.", id="erase-warning")
        yield Label(f"Typ het meldingsnummer {self.number} om te bevestigen:", classes="field-label")
        yield Input(placeholder=self.number, id="erase-number")
        with Horizontal(classes="dialog-buttons"):
            yield Button("Definitief wissen", id="erase-yes", variant="error")
            yield Button("Niet wissen", id="erase-no")

    def on_mount(self) -> None:
        """Start in the number field."""
        self.query_one("#erase-number", Input).focus()

    def _confirm(self) -> None:
        """Erase only when the typed number is the case number."""
        if self.query_one("#erase-number", Input).value.strip() != self.number:
            self.notify(f"Typ precies {self.number} om te wissen; er is niets gewist.", severity="warning")
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Back; nothing is erased."""
        self.dismiss(False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter confirms (when the number is right)."""
        event.stop()
        self._confirm()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The buttons."""
        event.stop()
        if event.button.id == "erase-yes":
            self._confirm()
        else:
            self.dismiss(False)
