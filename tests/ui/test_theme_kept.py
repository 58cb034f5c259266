"""The theme chosen with Ctrl+T is kept: the next start on the same data directory opens in it.

Two real apps, one after the other, on the same SQLite file and settings
file (``pestcli.settings.json`` beside the database, mode 0600).
"""

from __future__ import annotations

import json
import os
import stat

from ui_helpers import SIZE, wait_for

from pestcli.app import DARK_THEME, LIGHT_THEME
from pestcli.settings import settings_path


async def home(pilot) -> None:
    """Wait for the home screen."""
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "HomeScreen")


async def test_ctrl_t_is_remembered_for_the_next_start(make_app, db_path):
    first = make_app()
    async with first.run_test(size=SIZE) as pilot:
        await home(pilot)
        assert first.theme == DARK_THEME  # Textual's default
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: first.theme == LIGHT_THEME)
    path = settings_path(db_path.parent)
    assert json.loads(path.read_text(encoding="utf-8"))["theme"] == LIGHT_THEME
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600

    second = make_app()
    async with second.run_test(size=SIZE) as pilot:
        await home(pilot)
        assert second.theme == LIGHT_THEME
        await pilot.press("ctrl+t")  # and back
        await wait_for(pilot, lambda: second.theme == DARK_THEME)

    third = make_app()
    async with third.run_test(size=SIZE) as pilot:
        await home(pilot)
        assert third.theme == DARK_THEME


async def test_other_settings_are_kept_and_a_strange_theme_is_ignored(make_app, db_path):
    path = settings_path(db_path.parent)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"theme": "[bold]geen thema", "encryption_notice_shown": True}), encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await home(pilot)
        assert app.theme == DARK_THEME  # an unknown value: the default
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: app.theme == LIGHT_THEME)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved == {"theme": LIGHT_THEME, "encryption_notice_shown": True}
