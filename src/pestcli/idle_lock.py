"""Lock the app after idle time: no key or mouse input for N minutes.

This module holds the timing only; it knows no screen and changes nothing on
the app. ``PestApp.on_mount`` calls ``install_idle_lock(app)``, which
returns an :class:`IdleLock` (or None) and starts the timer that checks it;
``PestApp.on_event`` hands every event to ``IdleLock.observe``, so each key,
click or paste counts as activity. When nothing was typed or clicked for
the idle time, the lock calls the app's ``lock_now()``: the app decides what
to show (the passphrase prompt over everything, ``pestcli.screens.lock``).

The lock applies to an encrypted store only: a plain, unencrypted store is
never locked, as there is no passphrase to unlock it with. The time comes
from ``PESTCLI_LOCK_MINUTES``, else ``lock_minutes`` in
``pestcli.settings.json`` (default 10; 0 switches the lock off) unless a
caller passes ``seconds``.

The lock reads time through its ``clock`` (``time.monotonic`` unless a caller
passes another), so tests move time forward themselves instead of racing a
fraction of a second against a slow machine; ``PestApp.idle_lock`` keeps the
installed lock.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

from textual import events

LOCK_ENV = "PESTCLI_LOCK_MINUTES"
DEFAULT_MINUTES = 10.0
#: The input that counts as activity.
ACTIVITY = (events.Key, events.MouseDown, events.MouseUp, events.MouseScrollDown,
            events.MouseScrollUp, events.Click, events.Paste)


class LockableStore(Protocol):
    """What the idle lock reads of a store: its file and whether it has a passphrase."""

    @property
    def path(self) -> Path | None:
        """The database file (None for a database in memory)."""

    @property
    def encrypted(self) -> bool:
        """Whether the file is encrypted (there is a passphrase to unlock with)."""


class LockableApp(Protocol):
    """The app the idle lock serves (``PestApp``): its store, a timer, and the lock itself."""

    @property
    def store(self) -> LockableStore:
        """The open store."""

    def set_interval(self, interval: float, callback: Callable[[], Any], /) -> object:
        """Call ``callback`` every ``interval`` seconds (Textual's ``set_interval``)."""

    def lock_now(self) -> bool:
        """Lock the app (the passphrase prompt over everything); False when there is nothing to lock with."""

    def is_locked(self) -> bool:
        """Whether the app is locked now."""


def idle_seconds_from_env(settings: Mapping[str, Any] | None = None) -> float:
    """The idle time in seconds: ``PESTCLI_LOCK_MINUTES``, else ``lock_minutes`` in the settings, else 10 minutes."""
    text = os.environ.get(LOCK_ENV, "").strip().replace(",", ".")
    if not text and settings and settings.get("lock_minutes") is not None:
        text = str(settings["lock_minutes"])
    try:
        minutes = float(text) if text else DEFAULT_MINUTES
    except ValueError:
        minutes = DEFAULT_MINUTES
    return max(0.0, minutes * 60)


class IdleLock:
    """Remembers the last input and locks the app when it is too long ago.

    ``lock`` locks the app and ``is_locked`` says whether it is locked; both
    belong to the app, which decides what a locked app shows.
    """

    def __init__(self, seconds: float, lock: Callable[[], object], is_locked: Callable[[], bool],
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.lock = lock
        self.is_locked = is_locked
        self.clock = clock
        self.last_input = clock()

    @property
    def interval(self) -> float:
        """How often (seconds) the app's timer calls :meth:`check`."""
        return min(1.0, self.seconds / 4)

    def touch(self) -> None:
        """Input happened now."""
        self.last_input = self.clock()

    def observe(self, event: events.Event) -> None:
        """An event reached the app: a key, click, scroll or paste is activity."""
        if isinstance(event, ACTIVITY):
            self.touch()

    def check(self) -> None:
        """Lock when the idle time has passed (while locked, the time waits)."""
        if self.is_locked():
            self.touch()
        elif self.clock() - self.last_input >= self.seconds:
            self.lock()


def install_idle_lock(
    app: LockableApp, seconds: float | None = None, clock: Callable[[], float] = time.monotonic
) -> IdleLock | None:
    """The idle lock of an app with an encrypted store, its timer started; None when it does not apply.

    The app keeps the lock and passes it its events (``IdleLock.observe``);
    nothing on the app is replaced here.
    """
    store = app.store
    if not store.encrypted:
        return None
    if seconds is None:
        from pestcli.settings import load_settings

        seconds = idle_seconds_from_env(load_settings(store.path.parent) if store.path else None)
    if seconds <= 0:
        return None
    lock = IdleLock(seconds, app.lock_now, app.is_locked, clock)
    app.set_interval(lock.interval, lock.check)
    return lock
