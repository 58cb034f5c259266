"""A Dutch date input: type "vr", "3-12" or "volgende week di"; see the date it will save.

Under the input one line shows, while the mentor types, the date that saving
will store ("→ do 3 dec 2026"), or "✗" with the Dutch reason (and a
suggestion) while the text is not a date. The label says which way the field
looks for a date without a year or a bare weekday: "kijkt vooruit" (a
follow-up, a deadline, a planned day) or "kijkt terug" (held on, reported on,
closed on). The preview, :attr:`DateField.value` and :meth:`DateField.error`
read the text with the same ``today``, direction and school calendar, so what
is shown is what is saved.
"""

from __future__ import annotations

from datetime import date
from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Label

from pestcli.protocol.dates import DateParseError, format_date, parse_date

#: How the label names the field's direction (said in words, not by colour).
DIRECTION_WORDS = {"future": "kijkt vooruit", "past": "kijkt terug"}
#: Examples in the empty input, fitting the direction.
PLACEHOLDERS = {"future": "bijv. vr, 3-12, volgende week di, over 14 dagen",
                "past": "bijv. vandaag, vr, 3-12, vorige week ma"}
#: The sign before the date the field will save, and before an error.
ARROW, CROSS = "→", "✗"


class DutchDateValidator(Validator):
    """Validates Dutch date input with the rules engine's parser."""

    def __init__(self, read: Callable[[str], date], allow_empty: bool = False) -> None:
        super().__init__()
        self.read = read
        self.allow_empty = allow_empty

    def validate(self, value: str) -> ValidationResult:
        """Success when the text is a date; else the parser's Dutch message."""
        if not value.strip():
            return self.success() if self.allow_empty else self.failure("Vul een datum in.")
        try:
            self.read(value)
        except DateParseError as exc:
            return self.failure(str(exc))
        return self.success()


class DateField(Vertical):
    """A labelled date input with the date it will save (or the error) on one line under it."""

    DEFAULT_CLASSES = "field"
    DEFAULT_CSS = """
    DateField .field-feedback {
        height: 1;
        width: 100%;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        color: $text-muted;
    }
    DateField .field-feedback.error {
        color: $text-error;
        text-style: bold;
    }
    DateField .date-direction {
        color: $text-muted;
    }
    """

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
        if prefer not in DIRECTION_WORDS:
            raise ValueError(f"prefer must be 'future' or 'past', not {prefer!r}")
        super().__init__(id=id)
        self.label_text = label
        self.initial = value
        self.today = today
        self.prefer = prefer
        self.allow_empty = allow_empty

    def compose(self) -> ComposeResult:
        """Label (with the direction), input and the preview line."""
        yield Label(Text.assemble(self.label_text, (f" ({DIRECTION_WORDS[self.prefer]})", "dim")),
                    classes="field-label")
        yield Input(
            self.initial,
            placeholder=PLACEHOLDERS[self.prefer],
            validators=[DutchDateValidator(self.read, self.allow_empty)],
            validate_on=["changed", "submitted", "blur"],
            valid_empty=self.allow_empty,
        )
        yield Label("", classes="field-feedback", markup=False)

    def read(self, text: str) -> date:
        """``text`` as this field reads it: its today, direction and the app's school calendar."""
        calendar = getattr(self.app, "calendar", None) if self.is_attached else None
        return parse_date(text, self.today(), self.prefer, calendar)

    def on_mount(self) -> None:
        """Show what the initial value means."""
        self._show(self.query_one(Input).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Keep the preview line in step with what is typed."""
        self._show(event.value)

    def preview(self, text: str) -> tuple[str, bool]:
        """The preview line for ``text`` and whether it is an error.

        An empty field shows nothing: before anything is typed it is not yet
        an error, and a save with the date missing says so once, beside the
        field (the dialog's own error line), not twice.
        """
        if not text.strip():
            return "", False
        try:
            chosen = self.read(text)
        except DateParseError as exc:
            return f"{CROSS} {exc}", True
        return f"{ARROW} {format_date(chosen)}", False

    def _show(self, text: str) -> None:
        """Write the preview line (literally: typed text is never markup)."""
        line, failed = self.preview(text)
        feedback = self.query_one(".field-feedback", Label)
        feedback.update(Text(line))
        feedback.set_class(failed, "error")

    @property
    def value(self) -> date | None:
        """The date typed, or None when empty or not a date."""
        text = self.query_one(Input).value
        if not text.strip():
            return None
        try:
            return self.read(text)
        except DateParseError:
            return None

    def error(self) -> str | None:
        """The Dutch error for the current text, or None when it is fine."""
        text = self.query_one(Input).value
        if not text.strip():
            return None if self.allow_empty else "Vul een datum in."
        try:
            self.read(text)
        except DateParseError as exc:
            return str(exc)
        return None

    def set_text(self, text: str) -> None:
        """Replace the typed text."""
        self.query_one(Input).value = text
