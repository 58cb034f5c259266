"""Fixtures for the use cases: a real database file in ``tmp_path`` and the shipped rules."""

from __future__ import annotations

from datetime import date

import pytest

from pestcli.services.reports import RegisteredCase, register_report
from pestcli.store import add_person, open_store
from pestcli.store.workflow import Rules

#: The day of the report in these tests (a Monday in term time).
REPORTED = date(2026, 11, 2)


@pytest.fixture(scope="session")
def rules() -> Rules:
    """The shipped protocol with its region's school calendar."""
    return Rules.load()


@pytest.fixture
def store(store_target):
    """An open, migrated store on a real file or a real server (both: ``backend``); closed afterwards."""
    opened = open_store(store_target)
    yield opened
    opened.close()


@pytest.fixture
def case(store, rules) -> RegisteredCase:
    """A registered report: Sanne (gepeste) and Daan (pester) in 2B."""
    victim = add_person(store, "Sanne", "Verbeek", class_name="2B")
    bully = add_person(store, "Daan", "Hofstede", class_name="2B")
    return register_report(store, rules, reported_on=REPORTED, reporter_kind="leerling",
                           parents_informed_after="na-stap-3", class_name="2B", forms=["woorden.bijnaam"],
                           description="Wordt uitgescholden.", mentor="J. de Mentor",
                           roles=[(victim.id, "gepeste"), (bully.id, "pester")])
