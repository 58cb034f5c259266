"""The welcome for a first-time user: what pestcli is, and two ways in.

Shown by the home screen while the database holds no case at all. The two
buttons (``#welcome-new`` and ``#welcome-demo``) are handled by the home
screen: register a first report, or load the fictional demo cases.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

INTRO = (
    "Met pestcli volg je als mentor het anti-pestprotocol van de school: een melding "
    "registreren, de zes stappen op tijd zetten, de gesprekken zonder schuldvraag voeren "
    "en de afspraken met de leerlingen bijhouden. Alles blijft op deze computer."
)
EMPTY = "Er staan nog geen meldingen in. Hoe wil je beginnen?"
NEW_HINT = "Vul de melding in zoals je het verhaal hoort. Toets: n"
DEMO_HINT = ("Verzonnen leerlingen en meldingen, om rustig rond te kijken. "
             "Niets daarvan is echt. Toets: d")


class Welcome(Vertical):
    """A short, kind welcome with the two ways in."""

    def on_mount(self) -> None:
        """Mounted when the database turns out empty: put the focus on the first way in."""
        if self.screen.is_current:
            self.query_one("#welcome-new", Button).focus()

    def compose(self) -> ComposeResult:
        """Title, a few words about pestcli, and the two choices."""
        yield Static("Welkom bij pestcli", id="welcome-title")
        yield Static(INTRO, id="welcome-intro")
        yield Static(EMPTY, id="welcome-question")
        with Horizontal(id="welcome-choices"):
            with Vertical(classes="welcome-choice"):
                yield Button("Eerste melding registreren", id="welcome-new", variant="primary")
                yield Static(NEW_HINT, classes="welcome-hint")
            with Vertical(classes="welcome-choice"):
                yield Button("Demo-casussen laden", id="welcome-demo")
                yield Static(DEMO_HINT, classes="welcome-hint")
