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


def notified(app, text: str) -> bool:
    """Whether a notification containing ``text`` was shown."""
    return any(text in n.message for n in app._notifications)


async def test_a_follow_up_moved_into_such_a_year_says_so(make_app, db_path):
    app = make_app(demo=True)
    case_id = demo_case_id(db_path, "2026-0005")
    store = open_store(db_path, daily_backup=False)
    try:
        waiting = [f for f in followups_of_case(store, case_id) if f.done_on is None and f.cancelled_on is None]
    finally:
        store.close()
    followup = waiting[-1]  # "na twee jaar", in November 2028
    from textual.widgets import Input

    from pestcli.screens.move_followup_dialog import MoveFollowupDialog

    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(MoveFollowupDialog(followup.id))
        await wait_for(pilot, lambda: isinstance(app.screen, MoveFollowupDialog)
                       and app.screen.query_one("#move-day Input", Input).has_focus)
        await pilot.press(*"4-12-2028")
        await wait_for(pilot, lambda: "→ ma 4 dec 2028" in screen_text(app))
        await pilot.press("enter", *"leerling op stage", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, MoveFollowupDialog))
        assert notified(app, "Opgeslagen: vervolggesprek verzet naar ma 4 dec 2028. " + NOTICE)
    store = open_store(db_path, daily_backup=False)
    try:
        moved = next(f for f in followups_of_case(store, case_id) if f.id == followup.id)
        assert moved.due_on.isoformat() == "2028-12-04"
    finally:
        store.close()


async def test_the_agenda_screen_says_so_for_a_week_in_such_a_year(make_app):
    from datetime import date

    from pestcli.screens.agenda import AgendaScreen

    app = make_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        agenda = AgendaScreen("week", date(2028, 11, 20))
        app.push_screen(agenda)
        await wait_for(pilot, lambda: agenda.loaded)
        warning = agenda.query_one("#agenda-warning", Static)
        assert warning.display and str(warning.content) == NOTICE
        assert "Voor schooljaar 2028-2029 zijn de" in screen_text(app)
        await pilot.press("t")  # back to this week: its holidays are known
        await wait_for(pilot, lambda: agenda.loaded and not agenda.query_one("#agenda-warning", Static).display)


async def test_planning_stap_5_in_a_conversation_says_so(make_app, db_path):
    from pestcli.screens.agreement_dialog import AgreementDialog
    from pestcli.screens.conversation import ConversationScreen
    from pestcli.widgets.checklist import Checklist

    app = make_app(demo=True)
    case_id = demo_case_id(db_path, "2026-0004")  # stap 2 and 3 done, stap 4 due today
    async with app.run_test(size=SIZE) as pilot:
        screen = ConversationScreen(case_id, 4, "bijlage-7")
        app.push_screen(screen)
        await wait_for(pilot, lambda: app.screen is screen and screen.conversation_id is not None
                       and screen.query_one(Checklist).has_focus)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementDialog))
        await pilot.press("enter", *"samen", "space", *"spelen", "ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen and screen.agreements)
        await pilot.press("v")  # plan the follow-ups of stap 5 from today's agreements
        await wait_for(pilot, lambda: notified(app, "9 vervolggesprekken gepland"))
        assert notified(app, "9 vervolggesprekken gepland; het eerste op wo 25 nov 2026. " + NOTICE)
