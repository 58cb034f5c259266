"""Read from the store and show it: one way for every part of a screen that does.

The home screen, its counts bar and its due list each read a few ms of plain
SQL and draw the result. :class:`StoreReader` is the one place that says how:
read on the main thread before the next paint (no frame shows an empty or old
part), or, for a read that can wait, in a ``@work(thread=True)`` worker that
hands the result back to the main thread. A read that fails says so in Dutch
(the :class:`~pestcli.services.errors.StoreError`'s own sentence) and counts as
done, if in vain, so whoever waits for the part is not left waiting.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Generic, TypeVar

from textual import work

from pestcli.services.errors import StoreError

#: What a reader reads (a list of rows, a set of numbers, ...).
Read = TypeVar("Read")

if TYPE_CHECKING:
    from textual.widget import Widget as _Host  # a widget or a screen
else:

    class _Host:
        """A plain mixin at run time: Textual follows the first DOMNode base for
        a widget's CSS type names and default CSS, which must stay the widget's own."""


class StoreReader(_Host, Generic[Read]):
    """A mixin for a widget or screen that reads the store and shows what it read.

    Put it first among the bases (``class CountsBar(StoreReader[AgendaCounts],
    Horizontal)``; it is no Textual class itself, so the widget's CSS stays its
    own) and write three methods: :meth:`read` (the query; runs on
    the main thread or in a worker thread, so it touches no widget),
    :meth:`show_read` (draw the result) and :meth:`read_in_vain` (what is done
    after a failure besides the Dutch message, e.g. post a "shown" message).
    Then :meth:`read_now` reads at once and :meth:`read_in_background` in a
    worker.
    """

    def read(self, today: date) -> Read:
        """Read what this part shows for ``today`` (no widget may be touched here)."""
        raise NotImplementedError

    def show_read(self, result: Read) -> None:
        """Draw what :meth:`read` returned (on the main thread)."""
        raise NotImplementedError

    def read_in_vain(self) -> None:
        """After a failed read (said in Dutch already): whatever a finished read must still do."""

    def read_failed(self, error: StoreError) -> None:
        """Say in Dutch what went wrong; the read is done, if in vain."""
        self.notify(str(error), severity="error")
        self.read_in_vain()

    def read_now(self, today: date) -> None:
        """Read on the main thread (a few ms of plain SQL) and show it before the next paint.

        On the school's server a read is a network round trip away: it runs in
        the background instead, the part showing Textual's loading indicator
        until it is drawn, so a slow network never freezes the screen.
        """
        if getattr(getattr(self.app, "store", None), "on_server", False):
            self._show_busy(True)
            self.read_in_background(today)
            return
        try:
            result = self.read(today)
        except StoreError as exc:
            self.read_failed(exc)
            return
        self.show_read(result)

    @work(thread=True, exclusive=True, group="store-reader")
    def read_in_background(self, today: date) -> None:
        """Read in a worker thread and show the result on the main thread (a read that can wait).

        A newer call cancels an older one still running (``exclusive``), so
        only the last result is drawn.
        """
        try:
            result = self.read(today)
        except StoreError as exc:
            self.app.call_from_thread(self._read_done, partial(self.read_failed, exc))
            return
        self.app.call_from_thread(self._read_done, partial(self.show_read, result))

    def _read_done(self, show: Callable[[], None]) -> None:
        """Stop the loading indicator, then draw (or say what failed)."""
        self._show_busy(False)
        show()

    def _show_busy(self, busy: bool) -> None:
        """The loading indicator over this part while it reads (a screen as a whole is left alone)."""
        from textual.screen import Screen

        if not isinstance(self, Screen):
            self.loading = busy
