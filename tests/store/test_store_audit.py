"""The audit trail: every write records what, when and which OS user; never sensitive text."""

from __future__ import annotations

import getpass
from datetime import date, datetime

import pytest
from store_helpers import new_case

import pestcli.store as st

SECRET = "GEHEIM-VERHAAL"


@pytest.fixture
def screenshot(tmp_path):
    path = tmp_path / "shot.png"
    path.write_bytes(b"png")
    return path


def test_every_write_function_records_an_audit_event(store, screenshot):
    ids: dict[str, int] = {}
    steps = [
        ("add_person", lambda: ids.update(p=st.add_person(store, "Sanne", "Verbeek", class_name="2B").id)),
        ("add_person", lambda: ids.update(q=st.add_person(store, "Daan", "Hofstede").id)),
        ("update_person", lambda: st.update_person(store, ids["p"], last_name="Verbeek-Smit")),
        ("create_case", lambda: ids.update(c=new_case(store, description=SECRET, roles=[(ids["p"], "gepeste")]).id)),
        ("update_case", lambda: st.update_case(store, ids["c"], description=SECRET + "!", forms=["woorden.bijnaam"])),
        ("assign_role", lambda: ids.update(r=st.assign_role(store, ids["c"], ids["q"], "pester").id)),
        ("mark_step_done", lambda: st.mark_step_done(store, ids["c"], 2, date(2026, 11, 5))),
        ("update_step_due_dates", lambda: st.update_step_due_dates(store, ids["c"], {3: date(2026, 11, 20)})),
        ("start_conversation", lambda: ids.update(t=st.start_conversation(
            store, ids["c"], "bijlage-6", participants=[(ids["p"], "gepeste")]).id)),
        ("add_participant", lambda: ids.update(pp=st.add_participant(store, ids["t"], ids["q"], "pester").id)),
        ("remove_participant", lambda: st.remove_participant(store, ids["pp"])),
        ("record_item_state", lambda: st.record_item_state(store, ids["t"], "b6.stappen.01", "done", SECRET)),
        ("save_conversation_notes", lambda: st.save_conversation_notes(store, ids["t"], SECRET)),
        ("end_conversation", lambda: st.end_conversation(store, ids["t"], notes=SECRET)),
        ("add_agreement", lambda: ids.update(a=st.add_agreement(store, ids["c"], SECRET, person_id=ids["q"]).id)),
        ("record_agreement_status", lambda: st.record_agreement_status(store, ids["a"], "kept", note=SECRET)),
        ("plan_followups", lambda: ids.update(f=st.plan_followups(
            store, ids["c"], [("na twee dagen", date(2026, 11, 25)), ("na een week", date(2026, 12, 1))])[0].id)),
        ("reschedule_followup", lambda: st.reschedule_followup(store, ids["f"], date(2026, 11, 26))),
        ("complete_followup", lambda: st.complete_followup(store, ids["f"], note=SECRET,
                                                           agreement_statuses={ids["a"]: "broken"})),
        ("cancel_followup", lambda: st.cancel_followup(store, ids["f"] + 1)),
        ("plan_parent_contact", lambda: ids.update(pc=st.plan_parent_contact(store, ids["c"], date(2026, 11, 20)).id)),
        ("record_parent_contact", lambda: st.record_parent_contact(
            store, ids["c"], date(2026, 11, 21), "thuis", SECRET, contact_id=ids["pc"])),
        ("escalate", lambda: st.escalate(store, ids["c"], "apc", reason=SECRET, sanction_phase=2)),
        ("add_evidence", lambda: ids.update(e=st.add_evidence(
            store, ids["c"], "bewijs.chatlogs", description=SECRET, username="@geheim").id)),
        ("update_evidence", lambda: st.update_evidence(store, ids["e"], description=SECRET)),
        ("close_case", lambda: st.close_case(store, ids["c"], reason=SECRET)),
        ("reopen_case", lambda: st.reopen_case(store, ids["c"])),
    ]
    seen = 0
    for name, action in steps:
        action()
        events = st.audit_events(store, limit=10_000)
        assert len(events) > seen, f"{name} wrote no audit event"
        seen = len(events)
    user = getpass.getuser()
    for event in st.audit_events(store, limit=10_000):
        assert event.os_user == user
        assert isinstance(event.at, datetime) and event.action in ("create", "update", "delete")
        for secret in (SECRET, "Sanne", "Verbeek", "Daan", "Hofstede", "@geheim"):
            assert secret not in event.summary, (event.table_name, event.summary)
    assert {e.table_name for e in st.audit_events(store, limit=10_000)} >= {
        "cases", "people", "case_roles", "step_progress", "conversations", "conversation_participants",
        "conversation_items", "agreements", "agreement_checks", "followups", "parent_contacts",
        "escalations", "evidence",
    }


def test_audit_events_of_one_case_newest_first(store, case):
    st.mark_step_done(store, case.id, 2, date(2026, 11, 5))
    events = st.audit_events(store, case_id=case.id)
    assert [e.summary for e in events] == ["stap 2 gedaan", f"melding {case.number} aangemaakt"]
    assert all(e.case_id == case.id for e in events)
    assert len(st.audit_events(store, limit=1)) == 1


def test_writes_touch_the_case(store, case):
    before = st.get_case(store, case.id).updated_at
    st.add_agreement(store, case.id, "A")
    assert st.get_case(store, case.id).updated_at >= before
