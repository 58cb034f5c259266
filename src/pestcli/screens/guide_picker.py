"""Choose which conversation to hold: resume the unfinished one, or a guide of the step.

Stap 2 has two guides (bijlage 2 and 6), stap 3 too (bijlage 3 and 4). When a
conversation of the case was left unfinished (the terminal closed, the laptop
died) it is offered first, so the mentor picks up exactly where it stopped.
The picker returns a :class:`ConversationChoice`, or None on Escape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from pestcli.screens.dialog import Dialog


@dataclass(frozen=True)
class ConversationChoice:
    """The guide to hold; ``conversation_id`` is set to resume an unfinished one."""

    guide_id: str
    step: int | None
    conversation_id: int | None = None


class GuidePicker(Dialog[ConversationChoice | None]):
    """A short list: "Verder met ..." first (if any), then "Nieuw gesprek: bijlage N"."""

    BOX_ID = "guide-picker"
    BOX_CLASSES = "-wide"

    BINDINGS = [
        Binding("escape", "cancel", "Terug", id="picker_back"),
        Binding("enter", "choose", "Kiezen", id="picker_choose", show=True),
    ]

    def __init__(self, title: str, choices: Sequence[tuple[str, ConversationChoice]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = list(choices)

    def compose_dialog(self) -> ComposeResult:
        """The question and the options."""
        yield Label(self.title_text, id="dialog-title", classes="dialog-title", markup=False)
        yield OptionList(*(Option(text, id=str(n)) for n, (text, _) in enumerate(self.choices)),
                         id="guide-options", markup=False)

    def on_mount(self) -> None:
        """Start on the first option."""
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on an option chooses it."""
        event.stop()
        self.dismiss(self.choices[event.option_index][1])

    def action_choose(self) -> None:
        """Choose the highlighted option."""
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.dismiss(self.choices[index][1])

    def action_cancel(self) -> None:
        """Back to the case without a conversation."""
        self.dismiss(None)
