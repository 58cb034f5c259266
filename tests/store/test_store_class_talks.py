"""The class conversation and the class's agreements, per class and school year (bijlage 1, spoor 4)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest

from pestcli.store import (
    add_agreement,
    add_class_agreement,
    audit_events,
    class_agreements,
    class_conversation_detail,
    class_conversations,
    conversations_of_case,
    end_class_conversation,
    known_classes,
    open_store,
    plan_followups,
    record_agreement_status,
    record_class_agreement_status,
    record_class_item_state,
    record_item_state,
    start_class_conversation,
    start_conversation,
    unfinished_class_conversation,
)
from pestcli.store.class_talks import check_class_agreement
from pestcli.store.errors import InvalidValueError, NotFoundError
from pestcli.store.backend.migrate import current_revision, downgrade_store, head_revision, upgrade_store
from store_helpers import new_case

YEAR = "2026-2027"


def test_a_class_conversation_belongs_to_the_class_and_remembers_the_case(store, case):
    talk = start_class_conversation(store, " 2B ", YEAR, case_id=case.id, started_at=datetime(2026, 11, 23, 9))
    assert (talk.class_name, talk.school_year, talk.case_id, talk.guide_id) == ("2B", YEAR, case.id, "bijlage-1")
    assert unfinished_class_conversation(store, "2B", YEAR).id == talk.id
    assert unfinished_class_conversation(store, "2B", "2025-2026") is None
    assert conversations_of_case(store, case.id) == []  # no longer stored inside the case
    end_class_conversation(store, talk.id)
    assert unfinished_class_conversation(store, "2B", YEAR) is None
    assert [t.id for t in class_conversations(store, "2B", YEAR)] == [talk.id]
    assert "klassengesprek bijlage-1 gestart" in [e.summary for e in audit_events(store, case_id=case.id)]


def test_a_ticked_item_is_an_agreement_of_the_class_and_unticking_takes_it_back(store, case):
    talk = start_class_conversation(store, "2B", YEAR, case_id=case.id)
    record_class_item_state(store, talk.id, "b1.afspraken.03", "done", agreement_text="niet uitschelden of uitlachen",
                            on=date(2026, 11, 23))
    record_class_item_state(store, talk.id, "b1.afspraken.03", "done", "Iedereen knikte",
                            agreement_text="niet uitschelden of uitlachen", on=date(2026, 11, 23))
    (view,) = class_agreements(store, "2B", YEAR)
    assert (view.agreement.text, view.agreement.item_id, view.agreement.agreed_on, view.last_check) == (
        "niet uitschelden of uitlachen", "b1.afspraken.03", date(2026, 11, 23), None)
    assert class_conversation_detail(store, talk.id).items["b1.afspraken.03"].note == "Iedereen knikte"
    record_class_item_state(store, talk.id, "b1.afspraken.03", "skipped", agreement_text="niet uitschelden")
    assert class_agreements(store, "2B", YEAR) == []
    # an item that makes no agreement (the parents are informed) is only ticked
    record_class_item_state(store, talk.id, "b1.afspraken.ouders", "done")
    assert class_agreements(store, "2B", YEAR) == []
    assert class_agreements(store, "3C", YEAR) == [] and class_agreements(store, " ", YEAR) == []


def test_own_agreements_and_their_checks(store, case):
    talk = start_class_conversation(store, "2B", YEAR)
    own = add_class_agreement(store, "2B", YEAR, "We laten elkaar uitpraten", date(2026, 11, 23), talk.id)
    record_class_agreement_status(store, own.id, "broken", date(2026, 11, 30), "Twee keer door elkaar")
    (view,) = class_agreements(store, "2B", YEAR)
    assert view.agreement.item_id == "" and view.last_check.status == "broken"
    with pytest.raises(InvalidValueError):
        add_class_agreement(store, "2B", YEAR, "   ", date(2026, 11, 23))
    with pytest.raises(InvalidValueError):
        record_class_agreement_status(store, own.id, "misschien", date(2026, 11, 30))
    with pytest.raises(InvalidValueError):
        start_class_conversation(store, "", YEAR)
    with pytest.raises(NotFoundError):
        start_class_conversation(store, "2B", YEAR, case_id=999)


def test_a_followup_checks_only_the_agreements_of_its_own_class(store, case):
    (followup,) = plan_followups(store, case.id, [("na twee dagen", date(2026, 11, 25))])
    ours = add_class_agreement(store, "2B", YEAR, "Help elkaar", date(2026, 11, 23))
    theirs = add_class_agreement(store, "3C", YEAR, "Luister naar elkaar", date(2026, 11, 23))
    with store.write() as session:
        check_class_agreement(session, ours.id, "kept", date(2026, 11, 25), followup.id)
    assert class_agreements(store, "2B", YEAR)[0].last_check.followup_id == followup.id
    with pytest.raises(InvalidValueError), store.write() as session:
        check_class_agreement(session, theirs.id, "kept", date(2026, 11, 25), followup.id)


def test_known_classes_from_cases_pupils_and_conversations(store, case):
    start_class_conversation(store, "1A", YEAR)
    assert known_classes(store) == ["1A", "2B"]


def test_the_upgrade_moves_a_class_talk_out_of_its_case(db_path, store, pupils):
    """A bijlage-1 conversation stored in a case (before 0008) becomes its class's conversation."""
    victim, bully = pupils
    with_class = new_case(store, roles=[(victim.id, "gepeste")], class_name="2B")
    without = new_case(store, roles=[(bully.id, "gepeste")], class_name="")
    talk = start_conversation(store, with_class.id, "bijlage-1", started_at=datetime(2026, 11, 20, 10))
    record_item_state(store, talk.id, "b1.afspraken.01", "done", "Duidelijk")
    record_item_state(store, talk.id, "b1.afspraken.ouders", "done")
    record_item_state(store, talk.id, "b1.afspraken.02", "skipped")
    own = add_agreement(store, with_class.id, "We groeten elkaar", date(2026, 11, 20), conversation_id=talk.id)
    (followup,) = plan_followups(store, with_class.id, [("na twee dagen", date(2026, 11, 24))])
    record_agreement_status(store, own.id, "kept", date(2026, 11, 24), followup_id=followup.id)
    kept_in_case = start_conversation(store, without.id, "bijlage-1")
    stap2 = start_conversation(store, with_class.id, "bijlage-2", step=2)
    # as it was before 0008: take the schema back, then up again
    downgrade_store(store, "0007")
    upgrade_store(store, backup_first=False)
    assert current_revision(store) == head_revision()

    (moved,) = class_conversations(store, "2B", "2026-2027")
    assert (moved.case_id, moved.started_at) == (with_class.id, datetime(2026, 11, 20, 10))
    detail = class_conversation_detail(store, moved.id)
    assert {k: (v.state, v.note) for k, v in detail.items.items()} == {
        "b1.afspraken.01": ("done", "Duidelijk"), "b1.afspraken.ouders": ("done", ""),
        "b1.afspraken.02": ("skipped", "")}
    views = class_agreements(store, "2B", "2026-2027")
    assert [(v.agreement.text, v.agreement.item_id) for v in views] == [
        ("zeg geen vervelende of kwetsende dingen tegen elkaar", "b1.afspraken.01"), ("We groeten elkaar", "")]
    assert views[1].last_check.status == "kept" and views[1].last_check.followup_id == followup.id
    assert [t.id for t in conversations_of_case(store, with_class.id)] == [stap2.id]
    assert [t.id for t in conversations_of_case(store, without.id)] == [kept_in_case.id]
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM agreements").fetchone() == (0,)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()


