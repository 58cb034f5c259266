"""The case screen's form dialogs (evidence, parents, escalation, ...): fields, errors, saving.

A case dialog is a :class:`~pestcli.screens.dialog.Dialog` (the one dialog
frame) with a title, its fields in a scrolling body, a line for
each field's Dutch error beside it, and Opslaan / Annuleren (Ctrl+S / Escape).
A dialog dismisses with its typed result only after the store call returned
(the write is committed); a ``StoreError`` is shown in Dutch and the dialog
stays open with everything the mentor typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Label

from pestcli.protocol.dates import format_date
from pestcli.screens.dialog import BUSY, Dialog
from pestcli.services.errors import StoreError

T = TypeVar("T")


def field(label: str, widget: Widget, name: str) -> Vertical:
    """A labelled field with an (initially empty) error line under it."""
    return Vertical(
        Label(label, classes="field-label"),
        widget,
        Label("", id=f"err-{name}", classes="field-error", markup=False),
        classes="field",
        id=f"field-{name}",
    )


def reveal_first_error(screen: Screen) -> str | None:
    """Put the focus in the first field whose error line shows, and scroll both into view.

    A dialog taller than the terminal (80×24) scrolls its body: after a refused
    save the mentor sees the field and its Dutch error, not only a toast. The
    field is the error line's ``.field`` container (see :func:`field`), or, for
    an error line placed right after its widget, the widget before it. Returns
    the error's text (None when no error line shows).
    """
    shown = [label for label in screen.query(".field-error.shown").results(Label) if label.display]
    if not shown:
        return None
    label = shown[0]
    parent = label.parent
    if isinstance(parent, Widget) and parent.has_class("field"):  # a label's parent is a widget (or the screen)
        holder: Widget = parent
    else:
        siblings = list(parent.children) if parent is not None else []
        index = siblings.index(label) if label in siblings else 0
        holder = siblings[index - 1] if index > 0 else label
    target = holder if holder.focusable else next(
        (widget for widget in holder.query("*") if widget.focusable), None)
    if target is not None:
        target.focus(scroll_visible=False)

    def scroll() -> None:
        """Once the error line is laid out: the field and its error in view."""
        holder.scroll_visible(animate=False)
        label.scroll_visible(animate=False)

    screen.call_after_refresh(scroll)
    return str(label.render()).strip()


def past_day_error(day: date, today: date, earliest: date | None = None, what: str = "Die datum") -> str | None:
    """A Dutch error when ``day`` lies after today or before ``earliest``."""
    if day > today:
        return f"{what} ligt in de toekomst ({format_date(day)}); vul een datum tot en met vandaag in."
    if earliest is not None and day < earliest:
        return f"{what} ligt vóór de melding ({format_date(earliest)})."
    return None


class CaseDialog(Dialog[T]):
    """Base class: subclasses give ``heading``, ``compose_fields`` and ``save``."""

    BOX_ID = "dialog"

    BINDINGS = [
        Binding("ctrl+s", "save", "Opslaan", id="dialog_save", priority=True),
        Binding("escape", "cancel", "Annuleren", id="dialog_cancel"),
    ]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self.shown_errors: dict[str, str] = {}
        #: The text of every text field as the dialog opened (to tell typed text from defaults).
        self._opened_with: dict[int, str] | None = None

    def on_mount(self) -> None:
        """Remember the fields' text once the dialog (and a subclass's ``on_mount``) has filled them."""
        self.call_after_refresh(self._remember_text)

    def _remember_text(self) -> None:
        self._opened_with = self._typed_text()

    def _typed_text(self) -> dict[int, str]:
        """The text of each editable text field, by widget (a date field's day is not typed text to keep)."""
        from textual.widgets import Input, TextArea

        from pestcli.widgets.date_field import DateField

        fields: dict[int, str] = {}
        for widget in self.query("Input, TextArea"):
            if any(isinstance(node, DateField) for node in widget.ancestors):
                continue
            if isinstance(widget, Input):
                fields[id(widget)] = widget.value
            elif isinstance(widget, TextArea) and not widget.read_only:
                fields[id(widget)] = widget.text
        return fields

    def has_unsaved_text(self) -> bool:
        """Whether text was typed in a field since the dialog opened (Esc and Ctrl+Q ask then)."""
        if self._opened_with is None:
            return False
        now = self._typed_text()
        return any(text.strip() and text != self._opened_with.get(key, "") for key, text in now.items())

    def heading(self) -> str:
        """The dialog's title."""
        return ""

    def compose_fields(self) -> Iterable[Widget]:
        """The dialog's fields (see :func:`field`)."""
        return ()

    def compose_dialog(self) -> ComposeResult:
        """Title, the fields in a scrolling body, the buttons."""
        yield Label(self.heading(), id="dialog-title", classes="dialog-title")
        with VerticalScroll(id="dialog-body", classes="dialog-body"):
            yield from self.compose_fields()
        with Horizontal(id="dialog-buttons", classes="dialog-buttons"):
            yield Button("Opslaan", id="save", variant="primary")
            yield Button("Annuleren", id="cancel")

    # --- errors beside the fields ---------------------------------------------
    def set_error(self, name: str, message: str) -> None:
        """Show ``message`` under the field ``name``."""
        label = self.query_one(f"#err-{name}", Label)
        label.update(message)
        label.add_class("shown")
        self.shown_errors[name] = message

    def clear_errors(self) -> None:
        """Empty every error line."""
        for label in self.query(".field-error").results(Label):
            label.update("")
            label.remove_class("shown")
        self.shown_errors.clear()

    def refuse(self) -> None:
        """Tell the mentor nothing was saved; the first field with an error gets the focus, in view."""
        message = reveal_first_error(self)
        self.notify(f"Niet opgeslagen: {message}" if message else
                    "Niet opgeslagen: kijk naar de melding bij het veld.", severity="error")

    def store_call(self, call: Callable[..., Any], *args: Any, error_field: str | None = None, **kwargs: Any) -> Any:
        """Run a store write; on a StoreError show it in Dutch and return None."""
        try:
            return call(*args, **kwargs)
        except StoreError as exc:
            if error_field is not None:
                self.set_error(error_field, str(exc))
            self.notify(str(exc), severity="error")
            return None

    # --- keys and buttons --------------------------------------------------------
    def action_save(self) -> None:
        """Validate and store (subclasses)."""
        self.save()

    def save(self) -> None:
        """Validate the fields, make the store call, dismiss with the result."""

    def action_cancel(self) -> None:
        """Close without saving; with typed text, ask first ("Niet opslaan?")."""
        if not self.has_unsaved_text():
            self.dismiss(None)
            return
        from pestcli.screens.drafts import LeaveUnsavedDialog

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)

        self.app.push_screen(LeaveUnsavedDialog(
            "Niet opslaan?", "Je hebt tekst getypt die nog niet is opgeslagen. Ja gooit die weg; "
            "Nee gaat terug (Ctrl+S slaat op).", yes="Ja, weggooien"), answered)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Opslaan saves, Annuleren cancels; while a save runs, both only say to wait."""
        event.stop()
        if self.saving:
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        if event.button.id == "save":
            self.save()
        elif event.button.id == "cancel":
            self.action_cancel()

    def on_input_submitted(self, event) -> None:
        """Enter in a text field moves on to the next field."""
        event.stop()
        self.focus_next()
