"""Pilot tests of the guided conversation: marks, notes, agreements, stap 5, resume, hints.

Every test drives the real app on a real SQLite file by keyboard, and checks
the database by opening the file again (proof that it was committed).
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from pestcli.protocol.followups import followup_schedule
from pestcli.screens.agreement_dialog import AgreementDialog
from pestcli.screens.conversation import ConversationScreen, clock_text
from pestcli.screens.conversation_summary import ConversationSummaryScreen, EndDialog
from pestcli.screens.participants_dialog import ParticipantsDialog
from pestcli.store import (
    add_person, agreements_of_case, conversation_detail, conversations_of_case,
    followups_of_case, open_store, step_progress, unfinished_conversation,
)
from pestcli.store.errors import StoreBusyError
from pestcli.store.workflow import Rules, complete_step, register_case
from pestcli.widgets.checklist import Checklist
from pestcli.widgets.guidance_panel import GuidancePanel
from pestcli.widgets.hinted_note import HintedNote, HintPreview

from ui_helpers import SIZE, TODAY, screen_text, wait_for


@pytest.fixture
def case_ids(db_path, protocol, calendar):
    """A case in class 2B: Sanne (gepeste), Tom (pester), Lisa (helper); returns the ids."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(db_path)
    rules = Rules(protocol, calendar)
    sanne = add_person(store, "Sanne", "de Vries", class_name="2B")
    tom = add_person(store, "Tom", "Jansen", class_name="2B")
    lisa = add_person(store, "Lisa", "Bakker", class_name="2B")
    case = register_case(store, rules, reported_on=TODAY, reporter_kind="leerling", parents_informed_after="na-stap-3",
                         class_name="2B", roles=[(sanne.id, "gepeste"), (tom.id, "pester"), (lisa.id, "helper")])
    ids = {"case": case.id, "sanne": sanne.id, "tom": tom.id, "lisa": lisa.id}
    store.close()
    return ids


def reopened(db_path):
    """A second connection to the test's database file."""
    return open_store(db_path)


async def type_text(pilot, text: str) -> None:
    """Type like a mentor, one key at a time."""
    names = {" ": "space", ",": "comma", ".": "full_stop", "’": "apostrophe"}
    await pilot.press(*[names.get(char, char) for char in text])


async def open_conversation(app, pilot, case_id: int, step: int, guide_id: str,
                            conversation_id: int | None = None) -> ConversationScreen:
    """Push the conversation screen and wait until its checklist is loaded and focused."""
    screen = ConversationScreen(case_id, step, guide_id, conversation_id)
    app.push_screen(screen)
    await wait_for(pilot, lambda: app.screen is screen and screen.conversation_id is not None
                   and screen.query_one(Checklist).has_focus)
    return screen


def notified(app, text: str) -> bool:
    """Whether a notification with ``text`` was shown."""
    return any(text in n.message for n in app._notifications)


def current_index(screen: ConversationScreen) -> int:
    """Index of the current checklist item."""
    return screen.query_one(Checklist).current


