"""``Store.transaction``: a use case's writes are committed together, or not at all."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from pestcli.services import conversations
from pestcli.services.errors import NotFoundError, StoreError
from pestcli.store import add_agreement, agreements_of_case, followups_of_case, step_progress


def test_writes_inside_a_transaction_are_read_back_before_the_commit(store, case):
    with store.transaction():
        add_agreement(store, case.id, "Daan laat Sanne met rust.", date(2026, 11, 5))
        assert [v.agreement.text for v in agreements_of_case(store, case.id)] == ["Daan laat Sanne met rust."]
    assert len(agreements_of_case(store, case.id)) == 1


def test_a_failure_rolls_back_every_write_of_the_transaction(store, case):
    with pytest.raises(RuntimeError), store.transaction():
        add_agreement(store, case.id, "Daan laat Sanne met rust.", date(2026, 11, 5))
        add_agreement(store, case.id, "Sanne meldt het als het weer gebeurt.", date(2026, 11, 5))
        raise RuntimeError("stroom weg")
    assert agreements_of_case(store, case.id) == []


def test_another_thread_sees_nothing_before_the_commit(store, case):
    seen: list[int] = []
    with store.transaction():
        add_agreement(store, case.id, "Daan laat Sanne met rust.", date(2026, 11, 5))
        reader = threading.Thread(target=lambda: seen.append(len(agreements_of_case(store, case.id))))
        reader.start()
        reader.join()
    assert seen == [0]
    assert len(agreements_of_case(store, case.id)) == 1


def test_an_inner_transaction_joins_the_outer_one(store, case):
    with pytest.raises(RuntimeError), store.transaction():
        with store.transaction():
            add_agreement(store, case.id, "Daan laat Sanne met rust.", date(2026, 11, 5))
        raise RuntimeError("daarna mis")
    assert agreements_of_case(store, case.id) == []


def test_finishing_a_conversation_that_fails_at_the_end_leaves_the_case_as_it_was(store, rules, case):
    """The old screen made three transactions: a failure in the last left stap 5 planned and the step done."""
    before = [(r.step, r.done_on, r.due_on) for r in step_progress(store, case.id)]
    with pytest.raises(NotFoundError):
        conversations.finish_conversation(store, rules, case_id=case.id, conversation_id=999, step=2,
                                          today=date(2026, 11, 5), complete=True, plan_followups=True)
    assert followups_of_case(store, case.id) == []
    assert [(r.step, r.done_on, r.due_on) for r in step_progress(store, case.id)] == before


def test_a_read_only_file_refuses_the_whole_transaction_in_dutch(store, case):
    store.read_only = "het bestand is alleen-lezen"
    with pytest.raises(StoreError, match="alleen-lezen"), store.transaction():
        pass
