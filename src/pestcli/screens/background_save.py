"""Saving off the main thread: one use case in a worker, "Bezig met opslaan…" meanwhile.

A server may be a slow round trip away; the screen must never freeze on a
save. :class:`BackgroundSave` is the one way a screen or dialog does it:
:meth:`~BackgroundSave.save_in_background` runs the use case in a worker
thread, says "Bezig met opslaan…" where the screen chooses
(:meth:`~BackgroundSave.show_busy`), refuses a second save meanwhile, and
then calls back on the main thread: with the result, or with the Dutch
StoreError (the screen and its typed text stay). Nothing says "Opgeslagen"
before the use case has returned, i.e. committed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual import work

from pestcli.services.errors import StoreError

#: What a screen says while a save runs.
BUSY = "Bezig met opslaan…"

R = TypeVar("R")

if TYPE_CHECKING:
    from textual.screen import Screen as _Host
else:

    class _Host:
        """A plain mixin at run time (the screen class it is mixed into is the Textual one)."""


class BackgroundSave(_Host):
    """A mixin for a screen that saves in a worker thread (put it first among the bases)."""

    #: Whether a save runs in the background now.
    saving: bool = False

    def show_busy(self, busy: bool) -> None:
        """Say (in text, not colour) that a save runs, or stop saying it (the screen decides where)."""

    def save_in_background(self, call: Callable[[], R], done: Callable[[R], None],
                           failed: Callable[[StoreError], None] | None = None) -> None:
        """Run ``call`` (a use case) in a worker thread; then ``done(result)`` or ``failed(error)`` here.

        Meanwhile :meth:`show_busy` says so and a second save only says to
        wait. A StoreError is shown in Dutch (and passed to ``failed``); any
        other exception is raised on the main thread, as if the call had run
        there.
        """
        if self.saving:
            self.notify(f"{BUSY} Even wachten.", markup=False)
            return
        self._set_busy(True)
        self._save_worker(call, done, failed)

    @work(thread=True, group="background-save")
    def _save_worker(self, call: Callable[[], Any], done: Callable[[Any], None],
                     failed: Callable[[StoreError], None] | None) -> None:
        """The worker: the call here, the outcome on the main thread."""
        try:
            result = call()
        except StoreError as exc:
            self.app.call_from_thread(self._save_failed, exc, failed)
            return
        except Exception as exc:  # noqa: BLE001 - a bug: raised on the main thread, as before
            self.app.call_from_thread(self._save_crashed, exc)
            return
        self.app.call_from_thread(self._save_done, result, done)

    def _set_busy(self, busy: bool) -> None:
        self.saving = busy
        self.show_busy(busy)

    def _save_done(self, result: Any, done: Callable[[Any], None]) -> None:
        self._set_busy(False)
        done(result)

    def _save_failed(self, error: StoreError, failed: Callable[[StoreError], None] | None) -> None:
        self._set_busy(False)
        self.notify(str(error), severity="error", markup=False)
        if failed is not None:
            failed(error)

    def _save_crashed(self, error: Exception) -> None:
        self._set_busy(False)
        raise error