async def test_stap2_marks_note_end_and_next_due_date(make_app, case_ids, db_path, protocol, calendar):
    """Bijlage 2: done, done, skipped, a note; ending marks stap 2 done and moves stap 3's due date."""
    app = make_app()
    guide = protocol.guide("bijlage-2")
    items = guide.checklist
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conversation(app, pilot, case_ids["case"], 2, "bijlage-2")
        # participants: the guide's roles (gepeste, helper) were taken from the case
        assert "Sanne de Vries (gepeste)" in screen_text(app)
        assert "Lisa Bakker (helper)" in screen_text(app)
        assert "Tom Jansen" not in screen_text(app)
        assert re.search(r"Duur \d\d:\d\d", screen_text(app))

        await pilot.press("d")
        await wait_for(pilot, lambda: current_index(screen) == 1)
        await pilot.press("space")
        await wait_for(pilot, lambda: current_index(screen) == 2)
        await pilot.press("s")
        await wait_for(pilot, lambda: current_index(screen) == 3)
        await pilot.press("n")
        await wait_for(pilot, lambda: screen.query_one("#note-editor").display)
        await type_text(pilot, "Vooral in de kantine en op weg naar huis")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not screen.query_one("#note-editor").display)
        assert "Notitie: Vooral in de kantine en op weg naar huis" in screen_text(app)
        assert "2 gedaan, 1 overgeslagen, 10 open" in screen_text(app)

        # committed at once, before the conversation ends
        second = reopened(db_path)
        detail = conversation_detail(second, screen.conversation_id)
        assert [detail.state_of(i.id) for i in items[:4]] == ["done", "done", "skipped", "open"]
        assert detail.note_of(items[3].id) == "Vooral in de kantine en op weg naar huis"
        assert detail.conversation.ended_at is None
        second.close()

        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, EndDialog))
        assert "Gesprek afronden?" in screen_text(app)
        assert "Stap 2 afronden" in screen_text(app)
        assert "Vervolggesprekken" not in screen_text(app)  # bijlage 2 does not plan stap 5
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConversationSummaryScreen))
        summary = screen_text(app)
        assert "Het gesprek is afgerond en opgeslagen." in summary
        assert "2 van 13 punten gedaan, 1 overgeslagen, 10 nog open." in summary
        assert "Vooral in de kantine" in summary
        assert "Volgende stap: stap 3, gesprek met de pester en meelopers (door mentor)" in summary
        assert "uiterlijk ma 30 nov" in summary
        assert app.screen.next_step.endswith("uiterlijk ma 30 nov 2026 (over 7 dagen).")
        await pilot.press("escape")
        await wait_for(pilot, lambda: screen not in app.screen_stack)

    second = reopened(db_path)
    progress = {row.step: row for row in step_progress(second, case_ids["case"])}
    assert progress[2].done_on == TODAY
    expected = Rules(protocol, calendar).due_dates(TODAY, "gemiddeld", {1: TODAY, 2: TODAY})[3]
    assert progress[3].due_on == expected == date(2026, 11, 30)
    talk = conversations_of_case(second, case_ids["case"])[0]
    assert talk.ended_at is not None and talk.step == 2 and talk.guide_id == "bijlage-2"
    assert unfinished_conversation(second, case_ids["case"]) is None
    second.close()


async def test_stap4_agreements_plan_the_followups(make_app, case_ids, db_path, protocol, calendar):
    """Bijlage 7: an agreement in the pupil's words; ending plans stap 5's nine follow-ups."""
    seed = open_store(db_path)
    rules = Rules(protocol, calendar)
    complete_step(seed, rules, case_ids["case"], 2, done_on=date(2026, 11, 16))
    complete_step(seed, rules, case_ids["case"], 3, done_on=date(2026, 11, 20))
    seed.close()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conversation(app, pilot, case_ids["case"], 4, "bijlage-7")
        text = screen_text(app)
        assert "Fase 1: Situatie inleiden" in text
        assert "Tom Jansen (pester)" in text and "Sanne de Vries (gepeste)" in text

        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementDialog))
        await pilot.press("down", "down", "enter")  # Samen, Sanne, -> Tom
        await type_text(pilot, "Ik laat Sanne met rust in de kantine")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen and "“Ik laat Sanne met rust in de kantine”"
                       in screen_text(app))
        assert "Tom Jansen: “Ik laat Sanne met rust in de kantine”" in screen_text(app)

        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, EndDialog))
        assert "Vervolggesprekken van stap 5 plannen" in screen_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConversationSummaryScreen))
        summary = screen_text(app)
        assert "Vervolggesprekken (stap 5)" in summary
        assert "na twee dagen: wo 25 nov 2026" in summary
        # "na twee jaar" falls in 2028-2029, whose school holidays the calendar does not know:
        # the plan says so under its dates.
        notice = str(app.screen.query_one("#summary-calendar").render())
        assert notice == ("Let op: Voor schooljaar 2028-2029 zijn de schoolvakanties van regio zuid "
                          "niet bekend; pestcli houdt alleen rekening met weekenden en feestdagen.")
        assert "Let op: Voor schooljaar 2028-2029" in summary  # in view, without scrolling
        assert app.screen.next_step.startswith(
            "Volgende stap: stap 5, vervolggesprekken (door mentor), eerstvolgende vervolggesprek wo 25 nov 2026")

    second = reopened(db_path)
    followups = followups_of_case(second, case_ids["case"])
    assert len(followups) == 9
    assert followups[0].due_on == date(2026, 11, 25)
    assert date(2028, 11, 23) <= followups[-1].due_on <= date(2028, 12, 31)
    assert [f.due_on for f in followups] == [p.due for p in followup_schedule(protocol.rules, calendar, TODAY)]
    agreement = agreements_of_case(second, case_ids["case"])[0].agreement
    assert agreement.text == "Ik laat Sanne met rust in de kantine"
    assert agreement.person_id == case_ids["tom"]
    assert agreement.agreed_on == TODAY and agreement.conversation_id is not None
    assert {row.step: row.done_on for row in step_progress(second, case_ids["case"])}[4] == TODAY
    second.close()


