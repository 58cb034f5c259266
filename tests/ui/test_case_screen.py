"""The case screen and its dialogs, driven by keys like a mentor.

The real app on a real SQLite file. After every save the database file is
opened again through a second connection, so only committed data counts.
The conversation screen belongs to another module: where the case screen
opens it, a recording stand-in takes its place, to prove the case screen
asks for the right guide, step and conversation.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import types
from datetime import date, datetime, time, timedelta

import pytest
from ui_helpers import SIZE, TODAY, screen_text, wait_for
from textual import events
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Label, Select, Static

from pestcli.protocol.dates import format_date
from pestcli.screens.case import CaseScreen
from pestcli.screens.case_picker import CasePickerScreen
from pestcli.screens.close_case_dialog import CloseCaseDialog, ConfirmClose
from pestcli.screens.escalation_dialog import EscalationDialog
from pestcli.screens.evidence_dialog import EvidenceDialog
from pestcli.screens.guide_picker import GuidePicker
from pestcli.screens.parent_contact_dialog import ParentContactDialog
from pestcli.screens.step_done_dialog import StepDoneDialog
from pestcli.store import (
    add_person,
    case_detail,
    evidence_file,
    evidence_of_case,
    get_case,
    get_case_by_number,
    open_store,
    step_progress,
    unfinished_conversation,
)
from pestcli.store.demo import tiny_png
from pestcli.store.workflow import Rules, register_case
from pestcli.widgets.timeline import DONE, LATE, OPEN, Timeline

YESTERDAY = TODAY - timedelta(days=1)
REPORTED = TODAY - timedelta(days=3)  # Friday 20 November 2026


def committed(db_path):
    """A second, independent connection: only committed data is visible there."""
    return open_store(db_path, daily_backup=False)


def new_case(db_path, protocol, calendar, *, online: bool = False, reported: date = REPORTED) -> int:
    """A case of class 1A with a victim, a bully and a bystander, registered by the rules."""
    store = committed(db_path)
    try:
        fenna = add_person(store, "Fenna", "Kuipers", class_name="1A")
        jesse = add_person(store, "Jesse", "van Dongen", class_name="1A")
        noah = add_person(store, "Noah", "Grootjans", class_name="1A")
        case = register_case(store, Rules(protocol, calendar), reported_on=reported, reporter_kind="leerling",
                             parents_informed_after="na-stap-3", class_name="1A", forms=["lichamelijk.duwen"], online=online,
                             mentor="M. Jansen", location="Fietsenstalling",
                             roles=[(fenna.id, "gepeste"), (jesse.id, "pester"), (noah.id, "stille-getuige")])
        return case.id
    finally:
        store.close()


def demo_case_id(db_path, number: str) -> int:
    """The id of a demo case by its number."""
    store = committed(db_path)
    try:
        return get_case_by_number(store, number).id
    finally:
        store.close()


async def open_case(pilot, case_id: int) -> CaseScreen:
    """Open the case screen and wait until it has read the case."""
    app = pilot.app
    app.open_case(case_id)
    await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.detail is not None)
    return app.screen


async def dialog(pilot, kind: type[Screen]) -> Screen:
    """Wait for a dialog of ``kind`` to be on top."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, kind))
    return pilot.app.screen


async def replace_text(pilot, text: str) -> None:
    """Empty the focused input and type ``text``."""
    await pilot.press("home", "ctrl+k", *text)


async def paste(pilot, text: str) -> None:
    """Paste ``text`` into the focused field, as a mentor pastes a copied path."""
    pilot.app.post_message(events.Paste(text))  # as the terminal sends it
    await pilot.pause()


async def pick(pilot, downs: int) -> None:
    """Open the focused Select, move down ``downs`` times, choose."""
    await pilot.press("enter")
    await pilot.press(*(["down"] * downs), "enter")


def log_lines(screen: CaseScreen) -> list[tuple[str, str]]:
    """The log as shown: (moment, text) per row, top to bottom."""
    return [(entry.when, entry.text) for entry in screen.log_entries]


