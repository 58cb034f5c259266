"""A guide opened by mistake: the empty interrupted conversation is thrown away with x; a full one is kept.

The real app on the demo's SQLite file, keys only; the conversation screen is
the real one. After each step the file is read again through a second connection.
"""

from __future__ import annotations

from textual.widgets import Label, Static
from ui_helpers import SIZE, screen_text, wait_for

from pestcli.screens.case import CaseScreen
from pestcli.screens.conversation import ConversationScreen
from pestcli.screens.discard_conversation import NOT_EMPTY, ConfirmDiscard
from pestcli.screens.guide_picker import GuidePicker
from pestcli.store import (
    audit_events,
    conversations_of_case,
    get_case_by_number,
    open_store,
    unfinished_conversation,
    user_name,
)

FRESH = "2026-0001"  # the demo case reported today: nothing done yet
HALFWAY = "2026-0002"  # the demo case with an interrupted conversation, 4 of 9 points recorded


def committed(db_path):
    """A second, independent connection: only committed data is visible there."""
    return open_store(db_path, daily_backup=False)


def case_id_of(db_path, number: str) -> int:
    """The id of a demo case."""
    store = committed(db_path)
    try:
        return get_case_by_number(store, number).id
    finally:
        store.close()


async def open_case(pilot, case_id: int) -> CaseScreen:
    """Open the case screen and wait until it has read the case."""
    pilot.app.open_case(case_id)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CaseScreen) and pilot.app.screen.detail is not None)
    return pilot.app.screen


def resume_note(screen: CaseScreen) -> str:
    """The "Onderbroken gesprek ..." note of the case screen."""
    return str(screen.query_one("#case-resume", Static).content)


async def test_a_guide_opened_by_mistake_is_thrown_away(make_app, db_path):
    app = make_app(demo=True)
    case_id = case_id_of(db_path, FRESH)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, case_id)
        await pilot.press("2", "g")  # a guide of stap 2 ...
        await wait_for(pilot, lambda: isinstance(app.screen, (GuidePicker, ConversationScreen)))
        if isinstance(app.screen, GuidePicker):
            await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConversationScreen)
                       and app.screen.conversation_id is not None)
        await pilot.press("escape")  # ... left at once: nothing recorded
        await wait_for(pilot, lambda: app.screen is screen and screen.detail.unfinished_conversation is not None)
        store = committed(db_path)
        try:
            talk = unfinished_conversation(store, case_id)
        finally:
            store.close()
        assert talk.held_by == user_name()  # who opened it, not empty
        await wait_for(pilot, lambda: "Druk op x om dit lege gesprek weg te gooien." in resume_note(screen))
        await pilot.press("x")
        confirm = await wait_for_screen(pilot, ConfirmDiscard)
        question = str(confirm.query_one("#confirm-question", Label).content)
        assert question.startswith("Leeg onderbroken gesprek weggooien? bijlage ")
        await pilot.press("n")  # not yet: still there
        await wait_for(pilot, lambda: app.screen is screen)
        store = committed(db_path)
        try:
            assert unfinished_conversation(store, case_id) is not None
        finally:
            store.close()
        await pilot.press("x")
        await wait_for_screen(pilot, ConfirmDiscard)
        await pilot.press("j")
        await wait_for(pilot, lambda: app.screen is screen and screen.detail.unfinished_conversation is None)
        await wait_for(pilot, lambda: "Onderbroken gesprek" not in screen_text(app))
        assert any("Weggegooid: het lege gesprek" in n.message for n in app._notifications)

    store = committed(db_path)
    try:
        assert conversations_of_case(store, case_id) == []
        assert audit_events(store, case_id=case_id)[0].summary.startswith("leeg onderbroken gesprek bijlage-")
    finally:
        store.close()


async def test_an_interrupted_conversation_with_points_is_kept(make_app, db_path):
    app = make_app(demo=True)
    case_id = case_id_of(db_path, HALFWAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, case_id)
        assert "Druk op x" not in resume_note(screen)  # only an empty one is offered
        await pilot.press("x")
        await wait_for(pilot, lambda: any(n.message == NOT_EMPTY for n in app._notifications))
        assert app.screen is screen
    store = committed(db_path)
    try:
        assert unfinished_conversation(store, case_id) is not None
    finally:
        store.close()


async def wait_for_screen(pilot, kind):
    """Wait for a screen of ``kind`` on top and return it."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, kind))
    return pilot.app.screen