def test_the_downgrade_puts_a_class_talk_back_into_its_case(db_path, store, case):
    talk = start_class_conversation(store, "2B", YEAR, case_id=case.id)
    record_class_item_state(store, talk.id, "b1.afspraken.05", "done", agreement_text="niet dreigen")
    add_class_agreement(store, "2B", YEAR, "Eigen afspraak", date(2026, 11, 23), talk.id)
    downgrade_store(store, "0007")
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT guide_id, step FROM conversations").fetchall() == [("bijlage-1", None)]
    assert con.execute("SELECT item_id, state FROM conversation_items").fetchall() == [("b1.afspraken.05", "done")]
    assert con.execute("SELECT text, person_id FROM agreements").fetchall() == [("Eigen afspraak", None)]
    con.close()
    upgrade_store(store, backup_first=False)
    (again,) = class_conversations(store, "2B", YEAR)  # and up again: the class's once more
    assert again.case_id == case.id
    assert {(a.agreement.text, a.agreement.item_id) for a in class_agreements(store, "2B", YEAR)} == {
        ("niet dreigen of chanteren, ook niet via WhatsApp of social media", "b1.afspraken.05"),
        ("Eigen afspraak", "")}


def test_the_store_file_is_reopened_with_the_class_talk(db_path, store, case):
    talk = start_class_conversation(store, "2B", YEAR, case_id=case.id)
    store.close()
    again = open_store(db_path)
    assert unfinished_class_conversation(again, "2B", YEAR).id == talk.id
    again.close()


def test_the_audit_trail_names_the_class_tables_in_dutch(store, case):
    from pestcli.store.audit_log import audit_rows

    talk = start_class_conversation(store, "2B", YEAR, case_id=case.id)
    record_class_item_state(store, talk.id, "b1.afspraken.01", "done", agreement_text="zeg geen …")
    add_class_agreement(store, "2B", YEAR, "Eigen afspraak", date(2026, 11, 23), talk.id)
    words = " ".join(str(row) for row in audit_rows(store))
    assert "klassengesprek" in words and "punt van een klassengesprek" in words
    assert "afspraak met de klas" in words and "class_" not in words


def test_erasing_the_case_keeps_the_class_conversation(store, case):
    """The class conversation belongs to the class: erasing the case it was started from keeps it."""
    from pestcli.store.erasure import erase_case_for_good

    talk = start_class_conversation(store, "2B", YEAR, case_id=case.id)
    add_class_agreement(store, "2B", YEAR, "Help elkaar", date(2026, 11, 23), talk.id)
    erase_case_for_good(store, case.id, "verzoek")
    (kept,) = class_conversations(store, "2B", YEAR)
    assert (kept.id, kept.case_id) == (talk.id, None)
    assert [v.agreement.text for v in class_agreements(store, "2B", YEAR)] == ["Help elkaar"]
