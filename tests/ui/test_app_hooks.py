"""The app's own hooks and its typed accessor: the idle lock is an override, not a patch; ``pest_app``."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from pestcli.app import PestApp
from pestcli.app_access import PestAppAccess, pest_app
from pestcli.screens.lock import LockScreen
from test_passphrase import drive_idle_lock, encrypted_app
from ui_helpers import SIZE, wait_for


async def test_the_idle_lock_sees_input_through_the_app_s_own_on_event(protocol, calendar, db_path, monkeypatch):
    monkeypatch.setenv("PESTCLI_LOCK_MINUTES", "10")
    opened: list = []
    app = encrypted_app(protocol, calendar, db_path, opened)
    try:
        async with app.run_test(size=SIZE) as pilot:
            clock = await drive_idle_lock(pilot, app)
            assert "on_event" not in vars(app)  # nothing replaced at run time
            assert type(app).on_event is PestApp.on_event
            assert app.idle_lock is not None
            clock.now += 300
            await pilot.press("down")
            await wait_for(pilot, lambda: app.idle_lock is not None and app.idle_lock.last_input == 300)
            assert not app.is_locked()
            assert app.lock_now() and app.is_locked()
            assert not app.lock_now()  # once is enough
            await wait_for(pilot, lambda: isinstance(app.screen, LockScreen) and app.screen.query("Input"))
    finally:
        for store in opened:
            store.close()


async def test_pest_app_is_the_running_app_of_any_screen_or_widget(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: len(app.screen_stack) >= 2)
        assert pest_app(app.screen) is app
        assert pest_app(app.screen).store is app.store


class Greeting(PestAppAccess, Static):
    """A widget that reads the app's context through ``self.pest``."""

    def on_mount(self) -> None:
        self.update(f"Hallo {self.pest.store}")


class BareApp(App[None]):
    """A test's bare app that carries only what the widget reads (the accessor checks nothing)."""

    store = "winkel"

    def compose(self) -> ComposeResult:
        yield Greeting(id="greeting")


async def test_the_mixin_is_only_a_cast_so_a_bare_test_app_works():
    app = BareApp()
    async with app.run_test(size=SIZE) as pilot:
        greeting = app.query_one("#greeting", Greeting)
        await wait_for(pilot, lambda: "Hallo winkel" in str(greeting.render()))
        assert greeting.pest is app
