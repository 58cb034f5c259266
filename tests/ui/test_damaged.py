"""The app opens with ``quick_check`` beside the first screen: when the check finds the
file damaged, a Dutch message covers the work and the only way on is to close."""

from __future__ import annotations

import sqlite3

from ui_helpers import SIZE, TODAY, screen_text, wait_for

from pestcli.app import PestApp
from pestcli.store import StoreDamagedError, open_store
from pestcli.store.cases import create_case


def damage_tables(db_path) -> None:
    """Overwrite the root pages of the tables (not the schema, not alembic_version)."""
    con = sqlite3.connect(db_path)
    roots = [r[0] for r in con.execute(
        "SELECT rootpage FROM sqlite_master WHERE rootpage > 1 AND name != 'alembic_version'")]
    con.close()
    data = bytearray(db_path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for root in roots:
        data[(root - 1) * page:root * page] = b"\x5a" * page
    db_path.write_bytes(bytes(data))


async def test_damage_found_after_start_covers_the_work_and_closes_the_app(protocol, calendar, db_path, demo_copy):
    demo_copy(db_path)
    damage_tables(db_path)
    store = open_store(db_path, check="beside", daily_backup=False)
    app = PestApp(protocol=protocol, store=store, calendar=calendar, today=lambda: TODAY)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.screen.id == "damaged")
            text = screen_text(app)
            assert "De database is beschadigd" in text
            assert "niets meer worden opgeslagen" in text
            try:
                create_case(store, reported_on=TODAY, reporter_kind="leerling", parents_informed_after="na-stap-3",
                            protocol_name="x", protocol_version="1", due_dates={})
            except StoreDamagedError as exc:
                assert str(db_path) in str(exc)
            else:
                raise AssertionError("a write went into a damaged file")
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.return_code == 2)
    finally:
        store.close()