def timeline_row(app, number: int) -> str:
    """Stap ``number``'s row of the timeline as it reads on screen."""
    timeline = app.screen.query_one(Timeline)
    return screen_text(app).splitlines()[timeline.content_region.y + timeline.numbers.index(number)]


def error_of(screen: Screen, name: str) -> str:
    """The error line beside a dialog field ("" when none)."""
    return screen.shown_errors.get(name, "")


# --- what the case screen shows --------------------------------------------------------
async def test_case_screen_shows_people_by_role_and_an_overdue_step(make_app, db_path):
    app = make_app(demo=True)
    case_id = demo_case_id(db_path, "2026-0003")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, case_id)
        await wait_for(pilot, lambda: log_lines(screen) and "TE LAAT" in screen_text(app))
        await pilot.pause()
        text = screen_text(app)
        assert "Gepeste: Lieke Dassen (3HA)" in text
        assert "Pester: Sem Vromen (3HA)" in text
        assert "Meeloper: Hamza Bouzian (3HA)" in text
        assert "Stille getuige: Zoë Habets (3HA)" in text
        assert "Protocol: Anti-pestprotocol 2.3" in text
        assert "Ouders inlichten: Na stap 1 (Bedreiging online" in text and "Online: ja" in text
        assert "Gemeld door: Zoë Habets (een medeleerling)" in text
        assert "Iemand bedreigen" in text  # a form of bullying by its protocol label
        # Stap 6 (the parents, within a week of the report: na stap 1) is overdue on TODAY:
        # marked by a word in its own row, not by colour alone. The contact planned for it
        # (19 Nov) gives its date, as on the home screen (store.agenda.parent_step_due).
        timeline = screen.query_one(Timeline)
        assert timeline.line_of(6).status == LATE
        row6 = timeline_row(app, 6)
        assert "! Stap 6 De ouders op de hoogte brengen" in row6
        assert "TE LAAT" in row6 and "uiterlijk do 19 nov 2026 (4 dagen te laat)" in row6
        assert timeline.line_of(3).status == OPEN
        assert "uiterlijk ma 23 nov 2026 (vandaag)" in timeline_row(app, 3)
        assert timeline.line_of(2).status == DONE and "✔ Stap 2" in timeline_row(app, 2)
        # What comes next and whose turn it is.
        assert "Volgende: De ouders op de hoogte brengen (stap 6) — aan de beurt: Mentor" in text
        assert screen.query_one("#case-next").has_class("late")
        # Online bullying: the protocol's own reminder and the evidence.
        online = str(screen.query_one("#case-online", Static).content)
        assert "Help het slachtoffer ongewenste contacten te blokkeren" in online
        assert "dient de wijkagent of de contactpersoon bij de politie ingeschakeld te worden" in online
        assert "@nachtuil_demo" in text
        assert "Logboek (nieuwste eerst)" in text
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, CaseScreen))


# --- stap 2 done through the dialog ----------------------------------------------------
async def test_marking_stap_2_done_stores_it_and_moves_stap_3(make_app, db_path, protocol, calendar):
    case_id = new_case(db_path, protocol, calendar)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, case_id)
        assert screen.query_one(Timeline).selected_step == 2  # the next action is highlighted
        await pilot.press("2", "d")
        await dialog(pilot, StepDoneDialog)
        await wait_for(pilot, lambda: "Stap 2 afronden: Gesprek met de gepeste leerling" in screen_text(app))
        await pilot.press("tab", "end", *" (mentor)")  # the mentor's name is filled in; add to it
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: screen.detail.step(2).done_on == TODAY)
        shown_due = screen.query_one(Timeline).lines[2].due

    expected = Rules(protocol, calendar).due_dates(REPORTED, "gemiddeld", {1: REPORTED, 2: TODAY})
    store = committed(db_path)
    try:
        rows = {row.step: row for row in step_progress(store, case_id)}
    finally:
        store.close()
    assert rows[2].done_on == TODAY and rows[2].done_by == "M. Jansen (mentor)"
    assert rows[3].due_on == expected[3] == date(2026, 11, 30)
    assert rows[4].due_on == expected[4]
    # The screen showed the new due date of stap 3 from the rules engine.
    assert shown_due == expected[3]