async def test_plan_key_needs_agreements_then_plans_once(make_app, case_ids, db_path):
    """"v" refuses without agreements, plans once after one, and refuses to plan twice."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conversation(app, pilot, case_ids["case"], 4, "bijlage-7")
        await pilot.press("v")
        await wait_for(pilot, lambda: notified(app, "Leg eerst de afspraken vast"))
        assert followups_of_case(app.store, case_ids["case"]) == []
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementDialog))
        await pilot.press("tab")
        await type_text(pilot, "We groeten elkaar gewoon")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen and "Samen: “We groeten elkaar gewoon”"
                       in screen_text(app))
        await pilot.press("v")
        await wait_for(pilot, lambda: "Vervolggesprekken: wo 25 nov 2026" in screen_text(app))
        await pilot.press("v")
        await wait_for(pilot, lambda: notified(app, "De vervolggesprekken staan al gepland."))
    second = reopened(db_path)
    assert len(followups_of_case(second, case_ids["case"])) == 9
    second.close()


async def test_resume_after_the_app_was_closed(make_app, case_ids, db_path, protocol):
    """Three marks and a note, app closed mid-way; the next app resumes at the fourth item."""
    items = protocol.guide("bijlage-2").checklist
    first = make_app()
    async with first.run_test(size=SIZE) as pilot:
        screen = await open_conversation(first, pilot, case_ids["case"], 2, "bijlage-2")
        await pilot.press("d")
        await wait_for(pilot, lambda: current_index(screen) == 1)
        await pilot.press("n")
        await wait_for(pilot, lambda: screen.query_one("#note-editor").display)
        await type_text(pilot, "Door Tom en twee anderen")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not screen.query_one("#note-editor").display)
        await pilot.press("d", "s")
        await wait_for(pilot, lambda: current_index(screen) == 3)
        # the terminal is closed: no ending, no leaving
    second = make_app()
    async with second.run_test(size=SIZE) as pilot:
        second.open_case(case_ids["case"])
        await wait_for(pilot, lambda: "Onderbroken gesprek" in screen_text(second))
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(second.screen, ConversationScreen)
                       and second.screen.query_one(Checklist).has_focus)
        screen = second.screen
        checklist = screen.query_one(Checklist)
        assert checklist.current == 3
        assert checklist.current_item.id == items[3].id
        assert [row.state for row in checklist.rows[:4]] == ["done", "done", "skipped", "open"]
        assert checklist.rows[3].has_class("-current")
        text = screen_text(second)
        assert "Notitie: Door Tom en twee anderen" in text
        assert "2 gedaan, 1 overgeslagen, 10 open" in text
        # still the same conversation, not a new one
        assert len(conversations_of_case(second.store, case_ids["case"])) == 1


async def test_language_hint_marks_words_and_the_note_still_saves(make_app, case_ids, db_path, protocol):
    """"altijd" and "dader" get the protocol's reason under the editor; the note saves as typed."""
    app = make_app()
    note = "Hij zegt dat zij altijd begint en dat Tom de dader is"
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conversation(app, pilot, case_ids["case"], 3, "bijlage-3")
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.query_one("#note-editor").display)
        preview = screen.query_one(HintPreview)
        assert not preview.display
        await type_text(pilot, note)
        await wait_for(pilot, lambda: preview.display and "dader" in preview.words)
        assert preview.words == ["altijd", "dader"]
        text = screen_text(app)
        assert "Tip voor een gesprek zonder schuldvraag" in text
        assert "“altijd”: Specifiek blijven." in text  # the reason for "altijd" (bijlage 3)
        assert "“dader”: Zeg nooit: je bent heel gemeen." in text  # the reason for "dader"
        assert "Kritiek op de persoon voelt als een beschuldiging/afwijzing. (bijlage 3)" in preview.plain
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not screen.query_one("#note-editor").display)
        item = protocol.guide("bijlage-3").checklist[0]
        second = reopened(db_path)
        assert conversation_detail(second, screen.conversation_id).note_of(item.id) == note
        second.close()


