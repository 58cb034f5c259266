"""Follow-up outcomes: kept, one more chance, escalation to the APC, the next phase; one transaction."""

from __future__ import annotations

from datetime import date

import pytest

from pestcli.store import (
    FollowUpOutcome,
    InvalidValueError,
    add_agreement,
    agreements_of_case,
    cancel_followup,
    escalate,
    escalations_of_case,
    followups_of_case,
    get_case,
    ladder_state,
    open_store,
    plan_followups,
    record_followup_outcome,
)
from pestcli.store import outcomes as outcomes_module
from pestcli.store.values import FOLLOWUP_OUTCOMES
from pestcli.store.workflow import Rules

AGREED = date(2026, 11, 2)
PLAN = [("na twee dagen", date(2026, 11, 4)), ("na een week", date(2026, 11, 9)),
        ("na een maand", date(2026, 12, 2)), ("na drie maanden", date(2027, 2, 2))]


@pytest.fixture(scope="module")
def rules() -> Rules:
    """The shipped protocol with its region's school calendar."""
    return Rules.load()


@pytest.fixture
def planned(store, case, pupils):
    """The case's follow-ups and one agreement of the bully."""
    rows = plan_followups(store, case.id, PLAN)
    agreement = add_agreement(store, case.id, "Ik laat Sanne met rust.", AGREED, person_id=pupils[1].id)
    return rows, agreement


def test_kept_agreements_need_no_decision(store, rules, case, planned):
    rows, agreement = planned
    result = record_followup_outcome(store, rules, rows[0].id, kept=True, note="Gaat goed.",
                                     done_on=date(2026, 11, 4), done_by="mentor",
                                     agreement_statuses={agreement.id: "kept"})
    assert isinstance(result, FollowUpOutcome)
    assert result.decision is None and result.escalation is None and result.extra is None
    assert result.followup.outcome == "goed" and result.followup.done_on == date(2026, 11, 4)
    assert agreements_of_case(store, case.id)[0].latest_status == "kept"
    assert ladder_state(store, case.id, rules.protocol.rules).broken == 0
    assert len(followups_of_case(store, case.id)) == len(PLAN)


def test_first_breach_gives_one_more_chance_with_an_extra_follow_up(db_path, store, rules, case, planned):
    rows, agreement = planned
    friday = date(2026, 11, 27)
    result = record_followup_outcome(store, rules, rows[0].id, kept=False, done_on=friday,
                                     agreement_statuses={agreement.id: "broken"})
    assert result.decision.kind == "kans" and result.escalation is None
    assert "nog één kans" in result.decision.text
    assert result.followup.outcome == "gebroken-kans"
    assert FOLLOWUP_OUTCOMES["gebroken-kans"] == "Afspraken gebroken: nog één kans"  # a Dutch label
    # two school days after Friday 27 November: Monday 30 November, Tuesday 1 December
    assert result.extra.due_on == date(2026, 12, 1)
    store.close()
    reopened = open_store(db_path)
    extra = [f for f in followups_of_case(reopened, case.id) if f.id == result.extra.id]
    assert extra[0].label == "na de extra kans" and extra[0].done_on is None
    assert get_case(reopened, case.id).status == "open"
    assert escalations_of_case(reopened, case.id) == []
    state = ladder_state(reopened, case.id, rules.protocol.rules)
    assert (state.broken, state.chances_given, state.rung, state.sanction_phase) == (1, 1, "mentor", 0)
    assert agreements_of_case(reopened, case.id)[0].latest_status == "broken"
    reopened.close()


