"""The mentor's actions through ``pestcli.services``: one transaction each, plain results."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import date

import pytest

from pestcli.services import cases, conversations, followups, parents, reads
from pestcli.services.errors import StoreError
from pestcli.services.reports import RegisteredCase


def test_a_registered_report_is_a_plain_value_with_its_number(store, case):
    assert isinstance(case, RegisteredCase)
    assert case.number.startswith("2026-")
    with pytest.raises(FrozenInstanceError):
        case.number = "x"  # type: ignore[misc]
    assert reads.get_case(store, case.id).number == case.number


def test_finishing_a_conversation_plans_stap5_marks_the_step_and_ends_it(store, rules, case):
    talk = conversations.start_conversation(store, case.id, "bijlage-2", step=2)
    done = conversations.finish_conversation(store, rules, case_id=case.id, conversation_id=talk, step=2,
                                             today=date(2026, 11, 5), complete=True, plan_followups=True)
    assert [f.label for f in done.followups][:1] and all(f.due_on > date(2026, 11, 5) for f in done.followups)
    assert done.followups == conversations.planned(reads.followups_of_case(store, case.id))
    progress = {r.step: r.done_on for r in reads.step_progress(store, case.id)}
    assert progress[2] == date(2026, 11, 5)
    assert reads.conversation_detail(store, talk).conversation.ended_at is not None
    assert done.next_step == ("Volgende stap: stap 5, vervolggesprekken (door mentor), eerstvolgende "
                              "vervolggesprek ma 9 nov 2026 (over 4 dagen).")


def test_finishing_without_choices_only_ends_the_conversation(store, rules, case):
    talk = conversations.start_conversation(store, case.id, "bijlage-2", step=2)
    done = conversations.finish_conversation(store, rules, case_id=case.id, conversation_id=talk, step=2,
                                             today=date(2026, 11, 5), complete=False, plan_followups=False)
    assert done.followups == ()
    assert {r.step: r.done_on for r in reads.step_progress(store, case.id)}[2] is None
    assert done.next_step.startswith("Volgende stap: stap 2")


def test_participants_change_in_one_transaction(store, case):
    people = {p.role: p.person.id for p in reads.people_in_case(store, case.id)}
    talk = conversations.start_conversation(store, case.id, "bijlage-2", step=2,
                                            participants=[(people["gepeste"], "gepeste")])
    current = {p.person.id: p.row.id for p in reads.conversation_detail(store, talk).participants}
    with pytest.raises(StoreError):  # adds Daan, then fails on a row that does not exist
        conversations.save_participants(store, talk, {**current, -1: 999}, {people["pester"]: "pester"})
    assert {p.person.id for p in reads.conversation_detail(store, talk).participants} == {people["gepeste"]}
    conversations.save_participants(store, talk, current, {people["pester"]: "pester"})
    assert {p.person.id for p in reads.conversation_detail(store, talk).participants} == {people["pester"]}


def test_the_move_rule_lives_in_one_place(rules):
    current, today = date(2026, 12, 7), date(2026, 12, 1)
    assert followups.plan_move(current, date(2026, 11, 30), today, rules.calendar).problem == (
        "ma 30 nov 2026 is al voorbij; kies vandaag of een latere dag.")
    assert followups.plan_move(current, current, today, rules.calendar).problem == (
        "Het vervolggesprek staat al op ma 7 dec 2026.")
    saturday = followups.plan_move(current, date(2026, 12, 12), today, rules.calendar)
    assert (saturday.lands_on, saturday.moved_because, saturday.problem) == (
        date(2026, 12, 14), "valt op een zaterdag", None)
    sunday_before = followups.plan_move(current, date(2026, 12, 6), today, rules.calendar)
    assert sunday_before.lands_on == current and "al staat" in (sunday_before.problem or "")
    weekday = followups.plan_move(current, date(2026, 12, 9), today, rules.calendar)
    assert (weekday.lands_on, weekday.moved_because, weekday.problem) == (date(2026, 12, 9), None, None)


def test_moving_a_follow_up_returns_where_it_landed_and_why(store, rules, case):
    planned = conversations.plan_followups(store, rules, case.id, date(2026, 11, 5))
    moved = followups.move_followup(store, rules, planned[0].id, date(2026, 12, 12), "Mentor is ziek.")
    assert (moved.due_on, moved.moved_because) == (date(2026, 12, 14), "valt op een zaterdag")
    assert moved.message == "Vervolggesprek verzet naar ma 14 dec 2026 (za 12 dec 2026 valt op een zaterdag)."
    stored = next(f for f in reads.followups_of_case(store, case.id) if f.id == planned[0].id)
    assert (stored.due_on, stored.moved_reason) == (date(2026, 12, 14), "Mentor is ziek.")


def test_a_parent_contact_and_stap6_are_saved_together_or_not_at_all(store, rules, case):
    pupil = next(p.person.id for p in reads.people_in_case(store, case.id) if p.role == "gepeste")
    parent = parents.add_parent(store, case.id, pupil, "Els", "Verbeek", "moeder")
    with pytest.raises(StoreError):  # a contact id of no contact: nothing saved, stap 6 not done
        parents.log_parent_contact(store, rules, case.id, date(2026, 11, 6), "telefoon", contact_id=999,
                                   parent_ids=[parent.id], completes_step=True)
    assert {r.step: r.done_on for r in reads.step_progress(store, case.id)}[6] is None
    contact = parents.log_parent_contact(store, rules, case.id, date(2026, 11, 6), "telefoon", "Gebeld.",
                                         pupil_id=pupil, parent_ids=[parent.id], completes_step=True)
    assert isinstance(contact, int)
    assert {r.step: r.done_on for r in reads.step_progress(store, case.id)}[6] == date(2026, 11, 6)


def test_escalate_close_and_reopen_return_plain_values(store, case):
    escalation = cases.escalate(store, case.id, "apc", date(2026, 11, 20), reason="Afspraken gebroken.")
    assert isinstance(escalation, int)
    assert reads.get_case(store, case.id).status == "escalated"
    assert cases.close_case(store, case.id, date(2026, 11, 30), "Opgelost.") == date(2026, 11, 30)
    assert cases.reopen_case(store, case.id) == case.number
    assert reads.get_case(store, case.id).status == "open"


def test_a_step_done_moves_the_later_due_dates(store, rules, case):
    before = {r.step: r.due_on for r in reads.step_progress(store, case.id)}
    assert cases.mark_step_done(store, rules, case.id, 2, date(2026, 11, 3)) == date(2026, 11, 3)
    after = {r.step: r.due_on for r in reads.step_progress(store, case.id)}
    assert after[3] <= before[3]