async def test_escape_in_note_warns_before_discarding(make_app, case_ids):
    """A typed note is not lost by one stray Escape; the second one discards it."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conversation(app, pilot, case_ids["case"], 2, "bijlage-2")
        await pilot.press("n")
        await wait_for(pilot, lambda: screen.query_one("#note-editor").display)
        await type_text(pilot, "half")
        await pilot.press("escape")
        await wait_for(pilot, lambda: "Nog niet opgeslagen" in screen_text(app))
        assert screen.query_one("#note-editor").display
        await pilot.press("escape")
        await wait_for(pilot, lambda: not screen.query_one("#note-editor").display)
        assert app.screen is screen
        detail = conversation_detail(app.store, screen.conversation_id)
        assert detail.items == {}


async def test_reopen_an_item_and_move_with_the_keys(make_app, case_ids, db_path, protocol):
    """"o" opens a marked item again (saved at once); j/k and up/down move the current item."""
    first_item = protocol.guide("bijlage-2").checklist[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conversation(app, pilot, case_ids["case"], 2, "bijlage-2")
        await pilot.press("d")
        await wait_for(pilot, lambda: current_index(screen) == 1)
        await pilot.press("k")
        await wait_for(pilot, lambda: current_index(screen) == 0)
        await pilot.press("o")
        await wait_for(pilot, lambda: screen.query_one(Checklist).rows[0].state == "open")
        assert current_index(screen) == 0
        second = reopened(db_path)
        assert conversation_detail(second, screen.conversation_id).state_of(first_item.id) == "open"
        second.close()
        await pilot.press("j", "down", "down", "up")
        await wait_for(pilot, lambda: current_index(screen) == 2)


async def test_guidance_beside_checklist_follows_the_item(make_app, case_ids, db_path):
    """The current item's asides show in the side panel, which never covers the checklist;
    Escape leaves the conversation unfinished, to resume later."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conversation(app, pilot, case_ids["case"], 4, "bijlage-7")
        for _ in range(4):
            await pilot.press("j")
        await wait_for(pilot, lambda: "Als deelnemers er doorheen praten" in screen_text(app))
        panel, checklist = screen.query_one(GuidancePanel), screen.query_one(Checklist)
        assert not panel.region.overlaps(checklist.region)
        assert checklist.region.width >= 60
        await pilot.press("g")
        await wait_for(pilot, lambda: not panel.display)
        await pilot.press("k", "g")
        await wait_for(pilot, lambda: panel.display and current_index(screen) == 3)
        await pilot.press("escape")
        await wait_for(pilot, lambda: screen not in app.screen_stack)
    second = reopened(db_path)
    assert unfinished_conversation(second, case_ids["case"]).guide_id == "bijlage-7"
    second.close()


