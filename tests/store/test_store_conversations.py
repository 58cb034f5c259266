"""Conversations: participants, checklist item states with notes, notes, end and resume."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pestcli.store import (
    InvalidValueError,
    NotFoundError,
    add_participant,
    conversation_detail,
    conversations_of_case,
    end_conversation,
    record_item_state,
    remove_participant,
    save_conversation_notes,
    start_conversation,
    unfinished_conversation,
)


def test_a_whole_conversation(store, case, pupils):
    victim, bully = pupils
    start = datetime(2026, 11, 6, 10, 0)
    talk = start_conversation(store, case.id, "bijlage-7", step=4, started_at=start,
                              participants=[(victim.id, "gepeste")], held_by="J. de Mentor")
    helper = add_participant(store, talk.id, bully.id, "pester")
    record_item_state(store, talk.id, "b7.fase1.01", "done", "Rustig begonnen.")
    record_item_state(store, talk.id, "b7.fase1.02", "skipped")
    record_item_state(store, talk.id, "b7.fase1.01", "done")  # note kept when not given
    record_item_state(store, talk.id, "b7.fase1.03", "open", "later op terugkomen")
    save_conversation_notes(store, talk.id, "Beiden luisterden.")
    detail = conversation_detail(store, talk.id)
    assert detail.state_of("b7.fase1.01") == "done" and detail.note_of("b7.fase1.01") == "Rustig begonnen."
    assert detail.state_of("b7.fase1.02") == "skipped"
    assert detail.state_of("b7.fase1.03") == "open" and detail.note_of("b7.fase1.03") == "later op terugkomen"
    assert detail.state_of("b7.fase1.04") == "open" and detail.note_of("b7.fase1.04") == ""
    assert [(p.role, p.person.first_name) for p in detail.participants] == [("gepeste", "Sanne"), ("pester", "Daan")]
    assert detail.conversation.notes == "Beiden luisterden." and not detail.finished

    remove_participant(store, helper.id)
    ended = end_conversation(store, talk.id, start + timedelta(minutes=40), notes="Afspraken gemaakt.")
    assert ended.ended_at == datetime(2026, 11, 6, 10, 40) and ended.notes == "Afspraken gemaakt."
    detail = conversation_detail(store, talk.id)
    assert detail.finished and len(detail.participants) == 1


def test_resume_finds_the_unfinished_conversation(store, case):
    old = start_conversation(store, case.id, "bijlage-6", started_at=datetime(2026, 11, 3, 9))
    end_conversation(store, old.id)
    assert unfinished_conversation(store, case.id) is None
    first = start_conversation(store, case.id, "bijlage-2", started_at=datetime(2026, 11, 4, 9))
    second = start_conversation(store, case.id, "bijlage-4", started_at=datetime(2026, 11, 5, 9))
    assert unfinished_conversation(store, case.id).id == second.id
    assert unfinished_conversation(store, case.id, guide_id="bijlage-2").id == first.id
    assert [t.id for t in conversations_of_case(store, case.id)] == [old.id, first.id, second.id]


def test_times_are_stored_as_local_time(store, case):
    aware = datetime(2026, 11, 6, 9, 0, tzinfo=timezone.utc)
    talk = start_conversation(store, case.id, "bijlage-6", started_at=aware)
    assert talk.started_at.tzinfo is None
    assert talk.started_at == aware.astimezone().replace(tzinfo=None)
    assert start_conversation(store, case.id, "bijlage-6").started_at.tzinfo is None


def test_bad_input(store, case):
    talk = start_conversation(store, case.id, "bijlage-6")
    with pytest.raises(InvalidValueError, match="status van een gesprekspunt"):
        record_item_state(store, talk.id, "b6.stappen.01", "half")
    with pytest.raises(InvalidValueError):
        record_item_state(store, talk.id, "", "done")
    with pytest.raises(InvalidValueError):
        start_conversation(store, case.id, "bijlage 6")
    with pytest.raises(NotFoundError, match="Gesprek 99"):
        end_conversation(store, 99)
    with pytest.raises(NotFoundError, match="Melding 99"):
        start_conversation(store, 99, "bijlage-6")
    with pytest.raises(NotFoundError, match="Persoon 99"):
        add_participant(store, talk.id, 99)
