"""``quick_check`` beside the work (``open_store(check="beside")``, as the app opens it):
reads go on at once, nothing is written before the check has passed, and a
damaged file gives the same Dutch message as a check at open."""

from __future__ import annotations

import sqlite3

import pytest
from store_helpers import new_case

from pestcli.store import StoreDamagedError, StoreError, count_cases, open_store


def make_database(db_path, cases: int = 40):
    store = open_store(db_path)
    for _ in range(cases):
        new_case(store)
    store.close()


def damage_pages(db_path) -> bytes:
    """Overwrite the root page of every table and index but alembic_version; the schema stays readable."""
    con = sqlite3.connect(db_path)
    roots = [r[0] for r in con.execute("SELECT rootpage FROM sqlite_master WHERE rootpage > 1 AND name != 'alembic_version'")]
    con.close()
    data = bytearray(db_path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for root in roots:
        start = (root - 1) * page
        data[start:start + page] = b"\xa5" * page
    db_path.write_bytes(bytes(data))
    return bytes(data)


def test_a_sound_file_is_checked_beside_and_writes_go_on(db_path):
    make_database(db_path, cases=3)
    store = open_store(db_path, check="beside")
    try:
        assert store.integrity is not None
        new_case(store)  # waits for the check, which passes
        assert store.integrity.done and store.integrity.error is None
        assert count_cases(store) == 4
    finally:
        store.close()


def test_a_damaged_file_refuses_every_write_with_the_dutch_message(db_path):
    make_database(db_path)
    before = damage_pages(db_path)
    # header and schema are readable (no daily backup: it would find the damage at open)
    store = open_store(db_path, check="beside", daily_backup=False)
    try:
        with pytest.raises(StoreDamagedError) as caught:
            new_case(store)
        message = str(caught.value)
        assert str(db_path) in message and "beschadigd" in message
        assert store.integrity.error is not None
        seen = []
        store.integrity.on_damaged(seen.append)  # told at once when it already knows
        assert seen == [store.integrity.error]
    finally:
        store.close()
    assert db_path.read_bytes() == before


def test_a_failing_step_at_open_reports_the_damage_the_check_found(db_path):
    make_database(db_path)
    damage_pages(db_path)
    with pytest.raises(StoreDamagedError) as caught:
        open_store(db_path, check="beside")  # the daily backup fails on the damaged pages
    assert "controle van SQLite vond fouten" in str(caught.value)


def test_the_same_file_is_refused_at_open_when_checked_now(db_path):
    make_database(db_path)
    damage_pages(db_path)
    with pytest.raises(StoreDamagedError):
        open_store(db_path)


def test_closing_during_the_check_stops_it(db_path):
    make_database(db_path, cases=3)
    store = open_store(db_path, check="beside")
    store.close()
    assert store.integrity.done
    assert store.integrity.error is None


def test_a_read_only_open_skips_the_check_but_refuses_damaged_pages_and_every_write(db_path):
    make_database(db_path)
    before = damage_pages(db_path)
    store = open_store(db_path, check="skip", daily_backup=False)  # as ``pestcli agenda`` opens it
    try:
        assert not store.integrity.done  # nothing checked yet
        with pytest.raises(StoreError) as caught:
            count_cases(store)  # the cases table's root page is garbage
        assert "beschadigd" in str(caught.value)
        with pytest.raises(StoreDamagedError):
            new_case(store)  # a write runs the whole-file check first
    finally:
        store.close()
    assert db_path.read_bytes() == before
