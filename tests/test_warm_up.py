"""The warm-up (``pestcli.warm_up``): every failure is logged and told, nothing is told to an app that has ended."""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

import pestcli.warm_up as warm_up
from pestcli.store.errors import StoreError

#: How long a test waits for the warm-up thread (it ends in milliseconds).
WAIT = 10.0


class FakeSession:
    """A session whose connection opens at once."""

    def connection(self) -> None:
        """The engine's first connection (nothing to do here)."""


class FakeStore:
    """A store (of a file) whose read session always opens."""

    path = "pestcli.db"

    @contextmanager
    def read(self) -> Iterator[FakeSession]:
        """A read session."""
        yield FakeSession()


class MainThread:
    """``on_main`` of a running app: runs the function at once and counts the hand-overs."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, function: Callable[[], None]) -> None:
        self.calls += 1
        function()


def ended_app(function: Callable[[], None]) -> None:
    """``on_main`` of an app that has ended: ``App.call_from_thread`` refuses, nothing runs."""
    raise RuntimeError("App is not running")


def run_warm_up(on_main, **kwargs) -> tuple[list[Exception], list[str]]:
    """Run the warm-up to its end; the failures passed to ``failed`` and the texts passed to ``tell``."""
    failures: list[Exception] = []
    told: list[str] = []
    done = threading.Event()
    warm_up.start_warm_up(FakeStore(), done, on_main, failed=failures.append, tell=told.append,
                          **kwargs)
    assert done.wait(WAIT), "the warm-up did not end"
    return failures, told


@pytest.fixture
def quiet_finish(monkeypatch) -> list[str]:
    """The main-thread part only records that it ran (no screen import, no gc.freeze in the test process)."""
    ran: list[str] = []
    monkeypatch.setattr(warm_up, "finish_on_main_thread", lambda: ran.append("finished"))
    return ran


def test_a_warm_up_that_works_finishes_on_the_main_thread_and_tells_nothing(quiet_finish, caplog):
    caplog.set_level(logging.DEBUG, logger="pestcli.warm_up")
    on_main = MainThread()
    failures, told = run_warm_up(on_main)
    assert quiet_finish == ["finished"] and on_main.calls == 1
    assert failures == [] and told == [] and caplog.records == []


def test_a_failing_import_is_logged_and_passed_on(monkeypatch, quiet_finish, caplog):
    monkeypatch.setattr(warm_up, "MODULES", ("pestcli.bestaat_niet",))
    failures, _ = run_warm_up(MainThread())
    assert [type(error) for error in failures] == [ModuleNotFoundError]
    (record,) = [r for r in caplog.records if r.name == "pestcli.warm_up"]
    assert record.levelno == logging.ERROR and record.exc_info is not None
    assert quiet_finish == []  # nothing half-loaded is frozen


def test_a_case_screen_that_does_not_import_is_logged_and_passed_on(monkeypatch, caplog):
    """The last step, on the main thread, was swallowed before: now it is told like the rest."""
    monkeypatch.setattr(warm_up, "SCREENS", ("pestcli.screens.bestaat_niet",))
    failures, _ = run_warm_up(MainThread())
    assert [type(error) for error in failures] == [ModuleNotFoundError]
    assert any(r.levelno == logging.ERROR and r.exc_info for r in caplog.records if r.name == "pestcli.warm_up")


def test_a_failure_while_telling_it_is_logged_not_raised(monkeypatch, quiet_finish, caplog):
    monkeypatch.setattr(warm_up, "MODULES", ("pestcli.bestaat_niet",))
    done = threading.Event()

    def failed(error: Exception) -> None:
        raise ValueError("the toast could not be shown")

    warm_up.start_warm_up(FakeStore(), done, MainThread(), failed=failed)
    assert done.wait(WAIT)
    errors = [r for r in caplog.records if r.name == "pestcli.warm_up" and r.levelno == logging.ERROR]
    assert len(errors) == 2 and "the toast could not be shown" in str(errors[1].exc_info[1])


def test_nothing_is_told_to_an_app_that_has_ended(monkeypatch, caplog):
    """The mentor quit during the warm-up: no toast, no exception, no coroutine left unawaited; a debug line."""
    monkeypatch.setattr(warm_up, "MODULES", ("pestcli.bestaat_niet",))
    caplog.set_level(logging.DEBUG, logger="pestcli.warm_up")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        failures, _ = run_warm_up(ended_app)
    assert failures == []
    levels = [r.levelno for r in caplog.records if r.name == "pestcli.warm_up"]
    assert levels == [logging.ERROR, logging.DEBUG]  # the failure itself is still logged


def test_the_finish_is_skipped_quietly_when_the_app_has_ended(quiet_finish, caplog):
    caplog.set_level(logging.DEBUG, logger="pestcli.warm_up")
    failures, told = run_warm_up(ended_app)
    assert quiet_finish == [] and failures == [] and told == []
    assert [r.levelno for r in caplog.records if r.name == "pestcli.warm_up"] == [logging.DEBUG]


def test_a_daily_backup_that_fails_is_logged_and_told_in_dutch(monkeypatch, quiet_finish, caplog):
    import pestcli.store.backend.backup

    def refuse(store) -> None:
        raise StoreError("De schijf is vol.")

    monkeypatch.setattr(pestcli.store.backend.backup, "backup_if_stale", refuse)
    failures, told = run_warm_up(MainThread(), daily_backup=True)
    assert told == ["De dagelijkse reservekopie is niet gemaakt: De schijf is vol."]
    assert failures == [] and quiet_finish == ["finished"]  # the rest of the warm-up goes on
    assert any(r.levelno == logging.WARNING and "De schijf is vol." in r.getMessage() for r in caplog.records)


def test_on_the_schools_server_no_daily_backup_is_tried(server_url, quiet_finish):
    """A server's backups are the school's: nothing is tried, so nothing fails or is told."""
    from pestcli.store import open_store

    failures: list[Exception] = []
    told: list[str] = []
    done = threading.Event()
    with open_store(server_url) as store:
        warm_up.start_warm_up(store, done, MainThread(), failed=failures.append, tell=told.append, daily_backup=True)
        assert done.wait(WAIT), "the warm-up did not end"
    assert (failures, told) == ([], [])