async def test_step_done_shows_the_new_due_date_on_screen(make_app, db_path, protocol, calendar):
    case_id = new_case(db_path, protocol, calendar)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_case(pilot, case_id)
        await pilot.press("2", "d")
        await dialog(pilot, StepDoneDialog)
        # The preview names stap 3's new date before saving.
        await wait_for(pilot, lambda: "Daarna: stap 3 uiterlijk ma 30 nov 2026" in screen_text(app))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen)
                       and "uiterlijk ma 30 nov 2026 (over 7 dagen)" in screen_text(app))
        assert f"gedaan {format_date(TODAY)}" in screen_text(app)


# --- impossible dates are refused, in Dutch, and nothing is stored ----------------------
async def test_an_impossible_date_is_refused_with_a_dutch_message(make_app, db_path, protocol, calendar):
    case_id = new_case(db_path, protocol, calendar)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_case(pilot, case_id)
        await pilot.press("2", "d")
        done = await dialog(pilot, StepDoneDialog)
        await replace_text(pilot, "31-02-2026")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: error_of(done, "done-on"))
        assert error_of(done, "done-on") == "31-02 bestaat niet: februari heeft geen 31 dagen."
        await wait_for(pilot, lambda: "februari heeft geen 31 dagen" in screen_text(app))
        assert app.screen is done  # still open, the text still there
        assert done.query_one("#done-on Input", Input).value == "31-02-2026"
        # A day in the future and a day before the report are refused too.
        await replace_text(pilot, "morgen")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "ligt in de toekomst" in error_of(done, "done-on"))
        await replace_text(pilot, "1-11-2026")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "ligt vóór de melding" in error_of(done, "done-on"))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))

    store = committed(db_path)
    try:
        assert {r.step: r.done_on for r in step_progress(store, case_id)}[2] is None
    finally:
        store.close()


# --- evidence with a real screenshot --------------------------------------------------
async def test_evidence_with_a_png_is_copied_privately_with_its_sha256(make_app, db_path, protocol,
                                                                       calendar, tmp_path):
    case_id = new_case(db_path, protocol, calendar, online=True)
    shot = tmp_path / "inbox" / "schermafdruk_klassenapp.png"
    shot.parent.mkdir()
    png = tiny_png()
    shot.write_bytes(png)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, case_id)
        await wait_for(pilot, lambda: "Nog geen bewijs vastgelegd: druk op b." in screen_text(app))
        await pilot.press("b")
        form = await dialog(pilot, EvidenceDialog)
        await pick(pilot, 6)  # the sixth kind of stap 1's list: Schermafdruk
        assert form.query_one("#kind", Select).value == "bewijs.schermafdruk"
        await pilot.press("tab", *"gisteren", "tab", *"25:14")
        await pilot.press("tab", *"Snapchat", "tab", *"@nachtuil", "tab")
        await paste(pilot, "https://voorbeeld.invalid/x")
        await pilot.press("tab")
        await paste(pilot, "Bedreiging in de klassenapp")
        missing = tmp_path / "inbox" / "bestaat-niet.png"
        await pilot.press("tab")
        await paste(pilot, str(missing))
        await pilot.press("ctrl+s")
        # Two errors beside their fields; nothing lost, nothing stored.
        await wait_for(pilot, lambda: error_of(form, "file") and error_of(form, "clock"))
        assert "25:14 bestaat niet" in error_of(form, "clock")
        assert f"Het bestand {missing} bestaat niet" in error_of(form, "file")
        assert app.screen is form
        assert form.query_one("#platform", Input).value == "Snapchat"
        assert form.query_one("#description", Input).value == "Bedreiging in de klassenapp"
        # Correct the time and the path, and save.
        form.query_one("#clock", Input).focus()
        await replace_text(pilot, "21:14")
        form.query_one("#file", Input).focus()
        await replace_text(pilot, "")
        await paste(pilot, str(shot))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen and screen.detail.evidence)
        # The evidence line wraps where the panel ends: the file name is on it, after "bestand".
        await wait_for(pilot, lambda: "bestand schermafdruk_klassenapp.png" in " ".join(
            line.split("│")[0].strip() for line in screen_text(app).splitlines()))

    store = committed(db_path)
    try:
        [row] = evidence_of_case(store, case_id)
        copy = evidence_file(store, row)
    finally:
        store.close()
    assert row.kind == "bewijs.schermafdruk"
    assert row.occurred_at == datetime.combine(YESTERDAY, time(21, 14))
    assert (row.platform, row.username, row.url) == ("Snapchat", "@nachtuil", "https://voorbeeld.invalid/x")
    assert row.description == "Bedreiging in de klassenapp"
    assert row.sha256 == hashlib.sha256(png).hexdigest()
    assert row.file_name == shot.name and row.file_size == len(png)
    assert copy is not None and copy.read_bytes() == png and copy != shot
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600


