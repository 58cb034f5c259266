"""The privacy screen: the mentor's work hidden at once behind a neutral view.

Ctrl+B (the app's priority binding ``toggle_privacy``) pushes this screen and
pops it again, so the screen below comes back exactly as it was: same focus,
typed text intact. While it shows, nothing of a case is visible: no names,
no footer with case keys, no notifications, no command palette.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Center, Middle
from textual.screen import ModalScreen
from textual.widgets import Static

RESUME_HINT = "Druk op Ctrl+B om verder te gaan"


def clock_text(now: datetime) -> str:
    """The neutral line's time, e.g. ``14:05``."""
    return now.strftime("%H:%M")


class PrivacyScreen(ModalScreen[None]):
    """A blank, neutral screen: the time and how to get back, nothing else.

    A modal screen, so the app's ordinary keys (a new report, the protocol)
    do not reach the work below; the palette is switched off while it shows.
    """

    BINDINGS: ClassVar[list[BindingType]] = []

    def __init__(self) -> None:
        super().__init__(id="privacy")
        self._palette_was_enabled = True

    def compose(self) -> ComposeResult:
        """The time and the one line that says how to come back."""
        with Middle():
            with Center():
                yield Static(clock_text(datetime.now()), id="privacy-clock")
            with Center():
                yield Static(RESUME_HINT, id="privacy-hint")

    def on_mount(self) -> None:
        """Hide notifications, switch the palette off and keep the clock current."""
        self.app.clear_notifications()
        self._palette_was_enabled = self.app.use_command_palette
        self.app.use_command_palette = False
        self.set_interval(10, self._tick)

    def on_unmount(self) -> None:
        """Give the palette back."""
        self.app.use_command_palette = self._palette_was_enabled

    def _tick(self) -> None:
        """Show the current time."""
        self.query_one("#privacy-clock", Static).update(clock_text(datetime.now()))
