"""The escalation ladder (sections 7-9) and the next action in a case."""

from __future__ import annotations

import dataclasses
import tomllib
from datetime import date
from pathlib import Path

import pytest

from pestcli.protocol.deadlines import Due
from pestcli.protocol.errors import ProtocolError
from pestcli.protocol.escalation import (
    Decision,
    LadderState,
    NextAction,
    next_action,
    on_broken_agreements,
)
from pestcli.protocol.model import EscalationRung, Rules, SanctionPhase, Step

DATA = Path(__file__).resolve().parents[1] / "data" / "protocol"


def load_rules() -> Rules:
    """The escalation part of the rules in protocol.toml."""
    raw = tomllib.loads((DATA / "protocol.toml").read_text(encoding="utf-8"))
    return Rules(
        followups=(), followup_anchor="stap-4",
        chances_after_broken=raw["escalation"]["chances_after_broken"],
        escalation=tuple(EscalationRung(**r) for r in raw["escalation"]["rung"]),
        sanctions=tuple(SanctionPhase(number=s["number"], title=s["title"],
                                      description=tuple(s["description"]), who=s["who"])
                        for s in raw["sanction"]))


def load_steps() -> tuple[Step, ...]:
    """The steps of steps.toml (titles and actors)."""
    raw = tomllib.loads((DATA / "steps.toml").read_text(encoding="utf-8"))["step"]
    return tuple(Step(number=s["number"], title=s["title"], actor=s["actor"],
                      summary=s["summary"], text=tuple(s["text"])) for s in raw)


RULES = load_rules()
STEPS = load_steps()


def walk(rules: Rules, breaches: int) -> list[Decision]:
    """The decisions for ``breaches`` breaches in a row, from a fresh case."""
    state, decisions = LadderState(), []
    for _ in range(breaches):
        decision = on_broken_agreements(rules, state)
        decisions.append(decision)
        state = decision.new_state
    return decisions


# --- the ladder -------------------------------------------------------------------

def test_rules_data_is_what_the_ladder_expects():
    assert RULES.chances_after_broken == 1
    assert [r.id for r in RULES.escalation] == ["mentor", "apc", "teamleider"]
    assert [(p.number, p.who) for p in RULES.sanctions] == [
        (1, "apc"), (2, "apc"), (3, "teamleider"), (4, "teamleider"), (5, "teamleider")]


def test_the_whole_ladder_from_first_breach_to_the_end():
    steps = walk(RULES, 8)
    assert [(d.kind, d.who, d.rung.id, d.sanction_phase) for d in steps] == [
        ("kans", "mentor", "mentor", None),
        ("escalatie", "apc", "apc", 1),
        ("sanctie", "apc", "apc", 2),
        ("escalatie", "teamleider", "teamleider", 3),
        ("sanctie", "teamleider", "teamleider", 4),
        ("sanctie", "teamleider", "teamleider", 5),
        ("einde", "teamleider", "teamleider", None),
        ("einde", "teamleider", "teamleider", None),
    ]
    assert [d.new_state for d in steps[:3]] == [
        LadderState(broken=1, chances_given=1, rung="mentor", sanction_phase=0),
        LadderState(broken=2, chances_given=1, rung="apc", sanction_phase=1),
        LadderState(broken=3, chances_given=1, rung="apc", sanction_phase=2),
    ]
    assert steps[-1].new_state == LadderState(broken=8, chances_given=1, rung="teamleider",
                                              sanction_phase=5)


def test_first_breach_gives_the_one_extra_chance():
    decision = on_broken_agreements(RULES, LadderState())
    assert decision.kind == "kans"
    assert "nog één kans om het eigen gedrag te verbeteren" in decision.text
    assert "De mentor maakt nieuwe afspraken" in decision.text


def test_second_breach_hands_the_dossier_to_the_apc():
    decision = walk(RULES, 2)[-1]
    assert "De mentor draagt het dossier over aan de anti-pestcoördinator" in decision.text
    assert "overhandigt de coördinator het dossier" in decision.text
    assert "heeft verder de regie" in decision.text
    assert "Fase 1: een lichte corrigerende maatregel" in decision.text


def test_phase_3_moves_the_lead_to_the_teamleider():
    decision = walk(RULES, 4)[-1]
    assert "De regie gaat naar: Teamleider / directie." in decision.text
    assert "in overleg met de directie" in decision.text
    assert "Fase 3: sancties" in decision.text


def test_phase_texts_quote_section_9():
    texts = [d.text for d in walk(RULES, 6)[1:]]
    assert "stelopdracht" in texts[0]
    assert "tweede gesprek met de ouder(s)" in texts[1]
    assert "schorsing van één dag" in texts[3]
    assert "Bureau VSV" in texts[4]


def test_after_phase_5_nothing_further():
    decision = walk(RULES, 7)[-1]
    assert decision.kind == "einde"
    assert "Fase 5: verwijdering" in decision.text
    assert "in afwachting van verwijdering" in decision.text


