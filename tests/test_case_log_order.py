"""The case log "nieuwste eerst" is in true order within a day (issue 12).

One busy day, Thursday 5 November 2026: the report comes in, a conversation
with the victim (stap 2) from 10:00 to 10:40 with an agreement made in it,
stap 2 marked done, and a conversation with the bully (stap 3) from 14:00 to
14:30. Before the fix the rows with only a date sorted at the end of the day:
the report and the morning's agreement and step stood above the afternoon's
conversation, as if they came after it.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pestcli.protocol.calendar import SchoolCalendar
from pestcli.screens.case_log import case_log
from pestcli.store import (
    add_agreement,
    add_person,
    case_detail,
    end_conversation,
    open_store,
    record_parent_contact,
    start_conversation,
)
from pestcli.store.workflow import Rules, complete_step, register_case

DAY = date(2026, 11, 5)


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "log.db", daily_backup=False)
    yield opened
    opened.close()


def busy_day(store, protocol) -> int:
    """The case of the busy day; returns its id."""
    rules = Rules(protocol, SchoolCalendar.load(protocol.rules.region))
    fenna = add_person(store, "Fenna", "Kuipers", class_name="1A")
    jesse = add_person(store, "Jesse", "van Dongen", class_name="1A")
    case = register_case(store, rules, reported_on=DAY, reporter_kind="leerling",
                         parents_informed_after="na-stap-3", class_name="1A", forms=["lichamelijk.duwen"],
                         mentor="M. Jansen", roles=[(fenna.id, "gepeste"), (jesse.id, "pester")])
    morning = start_conversation(store, case.id, "bijlage-6", step=2, started_at=datetime(2026, 11, 5, 10, 0))
    add_agreement(store, case.id, "Fenna meldt het meteen.", DAY, person_id=fenna.id,
                  conversation_id=morning.id)
    end_conversation(store, morning.id, datetime(2026, 11, 5, 10, 40))
    complete_step(store, rules, case.id, 2, DAY, "M. Jansen")
    afternoon = start_conversation(store, case.id, "bijlage-4", step=3, started_at=datetime(2026, 11, 5, 14, 0))
    end_conversation(store, afternoon.id, datetime(2026, 11, 5, 14, 30))
    record_parent_contact(store, case.id, DAY, "telefoon", "Moeder gebeld.", pupil_id=fenna.id)
    return case.id


def test_one_busy_day_reads_newest_first_in_true_order(store, protocol):
    entries = case_log(case_detail(store, busy_day(store, protocol)), protocol)
    texts = [e.text for e in entries]
    first_words = [t.split(":")[0] for t in texts]
    assert first_words[:-1] == [
        "Oudercontact van Fenna Kuipers (telefoon)",   # only a date, nothing to place it: end of day
        "Gesprek afgerond",                            # 14:30
        "Gesprek gestart",                             # 14:00
        "Stap 2 gedaan door M. Jansen",                # right after the morning's conversation
        "Afspraak (Fenna Kuipers)",                    # made in the morning's conversation
        "Gesprek afgerond",                            # 10:40
        "Gesprek gestart",                             # 10:00
    ]
    assert first_words[-1].startswith("Melding geregistreerd")  # the first thing of the day
    assert "(stap 3)" in texts[1] and "(stap 2)" in texts[5]
    # The rows with only a date still show only the date, not a time they were not given.
    assert [e.when for e in entries if e.at is None] == ["do 5 nov 2026"] * 4
    moments = [e.moment for e in entries]
    assert moments == sorted(moments, reverse=True)


def test_an_agreement_typed_in_later_for_another_day_sorts_at_the_end_of_its_day(store, protocol):
    case_id = busy_day(store, protocol)
    add_agreement(store, case_id, "Jesse laat Fenna met rust.", date(2026, 11, 4))
    entries = case_log(case_detail(store, case_id), protocol)
    texts = [e.text for e in entries]
    # 4 November, before the report of the 5th: below it, the last row.
    assert texts[-1] == "Afspraak (iedereen): Jesse laat Fenna met rust."


def test_a_parent_contact_and_stap_6_follow_the_parents_conversation(store, protocol):
    case_id = busy_day(store, protocol)
    rules = Rules(protocol, SchoolCalendar.load(protocol.rules.region))
    later = date(2026, 11, 9)
    parents = start_conversation(store, case_id, "bijlage-7", step=6, started_at=datetime(2026, 11, 9, 9, 0))
    end_conversation(store, parents.id, datetime(2026, 11, 9, 9, 30))
    fenna = next(p.person for p in case_detail(store, case_id).people if p.person.first_name == "Fenna")
    record_parent_contact(store, case_id, later, "school", "Vader op school.", pupil_id=fenna.id)
    complete_step(store, rules, case_id, 6, later, "M. Jansen")
    talk = start_conversation(store, case_id, "bijlage-4", step=3, started_at=datetime(2026, 11, 9, 13, 0))
    end_conversation(store, talk.id, datetime(2026, 11, 9, 13, 45))
    entries = [e for e in case_log(case_detail(store, case_id), protocol) if e.day == later]
    words = [e.text.split(":")[0] for e in entries]
    assert words[:2] == ["Gesprek afgerond", "Gesprek gestart"]        # 13:45, 13:00 (stap 3)
    assert words[2] == "Stap 6 gedaan door M. Jansen"                 # after the contact it follows from
    assert words[3].startswith("Oudercontact van Fenna Kuipers")      # right after the 9:00 talk
    assert words[4:] == ["Gesprek afgerond", "Gesprek gestart"]       # 9:30, 9:00 (stap 6)
    assert "(stap 6)" in entries[4].text
