"""The idle lock's timing (``pestcli.idle_lock``): it knows no screen and replaces nothing on the app."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events

from pestcli.idle_lock import IdleLock, idle_seconds_from_env, install_idle_lock


class Clock:
    """A monotonic clock the test moves itself."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class FakeStore:
    """A store without a file, encrypted or not."""

    def __init__(self, encrypted: bool) -> None:
        self.path: Path | None = None
        self.encrypted = encrypted


class FakeApp:
    """What the idle lock needs of an app: a store, a timer, and its own lock."""

    def __init__(self, encrypted: bool = True) -> None:
        self.store = FakeStore(encrypted)
        self.timers: list[tuple[float, Callable[[], Any]]] = []
        self.locked = False

    def set_interval(self, interval: float, callback: Callable[[], Any]) -> None:
        self.timers.append((interval, callback))

    def lock_now(self) -> bool:
        self.locked = True
        return True

    def is_locked(self) -> bool:
        return self.locked


def test_a_plain_store_gets_no_lock_and_no_timer():
    app = FakeApp(encrypted=False)
    assert install_idle_lock(app, seconds=60) is None
    assert app.timers == []


def test_the_lock_is_switched_off_with_zero_minutes(monkeypatch):
    monkeypatch.setenv("PESTCLI_LOCK_MINUTES", "0")
    app = FakeApp()
    assert install_idle_lock(app) is None and app.timers == []


def test_the_idle_time_comes_from_the_environment_then_the_settings(monkeypatch):
    monkeypatch.delenv("PESTCLI_LOCK_MINUTES", raising=False)
    assert idle_seconds_from_env() == 600
    assert idle_seconds_from_env({"lock_minutes": 2}) == 120
    monkeypatch.setenv("PESTCLI_LOCK_MINUTES", "1,5")
    assert idle_seconds_from_env({"lock_minutes": 2}) == 90
    monkeypatch.setenv("PESTCLI_LOCK_MINUTES", "nooit")
    assert idle_seconds_from_env() == 600


def test_the_app_s_timer_locks_it_after_the_idle_time():
    app = FakeApp()
    clock = Clock()
    lock = install_idle_lock(app, seconds=60, clock=clock)
    assert lock is not None
    ((interval, check),) = app.timers
    assert interval == 1.0 and check == lock.check
    clock.now += 59
    check()
    assert not app.locked
    clock.now += 1
    check()
    assert app.locked


def test_input_is_activity_other_events_are_not():
    clock = Clock()
    locked: list[bool] = []
    lock = IdleLock(60, lambda: locked.append(True), lambda: bool(locked), clock)
    clock.now += 50
    lock.observe(events.Key("down", None))
    clock.now += 50
    lock.check()
    assert locked == []  # a key 50 s ago: not idle
    lock.observe(events.Resize.from_dimensions((80, 24), None))
    clock.now += 10
    lock.check()
    assert locked == [True]  # a resize is no one at the keyboard


def test_while_locked_the_idle_time_waits():
    clock = Clock()
    locked = [True]
    calls: list[str] = []
    lock = IdleLock(60, lambda: calls.append("lock"), lambda: locked[0], clock)
    clock.now += 600
    lock.check()  # locked already: the time starts again, no second lock
    assert calls == [] and lock.last_input == clock.now
    locked[0] = False
    clock.now += 59
    lock.check()
    assert calls == []
