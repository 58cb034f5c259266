"""Helpers for the Pilot tests: the fixed size and day, polling, screen text.

Kept out of conftest.py so test modules can import them by a unique name
(``from ui_helpers import ...``) whatever other conftest files pytest loads.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import date

#: The fixed terminal size of every UI test.
SIZE = (120, 40)
#: The fixed "today" of the UI tests: Monday 23 November 2026, a school day.
TODAY = date(2026, 11, 23)


async def wait_for(pilot, condition: Callable[[], object], timeout: float = 10.0) -> None:
    """Let the app run until ``condition()`` is true (or fail after ``timeout`` s).

    After the condition holds, one more pause lets pending refreshes paint, so
    ``screen_text`` read next shows what the condition saw. On failure the
    message names the exception the condition last raised, if any.
    """
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while True:
        try:
            if condition():
                await pilot.pause()  # let the screen paint what the condition saw
                return
            last_error = None
        except Exception as exc:  # noqa: BLE001 - the widget may not exist yet
            last_error = exc
        if time.monotonic() > deadline:
            reason = f"; the condition last raised {type(last_error).__name__}: {last_error}" if last_error else ""
            raise AssertionError(f"condition not met within {timeout}s: {condition}{reason}") from last_error
        await pilot.pause()
        await asyncio.sleep(0)


def screen_text(app) -> str:
    """Everything visible on the current screen, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
