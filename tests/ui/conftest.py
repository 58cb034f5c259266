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
def make_app(protocol, calendar, db_path, demo_copy) -> Callable[..., PestApp]:
    """Build the real app on the test's database file (opened fresh each call).

    ``demo=True`` first puts the test's own copy of the demo database there
    (filled once per run for that day, see ``demo_copy``); ``prepare`` patches
    what the demo's filling sees (a frozen clock), as in ``demo_templates``.
    """
    opened = []

    def build(today: date = TODAY, demo: bool = False,
              prepare: Callable[[pytest.MonkeyPatch], None] | None = None) -> PestApp:
        if demo:
            demo_copy(db_path, today, prepare)
            store = open_store(db_path, daily_backup=False)  # like the new file it stands for: no backup yet
        else:
            store = open_store(db_path)
        opened.append(store)
        return PestApp(protocol=protocol, store=store, calendar=calendar, today=lambda: today)

    yield build
    for store in opened:
        store.close()
