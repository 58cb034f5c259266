"""Loading the rest of pestcli once the first screen is painted.

The home screen is painted from plain SQL (``Store.sql``) before SQLAlchemy
and SQLModel are imported. Everything after it (a case, a conversation, the
first save) needs them: importing them and opening the engine takes about
0.3 s. ``start_warm_up`` does that in a daemon thread half a second after
the first screen is complete, while the mentor reads it, so the first case
opens without the wait. Not at once: the import holds the GIL for most of
those 0.3 s, and the mentor's first keys (scrolling the list) come first. Whoever needs the modules first simply imports them too: Python's
import lock makes the second importer wait for the first, never import twice.
"""

from __future__ import annotations

import threading
from typing import Any

#: Seconds between the complete first screen and the start of the warm-up.
DELAY = 0.5

#: The modules every screen after the home screen needs (SQLModel, the tables).
MODULES = ("sqlmodel", "pestcli.store.models")


def start_warm_up(store: Any, done: threading.Event) -> None:
    """Import the ORM and open the store's engine in a daemon thread; ``done`` is set after.

    A failure is left for the first real use to report (in Dutch, where it
    happens); ``done`` is set either way.
    """

    def run() -> None:
        import importlib

        try:
            for name in MODULES:
                importlib.import_module(name)
            with store.read() as session:
                session.connection()  # the engine, its first connection and its pragmas
        except Exception:  # noqa: BLE001 - reported by the first real use, not here
            pass
        finally:
            done.set()

    threading.Thread(target=run, name="pestcli-warm-up", daemon=True).start()
