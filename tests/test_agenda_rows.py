"""Agenda rows: overdue first (oldest first), then by date; groups; initials unless names are asked."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest

from pestcli.agenda import AgendaRow, agenda_rows, pupils_text
from pestcli.agenda.rows import end_of_week, group_of
from pestcli.names import initials
from pestcli.store import (
    add_person,
    cancel_followup,
    close_case,
    create_case,
    mark_step_done,
    open_store,
    plan_followups,
    plan_parent_contact,
)
from pestcli.store.models import Person

TODAY = date(2026, 11, 25)  # a Wednesday
SUNDAY = date(2026, 11, 29)


@pytest.fixture
def store(tmp_path):
    """An empty store on a real file."""
    opened = open_store(tmp_path / "data" / "pestcli.db")
    yield opened
    opened.close()


def make_case(store, victim, bully, due, class_name="2B"):
    """A case with a victim and a bully and the given step due dates."""
    return create_case(store, reported_on=date(2026, 11, 2), reporter_kind="leerling", parents_informed_after="na-stap-3",
                       protocol_name="Anti-pestprotocol", protocol_version="2.3", due_dates=due,
                       class_name=class_name, roles=[(victim.id, "gepeste"), (bully.id, "pester")])


@pytest.fixture
def agenda(store):
    """Two cases with steps, follow-ups and a parent contact around TODAY."""
    sanne = add_person(store, "Sanne", "Jansen", class_name="2B")
    daan = add_person(store, "Daan", "Vermeer", class_name="2B")
    zoe = add_person(store, "Zoë", "van den Heuvel", class_name="3HA")
    tim = add_person(store, "Tim", "de Boer", class_name="3HA")
    first = make_case(store, sanne, daan, {2: date(2026, 11, 20), 3: date(2026, 12, 4), 4: date(2026, 12, 11),
                                           6: date(2026, 12, 11)})
    second = make_case(store, zoe, tim, {2: date(2026, 11, 9), 3: date(2026, 11, 16), 4: date(2026, 11, 23),
                                         6: date(2026, 11, 23)}, class_name="3HA")
    for step in (2, 3, 4, 6):
        mark_step_done(store, second.id, step, date(2026, 11, 23))
    f1, f2, f3, f4 = plan_followups(store, second.id, [
        ("na twee dagen", date(2026, 11, 18)), ("na een week", TODAY), ("na een maand", date(2026, 11, 27)),
        ("na drie maanden", date(2026, 12, 2))])
    cancel_followup(store, f4.id, TODAY)
    plan_parent_contact(store, first.id, TODAY, pupil_id=sanne.id)
    closed = make_case(store, sanne, daan, {2: date(2026, 11, 1)})
    close_case(store, closed.id, date(2026, 11, 24))
    return {"first": first, "second": second, "sanne": sanne, "followups": (f1, f2, f3)}


def test_overdue_first_oldest_first_then_today_then_the_week(store, protocol, agenda):
    rows = agenda_rows(store, protocol, TODAY, SUNDAY, TODAY)
    assert all(isinstance(r, AgendaRow) for r in rows)
    assert [(r.group, r.due_on, r.kind, r.case_number) for r in rows] == [
        ("te laat", date(2026, 11, 18), "vervolg", "2026-0002"),
        ("te laat", date(2026, 11, 20), "stap", "2026-0001"),
        ("vandaag", TODAY, "ouders", "2026-0001"),
        ("vandaag", TODAY, "vervolg", "2026-0002"),
        ("deze week", date(2026, 11, 27), "vervolg", "2026-0002"),
    ]
    assert [r.overdue_days for r in rows] == [7, 5, 0, 0, 0]
    assert [r.what for r in rows] == [
        "Vervolggesprek na twee dagen", "Stap 2: gesprek met de gepeste leerling",
        "Gesprek met de ouders (stap 6)", "Vervolggesprek na een week", "Vervolggesprek na een maand"]
    assert rows[0].ref_id == agenda["followups"][0].id and rows[0].step == 5
    assert rows[1].step == 2 and rows[1].class_name == "2B"


def test_later_dates_and_overdue_only_when_asked(store, protocol, agenda):
    rows = agenda_rows(store, protocol, TODAY, TODAY + timedelta(days=20), TODAY)
    assert rows[-1].group == "later" and rows[-1].due_on == date(2026, 12, 11)
    narrow = agenda_rows(store, protocol, TODAY, SUNDAY, TODAY, include_overdue=False)
    assert [r.group for r in narrow] == ["vandaag", "vandaag", "deze week"]


def test_a_later_period_keeps_what_is_overdue_but_not_what_is_merely_earlier(store, protocol, agenda):
    rows = agenda_rows(store, protocol, date(2026, 11, 30), date(2026, 12, 6), TODAY)
    assert [(r.group, r.due_on) for r in rows] == [
        ("te laat", date(2026, 11, 18)), ("te laat", date(2026, 11, 20)), ("later", date(2026, 12, 4))]


def test_initials_unless_names_are_asked_for(store, protocol, agenda):
    plain = agenda_rows(store, protocol, TODAY, SUNDAY, TODAY)
    assert plain[0].pupils == "gepeste Z.v.d.H. · pester T.d.B."
    assert plain[1].pupils == "gepeste S.J. · pester D.V."
    text = " ".join(r.pupils for r in plain)
    for name in ("Sanne", "Jansen", "Daan", "Vermeer", "Zoë", "Heuvel", "Tim", "Boer"):
        assert name not in text
    named = agenda_rows(store, protocol, TODAY, SUNDAY, TODAY, include_names=True)
    assert named[0].pupils == "gepeste: Zoë van den Heuvel · pester: Tim de Boer"
    assert named[1].pupils == "gepeste: Sanne Jansen · pester: Daan Vermeer"


def test_filters_by_case_person_and_kind(store, protocol, agenda):
    by_case = agenda_rows(store, protocol, TODAY, SUNDAY, TODAY, case_id=agenda["second"].id)
    assert {r.case_id for r in by_case} == {agenda["second"].id} and len(by_case) == 3
    by_person = agenda_rows(store, protocol, TODAY, SUNDAY, TODAY, person_id=agenda["sanne"].id)
    assert {r.case_number for r in by_person} == {"2026-0001"}  # the closed case is left out
    by_kind = agenda_rows(store, protocol, TODAY, SUNDAY, TODAY, kinds={"ouders", "stap"})
    assert [r.kind for r in by_kind] == ["stap", "ouders"]


def test_groups_weeks_and_initials():
    assert end_of_week(TODAY) == SUNDAY and end_of_week(SUNDAY) == SUNDAY
    assert [group_of(d, TODAY) for d in (date(2026, 11, 24), TODAY, SUNDAY, date(2026, 11, 30))] == [
        "te laat", "vandaag", "deze week", "later"]
    assert initials("anna", "van der Berg") == "A.v.d.B."  # the one rule of pestcli.names
    assert initials("Mo", "") == "M."
    people = [("gepeste", Person(first_name="Sanne", last_name="Jansen", created_at=None)),
              ("pester", Person(first_name="Daan", last_name="Vermeer", created_at=None)),
              ("pester", Person(first_name="Tim", last_name="de Boer", created_at=None))]
    assert pupils_text(people) == "gepeste S.J. · pester D.V., T.d.B."
    assert pupils_text(people, include_names=True) == (
        "gepeste: Sanne Jansen · pester: Daan Vermeer, Tim de Boer")
    assert pupils_text([]) == ""


def test_the_agenda_package_imports_no_textual():
    code = ("import pestcli.agenda.rows, pestcli.agenda.table, pestcli.agenda.ics, pestcli.store.counts\n"
            "import sys; print('textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_planned_parent_contact_replaces_the_stap_6_row(tmp_path, protocol):
    """Stap 6 is the parent contact: when one is planned, the agenda shows it once."""
    from datetime import date

    from pestcli.agenda.rows import agenda_rows
    from pestcli.protocol.calendar import SchoolCalendar
    from pestcli.store import open_store, plan_parent_contact
    from pestcli.store.workflow import Rules, register_case

    rules = Rules(protocol, SchoolCalendar.load("zuid"))
    with open_store(tmp_path / "p.db") as store:
        case = register_case(store, rules, reported_on=date(2026, 11, 16), reporter_kind="ouder",
                             parents_informed_after="na-stap-1")
        today = date(2026, 11, 23)
        before = [r for r in agenda_rows(store, protocol, today, today, today) if r.case_id == case.id]
        assert any(r.kind == "stap" and r.step == 6 for r in before)
        plan_parent_contact(store, case.id, date(2026, 11, 20))
        after = [r for r in agenda_rows(store, protocol, today, today, today) if r.case_id == case.id]
        assert [r.kind for r in after if r.step == 6] == ["ouders"]
