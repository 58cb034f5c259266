"""Closing a case with the two-year monitoring going on or stopping, at 80×24, and where the follow-ups stay.

The real app on the demo's SQLite file. The demo case with a follow-up due
today (agreements about six weeks ago) is closed through the dialog; after
each save the file is read again through a second connection.
"""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable, Input, Label, RadioSet, Static
from ui_helpers import TODAY, screen_text, wait_for

from pestcli.protocol.dates import format_date
from pestcli.screens.agenda import AgendaScreen
from pestcli.screens.case import CaseScreen
from pestcli.screens.close_case_dialog import CloseCaseDialog, ConfirmClose, ConfirmReopen
from pestcli.screens.followup_dialog import FollowUpDialog
from pestcli.store import case_detail, close_case, get_case, list_cases, open_store, reopen_case
from pestcli.widgets.due_list import DueList

SMALL = (80, 24)


def committed(db_path):
    """A second, independent connection: only committed data is visible there."""
    return open_store(db_path, daily_backup=False)


def followed_case(db_path) -> tuple[int, str, list]:
    """The demo case with a follow-up due today: its id, number and open follow-ups (by due date)."""
    store = committed(db_path)
    try:
        for case in list_cases(store):
            detail = case_detail(store, case.id)
            waiting = sorted((f for f in detail.followups if f.done_on is None and f.cancelled_on is None),
                             key=lambda f: f.due_on)
            if case.status != "closed" and waiting and waiting[0].due_on == TODAY:
                return case.id, case.number, waiting
    finally:
        store.close()
    raise AssertionError("the demo has no case with a follow-up today")


async def open_case(pilot, case_id: int) -> CaseScreen:
    """Open the case screen and wait until it has read the case."""
    pilot.app.open_case(case_id)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CaseScreen) and pilot.app.screen.detail is not None)
    return pilot.app.screen


async def tab_to(pilot, widget_id: str, limit: int = 12) -> None:
    """Press Tab until the widget with ``widget_id`` has the focus (as a mentor would)."""
    for _ in range(limit):
        focused = pilot.app.focused
        if focused is not None and focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached #{widget_id}; focus on {pilot.app.focused}")


def visible(app, widget) -> bool:
    """Whether ``widget`` lies inside the screen at 80×24."""
    region = widget.region
    return region.height > 0 and region.y >= 0 and region.bottom <= app.size.height


async def test_closing_with_the_monitoring_going_on_keeps_the_follow_ups(make_app, db_path):
    app = make_app(demo=True)
    case_id, number, waiting = followed_case(db_path)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_case(pilot, case_id)
        await pilot.press("s")
        form = await wait_for_dialog(pilot, CloseCaseDialog)
        assert app.focused is form.query_one("#reason", Input)
        listed = str(form.query_one("#open-followups", Static).content)
        assert listed.splitlines() == [f"• {format_date(f.due_on)} — vervolggesprek {f.label}" for f in waiting]
        assert str(form.query_one("#monitoring-note", Label).content).startswith(
            "De twee jaar na de afspraken lopen tot ")
        # monitoring goes on by default: the two years are not over; no reason to type
        assert form.query_one("#monitoring", RadioSet).pressed_button.id == "monitoring-on"
        assert form.query_one("#monitoring-reason", Input).disabled
        await tab_to(pilot, "save")
        await pilot.press("enter")  # no reason: refused; the focus goes back to the reason, its message in view
        await wait_for(pilot, lambda: app.focused is form.query_one("#reason", Input)
                       and "Vul een reden in." in screen_text(app))
        await pilot.press(*"Het pesten is gestopt")
        await tab_to(pilot, "monitoring")  # the body scrolls the choice into view at 80×24
        await wait_for(pilot, lambda: visible(app, form.query_one("#monitoring-on")))
        await wait_for(pilot, lambda: "▐●▌ Gaat door: de vervolggesprekken blijven in de agenda" in screen_text(app))
        assert "▐ ▌ Stopt nu" in screen_text(app)  # the choice is told by the dot, not by colour alone
        await tab_to(pilot, "save")  # the reason for stopping is skipped: it is disabled
        assert visible(app, form.query_one("#save")) and visible(app, form.query_one("#cancel"))
        await pilot.press("enter")
        confirm = await wait_for_dialog(pilot, ConfirmClose)
        question = str(confirm.query_one("#confirm-question", Label).content)
        assert question == (f"Melding {number} sluiten op {format_date(TODAY)}? De monitoring gaat door: "
                            f"{len(waiting)} vervolggesprekken blijven in de agenda.")
        await pilot.press("j")
        await wait_for(pilot, lambda: app.screen is screen and screen.detail.case.status == "closed")
        await wait_for(pilot, lambda: "Monitoring gaat door (stap 5)" in screen_text(app))
        text = str(screen.query_one("#case-next", Static).content)
        assert text == (f"Gesloten op {format_date(TODAY)} — Het pesten is gestopt\n"
                        f"Monitoring gaat door (stap 5): vervolggesprek {waiting[0].label} op "
                        f"{format_date(TODAY)} (vandaag), daarna nog {len(waiting) - 1}")

    store = committed(db_path)
    try:
        case = get_case(store, case_id)
        open_now = [f for f in case_detail(store, case_id).followups if f.done_on is None and f.cancelled_on is None]
    finally:
        store.close()
    assert (case.status, case.closed_reason, case.monitoring_ended_on) == ("closed", "Het pesten is gestopt", None)
    assert [f.id for f in open_now] == [f.id for f in waiting]


