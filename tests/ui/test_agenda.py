"""The agenda: week and month views with the holidays, paging, the filter, moving a follow-up.

The real app on a real SQLite file with a fixed today; the two cases of
``test_due_list.build_week`` (made through the workflow, agreements of
2026-0002 on Thursday 19 November 2026). The database is checked through a
second connection.
"""

from __future__ import annotations

from datetime import date

from ui_helpers import SIZE, screen_text, wait_for
from test_due_list import build_week, committed
from textual.widgets import DataTable, Input

from pestcli.screens.agenda import AgendaScreen
from pestcli.screens.agenda_period import (
    closed_note,
    count_text,
    month_anchor,
    period_of,
    period_title,
    shift_period,
)
from pestcli.screens.followup_dialog import FollowUpDialog
from pestcli.screens.move_followup_dialog import MoveFollowupDialog
from pestcli.store import followups_of_case

CHRISTMAS_MONDAY = date(2026, 12, 21)


async def agenda_on_screen(pilot) -> AgendaScreen:
    """Open the agenda as the app does (palette "Agenda") and wait for its rows."""
    app = pilot.app
    app.action_agenda()
    await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen) and app.screen.loaded)
    await pilot.pause()
    return app.screen


async def press_and_load(pilot, *keys: str) -> None:
    """Press keys on the agenda and wait until it has read the new period."""
    await pilot.press(*keys)
    await wait_for(pilot, lambda: pilot.app.screen.loaded)
    await pilot.pause()


def keys_of(agenda: AgendaScreen) -> list[str]:
    """The row keys of the agenda table, top to bottom."""
    return [row.key.value for row in agenda.query_one(DataTable).ordered_rows]


def notified(app, text: str) -> bool:
    """Whether a notification with ``text`` was shown."""
    return any(text in n.message for n in app._notifications)


def day_line(app, label: str) -> str:
    """The screen line that starts with the day heading ``label``."""
    return next(line for line in screen_text(app).splitlines() if line.strip().startswith(label))


async def test_the_week_and_month_views_show_the_christmas_holiday(make_app):
    app = make_app(today=CHRISTMAS_MONDAY)
    ids = build_week(app.store, app.rules)
    async with app.run_test(size=SIZE) as pilot:
        agenda = await agenda_on_screen(pilot)
        text = screen_text(app)
        assert "Week 52 · ma 21 dec 2026 – zo 27 dec 2026" in text
        assert "kerstvakantie" in day_line(app, "ma 21 dec 2026 · vandaag")
        assert "kerstvakantie · Eerste Kerstdag" in day_line(app, "vr 25 dec 2026")
        assert "kerstvakantie · Tweede Kerstdag" in day_line(app, "za 26 dec 2026")
        # Today is in this week: everything overdue comes first, with how late it is.
        assert "TE LAAT (6)" in text and "32 dagen te laat (sinds do 19 nov)" in text
        assert keys_of(agenda)[0] == "group:late" and keys_of(agenda)[7] == "group:2026-12-21"
        # The next week: still the holiday, New Year's Day, and no overdue section.
        await press_and_load(pilot, "right")
        text = screen_text(app)
        assert "Week 53 · ma 28 dec 2026 – zo 3 jan 2027" in text
        assert "kerstvakantie · Nieuwjaarsdag" in day_line(app, "vr 1 jan 2027")
        assert "TE LAAT" not in text
        # "Na een maand" (Saturday 19 December, in the holiday) is on the first school day after it.
        await press_and_load(pilot, "right")
        month_followup = next(f for f in followups_of_case(app.store, ids["followed"]) if f.label == "na een maand")
        assert month_followup.due_on == date(2027, 1, 4)
        keys = keys_of(agenda)
        assert keys[keys.index("group:2027-01-04") + 1] == f"vervolg-{month_followup.id}"
        assert "Vervolggesprek na een maand" in screen_text(app)
        assert "weekend" in day_line(app, "za 9 jan 2027")
        # The month view of that week, and back to December (today's month: overdue again).
        await press_and_load(pilot, "m")
        text = screen_text(app)
        assert "Januari 2027" in text and "Nieuwjaarsdag" in text
        assert len([k for k in keys_of(agenda) if k.startswith("group:2027-01")]) == 31
        await press_and_load(pilot, "left")
        text = screen_text(app)
        assert "December 2026" in text and "TE LAAT (6)" in text
        assert len([k for k in keys_of(agenda) if k.startswith("group:2026-12")]) == 31
        # Back to the week of today.
        await press_and_load(pilot, "w")
        assert "Week 52 · ma 21 dec 2026 – zo 27 dec 2026" in screen_text(app)


