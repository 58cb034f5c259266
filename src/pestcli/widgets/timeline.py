"""The six steps of a case as a timeline: status, due date, done date.

:func:`step_lines` turns a ``CaseDetail`` into six plain :class:`StepLine`
rows (pure, tested on its own); :class:`Timeline` draws them in one widget,
a row per step, that the mentor moves through with the arrow keys. An overdue
step is marked by colour *and* by the word "TE LAAT", so it is unmistakable
without colour too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from pestcli.protocol.dates import MONTH_SHORT, format_date, format_relative
from pestcli.protocol.model import Protocol
from pestcli.services.reads import CaseDetail, parent_step_due

#: Status words shown in the timeline.
DONE, OPEN, LATE = "gedaan", "open", "TE LAAT"
MARKERS = {DONE: "✔", OPEN: "○", LATE: "!"}
#: The sign before the highlighted row: the step the keys act on, shown without colour too.
CURSOR_SIGN = "▶"
#: The step number's style ("Stap 3" in bold).
BOLD = Style(bold=True)
#: The row of stap 2's to-do "ouders informeren", right under stap 2 (not a step number).
INFORMING_ROW = 20
#: The rows of the timeline, top to bottom.
ROW_ORDER = (1, 2, INFORMING_ROW, 3, 4, 5, 6)
#: The title of stap 2's to-do, after the protocol's "Stel de ouders op de hoogte over wat
#: er speelt en welke acties worden ondernomen".
INFORMING_TITLE = "Ouders informeren (wat er speelt, welke acties)"


@dataclass(frozen=True)
class StepLine:
    """One step of a case as the timeline shows it."""

    number: int
    title: str
    actor: str
    status: str
    due: date | None = None
    done: date | None = None
    note: str = ""

    @property
    def overdue(self) -> bool:
        """True when the step is not done and its due date has passed."""
        return self.status == LATE


def _followup_line(number: int, title: str, actor: str, detail: CaseDetail, today: date) -> StepLine:
    """Stap 5: its state comes from the planned follow-ups."""
    progress = detail.step(number)
    planned = [f for f in detail.followups if f.cancelled_on is None]
    waiting = sorted((f for f in planned if f.done_on is None), key=lambda f: f.due_on)
    held = len(planned) - len(waiting)
    if progress is not None and progress.done_on is not None:
        return StepLine(number, title, actor, DONE, done=progress.done_on)
    if not planned:
        return StepLine(number, title, actor, OPEN, note="nog niet gepland (na de afspraken van stap 4)")
    count = f"{held} van {len(planned)} gehouden"
    if not waiting:
        last = max(f.done_on for f in planned if f.done_on is not None)
        return StepLine(number, f"{title} ({count})", actor, DONE, done=last)
    due = waiting[0].due_on
    return StepLine(number, f"{title} ({count})", actor, LATE if due < today else OPEN, due=due)


def informing_line(detail: CaseDetail, today: date) -> StepLine:
    """Stap 2's to-do "ouders informeren": done once a contact of that purpose is held."""
    rows = [c for c in detail.parent_contacts if c.purpose == "informeren"]
    held = [c.held_on for c in rows if c.held_on is not None]
    due = min((c.planned_on for c in rows if c.planned_on is not None), default=None)
    if held:
        return StepLine(INFORMING_ROW, INFORMING_TITLE, "mentor", DONE, due, min(held))
    if not rows:
        return StepLine(INFORMING_ROW, INFORMING_TITLE, "mentor", OPEN,
                        note="geen termijn (melding van vóór deze versie)")
    return StepLine(INFORMING_ROW, INFORMING_TITLE, "mentor",
                    LATE if due is not None and due < today else OPEN, due)


def step_lines(detail: CaseDetail, protocol: Protocol, today: date) -> list[StepLine]:
    """The six steps of ``detail`` on ``today`` (done, open, or TE LAAT), then stap 2's informing.

    The informing line comes last in the list; the timeline draws it under
    stap 2 (:data:`ROW_ORDER`).
    """
    lines = []
    for step in sorted(protocol.steps, key=lambda s: s.number):
        if step.number == 5:
            lines.append(_followup_line(step.number, step.title, step.actor, detail, today))
            continue
        progress = detail.step(step.number)
        due = progress.due_on if progress else None
        done = progress.done_on if progress else None
        if step.number == 6:  # a planned parent contact is stap 6, as at home and in the agenda
            due = parent_step_due(due, (c.planned_on for c in detail.parent_contacts
                                        if c.held_on is None and c.purpose != "informeren"))
        if done is not None:
            status = DONE
        elif due is not None and due < today:
            status = LATE
        else:
            status = OPEN
        lines.append(StepLine(step.number, step.title, step.actor, status, due, done))
    lines.append(informing_line(detail, today))
    return lines


