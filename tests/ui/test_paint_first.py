"""The first screen is painted before SQLAlchemy and SQLModel are imported; the rest
of pestcli is loaded in the background afterwards (``pestcli.warm_up``).

Run in a fresh interpreter, since the test process has long imported the ORM.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ui_helpers import TODAY

from pestcli.store import open_store

SRC = str(Path(__file__).resolve().parents[2] / "src")

CHILD = r"""
import asyncio, json, sys, time
from datetime import date

sys.path.insert(0, sys.argv[3])
from ui_helpers import SIZE, wait_for

from pestcli.app import PestApp
from pestcli.protocol import load_protocol
from pestcli.store import open_store
from pestcli.widgets.counts_bar import CountsBar
from pestcli.widgets.due_list import DueList

today = date.fromisoformat(sys.argv[2])
store = open_store(sys.argv[1], check="beside")
app = PestApp(protocol=load_protocol(), store=store, today=lambda: today)
seen = {}

async def main():
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.id == "home" and app.screen.loaded
                       and app.screen.query_one(DueList).loaded
                       and app.screen.query_one(CountsBar).counts is not None)
        seen["due_rows"] = len(app.screen.query_one(DueList).rows)
        seen["orm_at_paint"] = sorted(m for m in ("sqlalchemy", "sqlmodel", "pestcli.store.models")
                                      if m in sys.modules)
        await wait_for(pilot, app.warmed.is_set)
        seen["orm_after_warm_up"] = "sqlmodel" in sys.modules and "pestcli.store.models" in sys.modules
        seen["engine_open"] = store._engine is not None

asyncio.run(main())
store.close()
print(json.dumps(seen))
"""


def test_the_home_screen_paints_without_the_orm_and_loads_it_afterwards(tmp_path, demo_copy):
    db = demo_copy(tmp_path / "pestcli.db", TODAY)
    env = dict(os.environ, PYTHONPATH=SRC + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), TODAY.isoformat(), str(Path(__file__).parent)],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["due_rows"] > 0
    assert seen["orm_at_paint"] == []
    assert seen["orm_after_warm_up"] and seen["engine_open"]


async def test_the_app_makes_the_daily_backup_after_the_first_screen(tmp_path, protocol, demo_copy):
    from ui_helpers import SIZE, wait_for

    from pestcli.app import PestApp
    from pestcli.store import list_backups

    db = demo_copy(tmp_path / "pestcli.db", TODAY)
    assert list_backups(db) == []  # the demo's new file got no daily backup at its first open
    store = open_store(db, check="beside", daily_backup=False)  # as `pestcli` opens it
    app = PestApp(protocol=protocol, store=store, today=lambda: TODAY, daily_backup=True)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.screen.id == "home" and app.screen.loaded)
            assert list_backups(db) == []  # not before the first screen
            await wait_for(pilot, app.warmed.is_set)
            assert [backup.reason for backup in list_backups(db)] == ["dagelijks"]
    finally:
        store.close()
