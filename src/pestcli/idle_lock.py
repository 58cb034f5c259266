"""Lock the app after idle time: no key or mouse input for N minutes.

``install_idle_lock(app)`` is the one line ``PestApp.on_mount`` calls. It
watches every input event the app receives and, when the store is encrypted
and nothing was typed or clicked for the idle time, shows the passphrase
prompt over everything (``pestcli.screens.lock``). The time comes from
``PESTCLI_LOCK_MINUTES``, else ``lock_minutes`` in ``pestcli.settings.json``
(default 10; 0 switches the lock off) unless a
caller passes ``seconds``. A plain, unencrypted store is never locked: there
is no passphrase to unlock it with.

The lock reads time through its ``clock`` (``time.monotonic`` unless a caller
passes another), so tests move time forward themselves instead of racing a
fraction of a second against a slow machine; ``PestApp.idle_lock`` keeps the
installed lock.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from textual import events
from textual.app import App

LOCK_ENV = "PESTCLI_LOCK_MINUTES"
DEFAULT_MINUTES = 10.0
#: The input that counts as activity.
ACTIVITY = (events.Key, events.MouseDown, events.MouseUp, events.MouseScrollDown,
            events.MouseScrollUp, events.Click, events.Paste)


def idle_seconds_from_env(settings: dict | None = None) -> float:
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
    """Remembers the last input and locks the app when it is too long ago."""

    def __init__(self, app: App, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.app = app
        self.seconds = seconds
        self.clock = clock
        self.last_input = clock()

    def touch(self) -> None:
        """Input happened now."""
        self.last_input = self.clock()

    def check(self) -> None:
        """Lock when the idle time has passed (the lock itself ignores repeats)."""
        from pestcli.screens.lock import is_locked, lock_app

        if is_locked(self.app):
            self.touch()
        elif self.clock() - self.last_input >= self.seconds:
            lock_app(self.app)


def install_idle_lock(
    app: App, seconds: float | None = None, clock: Callable[[], float] = time.monotonic
) -> IdleLock | None:
    """Start the idle lock on an app with an encrypted store; None when it does not apply."""
    if getattr(getattr(app, "store", None), "secret", None) is None:
        return None
    if seconds is None:
        from pestcli.settings import load_settings

        seconds = idle_seconds_from_env(load_settings(app.store.path.parent) if app.store.path else None)
    if seconds <= 0:
        return None
    lock = IdleLock(app, seconds, clock)
    original = app.on_event

    async def on_event(event: events.Event) -> None:
        if isinstance(event, ACTIVITY):
            lock.touch()
        await original(event)

    app.on_event = on_event  # every key and mouse event reaches the App first
    app.set_interval(min(1.0, seconds / 4), lock.check)
    return lock
