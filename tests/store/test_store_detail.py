"""The case screen's data: one case with everything, loaded in one go, usable after."""

from __future__ import annotations

from datetime import date, datetime

from pestcli.store import (
    add_agreement,
    add_evidence,
    case_detail,
    complete_followup,
    end_conversation,
    escalate,
    plan_followups,
    plan_parent_contact,
    record_item_state,
    start_conversation,
)


def test_case_detail_holds_every_child(store, case, pupils):
    victim, bully = pupils
    first = start_conversation(store, case.id, "bijlage-6", started_at=datetime(2026, 11, 4, 9),
                               participants=[(victim.id, "gepeste")])
    record_item_state(store, first.id, "b6.stappen.01", "done", "fijn dat je er bent")
    end_conversation(store, first.id, datetime(2026, 11, 4, 9, 30))
    second = start_conversation(store, case.id, "bijlage-4", started_at=datetime(2026, 11, 9, 9),
                                participants=[(bully.id, "pester")])
    record_item_state(store, second.id, "b4.stappen.01", "skipped")
    agreement = add_agreement(store, case.id, "Met rust laten", date(2026, 11, 9), person_id=bully.id,
                              conversation_id=second.id)
    rows = plan_followups(store, case.id, [("na twee dagen", date(2026, 11, 11))])
    complete_followup(store, rows[0].id, date(2026, 11, 11), agreement_statuses={agreement.id: "kept"})
    plan_parent_contact(store, case.id, date(2026, 11, 12), victim.id)
    add_evidence(store, case.id, "bewijs.chatlogs", description="chat")
    escalate(store, case.id, "apc", sanction_phase=1)

    detail = case_detail(store, case.id)  # the session is closed now; everything is loaded
    assert detail.case.number == case.number and detail.forms == ["woorden.bijnaam"]
    assert [p.person.first_name for p in detail.people] == ["Sanne", "Daan"]
    assert [p.first_name for p in detail.with_role("pester")] == ["Daan"]
    assert detail.step(1).done_on == date(2026, 11, 2) and detail.step(9) is None
    assert [c.conversation.guide_id for c in detail.conversations] == ["bijlage-6", "bijlage-4"]
    assert detail.conversations[0].note_of("b6.stappen.01") == "fijn dat je er bent"
    assert detail.conversations[1].state_of("b4.stappen.01") == "skipped"
    assert detail.unfinished_conversation.conversation.id == second.id
    assert detail.agreements[0].latest_status == "kept" and detail.agreements[0].person.first_name == "Daan"
    assert [f.done_on for f in detail.followups] == [date(2026, 11, 11)]
    assert len(detail.evidence) == 1 and len(detail.parent_contacts) == 1
    assert [e.sanction_phase for e in detail.escalations] == [1]
    assert detail.case.status == "escalated"


def test_a_case_without_children(store):
    from store_helpers import new_case

    detail = case_detail(store, new_case(store).id)
    assert detail.people == [] and detail.conversations == [] and detail.unfinished_conversation is None
