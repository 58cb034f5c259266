"""Ask whether to put the follow-up appointment of a checklist item on the agenda.

Bijlage 4, punt 15: "Maak een vervolgafspraak over 3 dagen." When the mentor
ticks that item the conversation screen asks, with the date already worked out
(three school days later): plan it, or only tick the item. Escape does neither.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from pestcli.protocol.dates import format_long
from pestcli.screens.dialog import Dialog


class AppointmentDialog(Dialog[bool | None]):
    """"Vervolgafspraak plannen?": True to plan it on ``due_on``, False to only tick, None on Escape."""

    BOX_ID = "appointment-dialog"

    BINDINGS = [
        Binding("escape", "cancel", "Terug", id="appointment_back"),
        Binding("enter", "choose", "Kiezen", id="appointment_choose", show=True),
    ]

    def __init__(self, due_on: date, school_days: int) -> None:
        super().__init__()
        self.due_on = due_on
        self.school_days = school_days

    def compose_dialog(self) -> ComposeResult:
        """The question, the worked-out date and the two choices."""
        yield Label("Vervolgafspraak plannen?", id="dialog-title", classes="dialog-title")
        yield Label(f"Over {self.school_days} schooldagen is {format_long(self.due_on)}. "
                    "Noem de leerling(en) de dag en het tijdstip; pestcli zet de afspraak in de agenda.",
                    id="appointment-text", markup=False)
        yield OptionList(
            Option(f"Plannen op {format_long(self.due_on)} en afvinken", id="plan"),
            Option("Alleen afvinken, niet plannen", id="tick"),
            id="appointment-options", markup=False,
        )

    def on_mount(self) -> None:
        """Start on "Plannen"."""
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click chooses."""
        event.stop()
        self.dismiss(event.option.id == "plan")

    def action_choose(self) -> None:
        """Choose the highlighted option."""
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.dismiss(index == 0)

    def action_cancel(self) -> None:
        """Neither plan nor tick."""
        self.dismiss(None)
