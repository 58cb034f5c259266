"""The pupil's dossier text: only what concerns that pupil, others by role and initials (AVG)."""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime

import pytest

from pestcli.protocol.calendar import SchoolCalendar
from pestcli.report.build import load_summary
from pestcli.report.dossier import PupilNotFound, dossier_text, find_pupil, pupils_of
from pestcli.names import initials
from pestcli.store import (
    add_agreement,
    add_person,
    case_detail,
    end_conversation,
    escalate,
    list_cases,
    open_store,
    record_item_state,
    record_parent_contact,
    start_conversation,
)
from pestcli.store.workflow import Rules, register_case

TODAY = date(2026, 11, 23)



@pytest.fixture
def demo(demo_template, tmp_path):
    """A private, open copy of the demo database."""
    shutil.copytree(demo_template, tmp_path / "data")
    opened = open_store(tmp_path / "data" / "pestcli.db", daily_backup=False)
    yield opened
    opened.close()


@pytest.fixture
def store(tmp_path):
    """An empty database."""
    opened = open_store(tmp_path / "leeg" / "pestcli.db", daily_backup=False)
    yield opened
    opened.close()


def busiest_case(store) -> int:
    """The demo case with the most conversations."""
    return max((c.id for c in list_cases(store)),
               key=lambda i: (len(case_detail(store, i).conversations), len(case_detail(store, i).escalations)))


def name_parts(line) -> list[str]:
    """First name, last name and full name of a person."""
    return [line.first_name, line.last_name, line.name]


def test_victim_and_bully_never_see_each_others_names_but_do_see_initials(demo, protocol):
    summary = load_summary(demo, protocol, busiest_case(demo), TODAY)
    victim = next(p for p in summary.people if p.role_id == "gepeste")
    bully = next(p for p in summary.people if p.role_id == "pester")
    for reader, other in ((victim, bully), (bully, victim)):
        text = dossier_text(summary, reader.person_id)
        for part in name_parts(other):
            assert not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text, re.IGNORECASE), (reader.name, part)
        assert f"({other.initials})" in text
        assert reader.name in text
    victim_text = dossier_text(summary, victim.person_id)
    assert "“De pester (H.B.) blijft uit de buurt van Zoë op het schoolplein.”" in victim_text
    assert "Afspraak" in victim_text or "Afspraken:" in victim_text


def test_only_what_concerns_the_pupil(demo, protocol):
    summary = load_summary(demo, protocol, busiest_case(demo), TODAY)
    victim = next(p for p in summary.people if p.role_id == "gepeste")
    bully = next(p for p in summary.people if p.role_id == "pester")
    follower = next(p for p in summary.people if p.role_id == "meeloper")
    victim_text = dossier_text(summary, victim.person_id)
    bully_text = dossier_text(summary, bully.person_id)
    follower_text = dossier_text(summary, follower.person_id)
    assert "bijlage 6" in victim_text and "bijlage 4" not in victim_text      # not the bully's talk
    assert "bijlage 4" in bully_text and "bijlage 6" not in bully_text
    assert "bijlage 7" in victim_text and "bijlage 7" in bully_text            # the talk they shared
    assert "bijlage 7" not in follower_text and "Afspraken:" not in follower_text
    assert "Fase 1: een lichte corrigerende maatregel" in bully_text           # the sanction is the bully's
    assert "Fase 1" not in victim_text and "overgedragen aan de anti-pestcoördinator" in victim_text
    assert "Vervolggesprekken (stap 5):" in victim_text and "Vervolggesprekken" not in follower_text
    assert victim_text.count("Contact met de ouders van deze leerling:") == 1


def test_plain_text_without_markdown(demo, protocol):
    summary = load_summary(demo, protocol, busiest_case(demo), TODAY)
    text = dossier_text(summary, pupils_of(summary)[0].person_id)
    assert "**" not in text and "#" not in text and "|" not in text and "`" not in text
    assert text.startswith("Pestmelding 2026-0007 (vertrouwelijk)\nLeerling: Zoë Habets (3HA)\n")
    assert text.endswith("(AVG).\n")


