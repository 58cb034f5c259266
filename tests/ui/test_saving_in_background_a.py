"""Moving a follow-up, closing a case and marking a step done save off the main thread (issue 16).

As in ``test_saving_in_background``: the use case is held back by the test
(as a slow network would) until the test lets it go. Meanwhile the dialog's
frame says "Bezig met opslaan…", the dialog stays open and nothing says
"Opgeslagen"; once the use case returns, the dialog says it and closes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import pestcli.screens.move_followup_dialog
import pestcli.services.cases
from textual.widgets import Input
from ui_helpers import SIZE, screen_text, wait_for

from pestcli.screens.close_case_dialog import CloseCaseDialog, ConfirmClose
from pestcli.screens.dialog import BUSY
from pestcli.screens.move_followup_dialog import MoveFollowupDialog
from pestcli.screens.step_done_dialog import StepDoneDialog
from pestcli.services.reads import followup_context

from test_colleague_conflicts import app, followup  # noqa: F401 - the same case and app, on both backends


def held(monkeypatch, module: object, name: str) -> tuple[threading.Event, threading.Event]:
    """Hold ``module.name`` (a use case) until the returned ``release`` is set; ``started`` says it was called."""
    release, started = threading.Event(), threading.Event()
    real: Callable = getattr(module, name)

    def slow(*args, **kwargs):
        started.set()
        assert release.wait(60), "the test never let the save go"
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, slow)
    return release, started


async def saving_then_saved(pilot, app, dialog, release: threading.Event, started: threading.Event,  # noqa: F811
                            saved: str) -> None:
    """While held: "bezig", the dialog open, nothing saved; let go: "Opgeslagen…" and the dialog closes."""
    try:
        await wait_for(pilot, lambda: started.is_set() and BUSY in screen_text(app))
        assert app.screen is dialog and dialog.saving
        assert not any(n.message.startswith("Opgeslagen") for n in app._notifications)
    except BaseException:
        release.set()  # do not leave the save hanging
        raise
    release.set()
    await wait_for(pilot, lambda: app.screen is not dialog)
    assert any(n.message.startswith(saved) for n in app._notifications)
    assert BUSY not in screen_text(app)


async def test_moving_a_follow_up_shows_bezig_until_it_is_stored(app, followup, monkeypatch):  # noqa: F811
    release, started = held(monkeypatch, pestcli.screens.move_followup_dialog, "move_followup")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(MoveFollowupDialog(followup))
        await wait_for(pilot, lambda: isinstance(app.screen, MoveFollowupDialog) and app.screen.query("#move-reason"))
        dialog = app.screen
        dialog.query_one("#move-day Input", Input).value = "26-11-2026"
        dialog.query_one("#move-reason", Input).focus()
        await pilot.press(*"leerling ziek", "enter")
        await saving_then_saved(pilot, app, dialog, release, started, "Opgeslagen: vervolggesprek verzet naar")
    assert followup_context(app.store, followup).followup.due_on == date(2026, 11, 26)


async def test_closing_a_case_shows_bezig_until_it_is_stored(app, followup, monkeypatch):  # noqa: F811
    release, started = held(monkeypatch, pestcli.services.cases, "close_case")
    case_id = followup_context(app.store, followup).case.id
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(CloseCaseDialog(case_id))
        await wait_for(pilot, lambda: isinstance(app.screen, CloseCaseDialog) and app.screen.query("#reason"))
        dialog = app.screen
        dialog.query_one("#reason", Input).focus()
        await pilot.press(*"het pesten is gestopt", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmClose))
        await pilot.press("j")
        await saving_then_saved(pilot, app, dialog, release, started, "Opgeslagen: melding")
    assert followup_context(app.store, followup).case.status == "closed"


async def test_marking_a_step_done_shows_bezig_until_it_is_stored(app, followup, monkeypatch):  # noqa: F811
    release, started = held(monkeypatch, pestcli.services.cases, "mark_step_done")
    case_id = followup_context(app.store, followup).case.id
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(StepDoneDialog(case_id, 2))
        await wait_for(pilot, lambda: isinstance(app.screen, StepDoneDialog) and app.screen.query("#done-by"))
        dialog = app.screen
        await pilot.press("ctrl+s")
        await saving_then_saved(pilot, app, dialog, release, started, "Opgeslagen: stap 2 gedaan op")
