"""The case screen on the school's server, driven by keys as each person of the team (issue 17).

On the server the case screen names the mentor who holds the case and who
has the regie, lists the hand-overs, hands a case over ('m'), says when the
person only reads the case (every changing key then says so instead of
opening), records who looked, shows a proposed sanction phase as a proposal
and lets a team leader decide it ('f'). In a mentor's own file none of this
shows and 'm' does nothing. The server is ``server_team``'s; every check of
what was stored is made through another connection.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from server_team import Team, team_server  # noqa: F401 - the module's server (fixture 'team')
from textual.widgets import Input, Label, OptionList, Select, Static
from ui_helpers import SIZE, TODAY, screen_text, wait_for

from pestcli.app import PestApp
from pestcli.screens.case import CaseScreen
from pestcli.screens.confirm import Confirm
from pestcli.screens.escalation_dialog import PROPOSAL_TEXT, EscalationDialog
from pestcli.screens.handover_dialog import HandoverDialog
from pestcli.services import reads
from pestcli.services import team as team_uses
from pestcli.store import add_person, open_store
from pestcli.store.opening import open_server_store
from pestcli.store.workflow import Rules, register_case

NOTE = "Nieuwe mentor vanaf januari"


@contextmanager
def app_as(team: Team, who: str, protocol, calendar) -> Iterator[PestApp]:
    """The app on the school's server, logged in as ``who``."""
    store = open_server_store(team.url(who))
    try:
        yield PestApp(protocol=protocol, store=store, calendar=calendar, today=lambda: TODAY)
    finally:
        store.close()


def told(app, text: str) -> bool:
    """Whether a notification says ``text``."""
    return any(text in str(n.message) for n in app._notifications)


def name_of(team: Team, who: str) -> str:
    """The name the team knows ``who`` by."""
    return team.owner_rows("SELECT name FROM staff WHERE id = %s", (team.staff_id(who),))[0][0]


async def open_case(pilot, app: PestApp, case_id: int) -> CaseScreen:
    """Open the case screen and wait until the server's answer (the case and the team's side) is shown."""
    screen = CaseScreen(case_id)
    app.push_screen(screen)
    await wait_for(pilot, lambda: app.screen is screen and screen.team is not None and "regie:" in screen_text(app))
    return screen


async def test_the_mentor_hands_a_case_over_by_keys_and_then_only_reads_it(team, protocol, calendar):
    case_id = team.owner_rows("SELECT id FROM cases WHERE holder_id = %s AND status <> 'closed' "
                              "AND class_name NOT LIKE '2%%' AND id <> %s ORDER BY id DESC LIMIT 1",
                              (team.staff_id("mentor"), team.handed_over))[0][0]
    new_mentor = name_of(team, "mentor2")
    with app_as(team, "mentor", protocol, calendar) as app:
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_case(pilot, app, case_id)
            assert "Mentor: J. de Vries · regie: mentor" in screen_text(app)
            assert "Alleen inzien" not in screen_text(app)
            await pilot.press("m")
            await wait_for(pilot, lambda: isinstance(app.screen, HandoverDialog))
            dialog = app.screen
            mentors = dialog.query_one("#mentor", OptionList)
            await wait_for(pilot, lambda: dialog.mentors is not None)
            assert app.focused is mentors  # the list, never the note by surprise
            assert [m.name for m in dialog.mentors] == [new_mentor]  # the school's mentors, not oneself
            await pilot.press("down", "enter")  # arrows and Enter choose; Enter goes on to the note
            assert app.focused is dialog.query_one("#note", Input)
            await pilot.press(*NOTE)
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: told(app, f"Overgedragen aan {new_mentor}."))
            await wait_for(pilot, lambda: app.screen is screen and screen.team is not None
                           and not screen.team.may_change and "Alleen inzien" in screen_text(app))
            text = screen_text(app)
            assert "u bent de vorige mentor" in text
            assert f"Mentor: {new_mentor}" in text
            assert NOTE in " ".join(entry.text for entry in screen.log_entries)
            await pilot.press("d")  # a changing key now says why it does not open
            await wait_for(pilot, lambda: told(app, "U kunt deze melding alleen inzien"))
            assert app.screen is screen
    with open_server_store(team.url("mentor2")) as store:
        assert reads.case_detail(store, case_id).case.holder_id == team.staff_id("mentor2")
        assert team_uses.may_change_case(store, case_id)
        (handover,) = team_uses.handovers_of_case(store, case_id)
    assert (handover.from_name, handover.to_name, handover.note) == ("J. de Vries", new_mentor, NOTE)