async def test_the_filter_finds_a_pupil_by_a_fragment_and_the_kinds_toggle(make_app):
    app = make_app()
    ids = build_week(app.store, app.rules)
    async with app.run_test(size=SIZE) as pilot:
        agenda = await agenda_on_screen(pilot)
        assert {r.case_id for r in agenda.shown} == {ids["late"], ids["followed"]}
        await pilot.press("slash")
        await wait_for(pilot, lambda: isinstance(app.focused, Input))
        await pilot.press(*"boer")
        await wait_for(pilot, lambda: {r.case_id for r in agenda.shown} == {ids["followed"]})
        await pilot.pause()
        text = screen_text(app)
        assert "Mila de Boer" in text and "Sanne Jansen" not in text
        assert "2 op de agenda" in text
        await pilot.press(*"xyz")
        await wait_for(pilot, lambda: agenda.shown == [])
        await pilot.pause()
        assert "Niets gevonden met dit filter." in screen_text(app)
        # A class and a case number work too.
        app.screen.query_one("#agenda-filter", Input).value = "2b"
        await wait_for(pilot, lambda: {r.case_id for r in agenda.shown} == {ids["late"]})
        app.screen.query_one("#agenda-filter", Input).value = "2026-0002"
        await wait_for(pilot, lambda: {r.case_id for r in agenda.shown} == {ids["followed"]})
        app.screen.query_one("#agenda-filter", Input).value = ""
        await pilot.press("enter")  # from the filter to the table
        await wait_for(pilot, lambda: isinstance(app.focused, DataTable))
        # Key 2 hides the follow-ups, key 1 the steps.
        await pilot.press("2")
        await wait_for(pilot, lambda: agenda.shown and {r.kind for r in agenda.shown} == {"stap"})
        await pilot.press("1")
        await wait_for(pilot, lambda: agenda.shown == [])
        await pilot.press("1", "2")
        await wait_for(pilot, lambda: {r.kind for r in agenda.shown} == {"stap", "vervolg"})


async def test_moving_a_followup_keeps_the_reason_and_skips_the_weekend(make_app, db_path):
    app = make_app()
    ids = build_week(app.store, app.rules)
    async with app.run_test(size=SIZE) as pilot:
        agenda = await agenda_on_screen(pilot)
        table = agenda.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(f"vervolg-{ids['week']}"))
        await wait_for(pilot, lambda: agenda.selected_row() is not None
                       and agenda.selected_row().ref_id == ids["week"])
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, MoveFollowupDialog))
        dialog = app.screen
        assert "Vervolggesprek na een week verzetten" in screen_text(app)
        assert "staat op do 26 nov 2026" in screen_text(app)
        await pilot.press(*"za")
        await wait_for(pilot, lambda: "→ za 28 nov 2026" in screen_text(app))
        # No reason: refused, nothing moved, the date is kept.
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Vul een reden in" in screen_text(app))
        with committed(db_path) as store:
            row = next(f for f in followups_of_case(store, ids["followed"]) if f.id == ids["week"])
            assert (row.due_on, row.moved_from) == (date(2026, 11, 26), None)
        await pilot.click("#move-reason")
        await pilot.press(*"Finn is op schoolkamp")
        # A Saturday: the dialog says so and offers Monday; saving again takes it.
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: dialog.offered == (date(2026, 11, 28), date(2026, 11, 30)))
        assert "valt op een zaterdag" in screen_text(app) and app.screen is dialog
        await pilot.press("enter")  # Enter in the reason saves
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        assert notified(app, "Opgeslagen: vervolggesprek verzet naar ma 30 nov 2026 (za 28 nov 2026 valt op "
                             "een zaterdag).")
        with committed(db_path) as store:
            row = next(f for f in followups_of_case(store, ids["followed"]) if f.id == ids["week"])
            assert row.due_on == date(2026, 11, 30)
            assert row.moved_from == date(2026, 11, 26)
            assert row.moved_reason == "Finn is op schoolkamp"
        # The agenda reads again: gone from this week, in the next with the reason.
        await wait_for(pilot, lambda: agenda.loaded and f"vervolg-{ids['week']}" not in keys_of(agenda))
        await press_and_load(pilot, "right")
        keys = keys_of(agenda)
        assert keys[keys.index("group:2026-11-30") + 1] == f"vervolg-{ids['week']}"
        assert "verzet van do 26 nov 2026: Finn is op schoolkamp" in screen_text(app)


