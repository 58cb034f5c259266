"""The case screen's pure parts: the log (newest first), the timeline rows, the next action."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from pestcli.protocol.calendar import SchoolCalendar
from pestcli.screens.case_log import case_log
from pestcli.screens.case_sections import header_text, next_text, people_text
from pestcli.store.case_state import case_next_action
from pestcli.store.case_state import ladder_state_of as ladder_state
from pestcli.store import (
    add_agreement,
    add_evidence,
    add_person,
    case_detail,
    close_case,
    end_conversation,
    escalate,
    open_store,
    record_agreement_status,
    record_parent_contact,
    start_conversation,
)
from pestcli.store.workflow import Rules, complete_step, plan_stap5, register_case
from pestcli.protocol.dates import MONTH_SHORT
from pestcli.widgets.timeline import DONE, INFORMING_ROW, LATE, OPEN, step_lines, when_text

REPORTED = date(2026, 11, 2)  # a Monday
TODAY = date(2026, 11, 23)


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "log.db", daily_backup=False)
    yield opened
    opened.close()


@pytest.fixture
def rules(protocol):
    return Rules(protocol, SchoolCalendar.load(protocol.rules.region))


@pytest.fixture
def case_id(store, rules):
    fenna = add_person(store, "Fenna", "Kuipers", class_name="1A")
    jesse = add_person(store, "Jesse", "van Dongen", class_name="1A")
    ilse = add_person(store, "Ilse", "Maessen", class_name="1A")
    case = register_case(store, rules, reported_on=REPORTED, reporter_kind="ouder", parents_informed_after="na-stap-3",
                         class_name="1A", forms=["lichamelijk.duwen"], mentor="M. Jansen",
                         roles=[(fenna.id, "gepeste"), (jesse.id, "pester"), (ilse.id, "helper")])
    return case.id


def test_log_is_newest_first_with_every_kind_of_event(store, rules, protocol, case_id):
    people = {p.person.first_name: p.person for p in case_detail(store, case_id).people}
    talk = start_conversation(store, case_id, "bijlage-6", step=2, started_at=datetime(2026, 11, 5, 10, 0))
    end_conversation(store, talk.id, datetime(2026, 11, 5, 10, 40))
    complete_step(store, rules, case_id, 2, date(2026, 11, 5), "M. Jansen")
    made = add_agreement(store, case_id, "Ik laat Fenna met rust.", date(2026, 11, 12),
                         person_id=people["Jesse"].id)
    record_agreement_status(store, made.id, "broken", date(2026, 11, 16))
    record_parent_contact(store, case_id, date(2026, 11, 17), "telefoon", "Moeder gebeld.",
                          pupil_id=people["Fenna"].id)
    escalate(store, case_id, "apc", date(2026, 11, 17), reason="Afspraak gebroken.", sanction_phase=2)
    close_case(store, case_id, date(2026, 11, 20), "Opgelost.")

    entries = case_log(case_detail(store, case_id), protocol)
    texts = [e.text for e in entries]

    assert texts[0] == "Melding gesloten: Opgelost."
    # Same day, no time: the escalation comes after the parent contact, so it is shown above it.
    assert texts[1].startswith("Geëscaleerd naar Anti-pestcoördinator, Fase 2: een tweede gesprek")
    assert texts[1].endswith("— Afspraak gebroken.")
    assert texts[2] == "Oudercontact van Fenna Kuipers (telefoon): Moeder gebeld."
    assert texts[3] == "Afspraak gebroken (Jesse van Dongen): Ik laat Fenna met rust."
    assert texts[4] == "Afspraak (Jesse van Dongen): Ik laat Fenna met rust."
    assert texts[5] == "Stap 2 gedaan door M. Jansen: Gesprek met de gepeste leerling"
    assert texts[6].startswith("Gesprek afgerond: bijlage 6: ")
    assert texts[7].startswith("Gesprek gestart: bijlage 6: ") and texts[7].endswith("(stap 2)")
    assert texts[-1] == "Melding geregistreerd (een ouder meldt)"
    assert entries[6].when == "do 5 nov 2026 10:40"
    assert entries[0].when == "vr 20 nov 2026"
    moments = [e.moment for e in entries]
    assert moments == sorted(moments, reverse=True)


def test_log_names_evidence_and_followups(store, rules, protocol, case_id, tmp_path):
    shot = tmp_path / "shot.png"
    shot.write_bytes(b"\x89PNG fake")
    add_evidence(store, case_id, "bewijs.schermafdruk", platform="Snapchat", username="@x",
                 occurred_at=datetime(2026, 11, 1, 21, 14), source_file=shot)
    plan_stap5(store, rules, case_id, date(2026, 11, 12))
    texts = [e.text for e in case_log(case_detail(store, case_id), protocol)]
    assert any(t.startswith("Bewijs vastgelegd: Schermafdruk") and "(Snapchat, @x), bestand shot.png" in t
               for t in texts)
    # Planned follow-ups have not happened: they are not in the log.
    assert not any("Vervolggesprek" in t for t in texts)


def test_log_without_protocol_still_reads(store, case_id):
    texts = [e.text for e in case_log(case_detail(store, case_id))]
    assert texts == ["Melding geregistreerd (ouder meldt)"]


def test_timeline_marks_overdue_steps_with_a_word(store, rules, protocol, case_id):
    detail = case_detail(store, case_id)
    lines = step_lines(detail, protocol, TODAY)
    assert [line.number for line in lines] == [1, 2, 3, 4, 5, 6, INFORMING_ROW]  # drawn under stap 2
    by_number = {line.number: line for line in lines}
    assert by_number[1].status == DONE and by_number[1].done == REPORTED
    due2 = rules.due_dates(REPORTED, "gemiddeld", {1: REPORTED})[2]
    assert due2 < TODAY
    assert by_number[2].status == LATE == "TE LAAT" and by_number[2].overdue
    assert by_number[2].due == due2
    assert when_text(by_number[2], TODAY).endswith("dagen te laat)")
    assert by_number[5].status == OPEN and "nog niet gepland" in when_text(by_number[5], TODAY)
    # On the day of the report nothing is late yet.
    assert all(line.status != LATE for line in step_lines(detail, protocol, REPORTED))


def test_timeline_step_5_follows_the_followups(store, rules, protocol, case_id):
    planned = plan_stap5(store, rules, case_id, date(2026, 11, 12))
    line = step_lines(case_detail(store, case_id), protocol, TODAY)[4]
    assert line.number == 5
    assert line.due == planned[0].due_on
    assert f"0 van {len(planned)} gehouden" in line.title
    assert line.status == (LATE if planned[0].due_on < TODAY else OPEN)


def test_next_action_and_texts(store, rules, protocol, case_id):
    detail = case_detail(store, case_id)
    action = case_next_action(detail, protocol, TODAY)
    assert action.step == 2 and action.overdue and action.who == "mentor"
    text, late = next_text(detail, protocol, TODAY)
    assert late and text.startswith("TE LAAT · Volgende: Gesprek met de gepeste leerling (stap 2)")
    assert "aan de beurt: Mentor" in text
    header = header_text(detail, protocol)
    assert "Melding 2026-0001" in header and "Protocol: Anti-pestprotocol 2.3" in header
    assert "Ouders inlichten: Na stap 3" in header and "Online: nee" in header
    assert "Gemeld door: Een ouder (naam niet vastgelegd)" in header  # a case registered without a name
    assert protocol.form_label("lichamelijk.duwen").rstrip(".") in header
    assert people_text(detail, protocol).splitlines() == [
        "Gepeste: Fenna Kuipers (1A)", "Pester: Jesse van Dongen (1A)", "Helper: Ilse Maessen (1A)"]


def test_escalated_case_names_who_has_the_lead(store, rules, protocol, case_id):
    for step in (2, 3, 4, 6):
        complete_step(store, rules, case_id, step, REPORTED + timedelta(days=step))
    escalate(store, case_id, "teamleider", date(2026, 11, 20), sanction_phase=3)
    detail = case_detail(store, case_id)
    state = ladder_state(detail, protocol)
    assert (state.rung, state.sanction_phase) == ("teamleider", 3)
    text, late = next_text(detail, protocol, TODAY)
    assert "Teamleider / directie heeft de regie: Fase 3: sancties" in text
    assert "aan de beurt: Teamleider / directie" in text and not late


def test_closed_case_says_closed(store, protocol, case_id):
    close_case(store, case_id, date(2026, 11, 20), "Opgelost.")
    text, late = next_text(case_detail(store, case_id), protocol, TODAY)
    assert text.splitlines()[0] == "Gesloten op vr 20 nov 2026 — Opgelost." and not late
    # closed with the monitoring going on (the default), and nothing planned: it says so
    assert text.splitlines()[1] == "Monitoring gaat door (stap 5); er staat geen vervolggesprek meer gepland."


def test_times_are_shown_to_the_minute():
    from pestcli.screens.case_log import LogEntry

    entry = LogEntry(date(2026, 11, 23), "gesprek", "x", datetime.combine(date(2026, 11, 23), time(9, 5)))
    assert entry.when == "ma 23 nov 2026 09:05"


def test_log_text_wraps_at_spaces_and_keeps_line_breaks():
    from pestcli.screens.case_log import wrap_text

    assert wrap_text("Gesprek gestart: bijlage 6", 12) == ["Gesprek", "gestart:", "bijlage 6"]
    assert wrap_text("Moeder gebeld.\nZij steunt de aanpak.", 40) == ["Moeder gebeld.", "Zij steunt de aanpak."]
    assert wrap_text("https://voorbeeld.invalid/abc", 10) == ["https://vo", "orbeeld.in", "valid/abc"]
    assert wrap_text("tab\there", 20) == ["tab here"]  # control characters never reach the terminal
    assert wrap_text("", 10) == [""]


def test_log_view_puts_the_moment_on_the_first_line_of_each_row():
    from pestcli.screens.case_log import LogEntry, LogView

    view = LogView()
    view.show([LogEntry(date(2026, 11, 20), "gesloten", "Melding gesloten: opgelost na het tweede gesprek"),
               LogEntry(date(2026, 11, 2), "melding", "Melding geregistreerd")])
    lines = view.lines(22 + 21)  # 21 cells for the text
    assert lines == [("vr 20 nov 2026", "Melding gesloten:", True),
                     ("", "opgelost na het", True),
                     ("", "tweede gesprek", True),
                     ("ma 2 nov 2026", "Melding geregistreerd", False)]


def test_case_sections_are_one_text_with_literal_contents():
    from pestcli.screens.case import sections_content

    content = sections_content([("Betrokkenen", "Gepeste: [b]Fenna[/b]"), ("Afspraken", "Nog geen afspraken.")])
    assert content.plain == "\nBetrokkenen\nGepeste: [b]Fenna[/b]\n\nAfspraken\nNog geen afspraken."


def test_the_next_line_of_an_escalated_case_has_no_stray_full_stop(store, rules, protocol, case_id):
    """Issue 13: "(de mentor heeft nog 2 vervolggesprekken open). — aan de beurt:" read awkwardly."""
    for step in (2, 3, 4, 6):
        complete_step(store, rules, case_id, step, REPORTED + timedelta(days=step))
    plan_stap5(store, rules, case_id, date(2026, 11, 12))
    escalate(store, case_id, "apc", date(2026, 11, 20))
    text, _ = next_text(case_detail(store, case_id), protocol, TODAY)
    assert "vervolggesprekken open) — aan de beurt: Anti-pestcoördinator" in text, text
    assert ". —" not in text


def test_the_timeline_dates_are_compact_on_a_narrow_terminal(store, protocol, case_id):
    """At 80 columns the dates column shrinks so the step titles stay readable."""
    lines = {line.number: line for line in step_lines(case_detail(store, case_id), protocol, TODAY)}
    done = next(line for line in lines.values() if line.done is not None)
    assert when_text(done, TODAY, compact=True) == f"{done.done.day} {MONTH_SHORT[done.done.month - 1]}"
    late = lines[2]
    assert when_text(late, TODAY, compact=True).startswith("uiterlijk ")
    assert when_text(late, TODAY, compact=True).endswith("dagen te laat)")
    assert str(late.due.year) not in when_text(late, TODAY, compact=True)
