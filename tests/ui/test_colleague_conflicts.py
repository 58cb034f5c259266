"""Two people on one case at the same moment: neither change is overwritten silently (issue 16).

The mentor has a dialog open; a colleague (a second connection: another
pestcli on the same file, or on the school's server) changes the same
record and commits first. The mentor's save is then refused with a Dutch
message that says what the colleague did; the dialog stays open with what
the mentor typed, and the next try compares with the state the colleague
left. On both backends.
"""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input
from ui_helpers import SIZE, TODAY, screen_text, wait_for

from pestcli.app import PestApp
from pestcli.screens.followup_dialog import FollowUpDialog
from pestcli.screens.move_followup_dialog import MoveFollowupDialog
from pestcli.services.followups import move_followup, record_outcome
from pestcli.store import add_person, open_store, plan_followups
from pestcli.store.workflow import Rules, register_case

NOTE = "zit weer naast Sanne, gaat goed"


@pytest.fixture
def followup(store_target, protocol, calendar) -> int:
    """A case with a victim and a bully and one planned follow-up (its id), on the test's backend."""
    if not isinstance(store_target, str):
        store_target.parent.mkdir(parents=True, exist_ok=True)
    with open_store(store_target) as store:
        roles = [(add_person(store, "Sanne", "de Vries", class_name="2B").id, "gepeste"),
                 (add_person(store, "Tom", "Jansen", class_name="2B").id, "pester")]
        case = register_case(store, Rules(protocol, calendar), reported_on=TODAY, reporter_kind="leerling",
                             parents_informed_after="na-stap-3", class_name="2B", roles=roles)
        (row,) = plan_followups(store, case.id, [("na twee dagen", date(2026, 11, 25))])
        return row.id


@pytest.fixture
def app(store_target, protocol, calendar, followup):
    """The mentor's app on the test's file or server."""
    store = open_store(store_target)
    yield PestApp(protocol=protocol, store=store, calendar=calendar, today=lambda: TODAY)
    store.close()


@pytest.fixture
def colleague(store_target):
    """A colleague's own connection to the same database."""
    with open_store(store_target, daily_backup=False) as store:
        yield store


async def tab_to(pilot, app, widget_id: str) -> None:
    """Tab until the widget with this id has the focus (keys only)."""
    for _ in range(20):
        if app.focused is not None and app.focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"{widget_id} never got the focus")


async def test_a_follow_up_a_colleague_recorded_first_is_not_recorded_twice(app, colleague, followup, protocol,
                                                                            calendar):
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(FollowUpDialog(followup))
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpDialog) and app.screen.query("#note"))
        dialog = app.screen
        dialog.query_one("#note", Input).focus()
        await pilot.press(*NOTE)
        # meanwhile the coordinator holds the same follow-up and records it
        record_outcome(colleague, Rules(protocol, calendar), followup, kept=True, day=date(2026, 11, 25),
                       note="Gesproken door de coördinator.", by="A. Coördinator")
        await tab_to(pilot, app, "kept")
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("Een collega heeft dit vervolggesprek intussen vastgelegd als gehouden op "
                                          "wo 25 nov 2026 door A. Coördinator" in n.message
                                          for n in app._notifications))
        assert app.screen is dialog and dialog.outcome is None  # still open, nothing shown as saved
        assert dialog.query_one("#note", Input).value == NOTE  # the mentor's text is kept
        assert not any(n.message.startswith("Opgeslagen") for n in app._notifications)
    with open_store(colleague.url or colleague.path, daily_backup=False) as store:
        from pestcli.services.reads import followup_context

        row = followup_context(store, followup).followup
    assert (row.note, row.done_by) == ("Gesproken door de coördinator.", "A. Coördinator")  # not overwritten


async def test_a_move_after_a_colleagues_move_is_refused_then_made_knowingly(app, colleague, followup, protocol,
                                                                            calendar):
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(MoveFollowupDialog(followup))
        await wait_for(pilot, lambda: isinstance(app.screen, MoveFollowupDialog) and app.screen.query("#move-reason"))
        dialog = app.screen
        assert "staat op wo 25 nov 2026" in screen_text(app)
        move_followup(colleague, Rules(protocol, calendar), followup, date(2026, 11, 27), "leerling ziek")
        dialog.query_one("#move-day Input").focus()
        await pilot.press(*"30-11-2026")
        dialog.query_one("#move-reason", Input).focus()
        await pilot.press(*"schoolreis")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("Een collega heeft dit vervolggesprek intussen gewijzigd; het staat nu op "
                                          "vr 27 nov 2026" in n.message for n in app._notifications))
        assert app.screen is dialog
        assert dialog.query_one("#move-reason", Input).value == "schoolreis"
        await wait_for(pilot, lambda: "staat op vr 27 nov 2026" in screen_text(app))  # the colleague's change, shown
        await pilot.press("ctrl+s")  # now knowingly, against what the colleague left
        await wait_for(pilot, lambda: app.screen is not dialog)
    with open_store(colleague.url or colleague.path, daily_backup=False) as store:
        from pestcli.services.reads import followup_context

        row = followup_context(store, followup).followup
    assert (row.due_on, row.moved_from, row.moved_reason) == (date(2026, 11, 30), date(2026, 11, 27), "schoolreis")
