"""Loading the rest of pestcli once the first screen is painted.

The home screen is painted from plain SQL (``Store.sql``) before SQLAlchemy
and SQLModel are imported. Everything after it (a case, a conversation, the
first save) needs them: importing them and opening the engine takes about
0.3 s. ``start_warm_up`` does that in a daemon thread half a second after
the first screen is complete, while the mentor reads it, so the first case
opens without the wait. Not at once: the import holds the GIL for most of
those 0.3 s, and the mentor's first keys (scrolling the list) come first.

It ends on the main thread: the case screen's modules are imported there
(screens are imported on the main thread only, so two threads never import
one chain of modules in different orders), then one full garbage collection
and ``gc.freeze()``. Without that, the collection the big import made due
fell in the middle of the first case screen (60-80 ms); frozen, the objects
that live as long as the app are not walked by later collections.

Nothing that fails here is hidden: every failure is logged (the
``pestcli.warm_up`` logger) and passed to the app, which tells the mentor in
Dutch. The one thing not told is a hand-over to an app that has ended
meanwhile (the mentor quit during the warm-up): there is nobody to tell, and
it is logged at debug level only.
"""

from __future__ import annotations

import gc
import importlib
import logging
import threading
from collections.abc import Callable
from concurrent.futures import CancelledError
from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

log = logging.getLogger(__name__)

#: Seconds between the complete first screen and the start of the warm-up.
DELAY = 0.5

#: The modules imported in the thread: SQLModel and the tables (no screens, no Textual).
MODULES = ("sqlmodel", "pestcli.store.models")

#: The screen modules imported on the main thread at the end.
SCREENS = ("pestcli.screens.case",)

#: Runs a function on the main thread and waits for it (``App.call_from_thread``).
OnMain = Callable[[Callable[[], None]], Any]


def finish_on_main_thread() -> None:
    """Import the case screen, collect garbage once and freeze what survives (main thread)."""
    for name in SCREENS:
        importlib.import_module(name)
    gc.collect()
    gc.freeze()


def start_warm_up(store: Store, done: threading.Event, on_main: OnMain, *,
                  daily_backup: bool = False, tell: Callable[[str], None] | None = None,
                  failed: Callable[[Exception], None] | None = None) -> None:
    """Import the ORM and open the store's engine in a daemon thread; ``done`` is set after.

    ``on_main(function)`` runs ``function`` on the main thread and waits for
    it (``App.call_from_thread``). With ``daily_backup`` the day's verified
    backup is made here too when the newest is a day old (on a school's
    300 MB file about 0.9 s, once a day, that no longer delays the first
    screen); a Dutch failure is passed to ``tell`` on the main thread. Any
    other failure (a StoreError, a missing module of the installation, the
    case screen that does not import) is logged and passed to ``failed`` on
    the main thread, which tells the mentor in Dutch; it is never raised in
    the app. ``done`` is set either way.
    """

    def run() -> None:
        try:
            for name in MODULES:
                importlib.import_module(name)
            with store.read() as session:
                session.connection()  # the engine, its first connection and its pragmas
            if daily_backup and store.path is not None:  # a server's backups are the school's
                _daily_backup(store, on_main, tell)
        except Exception as exc:  # noqa: BLE001 - logged and told in Dutch, never fatal
            log.exception("The warm-up failed; the app runs on and loads the rest when it is needed")
            if failed is not None:
                _on_main_thread(on_main, partial(failed, exc), "telling the mentor the warm-up failed")
            done.set()
            return
        try:
            _on_main_thread(on_main, partial(_finish, failed), "finishing the warm-up")
        finally:
            done.set()

    threading.Thread(target=run, name="pestcli-warm-up", daemon=True).start()


def _finish(failed: Callable[[Exception], None] | None) -> None:
    """``finish_on_main_thread``, its failure logged and passed to ``failed`` (main thread)."""
    try:
        finish_on_main_thread()
    except Exception as exc:  # noqa: BLE001 - logged and told in Dutch, never fatal
        log.exception("The warm-up could not finish on the main thread")
        if failed is not None:
            failed(exc)


def _on_main_thread(on_main: OnMain, function: Callable[[], None], what: str) -> None:
    """Run ``function`` on the main thread; nothing (logged at debug level) when the app has ended.

    A failure of ``function`` itself is logged and not raised, so what can
    come back from ``on_main`` is the hand-over's own failure:
    ``App.call_from_thread`` refuses with a RuntimeError once the app has
    stopped (before it makes a coroutine, so none is left never awaited).
    Any other failure of the hand-over is logged as an error.
    """

    def guarded() -> None:
        try:
            function()
        except Exception:  # noqa: BLE001 - logged; the warm-up thread is no place to raise it
            log.exception("The warm-up failed %s", what)

    try:
        on_main(guarded)
    except (RuntimeError, CancelledError) as exc:
        log.debug("The warm-up skipped %s: the app has ended (%s)", what, exc)
    except Exception:  # noqa: BLE001 - logged; the warm-up thread is no place to raise it
        log.exception("The warm-up could not reach the app for %s", what)


def _daily_backup(store: Store, on_main: OnMain, tell: Callable[[str], None] | None) -> None:
    """The day's backup when it is due; its Dutch error logged and told on the main thread."""
    from pestcli.store.backend.backup import backup_if_stale
    from pestcli.store.errors import StoreError

    try:
        backup_if_stale(store)
    except StoreError as exc:
        message = f"De dagelijkse reservekopie is niet gemaakt: {exc}"
        log.warning("The daily backup was not made: %s", exc)
        if tell is not None:
            _on_main_thread(on_main, partial(tell, message), "telling the mentor the daily backup failed")
