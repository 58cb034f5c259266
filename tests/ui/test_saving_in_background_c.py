"""The big saves do not freeze the screen: a report and the end of a conversation off the main thread (issue 16).

The use case is held back by the test (as a slow network would) until the
test lets it go: meanwhile the screen says "Bezig met opslaan…", the app
keeps drawing, saving again and leaving wait, and nothing says
"Opgeslagen". Once the use case returns, the screen goes on as before.
Each hold is released in an ``except`` as well, so a failing test never
leaves a worker hanging.
"""

from __future__ import annotations

import threading

import pestcli.screens.report_form
import pestcli.services.conversations
from textual.widgets import Checkbox
from ui_helpers import SIZE, screen_text, wait_for

from pestcli.screens.case import CaseScreen
from pestcli.screens.conversation import ConversationScreen
from pestcli.screens.conversation_summary import EndChoice, EndDialog, Overview
from pestcli.screens.dialog import BUSY
from pestcli.screens.discard_conversation import ConfirmDiscard
from pestcli.screens.guide_picker import GuidePicker
from pestcli.services.conversations import FinishedConversation
from pestcli.store import StoreBusyError, count_cases, open_store, unfinished_conversation

from test_discard_conversation import FRESH, HALFWAY, case_id_of, open_case
from test_report_form import add_new_pupil, choose_reporter_and_informing, committed, open_form


def held(release: threading.Event, started: threading.Event, real):
    """``real``, held back until the test sets ``release``."""

    def slow(*args, **kwargs):
        started.set()
        assert release.wait(60), "the test never let the save go"
        return real(*args, **kwargs)

    return slow


def said(app, text: str) -> bool:
    """Whether a notification says ``text``."""
    return any(text in n.message for n in app._notifications)


# --- the report form ---------------------------------------------------------------------
async def test_a_slow_report_shows_bezig_and_keeps_the_form_alive(make_app, db_path, monkeypatch):
    release, started = threading.Event(), threading.Event()
    monkeypatch.setattr("pestcli.screens.report_form.register_report",
                        held(release, started, pestcli.screens.report_form.register_report))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await choose_reporter_and_informing(pilot)
        await add_new_pupil(pilot, "gepeste", "Sanne de Vries", "2B")
        await pilot.press("ctrl+s")
        try:
            await wait_for(pilot, lambda: started.is_set() and BUSY in screen_text(app))
            await pilot.press("escape")  # waits: no "Melding niet opslaan?" while it is being saved
            await pilot.press("ctrl+s")  # a second save does not start
            await pilot.pause()
            assert app.screen is form and form.saving
            assert not any(n.message.startswith("Opgeslagen") for n in app._notifications)
            form.action_save()  # the button's way: says to wait
            await wait_for(pilot, lambda: said(app, "Even wachten"))
            with committed(db_path) as store:
                assert count_cases(store) == 0
        except BaseException:
            release.set()  # do not leave the save hanging
            raise
        release.set()
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        assert said(app, "Opgeslagen: melding")
        assert BUSY not in screen_text(app)
        assert form.saved_case_id is not None
    with committed(db_path) as store:
        assert count_cases(store) == 1


async def test_a_refused_slow_report_keeps_the_form(make_app, db_path, monkeypatch):
    release, started = threading.Event(), threading.Event()

    def busy(*args, **kwargs):
        raise StoreBusyError()

    monkeypatch.setattr("pestcli.screens.report_form.register_report", held(release, started, busy))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await choose_reporter_and_informing(pilot)
        await add_new_pupil(pilot, "gepeste", "Sanne de Vries", "2B")
        await pilot.press("ctrl+s")
        try:
            await wait_for(pilot, lambda: started.is_set() and BUSY in screen_text(app))
        except BaseException:
            release.set()
            raise
        release.set()
        await wait_for(pilot, lambda: said(app, "bezet"))
        await wait_for(pilot, lambda: BUSY not in screen_text(app))
        assert app.screen is form and not form.saving and form.saved_case_id is None
        assert form.has_unsaved_text()  # what was typed stays
        assert not any(n.message.startswith("Opgeslagen") for n in app._notifications)
    with committed(db_path) as store:
        assert count_cases(store) == 0


# --- finishing a conversation ----------------------------------------------------------------
def interrupted(db_path, number: str):
    """The demo case's interrupted conversation (its row)."""
    store = open_store(db_path, daily_backup=False)
    try:
        return unfinished_conversation(store, case_id_of(db_path, number))
    finally:
        store.close()


