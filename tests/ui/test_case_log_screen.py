"""The case screen's log shows one busy day in true order, newest first (issue 12).

The data of ``tests/test_case_log_order.py`` on the real app: the report of
the morning is the lowest row of that day, the morning's agreement and step
stand below the afternoon's conversation.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ui_helpers import SIZE, screen_text, wait_for

from pestcli.screens.case import CaseScreen
from pestcli.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_case_log_order import busy_day  # noqa: E402


async def test_the_log_on_the_case_screen_is_in_true_order(make_app, db_path, protocol):
    store = open_store(db_path, daily_backup=False)
    try:
        case_id = busy_day(store, protocol)
    finally:
        store.close()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_case(case_id)
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.log_entries)
        shown = [entry.text.split(":")[0] for entry in app.screen.log_entries]
        assert shown.index("Gesprek gestart") < shown.index("Stap 2 gedaan door M. Jansen")
        assert shown.index("Stap 2 gedaan door M. Jansen") < shown.index("Afspraak (Fenna Kuipers)")
        assert shown[-1].startswith("Melding geregistreerd")
        # On screen, top to bottom: the morning's step above the report, the afternoon above both.
        app.screen.query_one("#case-log").scroll_visible(animate=False)
        await wait_for(pilot, lambda: "Melding geregistreerd" in screen_text(app))
        lines = screen_text(app).splitlines()
        row = {key: next(i for i, line in enumerate(lines) if key in line)
               for key in ("Gesprek gestart: ", "Stap 2 gedaan", "Melding geregistreerd")}
        assert row["Gesprek gestart: "] < row["Stap 2 gedaan"] < row["Melding geregistreerd"]
