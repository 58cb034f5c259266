"""Input and TextArea that neutralise control characters in what is pasted.

A key press cannot type ESC or NUL into a field, but a paste can (a chat
line copied from a pupil's phone, a terminal's bracketed paste). These
fields leave out control characters from the pasted text (``text.plain``:
tabs and newlines stay where the field allows them), so nothing saved from
them can rewrite a terminal later.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from pestcli.text import plain


class PlainInput(Input):
    """A one-line Input whose pastes lose their control characters."""

    def _on_paste(self, event: events.Paste) -> None:
        # Textual calls the handler of every class in the MRO, this one first: Input's
        # own handler then inserts the cleaned text.
        event.text = plain(event.text)


class PlainTextArea(TextArea):
    """A TextArea whose pastes lose their control characters (tabs and newlines kept)."""

    async def _on_paste(self, event: events.Paste) -> None:
        # async as TextArea's own (awaited in turn, this one first): then TextArea's handler inserts it
        event.text = plain(event.text)
