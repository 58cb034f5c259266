"""``widgets.loader.StoreReader``: read now or in a worker, show it, or say in Dutch why not.

A small widget on a plain Textual app: what it reads is a stand-in, so the
test is about the helper, not the store. The home screen, its counts bar
and its due list use the helper (their own tests show them read and fail).
"""

from __future__ import annotations

import threading
from datetime import date

from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from pestcli.store.errors import StoreError
from pestcli.widgets.loader import StoreReader
from ui_helpers import SIZE, TODAY, wait_for

FAILURE = "De gegevens konden niet worden gelezen."


class DayReader(StoreReader[str], Horizontal):
    """Reads the day as text (or fails when told to) and shows it in its label."""

    def __init__(self) -> None:
        super().__init__()
        self.fail = False
        self.read_threads: list[int] = []
        self.shown: list[str] = []
        self.in_vain = 0

    def compose(self) -> ComposeResult:
        yield Label("", id="day")

    def read(self, today: date) -> str:
        self.read_threads.append(threading.get_ident())
        if self.fail:
            raise StoreError(FAILURE)
        return today.isoformat()

    def show_read(self, result: str) -> None:
        self.shown.append(result)
        self.query_one("#day", Label).update(result)

    def read_in_vain(self) -> None:
        self.in_vain += 1


class ReaderApp(App[None]):
    """Just the reader."""

    def compose(self) -> ComposeResult:
        yield DayReader()


def told(app: App, text: str) -> bool:
    """The app showed a toast with ``text``."""
    return any(text in str(n.message) for n in app._notifications)


async def test_read_now_shows_at_once_on_the_main_thread_and_a_failure_is_said_in_dutch():
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        reader = app.query_one(DayReader)
        reader.read_now(TODAY)
        assert reader.shown == ["2026-11-23"]  # no worker: shown before the call returns
        assert reader.read_threads == [threading.get_ident()]
        reader.fail = True
        reader.read_now(TODAY)
        assert reader.in_vain == 1 and reader.shown == ["2026-11-23"]
        await wait_for(pilot, lambda: told(app, FAILURE))


async def test_read_in_background_reads_in_a_thread_and_shows_on_the_main_thread():
    app = ReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        reader = app.query_one(DayReader)
        reader.read_in_background(TODAY)
        await wait_for(pilot, lambda: reader.shown == ["2026-11-23"])
        assert reader.read_threads and reader.read_threads[0] != threading.get_ident()
        assert str(reader.query_one("#day", Label).content) == "2026-11-23"
        reader.fail = True
        reader.read_in_background(TODAY)
        await wait_for(pilot, lambda: reader.in_vain == 1 and told(app, FAILURE))
        assert reader.shown == ["2026-11-23"]


async def test_the_mixin_leaves_the_widgets_css_its_own():
    app = ReaderApp()
    async with app.run_test(size=SIZE):
        reader = app.query_one(DayReader)
        assert {"DayReader", "Horizontal", "Widget"} <= reader._css_types
        assert "StoreReader" not in reader._css_types
        assert app.query("Horizontal").first() is reader


class ServerStore:
    """A store on the school's server, as far as the reader asks."""

    on_server = True


class ServerReaderApp(ReaderApp):
    """The reader in an app whose store is on a server (a round trip away)."""

    store = ServerStore()


async def test_on_a_server_read_now_reads_in_a_thread_with_the_loading_indicator_meanwhile():
    app = ServerReaderApp()
    async with app.run_test(size=SIZE) as pilot:
        reader = app.query_one(DayReader)
        gate = threading.Event()
        plain_read = reader.read

        def slow(today: date) -> str:
            assert gate.wait(30), "the test never let the read go"
            return plain_read(today)

        reader.read = slow  # type: ignore[method-assign]
        reader.read_now(TODAY)
        assert reader.shown == [] and reader.loading  # not read on the main thread: the screen stays alive
        gate.set()
        await wait_for(pilot, lambda: reader.shown == ["2026-11-23"] and not reader.loading)
        assert reader.read_threads[0] != threading.get_ident()
