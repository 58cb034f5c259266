"""The question before the app starts on a database without cases while a backup holds some.

Shown by ``pestcli`` (``commands/app.py``) in a small app of its own, before
the store is opened: it names the backup's date, how many cases it holds and
its file. "Zet terug" (j) restores it; "Begin opnieuw" (n) starts with the
empty database and keeps every backup; "Stop" (Escape, q) closes pestcli
without changing anything. Nothing is restored without the mentor's yes.
"""

from __future__ import annotations

from typing import Literal

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Static

from pestcli.screens.dialog import Dialog
from pestcli.services.file import RestoreOffer

#: The mentor's answer: restore, start afresh, or stop.
Answer = Literal["terugzetten", "opnieuw", "stop"]


def offer_text(offer: RestoreOffer) -> str:
    """The question in Dutch, naming the backup's date, its cases and its file."""
    return (
        f"De database {offer.db_path} ontbreekt of bevat geen meldingen. Er is wel een "
        f"reservekopie van {offer.backup.label} met {offer.cases_text}:\n{offer.backup.path}\n\n"
        "Wilt u die terugzetten? Bij 'Begin opnieuw' start pestcli zonder meldingen; "
        "de reservekopieën blijven bewaard."
    )


class RestoreOfferScreen(Dialog[str]):
    """Asks whether to restore the offered backup; dismisses with the answer."""

    BINDINGS = [
        Binding("j", "answer('terugzetten')", "Zet terug", id="restore_offer_yes"),
        Binding("n", "answer('opnieuw')", "Begin opnieuw", id="restore_offer_no"),
        Binding("escape,q", "answer('stop')", "Stop", id="restore_offer_stop"),
    ]

    def __init__(self, offer: RestoreOffer) -> None:
        super().__init__(id="restore-offer")
        self.offer = offer

    def compose_dialog(self) -> ComposeResult:
        """Title, the question (plain text, never markup) and three buttons."""
        yield Static("Reservekopie gevonden", classes="dialog-title")
        yield Static(offer_text(self.offer), markup=False, classes="dialog-text",
                     id="restore-offer-text")
        with Horizontal(classes="dialog-buttons"):
            yield Button("Zet terug (j)", id="terugzetten", variant="primary")
            yield Button("Begin opnieuw (n)", id="opnieuw")
            yield Button("Stop (Esc)", id="stop")

    def on_mount(self) -> None:
        """Focus "Zet terug": Enter presses that button, a yes by its label."""
        self.query_one("#terugzetten", Button).focus()

    def action_answer(self, answer: str) -> None:
        """Return the answer."""
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The buttons answer too."""
        event.stop()
        self.dismiss(event.button.id or "stop")


class RestoreOfferApp(App[str]):
    """A small app that only asks the restore question; its return value is the answer."""

    CSS_PATH = "../pestcli.tcss"
    TITLE = "pestcli"

    def __init__(self, offer: RestoreOffer) -> None:
        super().__init__()
        self.offer = offer

    def on_mount(self) -> None:
        """Ask at once; the answer ends the app."""
        self.push_screen(RestoreOfferScreen(self.offer), self._answered)

    def _answered(self, answer: str | None) -> None:
        """End with the answer (Ctrl+C or a closed terminal counts as stop)."""
        self.exit(answer or "stop")


def ask_restore(offer: RestoreOffer) -> Answer:
    """Ask the mentor in the terminal (a Textual screen); ``stop`` when no answer came."""
    answer = RestoreOfferApp(offer).run()
    return answer if answer in ("terugzetten", "opnieuw") else "stop"  # type: ignore[return-value]
