"""Who reported, as a person: stored with the case, checked, never left behind after an erasure."""

from __future__ import annotations

import json
from datetime import date

import pytest
from store_helpers import new_case

from pestcli.store import add_person, case_detail, count_cases, get_case
from pestcli.store.access import pupil_record
from pestcli.store.erasure import erase_case_for_good, erase_pupil
from pestcli.store.errors import InvalidValueError
from pestcli.store.backend.files import sidecars
from pestcli.store.new_people import NewPerson
from pestcli.store.reporter import Reporter, one_line

TODAY = date(2026, 11, 23)


def raw_bytes(db_path) -> bytes:
    """The database file and its -wal, as they are on disk."""
    data = db_path.read_bytes()
    for extra in sidecars(db_path):
        if extra.exists():
            data += extra.read_bytes()
    return data


@pytest.fixture
def victim(store):
    return add_person(store, "Zeynep", "Oosterbroek", class_name="2B")


def test_a_staff_member_by_name(store, victim):
    case = new_case(store, reporter_kind="medewerker", roles=[(victim.id, "gepeste")],
                    reporter=Reporter(name="  Karin\tSmeets \n"))
    row = get_case(store, case.id)
    assert (row.reporter_name, row.reporter_relation, row.reporter_person_id) == ("Karin Smeets", "", None)


def test_a_parent_with_the_relation(store, victim):
    case = new_case(store, reporter_kind="ouder", roles=[(victim.id, "gepeste")],
                    reporter=Reporter.parent("Anouk Oosterbroek", "moeder van Zeynep"))
    row = get_case(store, case.id)
    assert (row.reporter_name, row.reporter_relation) == ("Anouk Oosterbroek", "moeder van Zeynep")


def test_anonymous_keeps_no_name(store, victim):
    case = new_case(store, reporter_kind="anoniem", roles=[(victim.id, "gepeste")], reporter=Reporter.anonymous())
    row = get_case(store, case.id)
    assert (row.reporter_name, row.reporter_relation, row.reporter_person_id) == ("", "", None)


def test_a_known_pupil_of_the_case(store, victim):
    case = new_case(store, roles=[(victim.id, "gepeste")], reporter=Reporter.pupil(victim.id))
    assert get_case(store, case.id).reporter_person_id == victim.id


def test_a_pupil_added_with_the_case(store, victim):
    witness = NewPerson("Noor", "el Amrani", "2B")
    case = new_case(store, reporter_kind="medeleerling", roles=[(victim.id, "gepeste")],
                    new_people=[(NewPerson("Daan", "Hofstede", "2B"), "pester"), (witness, "stille-getuige")],
                    reporter=Reporter.new_pupil(witness))
    detail = case_detail(store, case.id)
    reporter = next(p.person for p in detail.people if p.person.id == detail.case.reporter_person_id)
    assert (reporter.first_name, reporter.last_name) == ("Noor", "el Amrani")


@pytest.mark.parametrize("reporter", [
    Reporter.pupil(999),                                   # not in the case
    Reporter.new_pupil(NewPerson("Iemand", "Anders")),     # not among the new pupils
    Reporter(person_id=1, name="Karin Smeets"),            # two people at once
    Reporter(relation="moeder van Zeynep"),                # a relation without a name
])
def test_a_reporter_who_cannot_be_stored_is_refused_and_nothing_is_saved(store, victim, reporter):
    with pytest.raises(InvalidValueError):
        new_case(store, roles=[(victim.id, "gepeste")], reporter=reporter)
    assert count_cases(store) == 0


def test_one_line_removes_control_characters():
    assert one_line("Karin\x1b[31m Smeets\r\n") == "Karin [31m Smeets"


def test_erasing_the_case_leaves_no_reporter_name_in_the_file(store, db_path, victim):
    case = new_case(store, reporter_kind="ouder", roles=[(victim.id, "gepeste")],
                    reporter=Reporter.parent("Wilhelmina Brandsma", "tante van Zeynep"),
                    informing_reason="Brandsma maakt zich zorgen.")
    assert b"Brandsma" in raw_bytes(db_path)
    erase_case_for_good(store, case.id, "bewaartermijn", today=TODAY)
    data = raw_bytes(db_path)
    assert b"Brandsma" not in data and b"Wilhelmina" not in data and b"tante van" not in data


def test_erasing_a_reporting_pupil_unlinks_them_from_a_case_that_stays(store, victim):
    other = add_person(store, "Bram", "Kuipers", class_name="2B")
    case = new_case(store, reporter_kind="medeleerling", roles=[(victim.id, "gepeste"), (other.id, "helper")],
                    reporter=Reporter.pupil(other.id), informing_reason="Bram Kuipers zag het.")
    erase_pupil(store, other.id, "verzoek", today=TODAY)
    row = get_case(store, case.id)
    assert row.reporter_person_id is None
    assert "Kuipers" not in row.informing_reason  # the reason is redacted like every other text


def test_the_pupils_access_export_does_not_name_the_reporter(store, victim):
    bully = add_person(store, "Bram", "Kuipers", class_name="2B")
    new_case(store, reporter_kind="medewerker", roles=[(victim.id, "gepeste"), (bully.id, "pester")],
             reporter=Reporter(name="Karin Smeets"), description="Karin Smeets zag Bram duwen.",
             parents_informed_after="na-stap-1", informing_reason="Smeets vindt het ernstig.")
    record = pupil_record(store, bully.id)
    text = json.dumps(record, ensure_ascii=False)
    assert "Smeets" not in text and "Karin" not in text
    [case] = record["meldingen"]
    assert case["omschrijving"] == "[naam] zag Bram duwen."
    assert (case["ouders_inlichten"], case["zelf_gemeld"]) == ("na-stap-1", False)


def test_erasing_a_pupil_redacts_their_name_in_a_parent_reporter_of_a_shared_case(store, victim):
    other = add_person(store, "Bram", "Kuipers", class_name="2B")
    case = new_case(store, reporter_kind="ouder", roles=[(victim.id, "gepeste"), (other.id, "pester")],
                    reporter=Reporter.parent("Anouk Oosterbroek", "moeder van Zeynep"))
    erase_pupil(store, victim.id, "verzoek", today=TODAY)
    row = get_case(store, case.id)  # Bram is still in it, so the case stays
    assert "Oosterbroek" not in row.reporter_name and "Zeynep" not in row.reporter_relation
