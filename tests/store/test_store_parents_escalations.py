"""Parent contacts (planned, held) and escalations with sanction phases."""

from __future__ import annotations

from datetime import date

import pytest
from store_helpers import new_case

from pestcli.store import (
    InvalidValueError,
    NotFoundError,
    escalate,
    escalations_of_case,
    get_case,
    parent_contacts_of_case,
    plan_parent_contact,
    record_parent_contact,
)


def test_plan_then_hold_a_parent_contact(store, case, pupils):
    victim, bully = pupils
    planned = plan_parent_contact(store, case.id, date(2026, 11, 20), bully.id)
    held = record_parent_contact(store, case.id, date(2026, 11, 21), "school", "Ouders steunen de aanpak.",
                                 held_by="mentor", contact_id=planned.id)
    assert held.id == planned.id
    assert (held.planned_on, held.held_on, held.how, held.pupil_id) == (date(2026, 11, 20), date(2026, 11, 21), "school", bully.id)
    extra = record_parent_contact(store, case.id, date(2026, 11, 22), "telefoon", "Gebeld.", pupil_id=victim.id)
    assert extra.planned_on is None
    rows = parent_contacts_of_case(store, case.id)
    assert [(r.pupil_id, r.how, r.summary) for r in rows] == [
        (bully.id, "school", "Ouders steunen de aanpak."), (victim.id, "telefoon", "Gebeld."),
    ]


def test_parent_contact_checks(store, case):
    planned = plan_parent_contact(store, case.id, date(2026, 11, 20))
    with pytest.raises(InvalidValueError):
        record_parent_contact(store, case.id, date(2026, 11, 21), "")
    with pytest.raises(InvalidValueError, match="hoort niet bij deze melding"):
        record_parent_contact(store, new_case(store).id, date(2026, 11, 21), "thuis", contact_id=planned.id)
    with pytest.raises(NotFoundError, match="Leerling 99"):
        plan_parent_contact(store, case.id, date(2026, 11, 20), 99)


def test_escalation_sets_the_status_and_keeps_the_ladder(store, case):
    first = escalate(store, case.id, "apc", date(2026, 12, 1), reason="Afspraken gebroken.", sanction_phase=1,
                     escalated_by="mentor")
    escalate(store, case.id, "teamleider", date(2027, 1, 10), sanction_phase=3)
    assert get_case(store, case.id).status == "escalated"
    rows = escalations_of_case(store, case.id)
    assert [(r.to_rung, r.sanction_phase) for r in rows] == [("apc", 1), ("teamleider", 3)]
    assert rows[0].id == first.id and rows[0].reason == "Afspraken gebroken."


def test_escalation_checks(store, case):
    with pytest.raises(InvalidValueError, match="fase"):
        escalate(store, case.id, "apc", sanction_phase=6)
    with pytest.raises(InvalidValueError):
        escalate(store, case.id, "")
    assert get_case(store, case.id).status == "open"