def test_second_breach_escalates_to_the_apc_with_phase_1_and_third_gives_phase_2(
        db_path, store, rules, case, planned):
    rows, _ = planned
    record_followup_outcome(store, rules, rows[0].id, kept=False, done_on=date(2026, 11, 4))
    second = record_followup_outcome(store, rules, rows[1].id, kept=False, done_on=date(2026, 11, 9))
    assert second.decision.kind == "escalatie" and second.decision.who == "apc"
    assert second.escalation.to_rung == "apc" and second.escalation.sanction_phase == 1
    assert second.followup.outcome == "gebroken-escalatie"
    store.close()
    reopened = open_store(db_path)
    (stored,) = escalations_of_case(reopened, case.id)
    assert (stored.to_rung, stored.sanction_phase, stored.escalated_on) == ("apc", 1, date(2026, 11, 9))
    assert stored.reason == second.decision.text and "coördinator" in stored.reason
    assert get_case(reopened, case.id).status == "escalated"
    third = record_followup_outcome(reopened, rules, rows[2].id, kept=False, done_on=date(2026, 12, 2))
    assert third.decision.kind == "sanctie" and third.escalation.sanction_phase == 2
    assert [e.sanction_phase for e in escalations_of_case(reopened, case.id)] == [1, 2]
    state = ladder_state(reopened, case.id, rules.protocol.rules)
    assert (state.broken, state.chances_given, state.rung, state.sanction_phase) == (3, 1, "apc", 2)
    reopened.close()


@pytest.mark.parametrize("step", ["_escalate", "_plan_extra"])
def test_a_failure_in_the_middle_stores_nothing(db_path, store, rules, case, planned, monkeypatch, step):
    rows, agreement = planned
    if step == "_escalate":  # reach the escalation: the chance is already used
        record_followup_outcome(store, rules, rows[0].id, kept=False, done_on=date(2026, 11, 4))
    target = rows[1]
    real = getattr(outcomes_module, step)

    def write_then_fail(*args, **kwargs):
        real(*args, **kwargs)  # the row is in the session: it must be rolled back
        raise RuntimeError("disk pulled")

    monkeypatch.setattr(outcomes_module, step, write_then_fail)
    before = [(f.id, f.due_on, f.done_on, f.outcome) for f in followups_of_case(store, case.id)]
    with pytest.raises(RuntimeError):
        record_followup_outcome(store, rules, target.id, kept=False, done_on=date(2026, 11, 9),
                                agreement_statuses={agreement.id: "broken"})
    store.close()
    reopened = open_store(db_path)
    after = [(f.id, f.due_on, f.done_on, f.outcome) for f in followups_of_case(reopened, case.id)]
    assert after == before
    assert agreements_of_case(reopened, case.id)[0].checks == []
    assert escalations_of_case(reopened, case.id) == []
    assert get_case(reopened, case.id).status == "open"
    reopened.close()


def test_cancelled_and_already_recorded_follow_ups_are_refused(store, rules, case, planned):
    rows, _ = planned
    cancel_followup(store, rows[3].id, date(2026, 11, 20))
    with pytest.raises(InvalidValueError, match="geannuleerd"):
        record_followup_outcome(store, rules, rows[3].id, kept=True)
    record_followup_outcome(store, rules, rows[0].id, kept=True, done_on=date(2026, 11, 4))
    with pytest.raises(InvalidValueError, match="al vastgelegd"):
        record_followup_outcome(store, rules, rows[0].id, kept=False)


def test_ladder_state_follows_escalations_made_by_hand(store, rules, case, planned):
    rows, _ = planned
    escalate(store, case.id, "teamleider", date(2026, 11, 5), sanction_phase=3)
    state = ladder_state(store, case.id, rules.protocol.rules)
    assert (state.rung, state.sanction_phase) == ("teamleider", 3)
    result = record_followup_outcome(store, rules, rows[0].id, kept=False, done_on=date(2026, 11, 9))
    assert result.decision.sanction_phase == 4 and result.escalation.to_rung == "teamleider"
    assert ladder_state(store, case.id).rung == "teamleider"  # without rules: the latest rung


def test_every_stored_outcome_has_a_dutch_label():
    assert set(outcomes_module.BROKEN_OUTCOMES.values()) | {outcomes_module.KEPT} <= set(FOLLOWUP_OUTCOMES)