async def test_the_previous_mentor_reads_a_handed_over_case_and_every_change_is_refused(team, protocol, calendar):
    with app_as(team, "mentor", protocol, calendar) as app:
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_case(pilot, app, team.handed_over)
            text = screen_text(app)
            assert "Alleen inzien: u bent de vorige mentor" in text
            sections = str(screen.query_one("#case-sections", Static).content)  # the left column scrolls
            assert "Overdrachten" in sections and "J. de Vries →" in sections
            assert "Nieuwe mentor na de verhuizing." in sections
            told: list[str] = []  # every toast, also those that expired meanwhile (a slow machine)
            shown = app.notify
            app.notify = lambda message, **kwargs: (told.append(str(message)), shown(message, **kwargs))[1]
            for key in ("e", "s", "b", "o", "d", "m", "g"):  # escalate, close, evidence, parents, step, hand over
                before = len(told)
                await pilot.press(key)
                await wait_for(pilot, lambda: len(told) > before)
                assert app.screen is screen, key  # no dialog opened
                assert "U kunt deze melding alleen inzien, niet wijzigen" in told[-1], key
            await pilot.press("enter")  # Enter on a step would start its conversation
            assert app.screen is screen


async def test_the_coordinator_opening_a_mentors_case_is_recorded_once(team, protocol, calendar):
    case_id = team.owner_rows("SELECT id FROM cases WHERE holder_id = %s AND id <> %s ORDER BY id LIMIT 1",
                              (team.staff_id("mentor"), team.handed_over))[0][0]

    def looks() -> list[tuple]:
        return team.owner_rows("SELECT os_user, summary FROM audit_events "
                               "WHERE case_id = %s AND action = 'viewed'", (case_id,))

    assert looks() == []
    with app_as(team, "apc", protocol, calendar) as app:
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_case(pilot, app, case_id)
            assert looks() == [(team.logins["apc"], "bekeken")]
            app.push_screen(Confirm("Even iets anders?"))  # a dialog over the case, and back: read again
            await wait_for(pilot, lambda: isinstance(app.screen, Confirm))
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is screen)
            await wait_for(pilot, lambda: not [w for w in app.workers if w.is_running])
    assert looks() == [(team.logins["apc"], "bekeken")]  # once per opening, not on every return


async def test_a_proposed_suspension_is_shown_as_a_proposal_and_the_team_leader_decides_it(team, protocol,
                                                                                         calendar):
    case_id = team.owner_rows("SELECT id FROM cases WHERE holder_id = %s AND status <> 'closed' "
                              "AND (class_name LIKE '2%%' OR class_name = '4VA') AND reported_on <= %s "
                              "AND id <> %s ORDER BY id LIMIT 1",
                              (team.staff_id("mentor"), TODAY, team.handed_over))[0][0]
    with app_as(team, "mentor", protocol, calendar) as app:
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_case(pilot, app, case_id)
            await pilot.press("e")
            await wait_for(pilot, lambda: isinstance(app.screen, EscalationDialog))
            dialog = app.screen
            dialog.query_one("#phase", Select).value = 4
            await wait_for(pilot, lambda: PROPOSAL_TEXT in str(dialog.query_one("#phase-text", Label).content))
            dialog.query_one("#reason", Input).focus()
            await pilot.press(*"Afspraken opnieuw geschonden")
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: told(app, "Voorgesteld: Fase 4"))
            assert not told(app, "Opgeslagen: geëscaleerd")
            await wait_for(pilot, lambda: app.screen is screen and "Voorstel (" in screen_text(app))
            assert not screen.check_action("decide_sanction", ())  # a mentor proposes, never decides
    (escalation_id, proposed), = team.owner_rows(
        "SELECT id, proposed FROM escalations WHERE case_id = %s ORDER BY id DESC LIMIT 1", (case_id,))
    assert proposed is True
    with app_as(team, "teamleider", protocol, calendar) as app:
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_case(pilot, app, case_id)
            assert "Voorstel (" in screen_text(app) and "f: besluiten" in screen_text(app)
            assert any("Voorstel:" in entry.text for entry in screen.log_entries)
            await pilot.press("f")
            await wait_for(pilot, lambda: isinstance(app.screen, Confirm))
            await pilot.press("j")
            # the decision is a round trip and a reload away; its toast may expire before a loaded
            # machine looks, so wait for what stays: the screen without the proposal
            await wait_for(pilot, lambda: app.screen is screen and "Voorstel (" not in screen_text(app), timeout=30)
            assert not screen.check_action("decide_sanction", ())
    assert team.owner_rows("SELECT proposed, escalated_by FROM escalations WHERE id = %s", (escalation_id,)) == [
        (False, name_of(team, "teamleider"))]


