"""followup_context: one follow-up with its case, people and agreements, by id alone."""

from __future__ import annotations

from datetime import date

import pytest

from pestcli.store import add_agreement, plan_followups, record_agreement_status
from pestcli.store.errors import NotFoundError
from pestcli.store.followup_views import followup_context


def test_a_followup_comes_with_its_case_people_and_agreements(store, case, pupils):
    victim, bully = pupils
    first, second = plan_followups(store, case.id, [("na twee dagen", date(2026, 11, 25)),
                                                    ("na een week", date(2026, 11, 30))])
    agreement = add_agreement(store, case.id, "Daan laat Sanne met rust.", date(2026, 11, 23),
                              person_id=bully.id)
    record_agreement_status(store, agreement.id, "kept", date(2026, 11, 25), followup_id=first.id)

    context = followup_context(store, second.id)

    assert context.followup.id == second.id and context.followup.label == "na een week"
    assert context.case.id == case.id and context.case.number == case.number
    assert [p.id for p in context.with_role("gepeste")] == [victim.id]
    assert [p.id for p in context.with_role("pester")] == [bully.id]
    assert [a.agreement.text for a in context.agreements] == ["Daan laat Sanne met rust."]
    assert context.agreements[0].person.id == bully.id
    assert context.agreements[0].latest_status == "kept"


def test_an_unknown_followup_is_a_dutch_not_found_error(store):
    with pytest.raises(NotFoundError) as raised:
        followup_context(store, 999)
    assert "Vervolggesprek" in str(raised.value)
