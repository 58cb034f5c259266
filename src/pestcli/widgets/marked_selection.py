"""A selection list that tells ticked from unticked by a sign (and a word), not by colour alone.

Textual's SelectionList draws the same "X" in every box and tells ticked from
unticked by its colour only, invisible to a colour-blind mentor or on a
monochrome terminal. :class:`MarkedSelectionList` draws a sign in the box
(``✔`` when ticked, blank when not, or any pair of signs) and, if given, a
word beside it ("nagekomen" / "gebroken"). It also puts the box on the
first line of an option whose text wraps (Textual's list put one box per
screen line, out of step with the options).
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import SelectionType

#: The signs and words by default: a tick when ticked, a blank box otherwise, no words.
PLAIN_MARKS = {True: ("✔", ""), False: (" ", "")}


class MarkedSelectionList(SelectionList[SelectionType]):
    """A SelectionList whose box shows a sign (and optionally a word) for ticked and unticked."""

    def __init__(self, *selections, marks: dict[bool, tuple[str, str]] | None = None, **kwargs) -> None:
        """``marks`` maps ticked (True) and unticked (False) to (sign, word); see PLAIN_MARKS."""
        self.marks = dict(marks or PLAIN_MARKS)
        self._word_width = max(cell_len(word) for _sign, word in self.marks.values())
        super().__init__(*selections, **kwargs)

    def _get_left_gutter_width(self) -> int:
        """The box, a space, and the widest word with a space (when there are words)."""
        box = len(ToggleButton.BUTTON_LEFT + "X" + ToggleButton.BUTTON_RIGHT + " ")
        return box + (self._word_width + 1 if self._word_width else 0)

    def render_line(self, y: int) -> Strip:
        """The option's line after the box with its sign and word (blank gutter on wrapped lines)."""
        line = OptionList.render_line(self, y)
        try:
            index, line_offset = self._lines[self.scroll_offset.y + y]
            selection = self.get_option_at_index(index)
        except (IndexError, OptionDoesNotExist):
            return line
        underlying = next(iter(line)).style or self.rich_style
        gutter = self._get_left_gutter_width()
        if line_offset:
            return Strip([Segment(" " * gutter, underlying), *line])
        ticked = selection.value in self._selected
        component = "selection-list--button" + ("-selected" if ticked else "")
        if self.highlighted == index:
            component += "-highlighted"
        meta = Style(meta={"option": index})
        button_style = self.get_component_rich_style(component) + meta
        side_style = Style.from_color(button_style.bgcolor, underlying.bgcolor) + meta
        sign, word = self.marks[ticked]
        segments = [
            Segment(ToggleButton.BUTTON_LEFT, side_style),
            Segment(set_cell_size(sign, 1), button_style),
            Segment(ToggleButton.BUTTON_RIGHT, side_style),
            Segment(" ", underlying),
        ]
        if self._word_width:
            segments.append(Segment(set_cell_size(word, self._word_width) + " ", underlying + Style(bold=ticked)))
        return Strip([*segments, *line])