# --- parent contact and escalation, in the log newest first -----------------------------
async def test_parent_contact_and_escalation_appear_in_the_log_newest_first(make_app, db_path, protocol,
                                                                           calendar):
    case_id = new_case(db_path, protocol, calendar)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, case_id)
        await pilot.press("o")
        contact = await dialog(pilot, ParentContactDialog)
        assert contact.query_one("#pupil", Select).value is not Select.NULL  # the victim's parents
        assert contact.query_one("#step6", Checkbox).value is True
        await pilot.press("tab")
        await replace_text(pilot, "gisteren")
        await pilot.press("tab", "tab")
        await paste(pilot, "Moeder gebeld; zij steunt de aanpak.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen and screen.detail.parent_contacts)

        await pilot.press("e")
        form = await dialog(pilot, EscalationDialog)
        assert form.query_one("#phase", Select).value == 1  # the next phase is proposed
        await pilot.press("tab")
        await pick(pilot, 1)  # fase 2
        assert form.query_one("#phase", Select).value == 2
        await wait_for(pilot, lambda: "Een tweede gesprek met de ouder(s)" in screen_text(app))
        await pilot.press("ctrl+s")  # no reason yet: refused beside the field
        await wait_for(pilot, lambda: error_of(form, "reason"))
        form.query_one("#reason", Input).focus()
        await paste(pilot, "Afspraken twee keer niet nagekomen")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen and screen.detail.escalations)
        await wait_for(pilot, lambda: "Geëscaleerd naar" in screen_text(app))
        header = screen_text(app).splitlines()[1]
        log = log_lines(screen)

    assert log[0] == ("ma 23 nov 2026", "Geëscaleerd naar Anti-pestcoördinator, Fase 2: een tweede gesprek met "
                                        "de ouder(s) — Afspraken twee keer niet nagekomen")
    # The contact made stap 6 done: both on the day of the contact, the step after it.
    assert log[1] == ("zo 22 nov 2026", "Stap 6 gedaan door M. Jansen: De ouders op de hoogte brengen")
    # The first contact also completed stap 2's "ouders informeren" (ticked by default while open).
    assert log[2] == ("zo 22 nov 2026", "Oudercontact van Fenna Kuipers (gesprek op school; ouders "
                                        "geïnformeerd (stap 2)): Moeder gebeld; zij steunt de aanpak.")
    assert log[-1] == ("vr 20 nov 2026", "Melding geregistreerd (de gepeste leerling zelf meldt)")
    assert "Geëscaleerd" in header  # the case's status

    store = committed(db_path)
    try:
        detail = case_detail(store, case_id)
    finally:
        store.close()
    [held] = detail.parent_contacts
    assert (held.held_on, held.how, held.summary) == (YESTERDAY, "school", "Moeder gebeld; zij steunt de aanpak.")
    assert detail.step(6).done_on == YESTERDAY  # the first parent contact did stap 6
    [row] = detail.escalations
    assert (row.to_rung, row.sanction_phase, row.escalated_on) == ("apc", 2, TODAY)
    assert row.reason == "Afspraken twee keer niet nagekomen"
    assert detail.case.status == "escalated"


