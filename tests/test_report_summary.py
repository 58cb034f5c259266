"""The case summary: what it holds (build), how it reads (Markdown), and its audit trail."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta

import pytest

from pestcli.protocol.calendar import SchoolCalendar
from pestcli.protocol.dates import format_date
from pestcli.report.build import build_summary, find_case_id, load_summary
from pestcli.report.markdown import render_markdown
from pestcli.report.model import SECTION_TITLES
from pestcli.store import (
    add_evidence,
    add_person,
    audit_events,
    case_detail,
    get_case,
    list_cases,
    open_store,
    record_item_state,
    start_conversation,
)
from pestcli.store.errors import InvalidValueError, NotFoundError
from pestcli.store.exports import record_export
from pestcli.store.workflow import Rules, complete_step, register_case

TODAY = date(2026, 11, 23)



@pytest.fixture
def store(demo_template, tmp_path):
    """A private copy of the demo database, open."""
    target = tmp_path / "data"
    shutil.copytree(demo_template, target)
    opened = open_store(target / "pestcli.db", daily_backup=False)
    yield opened
    opened.close()


def busiest_case(store) -> int:
    """The demo case with the most conversations (and escalations, agreements)."""
    def weight(case_id: int):
        detail = case_detail(store, case_id)
        return len(detail.conversations), len(detail.escalations), len(detail.agreements)

    return max((c.id for c in list_cases(store)), key=weight)


def test_the_summary_holds_every_part_of_the_case(store, protocol):
    case_id = busiest_case(store)
    summary = load_summary(store, protocol, case_id, TODAY)
    case = get_case(store, case_id)
    assert summary.number == case.number and summary.school_year == "2026-2027"
    assert summary.protocol == "Anti-pestprotocol 2.3" and summary.mentor == "mentor (demo)"
    # the demo's parents are people in their child's case, named with the relation
    assert [p.role for p in summary.people] == ["Gepeste", "Pester", "Meeloper", "Ouder/verzorger"]
    child = summary.people[0].name
    assert summary.people[-1].name_with_class == f"Peter {child.split(' ', 1)[1]} (vader van {child})"
    assert summary.forms == ["Schoppen en slaan", "Iemand bedreigen"]
    assert [s.number for s in summary.steps] == [1, 2, 3, 4, 5, 6]
    assert summary.steps[1].status == "op tijd"
    assert summary.steps[4].status == "3 van 9 vervolggesprekken gehouden"
    assert len(summary.conversations) == 4
    talk = summary.conversations[0]
    assert talk.minutes == 35 and talk.guide.endswith("(bijlage 6)")
    assert [p.name for p in talk.participants] == ["Zoë Habets"]
    assert any(i.note == "Vertelt over opmerkingen bij de kluisjes en in de app." for i in talk.done_items)
    assert len(talk.skipped_items) == 1 and talk.open_count == 0
    [agreement] = summary.agreements
    assert [(o.followup, o.status) for o in agreement.outcomes] == [
        ("na twee dagen", "nagekomen"), ("na een week", "gebroken"), ("na een maand", "gebroken")]
    assert summary.escalations[0].rung == "Anti-pestcoördinator"
    assert summary.escalations[0].phase == "Fase 1: een lichte corrigerende maatregel"
    assert summary.next_steps[0].startswith("Anti-pestcoördinator heeft de regie")
    assert "Vervolggesprek na drie maanden: do 10 dec 2026 (over 17 dagen)" in summary.next_steps
    # Its last follow-ups fall in 2028-2029, whose school holidays the calendar does not know.
    assert summary.followups[-1].due_on >= date(2028, 8, 1)
    assert summary.calendar_notice == UNKNOWN_2028


UNKNOWN_2028 = ("Voor schooljaar 2028-2029 zijn de schoolvakanties van regio zuid niet bekend; "
                "pestcli houdt alleen rekening met weekenden en feestdagen.")


def test_no_calendar_notice_when_every_planned_date_has_known_holidays(store, protocol):
    rules = Rules(protocol, SchoolCalendar.load(protocol.rules.region))
    pupil = add_person(store, "Anna", "de Wit", class_name="1B")
    case = register_case(store, rules, reported_on=date(2026, 11, 2), reporter_kind="leerling",
                         parents_informed_after="na-stap-3", roles=[(pupil.id, "gepeste")])
    summary = load_summary(store, protocol, case.id, TODAY)
    assert summary.calendar_notice == ""
    assert "Let op" not in render_markdown(summary)
    # The same case with a calendar that knows no school year at all says so.
    bare = SchoolCalendar("zuid")
    notice = load_summary(store, protocol, case.id, TODAY, bare).calendar_notice
    assert notice.startswith("Voor schooljaar 2026-2027 zijn de schoolvakanties van regio zuid")
    assert f"**Let op:** {notice}" in render_markdown(load_summary(store, protocol, case.id, TODAY, bare))


def test_building_is_pure_after_the_one_read(store, protocol):
    detail = case_detail(store, busiest_case(store))
    store.close()
    summary = build_summary(detail, protocol, TODAY)
    assert summary.conversations and summary.followups


def test_a_late_step_says_how_late_and_an_open_one_how_long_to_go(store, protocol):
    rules = Rules(protocol, SchoolCalendar.load(protocol.rules.region))
    pupil = add_person(store, "Anna", "de Wit", class_name="1B")
    case = register_case(store, rules, reported_on=date(2026, 11, 2), reporter_kind="leerling",
                         parents_informed_after="na-stap-3", roles=[(pupil.id, "gepeste")], mentor="Mevr. Jansen")
    due = case_detail(store, case.id).step(2).due_on
    complete_step(store, rules, case.id, 2, due + timedelta(days=3), "Mevr. Jansen")
    summary = load_summary(store, protocol, case.id, TODAY)
    step2 = summary.steps[1]
    assert step2.status == "3 dagen te laat" and step2.late
    step3 = summary.steps[2]
    assert step3.status.startswith("nog open (") and step3.done_on is None


def test_evidence_keeps_time_platform_url_username_file_and_hash(store, protocol, tmp_path):
    shot = tmp_path / "bericht.png"
    shot.write_bytes(b"\x89PNG fake screenshot")
    case_id = busiest_case(store)
    add_evidence(store, case_id, "bewijs.schermafdruk", occurred_at=datetime(2026, 11, 20, 21, 14),
                 platform="TikTok", url="https://voorbeeld.invalid/x", username="@nep_account",
                 source_file=shot)
    summary = load_summary(store, protocol, case_id, TODAY)
    [item] = summary.evidence
    assert (item.platform, item.url, item.username, item.file_name) == (
        "TikTok", "https://voorbeeld.invalid/x", "@nep_account", "bericht.png")
    assert len(item.sha256) == 64 and item.occurred_at == datetime(2026, 11, 20, 21, 14)
    text = render_markdown(summary)
    assert item.sha256 in text and "vr 20 nov 2026 21:14" in text


def test_the_markdown_has_every_section_heading_in_order(store, protocol):
    text = render_markdown(load_summary(store, protocol, busiest_case(store), TODAY))
    positions = [text.index(f"## {title}\n") for title in SECTION_TITLES.values()]
    assert positions == sorted(positions)
    assert text.startswith("# Samenvatting pestmelding 2026-0007")
    assert "**Vertrouwelijk**" in text and "- **Schooljaar:** 2026-2027" in text
    assert f"**Let op:** {UNKNOWN_2028}" in text
    assert "(overgeslagen)" in text and "Overgeslagen:" in text
    assert "*Vertelt over opmerkingen bij de kluisjes en in de app.*" in text


def test_a_skipped_item_is_listed_as_skipped_and_an_open_one_counted(store, protocol):
    case_id = busiest_case(store)
    talk = start_conversation(store, case_id, "bijlage-2", started_at=datetime(2026, 11, 23, 9, 0))
    record_item_state(store, talk.id, "b2.feiten.01", "skipped")
    record_item_state(store, talk.id, "b2.feiten.02", "done", "Zegt *niet* wat | er was")
    summary = load_summary(store, protocol, case_id, TODAY)
    block = summary.conversations[-1]
    assert block.ended_at is None and block.minutes is None
    assert block.skipped_items == [protocol.guide("bijlage-2").checklist[0].text]
    assert block.open_count == len(protocol.guide("bijlage-2").checklist) - 2
    text = render_markdown(summary)
    assert "(nog niet afgerond)" in text
    assert r"Zegt \*niet\* wat \| er was" in text


def test_a_case_under_another_protocol_version_says_so(store, protocol):
    detail = case_detail(store, busiest_case(store))
    detail.case.protocol_version = "2.2"
    summary = build_summary(detail, protocol, TODAY)
    assert summary.protocol == "Anti-pestprotocol 2.2"
    assert "liep onder Anti-pestprotocol 2.2" in summary.protocol_note


def test_a_closed_case_says_when_and_why(store, protocol):
    closed = next(c for c in list_cases(store) if c.status == "closed")
    summary = load_summary(store, protocol, closed.id, TODAY)
    assert summary.closed_on == closed.closed_on
    # issue 12: the demo's closed case ended its monitoring too, and the summary says so
    assert summary.next_steps == [f"De melding is gesloten op {format_date(closed.closed_on)}: "
                                  "Twee jaar gevolgd; het pesten is gestopt.",
                                  f"De monitoring (stap 5) is gestopt op {format_date(closed.closed_on)}: "
                                  "De twee jaar van stap 5 zijn voorbij."]


def test_find_case_id_by_number(store):
    assert find_case_id(store, " 2026-0007 ") == busiest_case(store)
    assert find_case_id(store, "2030-0001") is None


def test_record_export_is_committed_and_leaves_the_case_untouched(store, tmp_path):
    case_id = busiest_case(store)
    before = get_case(store, case_id).updated_at
    record_export(store, case_id, "pdf")
    path = store.path
    store.close()
    with open_store(path, daily_backup=False) as again:
        [event] = [e for e in audit_events(again, case_id=case_id) if e.action == "export"]
        assert event.summary == "samenvatting als PDF opgeslagen (2026-0007)"
        assert event.table_name == "cases" and event.row_id == case_id
        assert get_case(again, case_id).updated_at == before
        with pytest.raises(InvalidValueError, match="Onbekende waarde voor soort export"):
            record_export(again, case_id, "fax")
        with pytest.raises(NotFoundError, match="bestaat niet"):
            record_export(again, 9999, "pdf")


def test_an_item_moved_out_of_fase_5_still_reads_as_its_text(store, protocol):
    """Issue 12: a bijlage-7 talk that ticked the old "nog één kans" item still shows its words, not an id."""
    case_id = busiest_case(store)
    talk = start_conversation(store, case_id, "bijlage-7", started_at=datetime(2026, 11, 23, 9, 0))
    record_item_state(store, talk.id, "b7.fase5.niet-nagekomen", "done", "Uitgelegd")
    block = load_summary(store, protocol, case_id, TODAY).conversations[-1]
    texts = [line.text for line in block.done_items]
    assert any(t.startswith("Uitleggen wat er gebeurt als afspraken niet worden nagekomen") for t in texts)
    assert "b7.fase5.niet-nagekomen" not in render_markdown(load_summary(store, protocol, case_id, TODAY))


def test_the_summary_shows_the_agreements_of_the_class(store, protocol, tmp_path):
    """Issue 12: every case of a class shows its class agreements ("Afspraken met de klas"), also in the PDF."""
    from pypdf import PdfReader

    from pestcli.report.pdf import write_pdf
    from pestcli.store import add_class_agreement, record_class_agreement_status

    case = next(c for c in list_cases(store) if c.class_name and c.status != "closed")
    year = "2026-2027"
    own = add_class_agreement(store, case.class_name, year, "We laten elkaar [uit]praten", TODAY)
    record_class_agreement_status(store, own.id, "broken", TODAY)
    summary = load_summary(store, protocol, case.id, TODAY)
    assert summary.class_year == year
    line = next(line for line in summary.class_agreements if line.text == "We laten elkaar [uit]praten")
    assert (line.status, line.checked_on, line.broken) == ("gebroken", TODAY, True)
    text = render_markdown(summary)
    assert f"### Afspraken met de klas ({case.class_name}, schooljaar {year})" in text
    assert "We laten elkaar \\[uit\\]praten" in text and ": gebroken (" in text
    path = write_pdf(summary, tmp_path / "samenvatting.pdf")
    pdf_text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    assert f"Afspraken met de klas ({case.class_name}, schooljaar {year})" in pdf_text
    assert "We laten elkaar [uit]praten" in pdf_text and "gebroken" in pdf_text
    # a case of another class does not show them
    other = next(c for c in list_cases(store) if c.class_name and c.class_name != case.class_name)
    assert "We laten elkaar" not in render_markdown(load_summary(store, protocol, other.id, TODAY))
