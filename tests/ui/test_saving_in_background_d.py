"""The conversation screens and drafts save off the main thread, in order (issue 16).

As in ``test_saving_in_background_a``: the use case is held back by the test
(as a slow network would) until the test lets it go. Meanwhile the screen
still answers keys, says "Bezig met opslaan…" (and on the item "bezig met
opslaan…") and does not show the mark as stored; once the use case returns it
is in the database and shown. Quick ticks are all stored, in the order given;
a refused save says why in Dutch and keeps what was typed. On both backends.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pestcli.services.class_talks
import pestcli.services.conversations
import pestcli.services.drafts
from textual.widgets import TextArea
from ui_helpers import TODAY, screen_text, wait_for

from pestcli.protocol.calendar import school_year_of
from pestcli.screens.agreement_dialog import AgreementDialog
from pestcli.screens.class_conversation import ClassConversationScreen
from pestcli.screens.conversation import ConversationScreen
from pestcli.screens.conversation_summary import EndDialog
from pestcli.screens.serial_save import BUSY
from pestcli.services.reads import agreements_of_case, conversation_detail, followup_context
from pestcli.store.drafts import get_draft
from pestcli.store.errors import StoreBusyError
from pestcli.widgets.checklist import Checklist
from pestcli.widgets.hinted_note import HintedNote

from test_colleague_conflicts import app, followup  # noqa: F401 - the same case and app, on both backends

#: The app's design size.
SIZE = (80, 24)
#: What the store says when the database is busy (``StoreBusyError``), in part.
REFUSED = "De database is bezet"


def held(monkeypatch, module: object, name: str, *, refuse: bool = False,
         calls: list[tuple] | None = None) -> tuple[threading.Event, threading.Event]:
    """Hold ``module.name`` until ``release`` is set (``started``: it was called); ``refuse``: then fail.

    ``calls`` collects the arguments of each call, in the order the calls were made.
    """
    release, started = threading.Event(), threading.Event()
    real: Callable = getattr(module, name)

    def slow(*args, **kwargs):
        if calls is not None:
            calls.append(args)
        started.set()
        assert release.wait(60), "the test never let the save go"
        if refuse:
            raise StoreBusyError()
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, slow)
    return release, started


def case_of(app, followup: int) -> int:  # noqa: F811
    """The id of the case the fixture's follow-up belongs to."""
    return followup_context(app.store, followup).case.id


async def open_screen(pilot, screen: ConversationScreen) -> ConversationScreen:
    """Push a conversation screen and wait until its checklist is loaded and focused."""
    pilot.app.push_screen(screen)
    await wait_for(pilot, lambda: pilot.app.screen is screen and screen.conversation_id is not None
                   and screen.query_one(Checklist).has_focus)
    return screen


def checklist(screen: ConversationScreen) -> Checklist:
    """The screen's checklist."""
    return screen.query_one(Checklist)


def notified(app, text: str) -> bool:  # noqa: F811
    """Whether a notification containing ``text`` was shown."""
    return any(text in n.message for n in app._notifications)


async def test_a_tick_shows_bezig_and_the_keys_still_work_until_it_is_stored(app, followup, monkeypatch):  # noqa: F811
    release, started = held(monkeypatch, pestcli.services.conversations, "record_item")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, ConversationScreen(case_of(app, followup), 2, "bijlage-2"))
        first = checklist(screen).rows[0]
        try:
            await pilot.press("d")
            await wait_for(pilot, lambda: started.is_set() and BUSY in screen_text(app))
            assert "bezig met opslaan…" in str(first.render())
            assert first.state == "open"  # not shown as stored
            assert conversation_detail(app.store, screen.conversation_id).items == {}
            assert checklist(screen).current == 1  # on to the next item at once
            await pilot.press("j")  # the screen answers keys meanwhile
            await wait_for(pilot, lambda: checklist(screen).current == 2)
            await pilot.press("k")
            await wait_for(pilot, lambda: checklist(screen).current == 1)
        finally:
            release.set()
        await wait_for(pilot, lambda: first.state == "done")
        assert BUSY not in screen_text(app)
        assert "bezig met opslaan…" not in str(first.render())
        assert "Opgeslagen om" in screen_text(app)
        item = first.item.id
        assert conversation_detail(app.store, screen.conversation_id).state_of(item) == "done"


