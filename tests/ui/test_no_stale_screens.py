"""No stale screens: the case screen shows the saved state the moment a dialog closes.

The real app on a real SQLite file, keys only. The checks are made right
after the dialog is gone, after a single ``pilot.pause()`` (one round of the
app's messages), never after polling: a read in a worker used to leave the old
state ("Nog geen bewijs vastgelegd", "Onderbroken gesprek … druk op h") on
screen for a second or two. To show that no frame can show the old state,
the case read is made slow here (as on a busy laptop): a read that happens
anywhere but right on the return would still be under way.
"""

from __future__ import annotations

import threading

import pytest
from textual.widgets import Select
from ui_helpers import SIZE, TODAY, screen_text, wait_for

from pestcli.screens.case import CaseScreen
from pestcli.screens.conversation import ConversationScreen
from pestcli.screens.discard_conversation import ConfirmDiscard
from pestcli.screens.evidence_dialog import EvidenceDialog
from pestcli.screens.guide_picker import GuidePicker
from pestcli.store import add_person, get_case_by_number, open_store
from pestcli.store.workflow import Rules, register_case

FRESH = "2026-0001"  # the demo case reported today: nothing done yet


def committed(db_path):
    """A second, independent connection: only committed data is visible there."""
    return open_store(db_path, daily_backup=False)


def online_case(db_path, protocol, calendar) -> int:
    """A case of online bullying in class 1A, without evidence yet."""
    store = committed(db_path)
    try:
        fenna = add_person(store, "Fenna", "Kuipers", class_name="1A")
        jesse = add_person(store, "Jesse", "van Dongen", class_name="1A")
        case = register_case(store, Rules(protocol, calendar), reported_on=TODAY, reporter_kind="leerling",
                             parents_informed_after="na-stap-3", class_name="1A", forms=["lichamelijk.duwen"],
                             online=True, mentor="M. Jansen", roles=[(fenna.id, "gepeste"), (jesse.id, "pester")])
        return case.id
    finally:
        store.close()


@pytest.fixture
def slow_reads(monkeypatch):
    """Every read of the case screen takes 0.3 s longer (a busy laptop, a slow disk)."""
    from pestcli.screens import case as case_module

    real = case_module.case_detail

    def slow(store, case_id):
        threading.Event().wait(0.3)
        return real(store, case_id)

    monkeypatch.setattr(case_module, "case_detail", slow)


async def open_case(pilot, case_id: int) -> CaseScreen:
    """Open the case screen and wait until it has read the case."""
    pilot.app.open_case(case_id)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CaseScreen) and pilot.app.screen.detail is not None)
    return pilot.app.screen


async def until_back(pilot, screen: CaseScreen) -> None:
    """Poll only until the dialog is gone, then let one round of messages run (no more)."""
    app = pilot.app
    for _ in range(500):
        if app.screen is screen:
            break
        await pilot.pause()
    assert app.screen is screen
    await pilot.pause()


async def test_saved_evidence_shows_the_moment_the_dialog_closes(make_app, db_path, protocol, calendar,
                                                                 slow_reads):
    case_id = online_case(db_path, protocol, calendar)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, case_id)
        await wait_for(pilot, lambda: "Nog geen bewijs vastgelegd." in screen_text(app))
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, EvidenceDialog))
        form = app.screen
        await pilot.press("enter", *(["down"] * 6), "enter")  # Schermafdruk
        assert form.query_one("#kind", Select).value == "bewijs.schermafdruk"
        await pilot.press("tab", "tab", "tab", *"Snapchat")
        form.query_one("#kind", Select).focus()
        await pilot.press("ctrl+s")
        await until_back(pilot, screen)
        text = screen_text(app)
        assert "Nog geen bewijs vastgelegd." not in text
        assert "Snapchat" in text
        assert screen.detail.evidence  # the screen's own read model is the saved one too


async def test_an_interrupted_conversation_appears_and_goes_at_once(make_app, db_path, slow_reads):
    app = make_app(demo=True)
    store = committed(db_path)
    try:
        case_id = get_case_by_number(store, FRESH).id
    finally:
        store.close()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, case_id)
        assert "Onderbroken gesprek" not in screen_text(app)
        await pilot.press("2", "g")
        await wait_for(pilot, lambda: isinstance(app.screen, (GuidePicker, ConversationScreen)))
        if isinstance(app.screen, GuidePicker):
            await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConversationScreen)
                       and app.screen.conversation_id is not None)
        await pilot.press("escape")  # left at once: an (empty) interrupted conversation
        await until_back(pilot, screen)
        assert "Onderbroken gesprek" in screen_text(app)
        assert screen.detail.unfinished_conversation is not None
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDiscard))
        await pilot.press("j")
        await until_back(pilot, screen)
        assert "Onderbroken gesprek" not in screen_text(app)
        assert screen.detail.unfinished_conversation is None


async def test_load_detail_reads_on_the_spot(make_app, db_path, protocol, calendar):
    """A change made outside the screen is on it as soon as ``load_detail`` returns (no worker)."""
    case_id = online_case(db_path, protocol, calendar)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, case_id)
        from pestcli.store import add_evidence

        add_evidence(app.store, case_id, "bewijs.schermafdruk", platform="Instagram")
        screen.load_detail()
        assert screen.detail.evidence and screen.detail.evidence[0].platform == "Instagram"
        await pilot.pause()
        assert "Instagram" in screen_text(app)


@pytest.fixture
def slow_home_reads(monkeypatch):
    """The home screen's reads (open cases, counts, this week) take 0.3 s longer each."""
    import pestcli.agenda
    import pestcli.store.overview

    for module, name in ((pestcli.store.overview, "open_case_overview"), (pestcli.agenda, "counts"),
                         (pestcli.agenda, "agenda_rows")):
        real = getattr(module, name)

        def slow(*args, real=real, **kwargs):
            threading.Event().wait(0.3)
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, slow)


async def test_home_shows_the_new_step_the_moment_the_case_is_left(make_app, db_path, protocol, calendar,
                                                                    slow_home_reads):
    from pestcli.screens.step_done_dialog import StepDoneDialog
    from pestcli.widgets.counts_bar import CountsBar

    case_id = online_case(db_path, protocol, calendar)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen" and app.screen.rows)
        home = app.screen
        assert [row.current_step for row in home.rows] == [2]
        assert "stap 2: 1" in screen_text(app)
        screen = await open_case(pilot, case_id)
        await pilot.press("2", "d")
        await wait_for(pilot, lambda: isinstance(app.screen, StepDoneDialog))
        await pilot.press("ctrl+s")
        await until_back(pilot, screen)
        assert screen.detail.step(2).done_on == TODAY
        await pilot.press("escape")
        await until_back(pilot, home)
        assert [row.current_step for row in home.rows] == [3]
        assert home.query_one(CountsBar).counts.open_per_step.get(2, 0) == 0
        text = screen_text(app)
        assert "stap 3: 1" in text and "stap 2: 1" not in text
