"""A Dutch date input: type "morgen", "ma", "23-11" or "+3"; see the date it means."""

from __future__ import annotations

from datetime import date
from typing import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Label

from pestcli.protocol.dates import DateParseError, format_long, parse_date


class DutchDateValidator(Validator):
    """Validates Dutch date input with the rules engine's parser."""

    def __init__(self, today: Callable[[], date], prefer: str = "future", allow_empty: bool = False) -> None:
        super().__init__()
        self.today = today
        self.prefer = prefer
        self.allow_empty = allow_empty

    def validate(self, value: str) -> ValidationResult:
        """Success when the text is a date; else the parser's Dutch message."""
        if not value.strip():
            return self.success() if self.allow_empty else self.failure("Vul een datum in.")
        try:
            parse_date(value, self.today(), self.prefer)
        except DateParseError as exc:
            return self.failure(str(exc))
        return self.success()


class DateField(Vertical):
    """A labelled date input with the meaning (or the error) shown under it."""

    DEFAULT_CLASSES = "field"

    def __init__(
        self,
        label: str,
        value: str = "",
        *,
        today: Callable[[], date] = date.today,
        prefer: str = "future",
        allow_empty: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.label_text = label
        self.initial = value
        self.today = today
        self.prefer = prefer
        self.allow_empty = allow_empty

    def compose(self) -> ComposeResult:
        """Label, input and the feedback line."""
        yield Label(self.label_text, classes="field-label")
        yield Input(
            self.initial,
            placeholder="bijv. vandaag, ma, 23-11, +3, over 2 weken",
            validators=[DutchDateValidator(self.today, self.prefer, self.allow_empty)],
            validate_on=["changed", "submitted", "blur"],
            valid_empty=self.allow_empty,
        )
        yield Label("", classes="field-feedback")

    def on_mount(self) -> None:
        """Show what the initial value means."""
        self._show(self.query_one(Input).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Keep the feedback line in step with what is typed."""
        self._show(event.value)

    def _show(self, text: str) -> None:
        feedback = self.query_one(".field-feedback", Label)
        if not text.strip():
            feedback.update("" if self.allow_empty else "Vul een datum in.")
            feedback.set_class(not self.allow_empty, "error")
            return
        try:
            chosen = parse_date(text, self.today(), self.prefer)
        except DateParseError as exc:
            feedback.update(str(exc))
            feedback.add_class("error")
        else:
            feedback.update(format_long(chosen))
            feedback.remove_class("error")

    @property
    def value(self) -> date | None:
        """The date typed, or None when empty or not a date."""
        text = self.query_one(Input).value
        if not text.strip():
            return None
        try:
            return parse_date(text, self.today(), self.prefer)
        except DateParseError:
            return None

    def error(self) -> str | None:
        """The Dutch error for the current text, or None when it is fine."""
        text = self.query_one(Input).value
        if not text.strip():
            return None if self.allow_empty else "Vul een datum in."
        try:
            parse_date(text, self.today(), self.prefer)
        except DateParseError as exc:
            return str(exc)
        return None

    def set_text(self, text: str) -> None:
        """Replace the typed text."""
        self.query_one(Input).value = text