async def test_quick_ticks_are_all_stored_in_the_order_given(app, followup, monkeypatch):  # noqa: F811
    calls: list[tuple] = []
    release, started = held(monkeypatch, pestcli.services.conversations, "record_item", calls=calls)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, ConversationScreen(case_of(app, followup), 2, "bijlage-2"))
        rows = checklist(screen).rows
        try:
            await pilot.press("d", "s")  # no "Even wachten" for the second tick
            await wait_for(pilot, lambda: started.is_set() and checklist(screen).current == 2)
            await pilot.press("k", "k", "o")  # the first item open again: the last word
            await wait_for(pilot, lambda: checklist(screen).current == 0 and BUSY in screen_text(app))
            assert not notified(app, "Even wachten")
            assert [row.state for row in rows[:2]] == ["open", "open"]
        finally:
            release.set()
        await wait_for(pilot, lambda: not screen.writes.busy and rows[1].state == "skipped")
        assert [row.state for row in rows[:2]] == ["open", "skipped"]
        assert [(c[2], c[3]) for c in calls] == [(rows[0].item.id, "done"), (rows[1].item.id, "skipped"),
                                                 (rows[0].item.id, "open")]
        detail = conversation_detail(app.store, screen.conversation_id)
        assert [detail.state_of(row.item.id) for row in rows[:2]] == ["open", "skipped"]


async def test_a_refused_tick_says_why_and_shows_what_is_stored(app, followup, monkeypatch):  # noqa: F811
    release, started = held(monkeypatch, pestcli.services.conversations, "record_item", refuse=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, ConversationScreen(case_of(app, followup), 2, "bijlage-2"))
        first = checklist(screen).rows[0]
        try:
            await pilot.press("d")
            await wait_for(pilot, lambda: started.is_set() and BUSY in screen_text(app))
        finally:
            release.set()
        await wait_for(pilot, lambda: notified(app, REFUSED))
        await wait_for(pilot, lambda: BUSY not in screen_text(app))
        assert first.state == "open" and "bezig" not in str(first.render())
        assert checklist(screen).current == 0  # back at the item that was not stored
        assert conversation_detail(app.store, screen.conversation_id).items == {}


async def test_a_refused_note_keeps_the_typed_text_and_saves_on_the_next_try(app, followup, monkeypatch):  # noqa: F811
    real = pestcli.services.conversations.record_item
    release, started = held(monkeypatch, pestcli.services.conversations, "record_item", refuse=True)
    note = "Sanne zegt dat het al weken gebeurt"
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, ConversationScreen(case_of(app, followup), 2, "bijlage-2"))
        editor = screen.query_one("#note-editor", HintedNote)
        try:
            await pilot.press("n")
            await wait_for(pilot, lambda: editor.display and screen.editing is not None)
            await pilot.press(*note)
            await wait_for(pilot, lambda: editor.text == note)
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: started.is_set() and BUSY in screen_text(app))
            assert editor.display and editor.query_one(TextArea).read_only  # kept while it is saved
            assert "Notitie: " not in screen_text(app)
        finally:
            release.set()
        await wait_for(pilot, lambda: notified(app, REFUSED) and not screen.note_saving)
        assert editor.display and editor.text == note and not editor.query_one(TextArea).read_only
        monkeypatch.setattr(pestcli.services.conversations, "record_item", real)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: screen.editing is None and checklist(screen).rows[0].note == note)
        assert "Notitie: Sanne zegt" in screen_text(app)
        item = checklist(screen).rows[0].item.id
        assert conversation_detail(app.store, screen.conversation_id).note_of(item) == note


async def test_leaving_waits_until_the_marks_are_stored(app, followup, monkeypatch):  # noqa: F811
    release, started = held(monkeypatch, pestcli.services.conversations, "record_item")
    told: list[str] = []  # every toast, also one that expired before the next (a slow machine)
    shown = app.notify
    monkeypatch.setattr(app, "notify", lambda message, **kwargs: (told.append(str(message)), shown(message, **kwargs))[1])
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, ConversationScreen(case_of(app, followup), 2, "bijlage-2"))
        try:
            await pilot.press("d")
            await wait_for(pilot, lambda: started.is_set())
            await pilot.press("escape")
            await wait_for(pilot, lambda: notified(app, "Even wachten"))
            assert app.screen is screen
            await pilot.press("e")  # "Afronden?" waits behind the mark
            await pilot.press("s")  # and marks wait behind "Afronden?"
            await wait_for(pilot, lambda: sum("Even wachten" in message for message in told) >= 2)
            assert app.screen is screen and checklist(screen).rows[1].state == "open"
        finally:
            release.set()
        await wait_for(pilot, lambda: isinstance(app.screen, EndDialog))
        assert checklist(screen).rows[0].state == "done"  # stored before the overview was shown
        assert app.screen.overview.count("done") == 1
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        item = checklist(screen).rows[0].item.id
        await pilot.press("escape")
        await wait_for(pilot, lambda: screen not in app.screen_stack)
    assert conversation_detail(app.store, screen.conversation_id).state_of(item) == "done"