def test_names_inside_free_text_are_replaced_too(store, protocol):
    rules = Rules(protocol, SchoolCalendar.load(protocol.rules.region))
    sanne = add_person(store, "Sanne", "Verbeek", class_name="2C")
    jesse = add_person(store, "Jesse", "van den Berg", class_name="2C")
    lotte = add_person(store, "Lotte", "Smeets", class_name="2C")
    case = register_case(store, rules, reported_on=date(2026, 11, 2), reporter_kind="leerling",
                         parents_informed_after="na-stap-1", description="Jesse van den Berg scheldt Sanne uit; Lotte lacht.",
                         roles=[(sanne.id, "gepeste"), (jesse.id, "pester"), (lotte.id, "meeloper")])
    talk = start_conversation(store, case.id, "bijlage-7", step=4, participants=[
        (sanne.id, "gepeste"), (jesse.id, "pester")], started_at=datetime(2026, 11, 9, 10, 0))
    record_item_state(store, talk.id, "b7.fase1.01", "done", "Sanne vertelt; Van den Berg luistert, Berg knikt.")
    end_conversation(store, talk.id, datetime(2026, 11, 9, 10, 40), notes="JESSE bood excuses aan Sanne aan.")
    add_agreement(store, case.id, "Jesse laat Sanne met rust.", date(2026, 11, 9), person_id=jesse.id,
                  conversation_id=talk.id)
    record_parent_contact(store, case.id, date(2026, 11, 10), "telefoon", "Moeder van Sanne gebeld over Jesse.",
                          pupil_id=sanne.id)
    escalate(store, case.id, "apc", date(2026, 11, 20), sanction_phase=1, reason="Jesse hield zich niet aan de afspraak.")
    summary = load_summary(store, protocol, case.id, TODAY)
    text = dossier_text(summary, sanne.id)
    for word in ("Jesse", "van den Berg", "Berg", "Lotte", "Smeets", "JESSE"):
        assert word not in text, word
    assert "De pester (J.v.d.B.) scheldt Sanne uit; de meeloper (L.S.) lacht." in text
    assert "De pester (J.v.d.B.) bood excuses aan Sanne aan." in text
    assert "Moeder van Sanne gebeld over de pester (J.v.d.B.)." in text
    assert "40 minuten" in text and "niet aan de afspraak" not in text
    bully_text = dossier_text(summary, jesse.id)
    assert "Sanne" not in bully_text and "Verbeek" not in bully_text and "(S.V.)" in bully_text
    assert "Moeder" not in bully_text                       # the victim's parent contact is not his
    assert "reden: de pester" not in bully_text and "reden: Jesse hield zich niet aan de afspraak" in bully_text


def test_find_pupil_by_number_or_one_name_fragment(demo, protocol):
    summary = load_summary(demo, protocol, busiest_case(demo), TODAY)
    victim = next(p for p in summary.people if p.role_id == "gepeste")
    assert find_pupil(summary, str(victim.person_id)) == victim
    assert find_pupil(summary, "zoe") == victim                     # accents do not matter
    assert find_pupil(summary, "HABETS") == victim
    with pytest.raises(PupilNotFound, match="Geen leerling in melding 2026-0007 past bij ‘Fenna’"):
        find_pupil(summary, "Fenna")
    with pytest.raises(PupilNotFound, match="past bij meer dan één leerling"):
        find_pupil(summary, "a")
    with pytest.raises(PupilNotFound):
        find_pupil(summary, "99999")


@pytest.mark.parametrize(("first", "last", "expected"), [
    ("Daan", "Verbeek", "D.V."), ("Jesse", "van Dongen", "J.v.D."), ("Zoë", "Habets", "Z.H."),
    ("Anna", "", "A."), ("Ruud", "de la Fuente", "R.d.l.F."),
])
def test_initials(first, last, expected):
    assert initials(first, last) == expected


def test_a_name_two_people_share_becomes_naam_not_a_wrong_role(store, protocol):
    rules = Rules(protocol, SchoolCalendar.load(protocol.rules.region))
    victim = add_person(store, "Sem", "Aarts", class_name="1A")
    bully = add_person(store, "Sem", "Bakker", class_name="1A")
    helper = add_person(store, "Lies", "Bakker", class_name="1A")
    case = register_case(store, rules, reported_on=date(2026, 11, 2), reporter_kind="leerling",
                         parents_informed_after="na-stap-3", description="Sem Bakker duwde Sem; Bakker lachte. Lies hielp.",
                         roles=[(victim.id, "gepeste"), (bully.id, "pester"), (helper.id, "helper")])
    summary = load_summary(store, protocol, case.id, TODAY)
    text = dossier_text(summary, victim.id)
    assert "Wat er gebeurde: De pester (S.B.) duwde [naam]; [naam] lachte. De helper (L.B.) hielp." in text
    assert "Bakker" not in text and "Lies" not in text
    bully_text = dossier_text(summary, bully.id)
    assert "Wat er gebeurde: Sem Bakker duwde [naam]; [naam] lachte. De helper (L.B.) hielp." in bully_text
    assert "Aarts" not in bully_text
