"""Agreements and follow-ups: planned, held, agreements kept or broken, replanned."""

from __future__ import annotations

from datetime import date

import pytest
from store_helpers import new_case

from pestcli.store import (
    InvalidValueError,
    NotFoundError,
    add_agreement,
    agreements_of_case,
    cancel_followup,
    complete_followup,
    followups_of_case,
    plan_followups,
    record_agreement_status,
    reschedule_followup,
    start_conversation,
)

SCHEDULE = [("na twee dagen", date(2026, 11, 25)), ("na een week", date(2026, 11, 30)),
            ("na twee jaar", date(2028, 11, 23))]


def test_agreements_with_person_and_conversation(store, case, pupils):
    _, bully = pupils
    talk = start_conversation(store, case.id, "bijlage-7")
    add_agreement(store, case.id, "Daan laat Sanne in de pauze met rust.", date(2026, 11, 23),
                  person_id=bully.id, conversation_id=talk.id)
    add_agreement(store, case.id, "De klas let op elkaar.", date(2026, 11, 23))
    views = agreements_of_case(store, case.id)
    assert [v.agreement.text for v in views] == ["Daan laat Sanne in de pauze met rust.", "De klas let op elkaar."]
    assert views[0].person.first_name == "Daan" and views[1].person is None
    assert views[0].agreement.conversation_id == talk.id and views[0].latest_status is None


def test_agreement_input_is_checked(store, case):
    with pytest.raises(InvalidValueError, match="De afspraak mag niet leeg zijn"):
        add_agreement(store, case.id, "  ")
    other = new_case(store)
    talk = start_conversation(store, other.id, "bijlage-7")
    with pytest.raises(InvalidValueError, match="hoort niet bij deze melding"):
        add_agreement(store, case.id, "x", conversation_id=talk.id)


def test_plan_and_complete_followups_with_agreement_statuses(store, case):
    rows = plan_followups(store, case.id, SCHEDULE)
    assert [(r.seq, r.label, r.due_on) for r in rows] == [(1, *SCHEDULE[0]), (2, *SCHEDULE[1]), (3, *SCHEDULE[2])]
    kept = add_agreement(store, case.id, "A", date(2026, 11, 23))
    broken = add_agreement(store, case.id, "B", date(2026, 11, 23))
    done = complete_followup(store, rows[0].id, date(2026, 11, 25), outcome="zorgen", note="Kort gesprek.",
                             done_by="mentor", agreement_statuses={kept.id: "kept", broken.id: "broken"})
    assert (done.done_on, done.outcome, done.note, done.done_by) == (date(2026, 11, 25), "zorgen", "Kort gesprek.", "mentor")
    # doing it again corrects the statuses instead of adding a second check
    complete_followup(store, rows[0].id, date(2026, 11, 25), agreement_statuses={broken.id: "kept"})
    status = {v.agreement.id: [c.status for c in v.checks] for v in agreements_of_case(store, case.id)}
    assert status == {kept.id: ["kept"], broken.id: ["kept"]}
    record_agreement_status(store, broken.id, "broken", date(2026, 11, 27), note="Weer gescholden.")
    views = {v.agreement.id: v for v in agreements_of_case(store, case.id)}
    assert views[broken.id].latest_status == "broken" and len(views[broken.id].checks) == 2


def test_a_bad_status_rolls_back_the_whole_followup(store, case):
    row = plan_followups(store, case.id, SCHEDULE[:1])[0]
    agreement = add_agreement(store, case.id, "A")
    with pytest.raises(InvalidValueError, match="status van een afspraak"):
        complete_followup(store, row.id, date(2026, 11, 25), agreement_statuses={agreement.id: "misschien"})
    assert followups_of_case(store, case.id)[0].done_on is None
    with pytest.raises(InvalidValueError, match="uitkomst"):
        complete_followup(store, row.id, outcome="prima")
    with pytest.raises(NotFoundError, match="Afspraak 999"):
        record_agreement_status(store, 999, "kept")


def test_an_agreement_of_another_case_is_refused_at_a_followup(store, case):
    row = plan_followups(store, case.id, SCHEDULE[:1])[0]
    other = add_agreement(store, new_case(store).id, "elders")
    with pytest.raises(InvalidValueError, match="hoort niet bij"):
        complete_followup(store, row.id, agreement_statuses={other.id: "kept"})


def test_reschedule_cancel_and_replan(store, case):
    rows = plan_followups(store, case.id, SCHEDULE)
    assert reschedule_followup(store, rows[1].id, date(2026, 12, 1)).due_on == date(2026, 12, 1)
    assert cancel_followup(store, rows[2].id, date(2026, 11, 26)).cancelled_on == date(2026, 11, 26)
    with pytest.raises(InvalidValueError, match="geannuleerd"):
        complete_followup(store, rows[2].id)
    complete_followup(store, rows[0].id, date(2026, 11, 25))
    fresh = plan_followups(store, case.id, [("na twee dagen", date(2026, 12, 3))],
                           replace_open=True, on=date(2026, 12, 1))
    assert fresh[0].seq == 4
    states = {r.seq: (r.done_on is not None, r.cancelled_on) for r in followups_of_case(store, case.id)}
    assert states == {1: (True, None), 2: (False, date(2026, 12, 1)), 3: (False, date(2026, 11, 26)), 4: (False, None)}


def test_bad_labels_are_refused(store, case):
    with pytest.raises(InvalidValueError):
        plan_followups(store, case.id, [("", date(2026, 1, 1))])
    with pytest.raises(NotFoundError):
        plan_followups(store, 99, SCHEDULE)
