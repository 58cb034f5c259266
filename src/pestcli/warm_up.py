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
"""

from __future__ import annotations

import gc
import importlib
import threading
from collections.abc import Callable
from typing import Any

#: Seconds between the complete first screen and the start of the warm-up.
DELAY = 0.5

#: The modules imported in the thread: SQLModel and the tables (no screens, no Textual).
MODULES = ("sqlmodel", "pestcli.store.models")

#: The screen modules imported on the main thread at the end.
SCREENS = ("pestcli.screens.case",)


def finish_on_main_thread() -> None:
    """Import the case screen, collect garbage once and freeze what survives (main thread)."""
    for name in SCREENS:
        importlib.import_module(name)
    gc.collect()
    gc.freeze()


def start_warm_up(store: Any, done: threading.Event, on_main: Callable[[Callable[[], None]], Any], *,
                  daily_backup: bool = False, tell: Callable[[str], None] | None = None,
                  failed: Callable[[Exception], None] | None = None) -> None:
    """Import the ORM and open the store's engine in a daemon thread; ``done`` is set after.

    ``on_main(function)`` runs ``function`` on the main thread and waits for
    it (``App.call_from_thread``). With ``daily_backup`` the day's verified
    backup is made here too when the newest is a day old (on a school's
    300 MB file about 0.9 s, once a day, that no longer delays the first
    screen); a Dutch failure is passed to ``tell`` on the main thread. Any
    other failure (a StoreError, a missing module of the installation) is
    passed to ``failed`` on the main thread, which tells the mentor in Dutch;
    it is never raised in the app. ``done`` is set either way.
    """

    def run() -> None:
        try:
            for name in MODULES:
                importlib.import_module(name)
            with store.read() as session:
                session.connection()  # the engine, its first connection and its pragmas
            if daily_backup:
                _daily_backup(store, on_main, tell)
        except Exception as exc:  # noqa: BLE001 - told in Dutch, never fatal
            _report(exc, on_main, failed)
            done.set()
            return
        try:
            on_main(finish_on_main_thread)
        except Exception:  # noqa: BLE001 - the app has ended meanwhile: nothing to finish
            pass
        finally:
            done.set()

    threading.Thread(target=run, name="pestcli-warm-up", daemon=True).start()


def _report(error: Exception, on_main: Callable[[Callable[[], None]], Any],
            failed: Callable[[Exception], None] | None) -> None:
    """Pass ``error`` to ``failed`` on the main thread (nothing when the app has ended meanwhile)."""
    if failed is None:
        return
    try:
        on_main(lambda: failed(error))
    except Exception:  # noqa: BLE001 - the app is gone: there is nobody to tell
        pass


def _daily_backup(store: Any, on_main: Callable[[Callable[[], None]], Any],
                  tell: Callable[[str], None] | None) -> None:
    """The day's backup when it is due; its Dutch error told on the main thread."""
    from pestcli.store.backup import backup_if_stale
    from pestcli.store.errors import StoreError

    try:
        backup_if_stale(store)
    except StoreError as exc:
        if tell is not None:
            message = f"De dagelijkse reservekopie is niet gemaakt: {exc}"
            on_main(lambda: tell(message))