def when_text(line: StepLine, today: date, compact: bool = False) -> str:
    """The dates of a step in words.

    ``gedaan zo 15 nov 2026 (termijn wo 18 nov 2026)``, ``uiterlijk ma 23 nov
    2026 (vandaag)``, ``uiterlijk wo 18 nov 2026 (5 dagen te laat)``, or the
    line's note when it has no dates. ``compact`` (a narrow terminal) leaves
    out the weekday, the year and the deadline of a done step, and the word
    the status column already says: ``15 nov``, ``uiterlijk 18 nov (5 dagen
    te laat)``.
    """
    day = line.done if line.done is not None else line.due
    if compact and day is not None:
        short = f"{day.day} {MONTH_SHORT[day.month - 1]}"
        if line.done is not None:
            return short
        return f"uiterlijk {short} ({format_relative(day, today, deadline=True)})"
    if line.done is not None:
        due = f" (termijn {format_date(line.due)})" if line.due is not None else ""
        return f"gedaan {format_date(line.done)}{due}"
    if line.due is not None:
        return f"uiterlijk {format_date(line.due)} ({format_relative(line.due, today, deadline=True)})"
    return line.note


class Timeline(Widget, can_focus=True):
    """The six steps of a case in one widget; the highlighted row is the step the keys act on.

    One widget draws all rows (marker, number, title, status word, dates), so
    the case screen composes and styles one node instead of a list of rows of
    labels. Up and down move the highlight, Enter or a click selects the step
    (:class:`Timeline.Selected`). The colours come from the component classes
    in the stylesheet; the status word says the same without colour.
    """

    BINDINGS = [
        Binding("enter", "select_cursor", "Kiezen", show=False),
        Binding("up", "cursor_up", "Vorige stap", show=False),
        Binding("down", "cursor_down", "Volgende stap", show=False),
    ]
    COMPONENT_CLASSES = {
        "timeline--cursor",
        "timeline--hover",
        "timeline--done",
        "timeline--done-status",
        "timeline--late",
    }
    #: Column widths in cells: marker, number, status word, dates (the title takes the rest).
    #: The marker column holds the cursor sign (▶ or a space), the status marker and a space.
    MARKER_WIDTH, NUMBER_WIDTH, STATUS_WIDTH, WHEN_WIDTH = 3, 7, 9, 47
    #: Below this many cells for the title the dates column becomes compact (``when_text``).
    MIN_TITLE_WIDTH = 24
    #: The compact dates column: ``uiterlijk 18 nov (15 dagen te laat)`` fits.
    COMPACT_WHEN_WIDTH = 36

    index: reactive[int] = reactive(0)
    """The highlighted row."""
    hover_row: reactive[int | None] = reactive(None)
    """The row under the mouse, if any."""

    class Selected(Message):
        """Enter (or a click) on a step."""

        def __init__(self, timeline: Timeline, step: int) -> None:
            super().__init__()
            self.timeline = timeline
            self.step = step

        @property
        def control(self) -> Timeline:
            """The timeline that sent the message."""
            return self.timeline

    def __init__(self, numbers: Sequence[int] = ROW_ORDER, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.numbers = tuple(numbers)
        self.lines: list[StepLine] = []
        self.today: date | None = None

    # --- data ------------------------------------------------------------------------
    def show(self, lines: Sequence[StepLine], today: date) -> None:
        """Show the steps' state."""
        self.lines = list(lines)
        self.today = today
        self.refresh()

    def line_of(self, number: int) -> StepLine | None:
        """The shown state of stap ``number`` (None before the case is loaded)."""
        return next((line for line in self.lines if line.number == number), None)

    @property
    def selected_step(self) -> int | None:
        """The number of the highlighted step (stap 2 on the row of its informing to-do)."""
        if self.index is None or not 0 <= self.index < len(self.numbers):
            return None
        number = self.numbers[self.index]
        return 2 if number == INFORMING_ROW else number

    @property
    def on_informing_row(self) -> bool:
        """Whether the highlighted row is stap 2's "ouders informeren"."""
        return self.index is not None and 0 <= self.index < len(self.numbers) \
            and self.numbers[self.index] == INFORMING_ROW

    def select_step(self, number: int) -> None:
        """Highlight stap ``number``."""
        if number in self.numbers:
            self.index = self.numbers.index(number)

    # --- keys and mouse ---------------------------------------------------------------
    def validate_index(self, index: int) -> int:
        """Keep the highlight on a row."""
        return max(0, min(index, len(self.numbers) - 1))

    def action_cursor_up(self) -> None:
        """Highlight the step above."""
        self.index -= 1

    def action_cursor_down(self) -> None:
        """Highlight the step below."""
        self.index += 1

    def action_select_cursor(self) -> None:
        """Select the highlighted step."""
        step = self.selected_step
        if step is not None:
            self.post_message(self.Selected(self, step))

    def _row_at(self, y: int) -> int | None:
        """The row under content line ``y``, if any."""
        return y if 0 <= y < len(self.numbers) else None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Show which row the mouse is over."""
        offset = event.get_content_offset(self)
        self.hover_row = self._row_at(offset.y) if offset is not None else None

    def on_leave(self, _event: events.Leave) -> None:
        """The mouse left: no row is hovered."""
        self.hover_row = None

    def on_click(self, event: events.Click) -> None:
        """A click highlights and selects the step under the mouse."""
        offset = event.get_content_offset(self)
        row = self._row_at(offset.y) if offset is not None else None
        if row is None:
            return
        event.stop()
        self.focus()
        self.index = row
        self.action_select_cursor()

    # --- drawing ----------------------------------------------------------------------
    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One line per step (and one for stap 2's informing)."""
        return len(self.numbers)

    def _over(self, base: Style, component: str) -> Style:
        """``base`` with a component's colour (blended over ``base``'s background) and text style."""
        styles = self.get_component_styles(component)
        style = base + styles.text_style
        if styles.has_rule("color") and base.bgcolor is not None:
            background = Color.from_rich_color(base.bgcolor)
            color = styles.color
            if styles.has_rule("auto_color") and styles.auto_color:  # e.g. $text-muted: contrast with the row
                color = background.get_contrast_text(color.a)
            style += Style(color=(background + color).rich_color)
        return style

    def render_line(self, y: int) -> Strip:
        """Row ``y``: cursor sign, marker, "Stap N", title, status word, dates; padded to the width.

        The highlighted row starts with ``CURSOR_SIGN`` (▶), so the step the
        keys act on is plain on a monochrome terminal too.
        """
        width = self.content_size.width
        if not 0 <= y < len(self.numbers):
            return Strip.blank(width, self.rich_style)
        number = self.numbers[y]
        if y == self.index:
            base = self.get_component_rich_style("timeline--cursor")
        elif y == self.hover_row:
            base = self.get_component_rich_style("timeline--hover")
        else:
            base = self.rich_style
        line = self.line_of(number)
        cursor = CURSOR_SIGN if y == self.index else " "
        compact = width - (self.MARKER_WIDTH + self.NUMBER_WIDTH + self.STATUS_WIDTH
                           + self.WHEN_WIDTH) < self.MIN_TITLE_WIDTH
        when_width = self.COMPACT_WHEN_WIDTH if compact else self.WHEN_WIDTH
        fixed = self.MARKER_WIDTH + self.NUMBER_WIDTH + self.STATUS_WIDTH + when_width
        title_width = max(0, width - fixed)
        number_text = set_cell_size(f"Stap {2 if number == INFORMING_ROW else number}", self.NUMBER_WIDTH)
        if line is None or self.today is None:
            parts = [(set_cell_size(cursor, self.MARKER_WIDTH), base), (number_text, base + BOLD),
                     (" " * (title_width + self.STATUS_WIDTH + when_width), base)]
        else:
            row = base
            status_style = base
            if line.status == DONE:
                row = self._over(base, "timeline--done")
                status_style = self._over(base, "timeline--done-status")
            elif line.status == LATE:
                status_style = self._over(base, "timeline--late")
            title = line.title
            if cell_len(title) > title_width - 1:  # a space before the status word
                title = set_cell_size(title, max(0, title_width - 2)) + "…" if title_width > 1 else ""
            parts = [
                (cursor, base + BOLD),
                (set_cell_size(MARKERS[line.status], self.MARKER_WIDTH - 1),
                 status_style if line.status == LATE else row),
                (number_text, row + BOLD),
                (set_cell_size(title, title_width), row),
                (set_cell_size(line.status, self.STATUS_WIDTH), status_style),
                (set_cell_size(when_text(line, self.today, compact), when_width),
                 status_style if line.status == LATE else row),
            ]
        strip = Strip([Segment(text, style) for text, style in parts if text])
        return strip.crop(0, width) if strip.cell_length > width else strip.extend_cell_length(width, base)
