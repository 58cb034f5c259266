"""A note editor with the no-blame language hint.

While the mentor types, words the protocol asks to avoid (``protocol.language_hints``:
"altijd", "vaak", "dader", "schuld", "je bent gemeen" ...) are marked in a live
preview under the editor, with the protocol's own reason. A hint only: the note
is saved exactly as typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, Static, TextArea

from pestcli.protocol.language import HintMatch, find_hints
from pestcli.protocol.model import LanguageHint
from pestcli.text import plain
from pestcli.widgets.plain_fields import PlainTextArea

#: The style of a marked word in the preview.
MARK_STYLE = "bold underline $warning"


def marked_text(text: str, matches: Sequence[HintMatch]) -> Content:
    """The lines of ``text`` that hold a hint word, with those words marked."""
    parts: list[str | tuple[str, str]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        end = offset + len(line)
        here = [m for m in matches if offset <= m.start < end]
        if here:
            position = offset
            for match in here:
                parts.append(text[position:match.start])
                parts.append((text[match.start:match.end], MARK_STYLE))
                position = match.end
            parts.append(text[position:end].rstrip("\n") + "\n")
        offset = end
    return Content.assemble(*parts).rstrip()


def hint_content(text: str, hints: Sequence[LanguageHint]) -> Content | None:
    """The preview for ``text``: marked lines and one reason per kind of word; None when clean."""
    matches = find_hints(text, hints)
    if not matches:
        return None
    reasons: dict[str, list[str]] = {}
    for match in matches:
        words = reasons.setdefault(match.hint.reason, [])
        if match.word.lower() not in words:
            words.append(match.word.lower())
    parts: list[str | Content | tuple[str, str]] = [
        ("Tip voor een gesprek zonder schuldvraag", "bold"), "\n", marked_text(text, matches),
    ]
    for reason, words in reasons.items():
        quoted = ", ".join(f"“{w}”" for w in words)
        parts += ["\n", (quoted, MARK_STYLE), f": {reason}"]
    return Content.assemble(*parts)


class HintPreview(Static):
    """Shows the hint words of a text and the protocol's reasons; hidden when there are none."""

    def __init__(self, hints: Sequence[LanguageHint], *, id: str | None = None) -> None:
        super().__init__("", id=id, classes="hint-preview")
        self.hints = tuple(hints)
        self.words: list[str] = []
        self.plain = ""

    def show_for(self, text: str) -> None:
        """Update the preview for the text typed so far."""
        content = hint_content(text, self.hints)
        self.words = [m.word.lower() for m in find_hints(text, self.hints)]
        self.plain = content.plain if content is not None else ""
        self.update(content or "")
        self.display = content is not None


class HintedNote(Vertical):
    """A titled text area with the language hint under it.

    Ctrl+S posts :class:`HintedNote.Saved`; Escape posts :class:`HintedNote.Cancelled`,
    but when the text was changed only on the second press (the first one warns),
    so nothing typed is lost by a stray key.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Opslaan", id="note_save", show=True),
        Binding("escape", "cancel", "Annuleren", id="note_cancel", show=True),
    ]

    class Saved(Message):
        """The mentor confirmed the text."""

        def __init__(self, editor: HintedNote, text: str) -> None:
            super().__init__()
            self.editor = editor
            self.text = text

    class Typed(Message):
        """The text changed (by a key or a restored draft): the owner may keep it as a draft."""

        def __init__(self, editor: HintedNote) -> None:
            super().__init__()
            self.editor = editor

    class Cancelled(Message):
        """The mentor closed the editor without saving."""

        def __init__(self, editor: HintedNote) -> None:
            super().__init__()
            self.editor = editor

    def __init__(self, hints: Sequence[LanguageHint], *, title: str = "",
                 placeholder: str = "", id: str | None = None) -> None:
        super().__init__(id=id, classes="hinted-note")
        self.hints = tuple(hints)
        self.title = title
        self.placeholder = placeholder
        self.original = ""
        self._warned = False

    def compose(self) -> ComposeResult:
        """Title, the text area, the discard warning and the hint preview."""
        yield Label(plain(self.title), classes="note-title", markup=False)  # holds a pupil's name
        yield PlainTextArea(placeholder=self.placeholder, soft_wrap=True, classes="note-text")  # pastes cleaned
        yield Label("", classes="note-warning")
        yield HintPreview(self.hints)

    def on_mount(self) -> None:
        """Start without hints or warnings."""
        self.query_one(HintPreview).show_for("")
        self.query_one(".note-warning", Label).display = False

    @property
    def text(self) -> str:
        """What is in the editor now, without control characters (tabs and newlines kept)."""
        return plain(self.query_one(TextArea).text)

    def load(self, text: str, title: str | None = None) -> None:
        """Put ``text`` in the editor (the saved note or a draft) and focus it."""
        if title is not None:
            self.title = title
            self.query_one(".note-title", Label).update(Content(plain(title)))
        text = plain(text)  # a stored note shown and kept without control characters
        self.original = text
        area = self.query_one(TextArea)
        area.load_text(text)
        area.move_cursor(area.document.end)
        self._set_warning("")
        self.query_one(HintPreview).show_for(text)
        area.focus()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Re-check the words on every change; any change clears the discard warning."""
        event.stop()
        self._set_warning("")
        self.query_one(HintPreview).show_for(event.text_area.text)
        self.post_message(self.Typed(self))

    @property
    def changed(self) -> bool:
        """Whether the text differs from what was loaded (the saved note)."""
        return self.text != self.original

    def set_text(self, text: str) -> None:
        """Put ``text`` in the editor (a restored draft) without changing what counts as saved."""
        area = self.query_one(TextArea)
        area.load_text(text)
        area.move_cursor(area.document.end)
        self.query_one(HintPreview).show_for(text)

    def action_save(self) -> None:
        """Hand the text to whoever owns the editor."""
        self.post_message(self.Saved(self, self.text))

    def action_cancel(self) -> None:
        """Close without saving; changed text needs a second Escape."""
        if self.text != self.original and not self._warned:
            self._set_warning("Nog niet opgeslagen. Ctrl+S slaat op; nogmaals Esc gooit de tekst weg.")
            self._warned = True
            return
        self.post_message(self.Cancelled(self))

    def _set_warning(self, text: str) -> None:
        warning = self.query_one(".note-warning", Label)
        warning.update(text)
        warning.display = bool(text)
        self._warned = False
