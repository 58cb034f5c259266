"""Which class holds the class conversation? A list of the known classes, or type another.

Opened from the command palette ("Klassengesprek…") and from a case that
names no class. Returns the class name, or None on Escape.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from pestcli.screens.dialog import Dialog
from pestcli.services.class_talks import check_class_name
from pestcli.services.errors import StoreError
from pestcli.text import plain


class ClassPicker(Dialog[str | None]):
    """"Klassengesprek met welke klas?": Enter on a class, or type one and Enter."""

    BOX_ID = "class-picker"

    BINDINGS = [Binding("escape", "cancel", "Terug", id="class_picker_back")]

    def __init__(self, classes: Sequence[str], school_year: str) -> None:
        super().__init__()
        self.known = list(classes)
        self.school_year = school_year

    def compose_dialog(self) -> ComposeResult:
        """The question, the known classes, a field for another class, the error line."""
        yield Label(f"Klassengesprek (bijlage 1) met welke klas? Schooljaar {self.school_year}",
                    id="dialog-title", classes="dialog-title", markup=False)
        if self.known:
            yield OptionList(*(Option(plain(name), id=f"klas-{n}") for n, name in enumerate(self.known)),
                             id="class-options", markup=False)
        yield Label("Andere klas (typ de naam, Enter):" if self.known else "Klas (typ de naam, Enter):",
                    classes="field-label")
        yield Input(placeholder="bijv. 2B", id="class-name", max_length=20)
        yield Label("", id="class-error", classes="field-error", markup=False)

    def on_mount(self) -> None:
        """Start on the list; only when there is none, in the text field."""
        if self.known:
            options = self.query_one(OptionList)
            options.highlighted = 0
            options.focus()
        else:
            self.query_one(Input).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a class chooses it."""
        event.stop()
        self.dismiss(self.known[event.option_index])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the field: the typed class, or a Dutch message why not."""
        event.stop()
        try:
            name = check_class_name(event.value)
        except StoreError as exc:
            error = self.query_one("#class-error", Label)
            error.update(plain(str(exc)))
            error.add_class("shown")
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        """Back without a class conversation."""
        self.dismiss(None)
