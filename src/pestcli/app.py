"""The Textual app: screens, bindings and the command palette. Kept small."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from pestcli.protocol.model import Protocol
from pestcli.screens.steps_overview import StepsOverviewScreen


class PestApp(App[None]):
    """pestcli: the school's anti-bullying protocol as a guided workflow."""

    CSS_PATH = "pestcli.tcss"
    TITLE = "pestcli"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Stoppen", id="quit", priority=True),
    ]

    def __init__(self, protocol: Protocol) -> None:
        super().__init__()
        self.protocol = protocol
        self.sub_title = f"{protocol.document.name} {protocol.document.version}"

    def on_mount(self) -> None:
        """Open the first screen."""
        self.push_screen(StepsOverviewScreen(self.protocol))