async def test_stopping_the_monitoring_needs_a_reason_and_cancels_the_follow_ups(make_app, db_path):
    app = make_app(demo=True)
    case_id, number, waiting = followed_case(db_path)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_case(pilot, case_id)
        await pilot.press("s")
        form = await wait_for_dialog(pilot, CloseCaseDialog)
        await pilot.press(*"Afgerond")
        await tab_to(pilot, "monitoring")
        await pilot.press("down", "enter")  # "Monitoring stopt nu"
        await wait_for(pilot, lambda: not form.query_one("#monitoring-reason", Input).disabled)
        await pilot.press("ctrl+s")  # no reason yet: refused, in Dutch, beside the field, which gets the focus
        await wait_for(pilot, lambda: form.shown_errors.get("monitoring-reason") == "Vul in waarom de monitoring stopt.")
        assert isinstance(app.screen, CloseCaseDialog)
        await wait_for(pilot, lambda: app.focused is form.query_one("#monitoring-reason", Input)
                       and "Vul in waarom de monitoring stopt." in screen_text(app))
        await pilot.press(*"Leerling is verhuisd")
        await pilot.press("ctrl+s")
        confirm = await wait_for_dialog(pilot, ConfirmClose)
        assert str(confirm.query_one("#confirm-question", Label).content) == (
            f"Melding {number} sluiten op {format_date(TODAY)}? De monitoring stopt: "
            f"{len(waiting)} vervolggesprekken vervallen.")
        await pilot.press("j")
        await wait_for(pilot, lambda: app.screen is screen and screen.detail.case.status == "closed")
        await wait_for(pilot, lambda: f"Monitoring gestopt op {format_date(TODAY)}: Leerling is verhuisd"
                       in str(screen.query_one("#case-next", Static).content))

    store = committed(db_path)
    try:
        case = get_case(store, case_id)
        rows = {f.id: f for f in case_detail(store, case_id).followups}
    finally:
        store.close()
    assert (case.monitoring_ended_on, case.monitoring_end_reason) == (TODAY, "Leerling is verhuisd")
    assert all(rows[f.id].cancelled_on == TODAY and rows[f.id].cancelled_by_close for f in waiting)


async def test_after_two_years_the_dialog_proposes_to_stop(make_app, db_path):
    make_app(demo=True)  # the demo as of TODAY
    case_id, _, _ = followed_case(db_path)
    later = TODAY + timedelta(days=3 * 365)
    app = make_app(today=later)
    async with app.run_test(size=SMALL) as pilot:
        await open_case(pilot, case_id)
        await pilot.press("s")
        form = await wait_for_dialog(pilot, CloseCaseDialog)
        assert form.query_one("#monitoring", RadioSet).pressed_button.id == "monitoring-off"
        assert not form.query_one("#monitoring-reason", Input).disabled
        assert str(form.query_one("#monitoring-note", Label).content).startswith(
            "De twee jaar na de afspraken zijn voorbij (sinds ")