async def test_finishing_a_conversation_slowly_shows_bezig(make_app, db_path, monkeypatch):
    app = make_app(demo=True)
    talk = interrupted(db_path, HALFWAY)
    release, started = threading.Event(), threading.Event()
    monkeypatch.setattr(pestcli.services.conversations, "finish_conversation",
                        held(release, started, pestcli.services.conversations.finish_conversation))
    results: list[EndChoice | None] = []

    def finish(choice: EndChoice):
        # looked up at call time, as a screen does: the held one
        return pestcli.services.conversations.finish_conversation(
            app.store, app.rules, case_id=talk.case_id, conversation_id=talk.id, step=talk.step,
            today=app.today(), complete=choice.complete_step, plan_followups=choice.plan_followups)

    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        overview = Overview(app.protocol.guide(talk.guide_id), talk.step, {}, {})
        dialog = EndDialog(overview, can_complete_step=False, can_plan=False, planned_already=0, finish=finish)
        app.push_screen(dialog, results.append)
        await wait_for(pilot, lambda: app.screen is dialog)
        await pilot.press("ctrl+s")  # Afronden
        try:
            await wait_for(pilot, lambda: started.is_set() and BUSY in screen_text(app))
            await pilot.press("escape")  # waits: the conversation is not half-finished
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is dialog and dialog.saving and results == []
            dialog.action_finish()  # the button's way: says to wait
            await wait_for(pilot, lambda: said(app, "Even wachten"))
            assert interrupted(db_path, HALFWAY) is not None
        except BaseException:
            release.set()
            raise
        release.set()
        await wait_for(pilot, lambda: app.screen is not dialog)
        assert BUSY not in screen_text(app)
        [choice] = results
        assert choice is not None and isinstance(choice.finished, FinishedConversation)
    store = open_store(db_path, daily_backup=False)
    try:
        assert unfinished_conversation(store, talk.case_id) is None
    finally:
        store.close()


async def test_a_refused_finish_keeps_the_dialog(make_app, db_path, monkeypatch):
    app = make_app(demo=True)
    talk = interrupted(db_path, HALFWAY)
    release, started = threading.Event(), threading.Event()

    def busy(*args, **kwargs):
        raise StoreBusyError()

    results: list[EndChoice | None] = []

    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        overview = Overview(app.protocol.guide(talk.guide_id), talk.step, {}, {})
        dialog = EndDialog(overview, can_complete_step=True, can_plan=False, planned_already=0,
                           finish=held(release, started, busy))
        app.push_screen(dialog, results.append)
        await wait_for(pilot, lambda: app.screen is dialog)
        dialog.query_one("#end-step", Checkbox).value = False
        await pilot.press("ctrl+s")
        try:
            await wait_for(pilot, lambda: started.is_set() and BUSY in screen_text(app))
        except BaseException:
            release.set()
            raise
        release.set()
        await wait_for(pilot, lambda: said(app, "bezet"))
        await wait_for(pilot, lambda: not dialog.saving)
        assert app.screen is dialog and results == []
        assert dialog.query_one("#end-step", Checkbox).value is False  # the choice stays
        await pilot.press("escape")  # back to the conversation, as before
        await wait_for(pilot, lambda: results == [None])
    assert interrupted(db_path, HALFWAY) is not None


# --- throwing an empty conversation away -----------------------------------------------------
async def test_throwing_away_slowly_shows_bezig(make_app, db_path, monkeypatch):
    app = make_app(demo=True)
    case_id = case_id_of(db_path, FRESH)
    release, started = threading.Event(), threading.Event()
    monkeypatch.setattr(pestcli.services.conversations, "discard_conversation",
                        held(release, started, pestcli.services.conversations.discard_conversation))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, case_id)
        await pilot.press("2", "g")  # a guide opened by mistake ...
        await wait_for(pilot, lambda: isinstance(app.screen, (GuidePicker, ConversationScreen)))
        if isinstance(app.screen, GuidePicker):
            await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConversationScreen)
                       and app.screen.conversation_id is not None)
        await pilot.press("escape")  # ... and left at once
        await wait_for(pilot, lambda: app.screen is screen and screen.detail.unfinished_conversation is not None)
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDiscard))
        dialog = app.screen
        await pilot.press("j")
        try:
            await wait_for(pilot, lambda: started.is_set() and BUSY in screen_text(app))
            await pilot.press("n")  # the dialog's keys wait while it throws away (dimmed in the footer)
            await pilot.pause()
            assert app.screen is dialog and dialog.saving
            assert not said(app, "Weggegooid")
        except BaseException:
            release.set()
            raise
        release.set()
        await wait_for(pilot, lambda: app.screen is screen and screen.detail.unfinished_conversation is None)
        assert said(app, "Weggegooid: het lege gesprek")
        assert BUSY not in screen_text(app)
    store = open_store(db_path, daily_backup=False)
    try:
        assert unfinished_conversation(store, case_id) is None
    finally:
        store.close()
