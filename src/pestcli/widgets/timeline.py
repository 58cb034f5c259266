"""The six steps of a case as a timeline: status, due date, done date.

:func:`step_lines` turns a ``CaseDetail`` into six plain :class:`StepLine`
rows (pure, tested on its own); :class:`Timeline` shows them as a list the
mentor moves through with the arrow keys. An overdue step is marked by colour
*and* by the word "TE LAAT", so it is unmistakable without colour too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ListItem, ListView

from pestcli.protocol.dates import format_date, format_relative
from pestcli.protocol.model import Protocol
from pestcli.store.views import CaseDetail

#: Status words shown in the timeline.
DONE, OPEN, LATE = "gedaan", "open", "TE LAAT"
MARKERS = {DONE: "✔", OPEN: "○", LATE: "!"}


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


def step_lines(detail: CaseDetail, protocol: Protocol, today: date) -> list[StepLine]:
    """The six steps of ``detail`` on ``today``: done, open, or TE LAAT."""
    lines = []
    for step in sorted(protocol.steps, key=lambda s: s.number):
        if step.number == 5:
            lines.append(_followup_line(step.number, step.title, step.actor, detail, today))
            continue
        progress = detail.step(step.number)
        due = progress.due_on if progress else None
        done = progress.done_on if progress else None
        if done is not None:
            status = DONE
        elif due is not None and due < today:
            status = LATE
        else:
            status = OPEN
        lines.append(StepLine(step.number, step.title, step.actor, status, due, done))
    return lines


def when_text(line: StepLine, today: date) -> str:
    """The dates of a step in words.

    ``gedaan zo 15 nov 2026 (termijn wo 18 nov 2026)``, ``uiterlijk ma 23 nov
    2026 (vandaag)``, ``uiterlijk wo 18 nov 2026 (5 dagen te laat)``, or the
    line's note when it has no dates.
    """
    if line.done is not None:
        due = f" (termijn {format_date(line.due)})" if line.due is not None else ""
        return f"gedaan {format_date(line.done)}{due}"
    if line.due is not None:
        return f"uiterlijk {format_date(line.due)} ({format_relative(line.due, today, deadline=True)})"
    return line.note


class StepRow(ListItem):
    """One row of the timeline; CSS classes ``is-done``, ``is-open`` or ``is-late``."""

    def __init__(self, number: int) -> None:
        super().__init__(id=f"stap-{number}", classes="step-row")
        self.number = number

    def compose(self) -> ComposeResult:
        """Marker, number, title, status word, and the dates."""
        with Horizontal():
            yield Label("", classes="col-marker")
            yield Label(f"Stap {self.number}", classes="col-number")
            yield Label("", classes="col-title", markup=False)
            yield Label("", classes="col-status")
            yield Label("", classes="col-when", markup=False)

    def show(self, line: StepLine, today: date) -> None:
        """Fill the row with ``line``."""
        self.query_one(".col-marker", Label).update(MARKERS[line.status])
        self.query_one(".col-title", Label).update(line.title)
        self.query_one(".col-status", Label).update(line.status)
        self.query_one(".col-when", Label).update(when_text(line, today))
        self.set_class(line.status == DONE, "is-done")
        self.set_class(line.status == OPEN, "is-open")
        self.set_class(line.status == LATE, "is-late")


class Timeline(ListView):
    """The six steps of a case; the highlighted row is the step the keys act on."""

    def __init__(self, numbers: Sequence[int] = (1, 2, 3, 4, 5, 6), *, id: str | None = None) -> None:
        super().__init__(*(StepRow(n) for n in numbers), id=id)
        self.numbers = tuple(numbers)
        self.lines: list[StepLine] = []

    def show(self, lines: Sequence[StepLine], today: date) -> None:
        """Show the steps' state."""
        self.lines = list(lines)
        for line in lines:
            self.query_one(f"#stap-{line.number}", StepRow).show(line, today)

    @property
    def selected_step(self) -> int | None:
        """The number of the highlighted step."""
        if self.index is None or not 0 <= self.index < len(self.numbers):
            return None
        return self.numbers[self.index]

    def select_step(self, number: int) -> None:
        """Highlight stap ``number``."""
        if number in self.numbers:
            self.index = self.numbers.index(number)
