"""A one-line summary for "Vandaag": open cases per step, overdue items, due today.

The numbers come from ``pestcli.agenda.counts`` (cheap COUNT queries), read
(through ``widgets.loader``) on the main thread before the first paint and
again, at once, whenever the screen becomes active (so no frame shows the
old numbers). Overdue items carry the class
``-late`` (the error colour in ``pestcli.tcss``) and the words "te laat",
so the warning does not depend on colour alone.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Label

from pestcli.app_access import pest_app
from pestcli.widgets.loader import StoreReader

if TYPE_CHECKING:
    from pestcli.agenda import AgendaCounts


def steps_text(open_per_step: dict[int, int], *, compact: bool = False) -> str:
    """``stap 2: 3 · stap 5: 4`` for the steps that have open cases, in step order.

    ``compact`` (a narrow terminal) names "stap" once: ``stap 2: 3 · 5: 4``.
    """
    parts = [f"{step}: {count}" if compact and i else f"stap {step}: {count}"
             for i, (step, count) in enumerate((s, c) for s, c in sorted(open_per_step.items()) if c)]
    return " · ".join(parts)


def open_text(counts: AgendaCounts) -> str:
    """``12 open meldingen`` (``1 open melding``)."""
    noun = "melding" if counts.open_cases == 1 else "meldingen"
    return f"{counts.open_cases} open {noun}"


def late_text(overdue: int) -> str:
    """``3 te laat`` or ``niets te laat``."""
    return f"{overdue} te laat" if overdue else "niets te laat"


class CountsBar(StoreReader["AgendaCounts"], Horizontal):
    """Open cases (in total), overdue items, today's items and the open cases per step, on one line.

    The numbers that ask for action come first; the split per step comes
    last and, on a narrow terminal (80 columns), names "stap" once and
    wraps onto a second line only if even that does not fit.

    It counts again whenever its screen becomes active again; :meth:`reload`
    does it on demand. ``counts`` holds the last numbers read.
    """

    class Shown(Message):
        """The numbers read are on screen, or it said it could not read them (after every read)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.counts: AgendaCounts | None = None

    def compose(self) -> ComposeResult:
        """Four labels: open cases, overdue, today, per step."""
        yield Label("Tellen…", id="counts-open", markup=False)
        yield Label("", id="counts-late", markup=False)
        yield Label("", id="counts-today", markup=False)
        yield Label("", id="counts-steps", markup=False)

    def on_mount(self) -> None:
        """Read the numbers now, and again whenever this screen becomes active again."""
        self.app.screen_change_signal.subscribe(self, self._screen_changed)
        self.read_now(pest_app(self).today())

    def _screen_changed(self, screen: object) -> None:
        """Back on our screen (a dialog, the case or a conversation closed): count again."""
        if screen is self.screen:
            self.reload()

    def reload(self) -> None:
        """Read the numbers again, at once: back from a case, the counts are never the old ones."""
        self.read_now(pest_app(self).today())

    def read(self, today: date) -> AgendaCounts:
        """The numbers (a few COUNT and agenda queries in plain SQL)."""
        from pestcli.agenda import counts

        return counts(pest_app(self).store, today)

    def show_read(self, result: AgendaCounts) -> None:
        """Put the numbers read on screen."""
        self.show(result)

    def read_in_vain(self) -> None:
        """The count failed (said in Dutch): it is done, if in vain."""
        self.post_message(self.Shown())

    def show(self, counts: AgendaCounts) -> None:
        """Put ``counts`` on screen."""
        self.counts = counts
        self.query_one("#counts-open", Label).update(open_text(counts))
        late = self.query_one("#counts-late", Label)
        late.update(late_text(counts.overdue))
        late.set_class(counts.overdue > 0, "-late")
        self.query_one("#counts-today", Label).update(f"{counts.due_today} vandaag")
        self._fit_steps()
        self.post_message(self.Shown())

    def on_resize(self) -> None:
        """The terminal changed size: the split per step in the form that fits."""
        self._fit_steps()

    def _fit_steps(self) -> None:
        """The split per step, in full where it fits on the line, else with "stap" named once."""
        if self.counts is None:
            return
        steps = self.query_one("#counts-steps", Label)
        per_step = steps_text(self.counts.open_per_step)
        steps.display = bool(per_step)
        if not per_step:
            return
        # Room left: the bar's width minus its padding and the other labels with their margins.
        used = 2 + sum(label.outer_size.width + 2 for label in self.query(Label)
                       if label is not steps and label.display)
        if self.size.width and len(per_step) + 2 > self.size.width - used:
            per_step = steps_text(self.counts.open_per_step, compact=True)
        steps.update(f"({per_step})")
