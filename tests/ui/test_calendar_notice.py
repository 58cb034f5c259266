"""Dates in a school year whose holidays are unknown say so, on the case screen.

The real app on a real SQLite file with the demo of TODAY (23 November 2026).
The calendar of region zuid knows the holidays up to the school year
2027-2028; the nine follow-ups of stap 5 run two years, so a case whose
agreements were made this autumn has its last follow-ups in 2028-2029.
"""

from __future__ import annotations

from ui_helpers import SIZE, screen_text, wait_for
from textual.widgets import Static

from pestcli.screens.case import CaseScreen
from pestcli.store import followups_of_case, get_case_by_number, open_store

NOTICE = ("Voor schooljaar 2028-2029 zijn de schoolvakanties van regio zuid niet bekend; "
          "pestcli houdt alleen rekening met weekenden en feestdagen.")


def demo_case_id(db_path, number: str) -> int:
    """The id of a demo case by its number."""
    store = open_store(db_path, daily_backup=False)
    try:
        return get_case_by_number(store, number).id
    finally:
        store.close()


def cancel_followups_after(db_path, case_id: int, year: int) -> None:
    """Cancel (in the file, committed) every follow-up of the case due after ``year``."""
    import sqlite3

    con = sqlite3.connect(db_path)
    with con:
        con.execute("UPDATE followups SET cancelled_on = '2026-11-23' WHERE case_id = ? "
                    "AND due_on > ?", (case_id, f"{year}-12-31"))
    con.close()


async def open_case(pilot, case_id: int) -> CaseScreen:
    """Open the case screen and wait until it has read the case."""
    app = pilot.app
    app.open_case(case_id)
    await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.detail is not None)
    return app.screen


def flat(text: str) -> str:
    """Screen text with its line breaks and box edges folded into single spaces."""
    for edge in "█▌▎":
        text = text.replace(edge, " ")
    return " ".join(text.split())


async def test_the_case_screen_says_which_school_year_has_no_known_holidays(make_app, db_path):
    app = make_app(demo=True)
    later = demo_case_id(db_path, "2026-0005")  # agreements on 13 Nov 2026: follow-ups up to Nov 2028
    fresh = demo_case_id(db_path, "2026-0001")  # reported today: every date in this school year
    store = open_store(db_path, daily_backup=False)
    try:
        last = max(f.due_on for f in followups_of_case(store, later))
    finally:
        store.close()
    assert last.year == 2028 and last.month >= 8
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot, later)
        note = screen.query_one("#case-calendar", Static)
        await wait_for(pilot, lambda: note.display and "Voor schooljaar 2028-2029" in screen_text(app))
        assert str(note.content) == NOTICE
        assert NOTICE in flat(screen_text(app))  # visible at 80x24, not cut off
        await pilot.press("escape")

        screen = await open_case(pilot, fresh)
        await wait_for(pilot, lambda: screen.query_one("#timeline").lines)
        assert not screen.query_one("#case-calendar", Static).display
        assert "schoolvakanties" not in screen_text(app)


async def test_the_notice_goes_when_no_open_date_is_left_in_that_year(make_app, db_path):
    app = make_app(demo=True)
    case_id = demo_case_id(db_path, "2026-0005")
    cancel_followups_after(db_path, case_id, 2027)  # as if those follow-ups were cancelled
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, case_id)
        await wait_for(pilot, lambda: screen.query_one("#timeline").lines)
        assert not screen.query_one("#case-calendar", Static).display
        assert "niet bekend" not in screen_text(app)
