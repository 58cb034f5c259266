"""The main flows of the app as each person of the school's team, on a real server (issue 17).

The app runs as the mentor, the second mentor, the APC and a team leader,
each logged in as their own role (``server_team``: pestcli's own server
setup, the demo cases written by the mentor, a case handed to the second
mentor). Every home screen lists what row-level security and the person's
role leave them, and the header names them; a hand-over moves a case from
one mentor's home to the other's (and its follow-ups into the new mentor's
agenda); an escalation made in the app's dialog, by keys, ends in "Wacht op
u" on the APC's home, where Enter opens it; a team leader sees only their
department's cases and the sanction phase 4 proposed to them. In a mentor's
own file "Wacht op u" never shows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date

import pytest
import pestcli.screens.home
from server_team import Team, team_server  # noqa: F401 - the module's server (fixture 'team')
from textual.widgets import DataTable
from ui_helpers import SIZE, TODAY, screen_text, wait_for

from pestcli.app import PestApp
from pestcli.screens.agenda import AgendaScreen
from pestcli.screens.case import CaseScreen
from pestcli.screens.escalation_dialog import EscalationDialog
from pestcli.screens.home import HomeRead, HomeScreen
from pestcli.services import cases as case_uses
from pestcli.services import reads
from pestcli.services import team as team_uses
from pestcli.services.errors import StoreError
from pestcli.store.opening import open_server_store
from pestcli.widgets.due_list import DueList
from pestcli.widgets.waiting_list import WaitingList

#: The design size of the app.
SMALL = (80, 24)
#: The team leader's department (``server_team``): leerjaar 2 and klas 4VA.
DEPARTMENT = "(c.class_name LIKE '2%%' OR c.class_name = '4VA')"


@pytest.fixture
def app_as(team, protocol, calendar) -> Iterator[Callable[..., PestApp]]:
    """``app_as(who)``: the app on the school's server, logged in as ``who``; its store closed afterwards.

    Its day is TODAY unless ``today`` is given.
    """
    stores = []

    def build(who: str, today: date = TODAY) -> PestApp:
        store = open_server_store(team.url(who))
        stores.append(store)
        return PestApp(protocol=protocol, store=store, calendar=calendar, today=lambda: today)

    yield build
    for store in stores:
        store.close()


def open_cases_of(team: Team, who: str) -> set[int]:
    """The open cases ``who`` works on, as the tables' owner reads them: held, or shared with changes."""
    staff = team.staff_id(who)
    return {row[0] for row in team.owner_rows(
        "SELECT c.id FROM cases c WHERE c.status <> 'closed' AND (c.holder_id = %s OR EXISTS ("
        "SELECT 1 FROM case_access a WHERE a.case_id = c.id AND a.staff_id = %s AND a.can_change "
        "AND a.revoked_at IS NULL))", (staff, staff))}


def name_of(team: Team, who: str) -> str:
    """The name the server has for ``who``."""
    return team.owner_rows("SELECT name FROM staff WHERE login = %s", (team.logins[who],))[0][0]


