"""The guidance beside the checklist: the current item's asides and the guide's guidance parts.

At the top "Bij dit punt" follows the current item (its own asides and the
intro text of its part); below it the guide's purpose and its guidance parts
(Houding, Vragen stellen, Informatie geven, Eventueel oefenen, In de weken na
het gesprek, Aandachtspunten, ...) stay put.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from pestcli.protocol.model import Guide, GuidePart, Item
from pestcli.protocol.placeholders import fill_placeholders
from pestcli.text import plain


def item_guidance(item: Item, part: GuidePart | None, names: Mapping[str, str] | None = None) -> Content:
    """What the guide says beside one item: its asides, and the part's intro text.

    ``names`` replace the guide's letters (x, X, A, y, z) with the case's names.
    """
    lines: list[str | tuple[str, str]] = [("Bij dit punt", "bold")]
    if part is not None:
        lines += ["\n", (part.title, "italic")]
    asides = list(item.guidance)
    if part is not None and part.text:
        asides += list(part.text)
    if part is not None and part.plans_followups:
        asides.append("Na de afspraken plant pestcli de vervolggesprekken van stap 5 "
                      "(na twee dagen, een week, een maand en daarna tot twee jaar).")
    if not asides:
        lines += ["\n", ("Geen extra uitleg bij dit punt.", "dim")]
    for aside in asides:
        lines += ["\n• ", fill_placeholders(aside, names or {})]
    return Content.assemble(*lines)


def part_content(part: GuidePart, names: Mapping[str, str] | None = None) -> Content:
    """A guidance part as a titled list (the guide's letters as the case's ``names``)."""
    lines: list[str | tuple[str, str]] = [(part.title, "bold")]
    for text in part.text:
        lines += ["\n", text]
    for item in part.items:
        lines += ["\n• ", fill_placeholders(item.text, names or {})]
        for aside in item.guidance:
            lines += ["\n  ", (fill_placeholders(aside, names or {}), "italic")]
    return Content.assemble(*lines)


class GuidancePanel(VerticalScroll):
    """A scrollable side panel; it never covers the checklist."""

    def __init__(self, guide: Guide, *, names: Mapping[str, str] | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.guide = guide
        self.names = {letter: plain(name) for letter, name in (names or {}).items()}  # no control characters
        self.border_title = "Uitleg"
        self.border_subtitle = "verbergen: g"

    def compose(self) -> ComposeResult:
        """The current item's guidance, the guide's purpose and its guidance parts."""
        yield Static("", id="guidance-item", classes="guidance-block guidance-current")
        if self.guide.purpose:
            purpose = Content.assemble(("Doel van het gesprek", "bold"),
                                       *[part for text in self.guide.purpose for part in ("\n", text)])
            yield Static(purpose, classes="guidance-block")
        for part in self.guide.guidance:
            yield Static(part_content(part, self.names), classes="guidance-block")

    def show_item(self, item: Item) -> None:
        """Follow the checklist: show what belongs to ``item``."""
        block = item_guidance(item, self.guide.part_of(item.id), self.names)
        self.query_one("#guidance-item", Static).update(block)
