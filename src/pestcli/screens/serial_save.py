"""Saving in order off the main thread: a queue of database calls that run one after another.

:class:`~pestcli.screens.background_save.BackgroundSave` runs one save and
refuses a second one meanwhile; that suits a dialog, not a checklist ticked
item after item, nor drafts written while the mentor types. :class:`SerialSave`
takes every call handed to it (:meth:`SerialSave.submit`), runs them in a
worker thread strictly in the order given (a later write is never overtaken
by an earlier one still in flight), and then calls back on the main thread:
``done(result)`` or ``failed(error)`` (the Dutch StoreError), in that same
order. Meanwhile it tells its owner what to show ("Bezig met opslaan…" while a
write waits, "Bezig met lezen…" while only reads wait), so the screen never
freezes on a slow network and nothing says "Opgeslagen" before the call has
returned, i.e. committed.

The queue is drained by one async worker of the app (each call in
``asyncio.to_thread``), so a call already handed over still runs when the
screen that asked for it closes. When the app stops (Ctrl+Q, or the worker is
cancelled otherwise), :meth:`SerialSave.finish_now` runs whatever still waits
at once, blocking, in order: a draft or a mark handed over is never dropped.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pestcli.screens.background_save import BUSY
from pestcli.services.errors import StoreError

if TYPE_CHECKING:
    from textual.app import App

#: What a screen says while only reads wait (no write).
READING = "Bezig met lezen…"

#: How long :meth:`SerialSave.finish_now` waits for the call in flight before it gives up (seconds).
FINISH_WAIT = 30.0


@dataclass(eq=False)
class _Job:
    """One call waiting its turn, and what came of it."""

    call: Callable[[], Any]
    done: Callable[[Any], None] | None
    failed: Callable[[StoreError], None] | None
    reading: bool
    #: ``queued`` → ``running`` → ``finished`` (then ``result`` or ``error`` holds the outcome).
    state: str = "queued"
    result: Any = None
    error: BaseException | None = None


class SerialSave:
    """Runs database calls one at a time, in order, off the main thread; the outcomes back on it.

    ``on_busy(text)`` is called on the main thread with :data:`BUSY` while a
    write waits or runs, :data:`READING` while only reads do, and ``None`` once
    nothing waits (before the last ``done`` runs, so ``done`` may say
    "Opgeslagen"). A StoreError goes to ``failed`` (or is shown in Dutch when
    there is none); any other exception is raised on the main thread, as if
    the call had run there.
    """

    def __init__(self, app: App[Any], on_busy: Callable[[str | None], None] | None = None,
                 *, group: str = "serial-save") -> None:
        self.app = app
        self.on_busy = on_busy
        self.group = group
        self._queue: deque[_Job] = deque()
        self._draining = False
        self._shown: str | None = None
        #: Held while a call runs (in the worker's thread, or here in :meth:`finish_now`).
        self._running = threading.Lock()

    @property
    def busy(self) -> bool:
        """Whether any call waits or runs."""
        return bool(self._queue)

    @property
    def writing(self) -> bool:
        """Whether a write (not only a read) waits or runs."""
        return any(not job.reading for job in self._queue)

    def submit(self, call: Callable[[], Any], done: Callable[[Any], None] | None = None,
               failed: Callable[[StoreError], None] | None = None, *, reading: bool = False) -> None:
        """Queue ``call`` (a use case or a read, run in a thread) after everything queued before it.

        ``reading=True`` marks a call that only reads (the screen then says
        "Bezig met lezen…" instead of "Bezig met opslaan…").
        """
        self._queue.append(_Job(call, done, failed, reading))
        self._show()
        if not self._draining:
            self._draining = True
            self.app.run_worker(self._drain(), group=self.group, exit_on_error=True)

    def finish_now(self) -> None:
        """Run every queued call here and now, in order, blocking (only when the app is about to stop).

        Waits for the call in flight first, so the order holds; the outcomes
        still reach ``done``/``failed`` through the worker, if the app runs on.
        """
        if not self._running.acquire(timeout=FINISH_WAIT):
            return  # the call in flight hangs: the rest would only wait behind it
        try:
            for job in list(self._queue):
                self._run_job(job)
        finally:
            self._running.release()

    async def _drain(self) -> None:
        """The worker: each call in a thread, in order; its outcome here, on the main thread."""
        try:
            while self._queue:
                job = self._queue[0]
                try:
                    await asyncio.to_thread(self._run_in_thread, job)
                except asyncio.CancelledError:  # the app stops: what was handed over is still written
                    self.finish_now()
                    raise
                self._queue.popleft()
                self._show()
                if job.error is None:
                    if job.done is not None:
                        job.done(job.result)
                elif isinstance(job.error, StoreError):
                    if job.failed is not None:
                        job.failed(job.error)
                    else:
                        self.app.notify(str(job.error), severity="error", markup=False)
                else:
                    raise job.error
        finally:
            self._draining = False  # an error above stops the app (exit_on_error), as on the main thread

    def _run_in_thread(self, job: _Job) -> None:
        """In the worker's thread: run the job unless :meth:`finish_now` already did."""
        with self._running:
            self._run_job(job)

    @staticmethod
    def _run_job(job: _Job) -> None:
        """Run one call (once) and keep its outcome."""
        if job.state != "queued":
            return
        job.state = "running"
        try:
            job.result = job.call()
        except BaseException as exc:  # noqa: BLE001 - kept, and raised on the main thread by _drain
            job.error = exc
        job.state = "finished"

    def _show(self) -> None:
        """Tell the owner what to show now (only when it changed)."""
        text = BUSY if self.writing else READING if self._queue else None
        if text != self._shown:
            self._shown = text
            if self.on_busy is not None:
                self.on_busy(text)
