"""On the school's server every screen names who is working, with their role (issue 17).

The header of the screens that have one (home, case, agenda, ...) carries it
after the title and sub-title (``PestApp.format_title``); the conversation screen, which has no header at 80×24,
carries it beside the clock. In a mentor's own file nothing of it shows.
"""

from __future__ import annotations

from server_team import Team, team_server  # noqa: F401 - the module's server (fixture 'team')
from test_conversation import open_conversation
from ui_helpers import SIZE, TODAY, screen_text, wait_for

from pestcli.app import PestApp
from pestcli.store import open_store
from pestcli.store.opening import open_server_store


def _a_case_of(team: Team, who: str) -> int:
    return team.owner_rows("SELECT c.id FROM cases c WHERE c.holder_id = %s AND c.status <> 'closed' "
                           "ORDER BY c.id LIMIT 1", (team.staff_id(who),))[0][0]


async def test_the_header_and_the_conversation_name_the_person_and_their_role(team, protocol, calendar):
    store = open_server_store(team.url("mentor"))
    app = PestApp(protocol=protocol, store=store, calendar=calendar, today=lambda: TODAY)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: "J. de Vries (mentor)" in screen_text(app))
            assert screen_text(app).splitlines()[0].count("J. de Vries (mentor)") == 1  # named once
            screen = await open_conversation(app, pilot, _a_case_of(team, "mentor"), 2, "bijlage-2")
            await wait_for(pilot, lambda: "J. de Vries (mentor) · Duur" in screen_text(app))
            assert app.screen is screen
    finally:
        store.close()


async def test_in_a_mentors_own_file_no_name_is_shown(tmp_path, protocol, calendar):
    store = open_store(tmp_path / "pestcli.db")
    app = PestApp(protocol=protocol, store=store, calendar=calendar, today=lambda: TODAY)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: "Vandaag" in screen_text(app))
            assert app.worker_label == "" and "(mentor)" not in screen_text(app)
    finally:
        store.close()
