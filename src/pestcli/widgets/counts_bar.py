"""A one-line summary for "Vandaag": open cases per step, overdue items, due today.

The numbers come from ``pestcli.agenda.counts`` (cheap COUNT queries), read
on the main thread before the first paint and again, at once, whenever the
screen becomes active (so no frame shows the old numbers). Overdue items carry the class
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

from pestcli.store.errors import StoreError

if TYPE_CHECKING:
    from pestcli.agenda import AgendaCounts


def steps_text(open_per_step: dict[int, int]) -> str:
    """``stap 2: 3 · stap 5: 4`` for the steps that have open cases, in step order."""
    parts = [f"stap {step}: {count}" for step, count in sorted(open_per_step.items()) if count]
    return " · ".join(parts)


def open_text(counts: AgendaCounts) -> str:
    """``12 open meldingen`` (``1 open melding``)."""
    noun = "melding" if counts.open_cases == 1 else "meldingen"
    return f"{counts.open_cases} open {noun}"


def late_text(overdue: int) -> str:
    """``3 te laat`` or ``niets te laat``."""
    return f"{overdue} te laat" if overdue else "niets te laat"


class CountsBar(Horizontal):
    """Open cases (in total and per step), overdue items and today's items, on one line.

    It counts again whenever its screen becomes active again; :meth:`reload`
    does it on demand. ``counts`` holds the last numbers read.
    """

    class Shown(Message):
        """The numbers read are on screen, or it said it could not read them (after every read)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.counts: AgendaCounts | None = None

    def compose(self) -> ComposeResult:
        """Four labels: open cases, per step, overdue, today."""
        yield Label("Tellen…", id="counts-open", markup=False)
        yield Label("", id="counts-steps", markup=False)
        yield Label("", id="counts-late", markup=False)
        yield Label("", id="counts-today", markup=False)

    def on_mount(self) -> None:
        """Read the numbers now, and again whenever this screen becomes active again."""
        self.app.screen_change_signal.subscribe(self, self._screen_changed)
        self._read_now(self.app.today())

    def _screen_changed(self, screen: object) -> None:
        """Back on our screen (a dialog, the case or a conversation closed): count again."""
        if screen is self.screen:
            self.reload()

    def reload(self) -> None:
        """Read the numbers again, at once: back from a case, the counts are never the old ones."""
        self._read_now(self.app.today())

    def _read(self, today: date) -> AgendaCounts:
        """The numbers (a few COUNT and agenda queries in plain SQL)."""
        from pestcli.agenda import counts

        return counts(self.app.store, today)

    def _read_now(self, today: date) -> None:
        """Count on the main thread (a few ms), before the next paint."""
        try:
            result = self._read(today)
        except StoreError as exc:
            self._read_failed(exc)
            return
        self.show(result)

    def _read_failed(self, error: StoreError) -> None:
        """Say in Dutch what went wrong; the count is done, if in vain."""
        self.notify(str(error), severity="error")
        self.post_message(self.Shown())

    def show(self, counts: AgendaCounts) -> None:
        """Put ``counts`` on screen."""
        self.counts = counts
        self.query_one("#counts-open", Label).update(open_text(counts))
        per_step = steps_text(counts.open_per_step)
        steps = self.query_one("#counts-steps", Label)
        steps.update(f"({per_step})" if per_step else "")
        steps.display = bool(per_step)
        late = self.query_one("#counts-late", Label)
        late.update(late_text(counts.overdue))
        late.set_class(counts.overdue > 0, "-late")
        self.query_one("#counts-today", Label).update(f"{counts.due_today} vandaag")
        self.post_message(self.Shown())
