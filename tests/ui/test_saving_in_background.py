"""A slow save does not freeze the screen: it runs off the main thread with a visible "bezig" (issue 16).

The use case is held back by the test (as a slow network would) until the
test lets it go: meanwhile the dialog's frame says "Bezig met opslaan…",
the app keeps drawing, Escape and a second save wait, and nothing says
"Opgeslagen". Once the use case returns, the dialog says it and closes.
"""

from __future__ import annotations

import threading

import pestcli.services.followups
from textual.widgets import Input
from ui_helpers import SIZE, screen_text, wait_for

from pestcli.screens.dialog import BUSY
from pestcli.screens.followup_dialog import FollowUpDialog

from test_colleague_conflicts import app, followup  # noqa: F401 - the same case and app, on both backends


async def test_a_slow_save_shows_bezig_and_keeps_the_screen_alive(app, followup, monkeypatch):  # noqa: F811
    release, started = threading.Event(), threading.Event()
    real = pestcli.services.followups.record_outcome

    def slow(*args, **kwargs):
        started.set()
        assert release.wait(60), "the test never let the save go"
        return real(*args, **kwargs)

    monkeypatch.setattr(pestcli.services.followups, "record_outcome", slow)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(FollowUpDialog(followup))
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpDialog) and app.screen.query("#note"))
        dialog = app.screen
        dialog.query_one("#note", Input).focus()
        await pilot.press(*"gaat goed")
        dialog.query_one("#kept").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: started.is_set() and BUSY in screen_text(app))
        await pilot.press("escape")  # waits: nothing is left half-saved
        kept = dialog.query_one("#kept")
        await wait_for(pilot, lambda: not kept.has_class("-active"))  # a button takes a press per 0.2 s
        await pilot.press("enter")  # a second save only says to wait
        try:
            await wait_for(pilot, lambda: any("Even wachten" in n.message for n in app._notifications))
        except AssertionError:
            release.set()  # do not leave the save hanging
            raise
        assert app.screen is dialog and dialog.saving
        assert not any(n.message.startswith("Opgeslagen") for n in app._notifications)
        release.set()
        await wait_for(pilot, lambda: app.screen is not dialog)
        assert any(n.message.startswith("Opgeslagen: vervolggesprek") for n in app._notifications)
        assert BUSY not in screen_text(app)
