"""The checklist of a conversation guide: the items in order, the current one prominent.

The widget only shows and navigates; marking and notes are the screen's job
(it saves first, then calls :meth:`Checklist.set_state` / :meth:`Checklist.set_note`).
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from pestcli.protocol.model import Guide, Item
from pestcli.protocol.placeholders import fill_placeholders
from pestcli.text import plain

#: The mark shown before an item in each state.
MARKS = {"open": "[ ]", "done": "[✓]", "skipped": "[–]"}
#: The Dutch word for each state, shown after the item.
STATE_WORDS = {"open": "", "done": "gedaan", "skipped": "overgeslagen"}


class ChecklistHeading(Static):
    """A part title of the guide (e.g. "Fase 1: Situatie inleiden") with its intro text."""


class ChecklistRow(Static):
    """One checklist item: mark, number, text, and its note under it."""

    def __init__(self, item: Item, number: int, names: Mapping[str, str] | None = None) -> None:
        super().__init__(classes="checklist-row")
        self.item = item
        self.number = number
        #: The item's text with the guide's letters (x, X, A, y, z) as the case's names.
        self.text = plain(fill_placeholders(item.text, names or {}))
        self.state = "open"
        self.note = ""
        #: Whether a change of this item is being saved (said in text: "bezig met opslaan…").
        self.saving = False

    def on_mount(self) -> None:
        """Render the first time."""
        self.refresh_row()

    def on_click(self) -> None:
        """A click makes this the current item."""
        checklist = self.parent
        if isinstance(checklist, Checklist):
            checklist.current = checklist.rows.index(self)
            checklist.focus()

    def refresh_row(self) -> None:
        """Re-render after a change of state or note."""
        word = STATE_WORDS[self.state]
        parts: list[str | tuple[str, str]] = [
            (MARKS[self.state], "bold"), f" {self.number}. ", self.text,
        ]
        if word:
            parts.append((f"  ({word})", "italic"))
        if self.saving:
            parts.append(("  (bezig met opslaan…)", "italic"))
        if self.note:
            parts += ["\n", ("Notitie: ", "bold"), plain(self.note)]
        self.update(Content.assemble(*parts))
        for state in MARKS:
            self.set_class(self.state == state, f"-{state}")


class Checklist(VerticalScroll, can_focus=True):
    """The guide's checklist items, grouped under the part titles."""

    BINDINGS = [
        Binding("down,j", "move(1)", "Volgende", id="checklist_down", show=False),
        Binding("up,k", "move(-1)", "Vorige", id="checklist_up", show=False),
        Binding("home", "jump(0)", "Eerste punt", id="checklist_first", show=False),
        Binding("end", "jump(-1)", "Laatste punt", id="checklist_last", show=False),
    ]

    current: reactive[int] = reactive(0, init=False)

    class Highlighted(Message):
        """The current item changed."""

        def __init__(self, item: Item) -> None:
            super().__init__()
            self.item = item

    def __init__(self, guide: Guide, *, names: Mapping[str, str] | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.guide = guide
        #: The case's names for the guide's letters (``protocol.placeholders``); shown literally.
        self.names = dict(names or {})
        self.rows: list[ChecklistRow] = []

    def compose(self) -> ComposeResult:
        """A heading per checklist part, then its items, numbered through the guide."""
        number = 0
        for part in self.guide.parts:
            if part.kind != "checklist":
                continue
            heading = Content.assemble((part.title, "bold"))
            if part.text:
                heading = Content.assemble(heading, "\n", *[(t, "italic") for t in part.text])
            yield ChecklistHeading(heading, classes="checklist-heading")
            for item in part.items:
                number += 1
                row = ChecklistRow(item, number, self.names)
                self.rows.append(row)
                yield row

    def on_mount(self) -> None:
        """Start at the first item."""
        self._show_current()

    def load(self, states: Mapping[str, str], notes: Mapping[str, str]) -> None:
        """Show saved states and notes; go to the first item still open (where it stopped)."""
        for row in self.rows:
            row.state = states.get(row.item.id, "open")
            row.note = notes.get(row.item.id, "")
            row.refresh_row()
        if not self.rows:
            return
        self.rows[self.current].remove_class("-current")
        self.set_reactive(Checklist.current, self.first_open())
        self._show_current()
        self._show_progress()

    @property
    def current_item(self) -> Item:
        """The item the mentor is at."""
        return self.rows[self.current].item

    @property
    def current_row(self) -> ChecklistRow:
        """The row of the current item."""
        return self.rows[self.current]

    def first_open(self) -> int:
        """Index of the first item still open (the last item when all are marked)."""
        return next((i for i, row in enumerate(self.rows) if row.state == "open"), len(self.rows) - 1)

    def row_of(self, item_id: str) -> ChecklistRow:
        """The row of an item by id."""
        return next(row for row in self.rows if row.item.id == item_id)

    def state_of(self, item_id: str) -> str:
        """The state shown for an item."""
        return self.row_of(item_id).state

    def counts(self) -> dict[str, int]:
        """How many items are open, done and skipped."""
        result = {state: 0 for state in MARKS}
        for row in self.rows:
            result[row.state] += 1
        return result

    def set_state(self, item_id: str, state: str) -> None:
        """Show a saved state."""
        row = self.row_of(item_id)
        row.state = state
        row.refresh_row()
        self._show_progress()

    def set_note(self, item_id: str, note: str) -> None:
        """Show a saved note."""
        row = self.row_of(item_id)
        row.note = note
        row.refresh_row()

    def set_saving(self, item_id: str, saving: bool) -> None:
        """Say on the item that a change of it is being saved (or no longer)."""
        row = self.row_of(item_id)
        if row.saving != saving:
            row.saving = saving
            row.refresh_row()

    def advance(self) -> None:
        """Go to the next open item after the current one (or simply the next one)."""
        later = [i for i in range(self.current + 1, len(self.rows)) if self.rows[i].state == "open"]
        if later:
            self.current = later[0]
        elif self.current + 1 < len(self.rows):
            self.current += 1

    def action_move(self, delta: int) -> None:
        """Move the current item up or down."""
        self.current = max(0, min(len(self.rows) - 1, self.current + delta))

    def action_jump(self, index: int) -> None:
        """Go to the first or the last item."""
        self.current = index % len(self.rows)

    def watch_current(self, old: int, new: int) -> None:
        """Move the highlight."""
        if 0 <= old < len(self.rows):
            self.rows[old].remove_class("-current")
        self._show_current()

    def _show_progress(self) -> None:
        counts = self.counts()
        self.border_title = (f"Gesprekspunten: {counts['done']} gedaan, {counts['skipped']} overgeslagen, "
                             f"{counts['open']} open (van {len(self.rows)})")
        self.border_subtitle = "✓ gedaan · – overgeslagen"

    def _show_current(self) -> None:
        if not self.rows:
            return
        row = self.rows[self.current]
        row.add_class("-current")
        self.call_after_refresh(row.scroll_visible, animate=False)
        self.post_message(self.Highlighted(row.item))
