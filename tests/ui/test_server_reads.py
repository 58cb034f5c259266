"""On the school's server the case screen reads in the background: "Melding laden…", never a frozen screen (issue 16)."""

from __future__ import annotations

import threading

import pestcli.screens.case
from ui_helpers import SIZE, screen_text, wait_for

from pestcli.screens.case import CaseScreen

from test_colleague_conflicts import app, followup  # noqa: F401 - the same case and app, on both backends


async def test_the_case_screen_waits_for_the_server_without_freezing(app, followup, backend, monkeypatch):  # noqa: F811
    gate = threading.Event()
    real = pestcli.screens.case.case_detail
    reads: list[int] = []

    def slow(store, case_id):
        reads.append(threading.get_ident())
        if backend == "postgresql":
            assert gate.wait(30), "the test never let the read go"
        return real(store, case_id)

    monkeypatch.setattr(pestcli.screens.case, "case_detail", slow)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(CaseScreen(1))
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        screen = app.screen
        try:
            if backend == "postgresql":  # the read runs in a worker; the screen is drawn and says it loads
                await wait_for(pilot, lambda: reads and "Melding laden…" in screen_text(app))
                assert screen.detail is None and reads[0] != threading.get_ident()
            else:  # a file: read while composing, on the main thread, shown in the first frame
                assert screen.detail is not None and reads[0] == threading.get_ident()
        finally:
            gate.set()
        await wait_for(pilot, lambda: screen.detail is not None and "2026-0001" in screen_text(app))
