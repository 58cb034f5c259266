"""'N dagen te laat' is the same number on the home screen and on the case screen.

Issue 12: for stap 6 of demo case 2026-0003 the home screen said 4 days, the
case screen 5. Both now count with ``protocol.dates.days_late`` (calendar
days) from the same date: a planned parent contact is stap 6 itself
(``store.agenda.parent_step_due``). The real app on the demo database of
Tuesday 1 December 2026; the mentor opens the case from the home list.
"""

from __future__ import annotations

import re
from datetime import date

from ui_helpers import SIZE, screen_text, wait_for
from textual.widgets import DataTable

from pestcli.protocol.dates import days_late, format_relative
from pestcli.screens.case import CaseScreen
from pestcli.store.agenda import parent_step_due
from pestcli.widgets.due_list import DueList
from pestcli.widgets.timeline import Timeline

DECEMBER_1 = date(2026, 12, 1)
LATE = re.compile(r"(\d+) dagen? te laat")


def late_in(line: str) -> int:
    """The N of "N dagen te laat" in a screen line."""
    match = LATE.search(line)
    assert match, line
    return int(match.group(1))


async def test_home_and_case_screen_agree_on_how_late_stap_6_is(make_app):
    app = make_app(today=DECEMBER_1, demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.id == "home" and app.screen.loaded)
        due = app.screen.query_one(DueList)
        await wait_for(pilot, lambda: due.loaded and "TE LAAT (" in screen_text(app))
        row = next(r for r in due.rows if r.case_number == "2026-0003" and r.step == 6)
        home_line = next(line for line in screen_text(app).splitlines()
                         if "Gesprek met de ouders (stap 6)" in line and "2026-0003" in line)
        home_days = late_in(home_line)
        assert home_days == row.overdue_days == days_late(row.due_on, DECEMBER_1) == 4
        # Open the case from that row, as the mentor does.
        table = due.query_one(DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index(f"{row.kind}-{row.ref_id}"))
        await wait_for(pilot, lambda: due.selected_row() == row)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.detail is not None)
        timeline = app.screen.query_one(Timeline)
        lines = screen_text(app).splitlines()
        case_line = lines[timeline.content_region.y + timeline.numbers.index(6)]
        assert "TE LAAT" in case_line
        assert late_in(case_line) == home_days
        assert f"uiterlijk vr 27 nov 2026 ({format_relative(row.due_on, DECEMBER_1, True)})" in case_line


def test_days_late_counts_calendar_days_and_never_below_zero():
    assert days_late(date(2026, 11, 27), DECEMBER_1) == 4
    assert days_late(date(2026, 11, 26), DECEMBER_1) == 5
    assert days_late(DECEMBER_1, DECEMBER_1) == 0
    assert days_late(date(2026, 12, 3), DECEMBER_1) == 0
    # Over a weekend the count goes on (the protocol's deadlines are calendar days).
    assert days_late(date(2026, 11, 27), date(2026, 11, 30)) == 3


def test_a_planned_parent_contact_is_stap_6s_date():
    deadline = date(2026, 11, 26)
    assert parent_step_due(deadline, [date(2026, 11, 27)]) == date(2026, 11, 27)
    assert parent_step_due(deadline, [date(2026, 12, 4), None, date(2026, 11, 30)]) == date(2026, 11, 30)
    assert parent_step_due(deadline, []) == deadline
    assert parent_step_due(None, [None]) is None
