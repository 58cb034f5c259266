"""Retention: closed cases past the period wait for a decision; keeping removes them."""

from __future__ import annotations

from datetime import date

import pytest
from store_helpers import new_case

from pestcli.protocol import load_protocol
from pestcli.store import StoreError, audit_events, close_case, open_store
from pestcli.store.retention import add_months, cases_due_for_review, keep_case, review_date
from pestcli.store.retention_due import count_due_for_review

TODAY = date(2026, 11, 23)


@pytest.fixture
def closed(store):
    """One case closed three years ago, one last month, and one still open."""
    old = new_case(store, reported_on=date(2023, 9, 4))
    recent = new_case(store, reported_on=date(2026, 9, 7))
    new_case(store)
    close_case(store, old.id, date(2023, 10, 2), "opgelost")
    close_case(store, recent.id, date(2026, 10, 20), "opgelost")
    return old, recent


def test_only_the_case_closed_more_than_two_years_ago_is_due(store, closed):
    old, _ = closed
    due = cases_due_for_review(store, TODAY)
    assert [item.number for item in due] == [old.number]
    assert due[0].due_on == date(2025, 10, 2) and due[0].kept_until is None


def test_the_period_is_configurable(store, closed):
    old, recent = closed
    assert {i.number for i in cases_due_for_review(store, TODAY, months=1)} == {old.number, recent.number}
    assert cases_due_for_review(store, TODAY, months=48) == []
    with pytest.raises(StoreError, match="minstens"):
        cases_due_for_review(store, TODAY, months=0)


def test_keeping_with_a_reason_removes_it_until_the_date(store, db_path, closed):
    old, _ = closed
    keep_case(store, old.id, "Lopende klacht bij de geschillencommissie", date(2027, 6, 1), today=TODAY)
    assert cases_due_for_review(store, TODAY) == []
    assert [i.number for i in cases_due_for_review(store, date(2027, 6, 1))] == [old.number]
    store.close()
    with open_store(db_path, daily_backup=False) as again:
        [item] = cases_due_for_review(again, date(2027, 6, 2))
        assert item.keep_reason.startswith("Lopende klacht")
        event = audit_events(again)[0]
        assert event.action == "keep" and "geschillen" not in event.summary
        assert "bewaard tot 01-06-2027" in event.summary


def test_the_home_screen_count_follows_the_same_rule(store, closed):
    old, _ = closed
    for today, months in ((TODAY, 24), (TODAY, 1), (TODAY, 48), (date(2027, 6, 1), 24)):
        assert count_due_for_review(store, today, months) == len(cases_due_for_review(store, today, months))
    assert count_due_for_review(store, TODAY) == 1
    keep_case(store, old.id, "Lopende klacht", date(2027, 6, 1), today=TODAY)
    assert count_due_for_review(store, TODAY) == 0
    assert count_due_for_review(store, date(2027, 6, 1)) == 1  # kept until that day: due again
    with pytest.raises(StoreError, match="minstens"):
        count_due_for_review(store, TODAY, months=0)


def test_keeping_needs_a_reason_and_a_future_date(store, closed):
    old, _ = closed
    with pytest.raises(StoreError, match="reden"):
        keep_case(store, old.id, "  ", date(2027, 6, 1), today=TODAY)
    with pytest.raises(StoreError, match="toekomst"):
        keep_case(store, old.id, "klacht", TODAY, today=TODAY)
    with pytest.raises(StoreError, match="bestaat niet"):
        keep_case(store, 999, "klacht", date(2027, 6, 1), today=TODAY)


def test_months_arithmetic_and_the_protocol_setting():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 11, 23), -24) == date(2024, 11, 23)
    assert review_date(date(2024, 2, 29), 24) == date(2026, 2, 28)
    assert load_protocol().retention_months == 24


def test_a_school_sets_its_own_period_in_protocol_toml(tmp_path):
    import shutil
    from pathlib import Path

    source = Path(load_protocol().source_dir)
    shutil.copytree(source, tmp_path / "protocol")
    toml = tmp_path / "protocol" / "protocol.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("months = 24", "months = 36"), encoding="utf-8")
    assert load_protocol(tmp_path / "protocol").retention_months == 36