@pytest.fixture
def file_case(tmp_path, protocol, calendar) -> tuple[PestApp, int]:
    """A mentor's own file with one case, and the app on it."""
    store = open_store(tmp_path / "pestcli.db")
    fenna = add_person(store, "Fenna", "Kuipers", class_name="1A")
    case = register_case(store, Rules(protocol, calendar), reported_on=TODAY, reporter_kind="leerling",
                         parents_informed_after="na-stap-3", class_name="1A", mentor="M. Jansen",
                         roles=[(fenna.id, "gepeste")])
    yield PestApp(protocol=protocol, store=store, calendar=calendar, today=lambda: TODAY), case.id
    store.close()


async def test_in_a_mentors_own_file_the_case_screen_shows_nothing_of_the_team(file_case):
    app, case_id = file_case
    async with app.run_test(size=SIZE) as pilot:
        screen = CaseScreen(case_id)
        app.push_screen(screen)
        await wait_for(pilot, lambda: app.screen is screen and screen.detail is not None)
        text = screen_text(app)
        assert "regie:" not in text and "Overdrachten" not in text and "Alleen inzien" not in text
        assert "Overdragen" not in text and "Besluiten" not in text  # not in the footer either
        assert screen.team is None and not screen.query_one("#case-team").display
        assert screen.check_action("handover", ()) is False
        before = len(app._notifications)
        await pilot.press("m", "f")
        await pilot.pause()
        assert app.screen is screen and len(app._notifications) == before  # the keys do nothing here
        await pilot.press("e")  # a change still opens as before
        await wait_for(pilot, lambda: isinstance(app.screen, EscalationDialog))


async def test_a_refused_hand_over_is_said_in_dutch_and_keeps_the_typed_note(team, protocol, calendar):
    case_id = team.owner_rows("SELECT id FROM cases WHERE holder_id = %s AND status <> 'closed' "
                              "AND id <> %s ORDER BY id LIMIT 1", (team.staff_id("mentor"), team.handed_over))[0][0]
    with app_as(team, "apc", protocol, calendar) as app:
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_case(pilot, app, case_id)
            await pilot.press("m")
            await wait_for(pilot, lambda: isinstance(app.screen, HandoverDialog))
            dialog = app.screen
            await wait_for(pilot, lambda: dialog.mentors is not None)
            mentors = dialog.query_one("#mentor", OptionList)
            holder = next(i for i, m in enumerate(dialog.mentors) if m.id == team.staff_id("mentor"))
            assert "(heeft de melding nu)" in str(mentors.get_option_at_index(holder).prompt)
            while mentors.highlighted != holder:  # the mentor who holds it already, by the arrow keys
                await pilot.press("up" if (mentors.highlighted or 0) > holder else "down")
            await pilot.press("enter", *NOTE, "ctrl+s")
            await wait_for(pilot, lambda: told(app, "J. de Vries heeft deze melding al."))
            assert app.screen is dialog and not dialog.saving
            assert dialog.query_one("#note", Input).value == NOTE
            assert screen.team is not None and screen.team.holder_name == "J. de Vries"
    assert team.owner_rows("SELECT holder_id FROM cases WHERE id = %s", (case_id,)) == [(team.staff_id("mentor"),)]


def test_the_team_line_names_the_holder_the_regie_a_proposal_and_read_only(protocol):
    from datetime import date
    from types import SimpleNamespace

    from pestcli.screens.case_sections import handovers_text, team_text
    from pestcli.services.team_screens import CaseTeam

    handover = team_uses.HandoverView(date(2026, 11, 20), "J. de Vries", "P. van den Berg", "Na de verhuizing.")
    proposal = SimpleNamespace(proposed=True, sanction_phase=4, escalated_on=date(2026, 11, 23))
    detail = SimpleNamespace(escalations=[SimpleNamespace(proposed=False), proposal])
    holder = CaseTeam("J. de Vries", 1, "apc", (), may_change=True, is_holder=True, may_decide=False,
                      worker_name="J. de Vries")
    assert team_text(detail, holder, protocol).splitlines() == [
        "Mentor: J. de Vries · regie: anti-pestcoördinator",
        "Voorstel (ma 23 nov 2026): Fase 4: schorsing — wacht op het besluit van de teamleider of de directie"]
    assert handovers_text(holder) == "Nog niet overgedragen.\nm: overdragen aan een andere mentor"
    previous = CaseTeam("P. van den Berg", 2, "mentor", (handover,), may_change=False, is_holder=False,
                        may_decide=False, worker_name="J. de Vries")
    assert team_text(SimpleNamespace(escalations=[]), previous, protocol).splitlines() == [
        "Mentor: P. van den Berg · regie: mentor",
        "Alleen inzien: u bent de vorige mentor van deze melding; P. van den Berg heeft haar nu."]
    assert handovers_text(previous) == "• vr 20 nov 2026: J. de Vries → P. van den Berg: “Na de verhuizing.”"