async def home_loaded(pilot) -> HomeScreen:
    """Wait until the home screen shows what it read (on the server: in the background) and its due list."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded
                   and app.screen.query_one(DueList).loaded)
    return app.screen


def home_cases(screen: HomeScreen) -> set[int]:
    """The cases the home screen read, checked against the rows its table shows."""
    read = {row.case_id for row in screen.rows}
    shown = {int(key.value or 0) for key in screen.query_one("#open-cases", DataTable).rows}
    assert shown == read
    return read


async def agenda_by_key(pilot) -> AgendaScreen:
    """Open the agenda from the home screen with ``a`` and wait until it has read its period."""
    app = pilot.app
    await pilot.press("a")
    await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen) and app.screen.loaded)
    return app.screen


async def choose_waiting(pilot, waiting: WaitingList, case_id: int) -> None:
    """Go to "Wacht op u" (key u), move down to ``case_id`` and open it with Enter."""
    await pilot.press("u")
    await wait_for(pilot, lambda: pilot.app.focused is waiting.table)
    for _ in range(len(waiting.items)):
        if waiting.selected_case() == case_id:
            break
        await pilot.press("down")
    assert waiting.selected_case() == case_id
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CaseScreen) and pilot.app.screen.detail is not None)
    assert pilot.app.screen.detail.case.id == case_id


# --- in a mentor's own file ------------------------------------------------------------
async def test_in_a_file_nothing_waits_and_the_header_names_the_day(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await home_loaded(pilot)
        waiting = screen.query_one(WaitingList)
        assert waiting.display is False and waiting.items == []
        assert "Wacht op u" not in screen_text(app)
        assert screen.check_action("focus_waiting", ()) is False
        assert screen.sub_title == "ma 23 nov 2026"
        assert app.focused is screen.query_one("#open-cases", DataTable)


# --- the mentor ----------------------------------------------------------------------
async def test_the_mentor_sees_only_their_own_cases_and_is_named(team, app_as):
    mine = open_cases_of(team, "mentor")
    assert team.handed_over not in mine and len(mine) >= 3
    app = app_as("mentor")
    async with app.run_test(size=SIZE) as pilot:
        screen = await home_loaded(pilot)
        assert home_cases(screen) == mine
        assert team.handed_over not in home_cases(screen)  # handed to the second mentor
        header = screen_text(app).splitlines()[0]
        assert "J. de Vries (mentor)" in header and "ma 23 nov 2026" in header, header
        waiting = screen.query_one(WaitingList)
        assert waiting.display is False and "Wacht op u" not in screen_text(app)  # nothing waits for a mentor

        # Enter on the open cases opens the one under the cursor
        table = screen.query_one("#open-cases", DataTable)
        await wait_for(pilot, lambda: app.focused is table)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.detail is not None)
        case = app.screen.detail.case
        assert case.id in mine and f"Melding {case.number}" in screen_text(app).splitlines()[0]
        await pilot.press("escape")
        screen = await home_loaded(pilot)

        agenda = await agenda_by_key(pilot)
        assert agenda.rows, screen_text(app)
        assert {row.case_id for row in agenda.rows} <= mine
        assert "J. de Vries (mentor)" in screen_text(app).splitlines()[0]


# --- a hand-over -----------------------------------------------------------------------
async def test_a_handed_over_case_is_on_the_new_mentors_home_and_agenda(team, app_as):
    handed = team.handed_over
    assert handed in open_cases_of(team, "mentor2")
    due = sorted(row[0] for row in team.owner_rows(
        "SELECT due_on FROM followups WHERE case_id = %s AND done_on IS NULL AND cancelled_on IS NULL",
        (handed,)))
    assert due, "the handed-over case has follow-ups ahead"
    # one more hand-over, now, by the mentor: it shows on the second mentor's home after F5
    moving = team.owner_rows(
        "SELECT c.id FROM cases c WHERE c.holder_id = %s AND c.status = 'open' AND NOT " + DEPARTMENT
        + " ORDER BY c.reported_on DESC, c.id DESC LIMIT 1", (team.staff_id("mentor"),))[0][0]
    app = app_as("mentor2")
    async with app.run_test(size=SIZE) as pilot:
        screen = await home_loaded(pilot)
        assert home_cases(screen) == open_cases_of(team, "mentor2")
        assert handed in home_cases(screen) and moving not in home_cases(screen)

        store = open_server_store(team.url("mentor"))
        try:
            team_uses.hand_over(store, moving, team.staff_id("mentor2"), "Nieuwe mentor.", TODAY)
        finally:
            store.close()
        await pilot.press("f5")
        await wait_for(pilot, lambda: moving in {row.case_id for row in screen.rows})
        assert home_cases(screen) == open_cases_of(team, "mentor2")

        agenda = await agenda_by_key(pilot)
        first = due[0]
        if first >= TODAY:  # not overdue: page on to its month (overdue items show in today's week)
            await pilot.press("m")
            await wait_for(pilot, lambda: agenda.view == "month" and agenda.loaded)
            for _ in range((first.year - TODAY.year) * 12 + first.month - TODAY.month):
                start = agenda.period[0]
                await pilot.press("right")
                await wait_for(pilot, lambda start=start: agenda.period[0] != start and agenda.loaded)
        assert any(row.case_id == handed and row.kind == "vervolg" and row.due_on == first
                   for row in agenda.shown), screen_text(app)

    app = app_as("mentor")  # the previous mentor's home no longer lists it
    async with app.run_test(size=SIZE) as pilot:
        screen = await home_loaded(pilot)
        assert moving not in home_cases(screen) and handed not in home_cases(screen)
        assert home_cases(screen) == open_cases_of(team, "mentor")


# --- an escalation that ends on the APC's home -------------------------------------------------
async def test_an_escalation_made_by_keys_waits_on_the_apcs_home_and_enter_opens_it(team, app_as):
    case_id, number, reported_on = team.owner_rows(
        "SELECT c.id, c.number, c.reported_on FROM cases c WHERE c.holder_id = %s AND c.status = 'open' "
        "AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.case_id = c.id) AND NOT " + DEPARTMENT
        + " ORDER BY c.reported_on, c.id LIMIT 1", (team.staff_id("mentor"),))[0]
    # The dialog's "vandaag" may not be before the report ("server_team" writes the demo for the real day).
    day = max(TODAY, reported_on)
    app = app_as("mentor", day)
    async with app.run_test(size=SIZE) as pilot:
        screen = await home_loaded(pilot)
        await pilot.press("slash", *number, "enter")  # the filter, then the list
        table = screen.query_one("#open-cases", DataTable)
        await wait_for(pilot, lambda: app.focused is table and table.row_count == 1)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.detail is not None)
        case_screen = app.screen
        assert case_screen.detail.case.id == case_id
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, EscalationDialog) and app.screen.query("#reason"))
        dialog = app.screen
        assert dialog.selected_rung() == "apc"  # the first phase: the APC takes the regie
        for _ in range(20):
            if app.focused is not None and app.focused.id == "reason":
                break
            await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "reason"
        await pilot.press(*"Afspraken niet nagekomen")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is case_screen and case_screen.detail is not None
                       and case_screen.detail.escalations)
    assert team.owner_rows("SELECT status, regie FROM cases WHERE id = %s", (case_id,)) == [("escalated", "apc")]
    assert team.owner_rows("SELECT to_rung, reason FROM escalations WHERE case_id = %s", (case_id,)) == [
        ("apc", "Afspraken niet nagekomen")]

    app = app_as("apc", day)
    async with app.run_test(size=SIZE) as pilot:
        screen = await home_loaded(pilot)
        waiting = screen.query_one(WaitingList)
        await wait_for(pilot, lambda: case_id in {item.case_id for item in waiting.items})
        assert waiting.display is True
        assert app.focused is waiting.table  # what waits for the APC comes first
        text = screen_text(app)
        assert f"Wacht op u ({len(waiting.items)})" in text
        assert any(number in line and "u hebt de regie" in line for line in text.splitlines()), text
        assert "(anti-pestcoördinator)" in text.splitlines()[0]
        assert case_id in home_cases(screen)  # the APC sees every case of the school
        await choose_waiting(pilot, waiting, case_id)
        assert f"Melding {number}" in screen_text(app).splitlines()[0]
        await pilot.press("escape")
        await home_loaded(pilot)
        await wait_for(pilot, lambda: app.focused is waiting.table)  # back where the APC left


async def test_the_apcs_home_keeps_every_part_usable_at_80_by_24(team, app_as, monkeypatch):
    """Five items wait (the real ones and stand-ins): three rows show, the rest scroll, the other lists keep room."""
    real = pestcli.screens.home.waiting_for_me

    def five(store) -> list[team_uses.WaitingItem]:
        items = real(store)
        extra = [team_uses.WaitingItem(row.case_id, row.number, row.class_name or "", TODAY,
                                       "voorstel sanctiefase 4: wacht op uw besluit")
                 for row in reads.open_case_overview(store) if row.case_id not in {i.case_id for i in items}]
        return (items + extra)[:5]

    monkeypatch.setattr(pestcli.screens.home, "waiting_for_me", five)
    app = app_as("apc")
    async with app.run_test(size=SMALL) as pilot:
        screen = await home_loaded(pilot)
        waiting = screen.query_one(WaitingList)
        await wait_for(pilot, lambda: len(waiting.items) == 5 and waiting.table.row_count == 5)
        parts = [waiting.table, screen.query_one("#home-due"), screen.query_one("#open-cases", DataTable)]
        # the layout settles after the rows arrive: then each part stays above the footer
        await wait_for(pilot, lambda: app.focused is waiting.table
                       and all(part.region.bottom <= SMALL[1] - 1 for part in parts))
        assert waiting.table.region.height == 3  # compact: the count is in the title
        for part in parts[1:]:
            assert part.region.height >= 5, (part, part.region)
        for one, other in zip(parts, parts[1:], strict=False):
            assert not one.region.overlaps(other.region), (one.region, other.region)
        lines = screen_text(app).splitlines()
        assert "Wacht op u (5)" in lines[waiting.table.region.y - 1]
        for place, item in enumerate(waiting.items[:3]):
            line = lines[waiting.table.region.y + place]
            assert item.number in line and (item.class_name or "—") in line and "sinds" in line, line
        assert app.focused is waiting.table
        await pilot.press("down", "down", "down", "down")  # the fifth scrolls into view
        last = waiting.items[4]
        await wait_for(pilot, lambda: waiting.selected_case() == last.case_id
                       and any(last.number in line for line in screen_text(app).splitlines()[
                           waiting.table.region.y:waiting.table.region.bottom]))


async def test_what_waits_is_read_in_the_home_screens_background_read(team, app_as, monkeypatch):
    """Off the main thread with the rest, so a slow server never freezes the screen; a failure hides only it."""
    real_read, real_show = pestcli.screens.home.waiting_for_me, HomeScreen.show_read
    gate = threading.Event()
    threads: list[int] = []
    shown: list[HomeRead] = []
    fail = False

    def slow(store):
        threads.append(threading.get_ident())
        assert gate.wait(30), "the test never let the read go"
        if fail:
            raise StoreError("De server antwoordt niet.")
        return real_read(store)

    def show(screen: HomeScreen, result: HomeRead) -> None:
        shown.append(result)
        real_show(screen, result)

    monkeypatch.setattr(pestcli.screens.home, "waiting_for_me", slow)
    monkeypatch.setattr(HomeScreen, "show_read", show)
    app = app_as("apc")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: threads and isinstance(app.screen, HomeScreen))
        screen = app.screen
        assert threads[0] != threading.get_ident() and not screen.loaded  # drawn while the read waits
        await pilot.press("n")  # and it takes keys: the report form opens meanwhile
        await wait_for(pilot, lambda: app.screen is not screen)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        gate.set()
        waiting = screen.query_one(WaitingList)
        await wait_for(pilot, lambda: screen.loaded and waiting.items)
        assert shown[-1].waiting == waiting.items and shown[-1].rows  # one read: the cases and what waits
        before, items = len(shown), list(waiting.items)
        fail = True
        await pilot.press("f5")
        await wait_for(pilot, lambda: len(shown) > before)
        assert shown[-1].waiting is None and shown[-1].rows  # only "Wacht op u" failed
        assert waiting.items == items and waiting.display is True  # it keeps what it showed


# --- a team leader ------------------------------------------------------------------------
async def test_a_team_leader_sees_their_department_and_the_sanction_phase_proposed_to_them(team, app_as):
    noord = team.school("Locatie Noord")
    department = {row[0] for row in team.owner_rows(
        "SELECT c.id FROM cases c WHERE c.status <> 'closed' AND c.school_id = %s AND " + DEPARTMENT, (noord,))}
    assert department
    case_id, number, reported_on = team.owner_rows(
        "SELECT c.id, c.number, c.reported_on FROM cases c WHERE c.holder_id = %s AND c.status <> 'closed' "
        "AND c.class_name LIKE '2%%' AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.case_id = c.id "
        "AND e.proposed) ORDER BY c.reported_on, c.id LIMIT 1", (team.staff_id("mentor"),))[0]
    day = max(TODAY, reported_on)
    store = open_server_store(team.url("mentor"))
    try:  # the mentor proposes the suspension; only a team leader or the directie decides it
        case_uses.escalate(store, case_id, "teamleider", day, sanction_phase=4, reason="Opnieuw gepest.",
                           by="J. de Vries")
    finally:
        store.close()

    app = app_as("teamleider")
    async with app.run_test(size=SIZE) as pilot:
        screen = await home_loaded(pilot)
        assert home_cases(screen) == department
        assert all(row.class_name.startswith("2") or row.class_name == "4VA" for row in screen.rows)
        header = screen_text(app).splitlines()[0]
        assert f"{name_of(team, 'teamleider')} (teamleider)" in header, header
        waiting = screen.query_one(WaitingList)
        await wait_for(pilot, lambda: case_id in {item.case_id for item in waiting.items})
        item = next(item for item in waiting.items if item.case_id == case_id)
        assert item.what == "voorstel sanctiefase 4: wacht op uw besluit" and item.since == day
        assert {item.case_id for item in waiting.items} <= department
        text = screen_text(app)
        assert any(number in line and "sanctiefase 4" in line for line in text.splitlines()), text
        await choose_waiting(pilot, waiting, case_id)
        assert f"Melding {number}" in screen_text(app).splitlines()[0]