# --- closing a case ---------------------------------------------------------------------
async def test_closing_a_case_asks_first(make_app, db_path, protocol, calendar):
    case_id = new_case(db_path, protocol, calendar)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, case_id)
        await pilot.press("s")
        await dialog(pilot, CloseCaseDialog)
        await pilot.press(*"Opgelost na het gesprek", "ctrl+s")
        confirm = await dialog(pilot, ConfirmClose)
        question = str(confirm.query_one("#confirm-question", Label).content)
        # issue 12: the question also says what happens to the monitoring of stap 5 (here: nothing planned yet)
        assert question == ("Melding 2026-0001 sluiten op ma 23 nov 2026? Nog open: stap 2, 3, 4, 6."
                            " De monitoring gaat door.")
        await wait_for(pilot, lambda: "Ja, sluiten" in screen_text(app))
        await pilot.press("n")  # not yet: back in the form, nothing stored
        form = await dialog(pilot, CloseCaseDialog)
        assert form.query_one("#reason", Input).value == "Opgelost na het gesprek"
        store = committed(db_path)
        try:
            assert get_case(store, case_id).status == "open"
        finally:
            store.close()
        await pilot.press("ctrl+s")
        await dialog(pilot, ConfirmClose)
        await pilot.press("j")
        await wait_for(pilot, lambda: app.screen is screen and screen.detail.case.status == "closed")
        await wait_for(pilot, lambda: "Gesloten op ma 23 nov 2026 — Opgelost na het gesprek" in screen_text(app))
        await pilot.press("s")  # a closed case is not closed twice
        await pilot.pause()
        assert app.screen is screen

    store = committed(db_path)
    try:
        case = get_case(store, case_id)
    finally:
        store.close()
    assert (case.status, case.closed_on, case.closed_reason) == ("closed", TODAY, "Opgelost na het gesprek")


# --- conversations: resume the unfinished one, or choose a guide -----------------------
@pytest.fixture
def conversations_opened(monkeypatch):
    """A stand-in for pestcli.screens.conversation that records how it was opened."""
    opened: list[tuple] = []

    class ConversationScreen(Screen):
        def __init__(self, case_id, step, guide_id, conversation_id=None):
            super().__init__()
            opened.append((case_id, step, guide_id, conversation_id))

    module = types.ModuleType("pestcli.screens.conversation")
    module.ConversationScreen = ConversationScreen
    monkeypatch.setitem(sys.modules, "pestcli.screens.conversation", module)
    return opened


async def test_an_unfinished_conversation_is_offered_and_resumed(make_app, db_path, conversations_opened):
    app = make_app(demo=True)
    case_id = demo_case_id(db_path, "2026-0002")
    store = committed(db_path)
    try:
        talk = unfinished_conversation(store, case_id)
    finally:
        store.close()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, case_id)
        await wait_for(pilot, lambda: "Hervatten" in screen_text(app))  # the key is in the footer
        offer = str(screen.query_one("#case-resume", Static).content)
        assert offer.startswith("Onderbroken gesprek: bijlage 6: Stappenplan gesprek met de gepeste leerling "
                                "(stap 2), gestart ma 23 nov 2026 10:00 — 4 van 9 punten vastgelegd.")
        await wait_for(pilot, lambda: "Druk op h om verder te gaan" in screen_text(app))
        await pilot.press("h")
        await wait_for(pilot, lambda: conversations_opened)
        assert conversations_opened == [(case_id, 2, "bijlage-6", talk.id)]


async def test_a_step_with_two_guides_lets_the_mentor_choose(make_app, db_path, protocol, calendar,
                                                              conversations_opened):
    case_id = new_case(db_path, protocol, calendar)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, case_id)
        await wait_for(pilot, lambda: "Stap gedaan" in screen_text(app))
        assert "Hervatten" not in screen_text(app)  # nothing to resume: the key is hidden
        await pilot.press("3", "g")
        picker = await dialog(pilot, GuidePicker)
        assert [text for text, _ in picker.choices] == [
            "Nieuw gesprek: bijlage 3: Leidraad voor een gesprek met een leerling die pest",
            "Nieuw gesprek: bijlage 4: Stappenplan gesprek met de pester en evt. meelopers"]
        await wait_for(pilot, lambda: "Nieuw gesprek: bijlage 4: Stappenplan gesprek met de pester en evt. "
                                      "meelopers" in screen_text(app))
        assert "Welk gesprek? (stap 3)" in screen_text(app)
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: conversations_opened)
        assert conversations_opened == [(case_id, 3, "bijlage-4", None)]
        # Stap 4 has one guide: it opens at once.
        app.pop_screen()
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("4", "enter")
        await wait_for(pilot, lambda: len(conversations_opened) == 2)
        assert conversations_opened[1] == (case_id, 4, "bijlage-7", None)
        # Stap 5 has no guide: a Dutch hint, no screen.
        app.pop_screen()
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("5", "g")
        await pilot.pause()
        assert app.screen is screen and len(conversations_opened) == 2


