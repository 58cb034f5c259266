"""One line of text that is shortened at a word boundary with "…" when it does not fit.

Used where a title shares a line with something else (the conversation's title
beside its clock, the protocol reader's tree): never cut mid-word, never run
into its neighbour. The full text is the widget's tooltip.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from pestcli.text import plain, shorten


class ShortLine(Widget):
    """A one-line text, shortened to its width at a word boundary ("…")."""

    DEFAULT_CSS = """
    ShortLine {
        height: 1;
    }
    """

    def __init__(self, text: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = plain(text)
        self.tooltip = self.text

    def update(self, text: str) -> None:
        """Show another text."""
        self.text = plain(text)
        self.tooltip = self.text
        self.refresh()

    @property
    def shown(self) -> str:
        """The text as it fits the widget's width now."""
        return shorten(self.text, self.content_size.width)

    def render(self) -> Content:
        """The text, shortened to the width (literal, never markup)."""
        return Content(self.shown)
