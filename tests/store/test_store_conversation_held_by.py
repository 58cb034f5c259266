"""Who held a conversation, and throwing away an empty interrupted one."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from store_helpers import new_case

from pestcli.store import (
    InvalidValueError,
    add_agreement,
    audit_events,
    conversations_of_case,
    discard_empty_conversation,
    end_conversation,
    record_item_state,
    save_conversation_notes,
    start_conversation,
    unfinished_conversation,
)
from pestcli.store import common


@pytest.fixture
def mentor_at_the_keyboard(monkeypatch):
    """The person using pestcli is "Marieke Jansen"."""
    monkeypatch.setattr(common, "user_name", lambda: "Marieke Jansen")
    import pestcli.store.conversations as conversations

    monkeypatch.setattr(conversations, "user_name", lambda: "Marieke Jansen")


def test_a_conversation_is_held_by_the_person_using_pestcli(store, mentor_at_the_keyboard):
    case = new_case(store)
    talk = start_conversation(store, case.id, "bijlage-6", step=2)  # as the conversation screen starts it
    assert talk.held_by == "Marieke Jansen"
    named = start_conversation(store, case.id, "bijlage-2", step=2, held_by="  J. de Mentor ")
    assert named.held_by == "J. de Mentor"


def test_ending_fills_in_who_held_a_conversation_that_did_not_say(store, mentor_at_the_keyboard):
    case = new_case(store)
    talk = start_conversation(store, case.id, "bijlage-6", step=2, held_by="x")
    with store.write() as session:  # as a conversation started before pestcli recorded it
        from pestcli.store.models import Conversation

        session.get(Conversation, talk.id).held_by = ""
    assert end_conversation(store, talk.id).held_by == "Marieke Jansen"
    other = start_conversation(store, case.id, "bijlage-2", step=2, held_by="J. de Mentor")
    assert end_conversation(store, other.id).held_by == "J. de Mentor"  # kept


def test_user_name_is_printable_and_never_empty(monkeypatch):
    monkeypatch.setattr(common, "os_user", lambda: "no-such-login-\x1b[31m")
    assert common.user_name() == "no-such-login-[31m"
    monkeypatch.setattr(common, "os_user", lambda: "\x07")
    assert common.user_name() == "onbekend"


def test_an_empty_interrupted_conversation_can_be_thrown_away(store):
    case = new_case(store)
    talk = start_conversation(store, case.id, "bijlage-6", step=2)
    record_item_state(store, talk.id, "b6.stappen.01", "open")  # looked at, nothing recorded
    gone = discard_empty_conversation(store, talk.id)
    assert gone.id == talk.id
    assert conversations_of_case(store, case.id) == [] and unfinished_conversation(store, case.id) is None
    event = audit_events(store, case_id=case.id)[0]
    assert (event.table_name, event.action, event.summary) == (
        "conversations", "delete", "leeg onderbroken gesprek bijlage-6 weggegooid")


@pytest.mark.parametrize("content", ["ticked", "skipped", "item note", "notes", "agreement"])
def test_a_conversation_with_anything_in_it_is_kept(store, content):
    case = new_case(store)
    talk = start_conversation(store, case.id, "bijlage-6", step=2)
    if content in ("ticked", "skipped"):
        record_item_state(store, talk.id, "b6.stappen.01", "done" if content == "ticked" else "skipped")
    elif content == "item note":
        record_item_state(store, talk.id, "b6.stappen.01", "open", "Voelt zich buitengesloten.")
    elif content == "notes":
        save_conversation_notes(store, talk.id, "Kort gesproken.")
    else:
        add_agreement(store, case.id, "Sanne zegt het meteen.", date(2026, 11, 23), conversation_id=talk.id)
    with pytest.raises(InvalidValueError, match="niet leeg"):
        discard_empty_conversation(store, talk.id)
    assert [t.id for t in conversations_of_case(store, case.id)] == [talk.id]


def test_an_ended_conversation_is_not_thrown_away(store):
    case = new_case(store)
    talk = start_conversation(store, case.id, "bijlage-6", step=2)
    end_conversation(store, talk.id, datetime(2026, 11, 23, 10, 30))
    with pytest.raises(InvalidValueError, match="afgerond"):
        discard_empty_conversation(store, talk.id)
