"""Fixtures for the Pilot tests: the real app on a real SQLite file in tmp_path.

Every UI test runs ``app.run_test(size=SIZE)`` and polls with ``wait_for``;
nothing sleeps.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from pestcli.app import PestApp
from pestcli.protocol.calendar import SchoolCalendar
from pestcli.store import open_store

#: The fixed terminal size of every UI test.
SIZE = (120, 40)
#: The fixed "today" of the UI tests: Monday 23 November 2026, a school day.
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="session")
def calendar(protocol) -> SchoolCalendar:
    """The school calendar of the shipped protocol's region."""
    return SchoolCalendar.load(protocol.rules.region)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test's database file lives."""
    return tmp_path / "data" / "pestcli.db"


@pytest.fixture
def make_app(protocol, calendar, db_path) -> Callable[..., PestApp]:
    """Build the real app on the test's database file (opened fresh each call)."""
    opened = []

    def build(today: date = TODAY, demo: bool = False) -> PestApp:
        store = open_store(db_path)
        opened.append(store)
        if demo:
            from pestcli.store import fill_demo

            fill_demo(store, today=today)
        return PestApp(protocol=protocol, store=store, calendar=calendar, today=lambda: today)

    yield build
    for store in opened:
        store.close()


async def wait_for(pilot, condition: Callable[[], object], timeout: float = 10.0) -> None:
    """Let the app run until ``condition()`` is true (or fail after ``timeout`` s)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if condition():
                return
        except Exception:  # noqa: BLE001 - the widget may not exist yet
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s: {condition}")
        await pilot.pause()
        await asyncio.sleep(0)


def screen_text(app) -> str:
    """Everything visible on the current screen, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