def test_no_chances_means_escalation_on_the_first_breach():
    decision = on_broken_agreements(dataclasses.replace(RULES, chances_after_broken=0),
                                    LadderState())
    assert (decision.kind, decision.who, decision.sanction_phase) == ("escalatie", "apc", 1)


def test_two_chances_if_a_school_decides_so():
    kinds = [d.kind for d in walk(dataclasses.replace(RULES, chances_after_broken=2), 3)]
    assert kinds == ["kans", "kans", "escalatie"]


def test_the_lead_never_moves_down():
    rules = dataclasses.replace(RULES, sanctions=tuple(
        dataclasses.replace(p, who="apc") if p.number == 4 else p for p in RULES.sanctions))
    decision = walk(rules, 5)[-1]
    assert decision.sanction_phase == 4
    assert decision.rung.id == "teamleider"
    assert decision.new_state.rung == "teamleider"


def test_unknown_rungs_are_protocol_errors():
    with pytest.raises(ProtocolError):
        on_broken_agreements(RULES, LadderState(rung="conciërge"))
    bad = dataclasses.replace(RULES, sanctions=(dataclasses.replace(RULES.sanctions[0],
                                                                    who="rector"),))
    with pytest.raises(ProtocolError):
        walk(bad, 2)
    with pytest.raises(ProtocolError):
        on_broken_agreements(dataclasses.replace(RULES, escalation=()), LadderState())


def test_states_and_decisions_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        LadderState().broken = 3  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        walk(RULES, 1)[0].kind = "einde"  # type: ignore[misc]


# --- the next action -------------------------------------------------------------

TODAY = date(2026, 11, 30)
DUE = {2: Due(date(2026, 11, 30), date(2026, 11, 30)),
       3: Due(date(2026, 12, 7), date(2026, 12, 7)),
       4: Due(date(2026, 12, 14), date(2026, 12, 14)),
       6: Due(date(2026, 12, 14), date(2026, 12, 14))}
SEVERE_DUE = {**DUE, 6: Due(date(2026, 11, 30), date(2026, 11, 30))}


def test_nothing_done_means_stap_2():
    action = next_action(set(), LadderState(), 0, TODAY, DUE, steps=STEPS)
    assert action == NextAction("mentor", "Gesprek met de gepeste leerling (stap 2)", 2,
                                date(2026, 11, 30), False)


def test_overdue_when_the_due_date_has_passed():
    action = next_action({}, LadderState(), 0, date(2026, 12, 1), DUE)
    assert action.step == 2 and action.overdue
    assert not next_action({}, LadderState(), 0, date(2026, 11, 30), DUE).overdue


def test_steps_in_order_with_parents_by_due_date_not_severe():
    order = []
    done: set[int] = set()
    while (action := next_action(done, LadderState(), 0, TODAY, DUE)).step is not None:
        order.append(action.step)
        done.add(action.step)
    assert order == [2, 3, 4, 6]  # stap 6 ties with stap 4: the step comes first


def test_steps_in_order_with_parents_by_due_date_severe():
    order = []
    done: set[int] = set()
    while (action := next_action(done, LadderState(), 0, TODAY, SEVERE_DUE)).step is not None:
        order.append(action.step)
        done.add(action.step)
    assert order == [2, 6, 3, 4]


def test_done_mapping_with_none_values():
    done = {2: date(2026, 11, 25), 3: None}
    action = next_action(done, LadderState(), 0, TODAY, DUE, steps=STEPS)
    assert action.step == 3
    assert action.what == "Gesprek met de pester en meelopers (stap 3)"


def test_open_follow_ups_come_after_the_steps():
    action = next_action({2, 3, 4, 6}, LadderState(), 3, TODAY, DUE, steps=STEPS,
                         next_followup=date(2026, 11, 27))
    assert (action.who, action.step, action.due, action.overdue) == (
        "mentor", 5, date(2026, 11, 27), True)
    assert action.what == "Vervolggesprekken (stap 5): nog 3 open"


def test_escalated_case_names_the_rung_holding_the_lead():
    state = walk(RULES, 3)[-1].new_state
    action = next_action({2, 3, 4, 6}, state, 2, TODAY, DUE, rules=RULES)
    assert action.who == "apc"
    assert action.step is None
    assert action.what == ("Anti-pestcoördinator heeft de regie: Fase 2: een tweede gesprek "
                           "met de ouder(s) (de mentor heeft nog 2 vervolggesprekken open).")
    bare = next_action({2, 3, 4, 6}, state, 0, TODAY, DUE)
    assert bare.what == "apc heeft de regie: fase 2."


def test_a_pending_step_still_comes_before_the_lead():
    state = LadderState(broken=2, chances_given=1, rung="apc", sanction_phase=1)
    assert next_action({2, 3, 4}, state, 0, TODAY, DUE).step == 6


def test_nothing_open():
    action = next_action({2, 3, 4, 6}, LadderState(), 0, TODAY, DUE)
    assert action == NextAction("mentor", "Geen open acties: blijf de leerlingen volgen.")


def test_missing_due_dates_are_tolerated():
    action = next_action(set(), LadderState(), 0, TODAY, {})
    assert (action.step, action.due, action.overdue) == (2, None, False)
