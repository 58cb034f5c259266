"""Fixtures for the case store: a real database file in ``tmp_path``, and helpers."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import new_case

from pestcli.store import add_person, open_store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test database goes (its directory does not exist yet)."""
    return tmp_path / "gegevens" / "pestcli.db"


@pytest.fixture
def store(store_target):
    """An open, migrated store on a real file or a real server (both: ``backend``); closed afterwards."""
    opened = open_store(store_target)
    yield opened
    opened.close()


@pytest.fixture
def pupils(store):
    """Two invented pupils: a victim and a bully."""
    return (
        add_person(store, "Sanne", "Verbeek", class_name="2B"),
        add_person(store, "Daan", "Hofstede", class_name="2B"),
    )


@pytest.fixture
def case(store, pupils):
    """A case with the two pupils as gepeste and pester."""
    victim, bully = pupils
    return new_case(store, roles=[(victim.id, "gepeste"), (bully.id, "pester")])