async def test_an_agreement_shows_bezig_until_it_is_stored(app, followup, monkeypatch):  # noqa: F811
    release, started = held(monkeypatch, pestcli.services.conversations, "add_agreement")
    case_id = case_of(app, followup)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, ConversationScreen(case_id, 4, "bijlage-7"))
        try:
            await pilot.press("a")
            await wait_for(pilot, lambda: isinstance(app.screen, AgreementDialog))
            await pilot.press("tab", *"We groeten elkaar", "ctrl+s")
            await wait_for(pilot, lambda: app.screen is screen and started.is_set() and BUSY in screen_text(app))
            assert "We groeten elkaar" not in screen_text(app) and agreements_of_case(app.store, case_id) == []
            await pilot.press("j")
            await wait_for(pilot, lambda: checklist(screen).current == 1)
        finally:
            release.set()
        await wait_for(pilot, lambda: "Samen: “We groeten elkaar”" in screen_text(app))
        assert BUSY not in screen_text(app)
        assert [v.agreement.text for v in agreements_of_case(app.store, case_id)] == ["We groeten elkaar"]


async def test_a_class_tick_shows_bezig_until_it_and_its_agreement_are_stored(app, followup, monkeypatch):  # noqa: F811
    from pestcli.services.class_talks import class_agreements

    release, started = held(monkeypatch, pestcli.services.class_talks, "record_class_item_state")
    year = school_year_of(TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, ClassConversationScreen("2B", year, case_id=case_of(app, followup)))
        first = checklist(screen).rows[0]
        try:
            await pilot.press("d")
            await wait_for(pilot, lambda: started.is_set() and BUSY in screen_text(app))
            assert first.state == "open" and "bezig met opslaan…" in str(first.render())
            assert class_agreements(app.store, "2B", year) == []
            await pilot.press("j")
            await wait_for(pilot, lambda: checklist(screen).current == 2)
        finally:
            release.set()
        await wait_for(pilot, lambda: first.state == "done" and len(screen.agreements) == 1)
        assert BUSY not in screen_text(app)
        assert [v.agreement.item_id for v in class_agreements(app.store, "2B", year)] == [first.item.id]


async def test_a_draft_is_written_in_the_background_and_the_last_one_wins(app, followup, monkeypatch):  # noqa: F811
    release, started = held(monkeypatch, pestcli.services.drafts, "save_draft")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, ConversationScreen(case_of(app, followup), 2, "bijlage-2"))
        editor = screen.query_one("#note-editor", HintedNote)
        key = screen._draft_key(checklist(screen).rows[0].item.id)
        try:
            await pilot.press("n")
            await wait_for(pilot, lambda: editor.display)
            await pilot.press(*"eerste")
            await wait_for(pilot, started.is_set)  # the draft's write is held: typing goes on
            await pilot.press(*" en tweede")
            await wait_for(pilot, lambda: editor.text == "eerste en tweede")
            assert get_draft(app.store, key) is None
        finally:
            release.set()
        await wait_for(pilot, lambda: (draft := get_draft(app.store, key)) is not None
                       and draft.fields["note"] == "eerste en tweede")


async def test_a_read_still_on_its_way_does_not_hold_the_mentor_back(app, followup, monkeypatch):  # noqa: F811
    import pestcli.services.reads

    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot, ConversationScreen(case_of(app, followup), 4, "bijlage-7"))
        release, started = held(monkeypatch, pestcli.services.reads, "people_in_case")
        try:
            await pilot.press("a")  # the agreement dialog first reads the case's people
            await wait_for(pilot, lambda: started.is_set() and "Bezig met lezen…" in screen_text(app))
            await pilot.press("escape")  # leaving does not wait for a read
            await wait_for(pilot, lambda: screen not in app.screen_stack)
        finally:
            release.set()
        await wait_for(pilot, lambda: not screen.writes.busy)
        assert not isinstance(app.screen, AgreementDialog) and app.is_running and app.return_code is None
