"""Fixtures for the Pilot tests: the real app on a real SQLite file in tmp_path.

Every UI test runs ``app.run_test(size=SIZE)`` and polls with ``wait_for``;
nothing sleeps.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from pestcli.app import PestApp
from pestcli.protocol.calendar import SchoolCalendar
from pestcli.store import open_store
from ui_helpers import TODAY

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
