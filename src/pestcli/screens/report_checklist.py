"""A checklist for the report form's forms of bullying, whose long texts wrap.

Textual's SelectionList draws one checkbox per screen line, so a protocol
text that wraps would put the boxes out of step with the items. This list
puts the box in the option's own text instead: Space or Enter ticks the
highlighted item, a click ticks it too, and long texts wrap under themselves.
The list is as tall as its items inside the form's scrolling column: on
focus and on every move of the highlight, the column scrolls the highlighted
item into view, so Space never ticks an item the mentor cannot see.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

TICKED, EMPTY = "[x]", "[ ]"


def checklist_prompt(text: str, ticked: bool) -> Table:
    """The box and the text, with wrapped lines indented under the text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(TICKED if ticked else EMPTY, style="bold" if ticked else ""), Text(text))
    return grid


class FormChecklist(OptionList):
    """Forms of bullying of one group: tick with Space or Enter; ``selected`` holds the ids."""

    # Not "toggle": DOMNode.action_toggle(attribute_name) is Textual's own action, which
    # this one would override with an incompatible signature.
    BINDINGS = [Binding("space", "toggle_highlighted", "Aan-/uitvinken", id="checklist_toggle")]

    class Toggled(Message):
        """An item was ticked or unticked."""

        def __init__(self, checklist: FormChecklist) -> None:
            super().__init__()
            self.checklist = checklist

    def __init__(self, items: Iterable[tuple[str, str]], *, id: str | None = None, classes: str = "") -> None:
        self._items = list(items)
        self._ticked: set[str] = set()
        super().__init__(
            *(Option(checklist_prompt(text, False), id=item_id) for text, item_id in self._items),
            id=id, classes=classes,
        )

    @property
    def selected(self) -> list[str]:
        """The ids ticked, in the protocol's order."""
        return [item_id for _, item_id in self._items if item_id in self._ticked]

    def toggle(self, index: int) -> None:
        """Tick or untick the item at ``index``."""
        text, item_id = self._items[index]
        if item_id in self._ticked:
            self._ticked.discard(item_id)
        else:
            self._ticked.add(item_id)
        self.replace_option_prompt_at_index(index, checklist_prompt(text, item_id in self._ticked))
        self.post_message(self.Toggled(self))

    def tick(self, item_ids: Iterable[str]) -> None:
        """Tick the items with these ids (a restored draft); the others stay as they are."""
        wanted = set(item_ids)
        for index, (_text, item_id) in enumerate(self._items):
            if item_id in wanted and item_id not in self._ticked:
                self.toggle(index)

    def action_toggle_highlighted(self) -> None:
        """Tick or untick the highlighted item."""
        if self.highlighted is not None:
            self.toggle(self.highlighted)

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click ticks the item."""
        event.stop()
        self.toggle(event.option_index)

    def _on_focus(self, event: events.Focus) -> None:
        """Focused (by Tab too): bring the highlighted item into view."""
        super()._on_focus(event)
        self.call_after_refresh(self.show_highlighted)

    def watch_highlighted(self, highlighted: int | None) -> None:
        """The highlight moved: keep it in view in the form's scrolling column."""
        super().watch_highlighted(highlighted)
        self.call_after_refresh(self.show_highlighted)

    def show_highlighted(self) -> None:
        """Scroll the scrolling ancestor so the highlighted item's lines are on screen."""
        if self.highlighted is None or not self.is_attached or not self.has_focus:
            return
        try:
            first = self._index_to_line[self.highlighted]
            height = self._heights[self.highlighted]
        except (KeyError, IndexError, AttributeError):
            return
        top = self.content_region.y + first - self.scroll_offset.y
        item = Region(self.content_region.x, top, self.content_region.width, height)
        for ancestor in self.ancestors:
            if isinstance(ancestor, Widget) and ancestor.allow_vertical_scroll:
                offset = ancestor.content_region.offset - ancestor.scroll_offset
                ancestor.scroll_to_region(item.translate(-offset), animate=False, immediate=True, force=True)
                return
