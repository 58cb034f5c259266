"""A checklist item's follow-up appointment (bijlage 4, punt 15): ticked and planned in one transaction."""

from __future__ import annotations

from datetime import date

import pytest

from pestcli.store import (
    audit_events,
    conversation_detail,
    followups_of_case,
    plan_appointment,
    start_conversation,
)
from pestcli.store.errors import InvalidValueError, NotFoundError


def test_the_item_is_done_and_the_appointment_is_a_followup_of_the_case(store, case):
    talk = start_conversation(store, case.id, "bijlage-4", step=3)
    item, followup = plan_appointment(store, talk.id, "b4.stappen.15", "Vervolgafspraak (bijlage 4, punt 15)",
                                      date(2026, 11, 26))
    assert item.state == "done"
    (row,) = followups_of_case(store, case.id)
    assert (row.id, row.label, row.due_on, row.seq) == (followup.id, "Vervolgafspraak (bijlage 4, punt 15)",
                                                        date(2026, 11, 26), 1)
    assert conversation_detail(store, talk.id).items["b4.stappen.15"].state == "done"
    summaries = [e.summary for e in audit_events(store, case_id=case.id)]
    assert "vervolgafspraak gepland" in summaries


def test_a_bad_label_or_conversation_changes_nothing(store, case):
    talk = start_conversation(store, case.id, "bijlage-4", step=3)
    with pytest.raises(InvalidValueError):
        plan_appointment(store, talk.id, "b4.stappen.15", "  ", date(2026, 11, 26))
    with pytest.raises(NotFoundError):
        plan_appointment(store, 999, "b4.stappen.15", "Vervolgafspraak", date(2026, 11, 26))
    assert followups_of_case(store, case.id) == []
    assert "b4.stappen.15" not in conversation_detail(store, talk.id).items