async def test_g_starts_a_followup_v_only_moves_followups_and_enter_opens_the_case(make_app):
    app = make_app()
    ids = build_week(app.store, app.rules)
    opened: list[int] = []
    async with app.run_test(size=SIZE) as pilot:
        agenda = await agenda_on_screen(pilot)
        app.open_case = opened.append
        assert agenda.selected_row().kind == "stap"  # the cursor starts on the first item
        await pilot.press("v")
        await wait_for(pilot, lambda: notified(app, "Alleen een vervolggesprek kun je verzetten"))
        assert isinstance(app.screen, AgendaScreen)
        await pilot.press("enter")
        await wait_for(pilot, lambda: opened == [ids["late"]])
        await pilot.press("down")
        await wait_for(pilot, lambda: agenda.selected_row().ref_id == ids["today"])
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpDialog))
        assert "Vervolggesprek na twee dagen" in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, AgendaScreen))


# --- the pure period helpers ------------------------------------------------------------------
def test_periods_are_monday_to_sunday_weeks_and_whole_months():
    assert period_of("week", date(2026, 12, 31)) == (date(2026, 12, 28), date(2027, 1, 3))
    assert period_of("month", date(2028, 2, 14)) == (date(2028, 2, 1), date(2028, 2, 29))
    assert shift_period("month", date(2026, 12, 1), 1) == date(2027, 1, 1)
    assert shift_period("month", date(2027, 1, 1), -1) == date(2026, 12, 1)
    assert shift_period("week", date(2026, 12, 28), -1) == date(2026, 12, 21)
    assert period_title("month", date(2027, 1, 1), date(2027, 1, 31)) == "Januari 2027"


def test_closed_days_and_counts_are_said_in_dutch():
    assert closed_note(date(2026, 11, 28), "zaterdag") == "weekend"
    assert closed_note(date(2026, 12, 25), "kerstvakantie") == "kerstvakantie · Eerste Kerstdag"
    assert closed_note(date(2027, 4, 27), "Koningsdag") == "Koningsdag"
    assert closed_note(date(2026, 11, 23), None) == ""
    assert count_text(3, 1, False, "week") == "3 op de agenda · 1 te laat"
    assert count_text(0, 0, True, "week") == "Niets gevonden met dit filter."
    assert count_text(0, 0, False, "maand") == "Niets op de agenda in deze maand."


async def test_the_month_view_opens_on_todays_month_on_1_december(make_app):
    # Tuesday 1 December: the week starts on Monday 30 November, yet "m" shows December.
    app = make_app(today=date(2026, 12, 1))
    build_week(app.store, app.rules)
    async with app.run_test(size=SIZE) as pilot:
        agenda = await agenda_on_screen(pilot)
        assert "Week 49 · ma 30 nov 2026 – zo 6 dec 2026" in screen_text(app)
        await press_and_load(pilot, "m")
        text = screen_text(app)
        assert "December 2026" in text and "November 2026" not in text
        assert agenda.period == (date(2026, 12, 1), date(2026, 12, 31))
        # A week away from today: the month that holds most of that week.
        await press_and_load(pilot, "w", "left")
        assert "Week 48 · ma 23 nov 2026" in screen_text(app)
        await press_and_load(pilot, "m")
        assert agenda.period == (date(2026, 11, 1), date(2026, 11, 30))


def test_month_anchor_is_today_in_the_period_else_most_of_it():
    assert month_anchor(date(2026, 11, 30), date(2026, 12, 6), date(2026, 12, 1)) == date(2026, 12, 1)
    assert month_anchor(date(2026, 11, 30), date(2026, 12, 6), date(2026, 11, 30)) == date(2026, 11, 30)
    # 28 Dec - 3 Jan seen from elsewhere: Thursday 31 December, so December.
    assert month_anchor(date(2026, 12, 28), date(2027, 1, 3), date(2026, 11, 23)).month == 12
    assert month_anchor(date(2027, 3, 29), date(2027, 4, 4), date(2026, 11, 23)).month == 4
