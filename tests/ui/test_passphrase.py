"""The idle lock of an encrypted store, the passphrase prompt, and the 'encryption off' notice."""

from __future__ import annotations

from textual.app import App, ComposeResult

from pestcli.app import PestApp
from pestcli.idle_lock import install_idle_lock
from pestcli.screens.lock import LockScreen, is_locked, lock_app
from pestcli.store import add_person, open_store
from pestcli.widgets.encryption_notice import NOTICE, EncryptionNotice
from ui_helpers import SIZE, TODAY, screen_text, wait_for

PASS = "geheim-wachtwoord"


def encrypted_app(protocol, calendar, db_path, opened) -> PestApp:
    """The real app on an encrypted store holding one named pupil."""
    store = open_store(db_path, passphrase=PASS)
    opened.append(store)
    add_person(store, "Zwaantje", "Oudewater", class_name="2B")
    return PestApp(protocol=protocol, store=store, calendar=calendar, today=lambda: TODAY)


async def type_text(pilot, text: str) -> None:
    """Type text key by key, then Enter."""
    for char in text:
        await pilot.press(char if char != "-" else "minus")
    await pilot.press("enter")


class FakeClock:
    """A monotonic clock the test moves forward itself (no race against a slow machine)."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def drive_idle_lock(pilot, app: PestApp) -> FakeClock:
    """Wait for the home screen, then hand the app's idle lock a clock the test moves."""
    await wait_for(pilot, lambda: len(app.screen_stack) >= 2 and app.idle_lock is not None)
    clock = FakeClock()
    app.idle_lock.clock = clock
    app.idle_lock.touch()
    return clock


async def test_idle_lock_hides_everything_and_the_right_passphrase_brings_it_back(
    protocol, calendar, db_path, monkeypatch
):
    monkeypatch.setenv("PESTCLI_LOCK_MINUTES", "10")
    opened: list = []
    app = encrypted_app(protocol, calendar, db_path, opened)
    try:
        async with app.run_test(size=SIZE) as pilot:
            clock = await drive_idle_lock(pilot, app)
            home = app.screen_stack[1]
            assert app.idle_lock.seconds == 600
            clock.now += 599
            app.idle_lock.check()
            assert not is_locked(app)  # not yet idle for ten minutes
            clock.now += 1
            await wait_for(pilot, lambda: isinstance(app.screen, LockScreen))  # the app's own timer locks it
            text = screen_text(app)
            assert "vergrendeld" in text and "Wachtwoord" in text
            assert "Zwaantje" not in text and "Vandaag" not in text
            assert not app.use_command_palette
            await type_text(pilot, "fout")
            await wait_for(pilot, lambda: "Onjuist wachtwoord. Nog 2 pogingen." in screen_text(app))
            assert "fout" not in screen_text(app)
            await type_text(pilot, PASS)
            await wait_for(pilot, lambda: app.screen is home)
            assert app.use_command_palette
            assert PASS not in screen_text(app)
            # a key counts as activity: 9 minutes, a key, 9 more minutes is not idle
            clock.now += 540
            await pilot.press("down")
            clock.now += 540
            app.idle_lock.check()
            assert app.screen is home
            clock.now += 60
            await wait_for(pilot, lambda: is_locked(app))  # and it locks again when idle
    finally:
        for store in opened:
            store.close()


async def test_three_wrong_passphrases_stop_the_app(protocol, calendar, db_path, monkeypatch):
    monkeypatch.setenv("PESTCLI_LOCK_MINUTES", "10")
    opened: list = []
    app = encrypted_app(protocol, calendar, db_path, opened)
    try:
        async with app.run_test(size=SIZE) as pilot:
            clock = await drive_idle_lock(pilot, app)
            clock.now += 600
            await wait_for(pilot, lambda: isinstance(app.screen, LockScreen))
            await type_text(pilot, "fout-een")
            await wait_for(pilot, lambda: "Nog 2 pogingen" in screen_text(app))
            await type_text(pilot, "fout-twee")
            await wait_for(pilot, lambda: "Nog 1 poging." in screen_text(app))
            await type_text(pilot, "fout-drie")
            await wait_for(pilot, lambda: app.return_code == 2)
    finally:
        for store in opened:
            store.close()
    assert app.return_code == 2


async def test_a_plain_store_never_locks(make_app, monkeypatch):
    monkeypatch.setenv("PESTCLI_LOCK_MINUTES", str(0.05 / 60))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: len(app.screen_stack) >= 2)
        assert install_idle_lock(app, seconds=0.01) is None  # nothing to unlock it with
        assert lock_app(app) is False
        assert not is_locked(app)


class NoticeApp(App[None]):
    """A bare app with a store, showing only the notice."""

    def __init__(self, store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield EncryptionNotice()


async def test_the_encryption_notice_shows_once_for_a_plain_store(db_path):
    store = open_store(db_path)
    try:
        for expected in (True, False):
            app = NoticeApp(store)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                assert app.query_one(EncryptionNotice).display is expected
                assert (NOTICE in screen_text(app)) is expected
    finally:
        store.close()


async def test_no_encryption_notice_for_an_encrypted_store(db_path):
    store = open_store(db_path, passphrase=PASS)
    try:
        app = NoticeApp(store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.query_one(EncryptionNotice).display is False
    finally:
        store.close()