async def test_a_closed_case_with_monitoring_keeps_its_follow_up_on_home_and_agenda(make_app, db_path):
    app = make_app(demo=True)
    case_id, number, waiting = followed_case(db_path)
    close_case(app.store, case_id, TODAY, "Het pesten is gestopt")
    async with app.run_test(size=(120, 40)) as pilot:
        due = app.screen.query_one(DueList)
        await wait_for(pilot, lambda: due.loaded)
        assert any(r.case_id == case_id and r.kind == "vervolg" for r in due.rows)
        listed = due.query_one(DataTable)
        listed.focus()
        listed.move_cursor(row=listed.get_row_index(f"vervolg-{waiting[0].id}"))  # scrolled into view
        await wait_for(pilot, lambda: any(f"Vervolggesprek {waiting[0].label}" in line and number in line
                                          for line in screen_text(app).splitlines()))
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        agenda = app.screen
        await wait_for(pilot, lambda: any(r.case_id == case_id and r.kind == "vervolg"
                                          for r in agenda.rows))
        # the follow-up can still be held and recorded
        row = next(r for r in agenda.rows if r.case_id == case_id and r.kind == "vervolg")
        table = agenda.query_one("#agenda-table")
        table.focus()
        table.move_cursor(row=table.get_row_index(f"vervolg-{row.ref_id}"))  # scrolled into view
        await wait_for(pilot, lambda: agenda.selected_row() is not None and agenda.selected_row().ref_id == row.ref_id)
        await wait_for(pilot, lambda: number in screen_text(app))
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpDialog) and app.screen.context is not None)
        await pilot.press("g")  # "gaat goed"
        await wait_for(pilot, lambda: app.screen is agenda)
    store = committed(db_path)
    try:
        held = next(f for f in case_detail(store, case_id).followups if f.id == row.ref_id)
    finally:
        store.close()
    assert (held.done_on, held.outcome) == (TODAY, "goed")


async def test_reopening_brings_the_cancelled_follow_ups_back_to_the_home_screen(make_app, db_path):
    app = make_app(demo=True)
    case_id, number, waiting = followed_case(db_path)
    close_case(app.store, case_id, TODAY, "Klaar", monitoring_ends=True, monitoring_reason="Verhuisd")
    async with app.run_test(size=(120, 40)) as pilot:
        due = app.screen.query_one(DueList)
        await wait_for(pilot, lambda: due.loaded)
        assert not any(r.case_id == case_id for r in due.rows)
    reopen_case(app.store, case_id)
    app = make_app()  # the app as the mentor starts it again
    async with app.run_test(size=(120, 40)) as pilot:
        due = app.screen.query_one(DueList)
        await wait_for(pilot, lambda: due.loaded)
        assert any(r.case_id == case_id and r.kind == "vervolg" and r.ref_id == waiting[0].id for r in due.rows)


async def wait_for_dialog(pilot, kind):
    """Wait for a dialog of ``kind`` on top and return it."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, kind))
    return pilot.app.screen


async def test_w_reopens_a_closed_case_and_brings_back_what_the_close_cancelled(make_app, db_path):
    app = make_app(demo=True)
    case_id, number, waiting = followed_case(db_path)
    close_case(app.store, case_id, TODAY, "Klaar", monitoring_ends=True, monitoring_reason="Verhuisd")
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_case(pilot, case_id)
        await pilot.press("s")  # already closed: the mentor is told how to reopen
        await wait_for(pilot, lambda: any(n.message == f"Melding {number} is al gesloten. Heropenen: druk op w."
                                          for n in app._notifications))
        await pilot.press("w")
        confirm = await wait_for_dialog(pilot, ConfirmReopen)
        assert str(confirm.query_one("#confirm-question", Label).content) == (
            f"Melding {number} heropenen? {len(waiting)} vervolggesprekken die bij het sluiten vervielen, "
            "komen terug in de agenda.")
        await pilot.press("n")  # not yet
        await wait_for(pilot, lambda: app.screen is screen)
        assert get_case(app.store, case_id).status == "closed"
        await pilot.press("w")
        await wait_for_dialog(pilot, ConfirmReopen)
        await pilot.press("j")
        await wait_for(pilot, lambda: app.screen is screen and screen.detail.case.status == "open")
        await wait_for(pilot, lambda: "Gesloten op" not in screen_text(app))
    store = committed(db_path)
    try:
        case = get_case(store, case_id)
        open_now = [f.id for f in case_detail(store, case_id).followups
                    if f.done_on is None and f.cancelled_on is None]
    finally:
        store.close()
    assert (case.status, case.closed_on, case.monitoring_ended_on) == ("open", None, None)
    assert open_now == [f.id for f in waiting]