async def test_participants_from_the_case(make_app, case_ids, db_path):
    """"p" lists the case's people; ticking Tom adds him, unticking Lisa removes her."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conversation(app, pilot, case_ids["case"], 2, "bijlage-2")
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, ParticipantsDialog))
        assert "Tom Jansen (pester, 2B)" in screen_text(app)
        await pilot.press("space", "down", "space", "down", "space", "ctrl+s")  # Sanne off, Tom on, Lisa off
        await wait_for(pilot, lambda: app.screen is screen and "Deelnemers: Tom Jansen (pester)" in screen_text(app))
    second = reopened(db_path)
    talk = conversations_of_case(second, case_ids["case"])[0]
    people = {p.person.id: p.role for p in conversation_detail(second, talk.id).participants}
    assert people == {case_ids["tom"]: "pester"}
    second.close()


async def test_failed_saves_keep_what_was_typed(make_app, case_ids, monkeypatch):
    """A store error shows its Dutch message; the mark is not shown and the agreement comes back."""
    import pestcli.services.conversations as use_cases

    def busy(*args, **kwargs):
        raise StoreBusyError()

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_conversation(app, pilot, case_ids["case"], 4, "bijlage-7")
        monkeypatch.setattr(use_cases, "record_item", busy)
        monkeypatch.setattr(use_cases, "add_agreement", busy)
        await pilot.press("d")
        await wait_for(pilot, lambda: notified(app, "De database is bezet"))
        assert screen.query_one(Checklist).rows[0].state == "open" and current_index(screen) == 0
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementDialog))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Schrijf op wat er is afgesproken." in screen_text(app))
        await pilot.press("tab")
        await type_text(pilot, "We lopen samen naar gym")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any(n.title == "Afspraak niet opgeslagen" for n in app._notifications))
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementDialog) and app.screen.is_mounted)
        dialog = app.screen
        assert dialog.query_one(HintedNote).text == "We lopen samen naar gym"
        assert agreements_of_case(app.store, case_ids["case"]) == []


def test_hint_content_marks_exactly_the_words(protocol):
    """The preview marks the hint words (and only those) with the warning style; clean text has none."""
    from pestcli.widgets.hinted_note import MARK_STYLE, hint_content

    text = "Eerste regel zonder iets\nHij pest altijd, zegt ze; de dader volgens hem"
    content = hint_content(text, protocol.language_hints)
    marked = sorted({content.plain[span.start:span.end] for span in content.spans if span.style == MARK_STYLE})
    assert marked == ["altijd", "dader", "“altijd”", "“dader”"]
    # issue 12: a judgement about a third person is marked as a whole ("Ze is altijd de dader")
    content = hint_content("Ze is altijd de dader volgens hem", protocol.language_hints)
    marked = sorted({content.plain[span.start:span.end] for span in content.spans if span.style == MARK_STYLE})
    assert marked == ["Ze is altijd de dader", "“ze is altijd de dader”"]
    assert "Beschrijf wat er gebeurde" in content.plain
    assert "Eerste regel" not in content.plain  # only the lines that hold a hint are repeated
    assert hint_content("Ze zat in de kantine", protocol.language_hints) is None


def test_clock_text():
    """Minutes and seconds, hours when long, and the start for a conversation left overnight."""
    from datetime import datetime

    start = datetime(2026, 11, 23, 10, 0, 0)
    assert clock_text(start, datetime(2026, 11, 23, 10, 12, 34)) == "Duur 12:34"
    assert clock_text(start, datetime(2026, 11, 23, 11, 2, 3)) == "Duur 1:02:03"
    assert clock_text(start, datetime(2026, 11, 24, 9, 0, 0)) == "Begonnen ma 23 nov 2026 10:00"