# --- the case picker and the palette ------------------------------------------------------
async def test_case_picker_filters_open_cases_as_you_type(make_app, db_path):
    app = make_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        app.action_open_case_list()
        picker = await dialog(pilot, CasePickerScreen)
        await wait_for(pilot, lambda: len(picker.shown) == 8)  # every case but the closed one
        assert "2024-0001" not in {c.number for c in picker.shown}
        await pilot.press(*"3ha")
        await wait_for(pilot, lambda: {c.number for c in picker.shown} == {"2026-0003", "2026-0007"})
        await wait_for(pilot, lambda: "Geëscaleerd" in screen_text(app))
        await replace_text(pilot, "Lieke")  # a name finds the case without showing names
        await wait_for(pilot, lambda: [c.number for c in picker.shown] == ["2026-0003"])
        assert screen_text(app).count("Lieke") == 1  # only in the filter
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.detail is not None)
        assert app.screen.detail.case.number == "2026-0003"


async def test_case_actions_are_in_the_command_palette(make_app, db_path, protocol, calendar):
    case_id = new_case(db_path, protocol, calendar, online=True)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_case(pilot, case_id)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: "Zoek een opdracht" in screen_text(app))
        await pilot.press(*"Bewijs vastleggen")
        await wait_for(pilot, lambda: "Bewijs vastleggen" in screen_text(app))
        await pilot.press("enter")
        await dialog(pilot, EvidenceDialog)


async def test_resume_opens_the_conversation_screen_where_it_stopped(make_app, db_path):
    from pestcli.screens.conversation import ConversationScreen

    app = make_app(demo=True)
    case_id = demo_case_id(db_path, "2026-0002")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, case_id)
        talk = screen.detail.unfinished_conversation.conversation
        await pilot.press("h")
        conversation = await dialog(pilot, ConversationScreen)
        assert (conversation.case_id, conversation.step, conversation.guide_id, conversation.conversation_id) == (
            case_id, 2, "bijlage-6", talk.id)


# --- the mouse: a step row and a key in the footer ---------------------------------------
async def test_clicking_a_step_or_a_footer_key_works_like_its_key(make_app, db_path, protocol, calendar,
                                                                  conversations_opened):
    from pestcli.screens.case_commands import KeysFooter

    case_id = new_case(db_path, protocol, calendar)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case(pilot, case_id)
        timeline = screen.query_one(Timeline)
        await pilot.click(Timeline, offset=(10, 1 + timeline.numbers.index(4)))  # the border is row 0
        await wait_for(pilot, lambda: conversations_opened)
        assert timeline.selected_step == 4
        assert conversations_opened == [(case_id, 4, "bijlage-7", None)]
        app.pop_screen()
        await wait_for(pilot, lambda: app.screen is screen)
        footer = screen_text(app).splitlines()[-1]
        assert "b Bewijs" in footer and "▏^p " in footer  # "Opdrachten", or "Alle toetsen" when keys are left out
        await pilot.click(KeysFooter, offset=(footer.index(" b Bewijs") + 1, 0))
        await dialog(pilot, EvidenceDialog)


async def test_a_case_that_is_gone_is_told_once_and_closed(make_app, db_path):
    from pestcli.screens.home import HomeScreen

    app = make_app(demo=True)
    told: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        home = app.screen
        notify = app.notify
        app.notify = lambda message, **kwargs: (told.append(message), notify(message, **kwargs))
        app.open_case(999_999)
        await wait_for(pilot, lambda: app.screen is home and told)
        await pilot.pause()
    assert told == ["Melding 999999 bestaat niet (meer)."]
