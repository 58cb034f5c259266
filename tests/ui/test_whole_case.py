"""One whole case, from the report to the two-year follow-up, played by keyboard at 80×24.

The story of issue 12: on Monday 30 November 2026 Sanne de Vries (2B) reports
that Daan Jansen bullies her, with Luuk and Mila following and Fleur helping;
in words and in the class's WhatsApp group. The mentor holds stap 2 with Sanne
(bijlage 6) and phones her parents, stap 3 with Daan and the followers
(bijlage 4), the no-blame meeting of stap 4 (bijlage 7) with agreements, the
class conversation of 2B (bijlage 1), and stap 6 with Daan's father
(bijlage 5). The follow-ups after two days, a week and a month are held with
every agreement kept; then the case is closed with the monitoring going on,
and the rest of the two years stays on the agenda and the home screen. The
summary PDF, written from the preview, says every step in the protocol's words.

The real app on a real SQLite file, and again on a real PostgreSQL server; its ``today`` is a clock the story moves
forward. Everything goes through the keyboard: keys move the focus (Tab,
arrows), never ``focus()`` or a cursor set from the test, and every control
Tab reaches is scrolled into view. Every screen and dialog the story opens is
checked for English (``tests/dutch_check.py``). Nothing sleeps, everything is
polled with ``wait_for``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import pytest
from pypdf import PdfReader
from textual.widgets import DataTable, Input, Label, OptionList, Select
from dutch_check import not_dutch
from ui_helpers import screen_text
from ui_helpers import wait_for as poll

from pestcli.app import PestApp
from pestcli.screens.agenda import AgendaScreen
from pestcli.screens.agreement_dialog import AgreementDialog
from pestcli.screens.case import CaseScreen
from pestcli.screens.class_conversation import ClassConversationScreen
from pestcli.screens.close_case_dialog import CloseCaseDialog, ConfirmClose
from pestcli.screens.conversation import ConversationScreen
from pestcli.screens.conversation_summary import ConversationSummaryScreen, EndDialog
from pestcli.screens.followup_dialog import FollowUpDialog
from pestcli.screens.guide_picker import GuidePicker
from pestcli.screens.parent_contact_dialog import ParentContactDialog
from pestcli.screens.parent_dialog import ParentDialog
from pestcli.screens.report_dialogs import NewPupilDialog
from pestcli.screens.report_form import ReportFormScreen
from pestcli.screens.summary_dialogs import SavePathDialog
from pestcli.screens.summary_preview import SummaryPreviewScreen
from pestcli.store import case_detail, list_cases, open_store
from pestcli.widgets.checklist import Checklist
from pestcli.widgets.due_list import DueList
from pestcli.widgets.pupil_picker import PupilPicker
from pestcli.widgets.timeline import DONE, INFORMING_ROW, Timeline

SMALL = (80, 24)  # the design size
REPORTED = date(2026, 11, 30)  # Monday 30 November 2026
FATHER = "Peter Jansen (vader van Daan Jansen)"
DAAN_AGREEMENT = "Ik stuur Sanne geen berichten meer in de groepsapp"
CLASS_AGREEMENT = "We laten elkaar uitpraten"
MENTOR = "Marieke de Mentor"


async def wait_for(pilot, condition, timeout: float = 30.0) -> None:
    """``ui_helpers.wait_for`` with room for a slow, loaded machine (a whole case is long)."""
    await poll(pilot, condition, timeout=timeout)


# --- the story's clock ------------------------------------------------------------------
@dataclass
class Clock:
    """The app's ``today``: a day the story moves forward."""

    day: date

    def __call__(self) -> date:
        return self.day

    def now(self) -> datetime:
        """The clock's day at the real time of day (conversations are stamped with it)."""
        return datetime.combine(self.day, datetime.now().time().replace(microsecond=0))


def clocked_datetime(clock: Clock) -> type[datetime]:
    """A ``datetime`` whose ``now()`` is on the story's day (for the app's time stamps)."""

    class ClockedDateTime(datetime):
        @classmethod
        def now(cls, tz=None):  # noqa: ANN001, ANN206 - the signature of datetime.now
            return clock.now() if tz is None else datetime.combine(clock.day, time(12, 0), tz)

    return ClockedDateTime


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """The story's clock; conversations and records are stamped on its day, not the machine's."""
    story = Clock(REPORTED)
    fake = clocked_datetime(story)
    # The conversation screen stamps its start and the store stamps ends and records with
    # datetime.now(); in the story they follow the app's day like everything else.
    monkeypatch.setattr("pestcli.store.common.datetime", fake)
    monkeypatch.setattr("pestcli.screens.conversation.datetime", fake)
    # "Gevoerd door": the full name the system knows for the mentor
    monkeypatch.setattr("pestcli.store.conversations.user_name", lambda: MENTOR)
    return story


@pytest.fixture
def target(store_target):
    """The story's database: a file, or a new database on the test's PostgreSQL server (``backend``)."""
    return store_target


@pytest.fixture
def story_app(protocol, calendar, target, clock):
    """The real app on the test's file or server, with the story's clock as ``today``."""
    store = open_store(target)
    yield PestApp(protocol=protocol, store=store, calendar=calendar, today=clock)
    store.close()


def committed(target):
    """A second connection to the file or server: only committed data is there."""
    return open_store(target, daily_backup=False)


# --- small moves a mentor makes -----------------------------------------------------------
#: English seen on the way (each screen and dialog the story opens is checked).
ENGLISH: list[str] = []


def no_english(app, where: str) -> None:
    """Note any English word or internal id on the screen now."""
    ENGLISH.extend(f"{where}: {problem}" for problem in not_dutch(screen_text(app)))


async def on_screen(pilot, kind):
    """Wait until a screen of ``kind`` is on top; check it for English; return it."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, kind), timeout=30)
    no_english(pilot.app, kind.__name__)
    return pilot.app.screen


def in_view(widget) -> bool:
    """Whether ``widget`` is scrolled into view: whole, or (taller than its container) in part.

    A long checklist taller than the form's column counts as in view when part
    of it shows (it scrolls its highlighted item into view itself).
    """
    region = widget.region
    if not region:
        return False
    visible = region.intersection(widget.screen.region)
    frames = [a.region for a in widget.ancestors if getattr(a, "allow_vertical_scroll", False) and a.region]
    for frame in frames:
        visible = visible.intersection(frame)
    room = min([frame.height for frame in frames] + [widget.screen.region.height])
    return visible == region if region.height <= room else visible.height >= 1


async def tab_to(pilot, target: str, limit: int = 40) -> None:
    """Press Tab until the widget ``target`` (an id or a selector) has the focus; it is then in view.

    Keys only, as a mentor: no ``focus()``. Every widget Tab passes on the way
    is visible (a focused control is always scrolled into view).
    """
    app = pilot.app
    selector = target if target[:1] in "#." or " " in target else f"#{target}"
    widget = app.screen.query_one(selector)
    for _ in range(limit):
        if app.focused is widget:
            await wait_for(pilot, lambda: in_view(widget))
            return
        await pilot.press("tab")
        await pilot.pause()
        focused = app.focused
        if focused is not None:
            await wait_for(pilot, lambda: in_view(focused))
    raise AssertionError(f"Tab never reached {selector}; focus on {app.focused}")


async def choose(pilot, select: Select, value) -> None:
    """Open the focused Select and move down until ``value`` is chosen (keys only)."""
    await pilot.press("enter")
    for _ in range(10):
        await pilot.press("down", "enter")
        if select.value == value:
            return
        await pilot.press("enter")
    raise AssertionError(f"{value!r} not reached")


async def add_new_pupil(pilot, role: str, name: str, class_name: str | None = None) -> None:
    """In the report form: type a name in a role's picker, Enter, confirm the new pupil."""
    app = pilot.app
    await tab_to(pilot, f"#role-{role} .picker-query")
    await pilot.press(*name)
    picker = app.screen.query_one(f"#role-{role}", PupilPicker)
    await wait_for(pilot, lambda: picker.matches.display and picker.matches.option_count > 0)
    await pilot.press("enter")
    await on_screen(pilot, NewPupilDialog)
    if class_name is not None:
        await pilot.press("ctrl+u", *class_name)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen)
                   and any(p.name == name for p in picker.chosen))


async def case_screen(pilot) -> CaseScreen:
    """Wait until the case screen is on top and has read the case."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CaseScreen) and pilot.app.screen.detail is not None,
                   timeout=30)
    no_english(pilot.app, "CaseScreen")
    return pilot.app.screen


async def back_to_case(pilot) -> CaseScreen:
    """Escape until the case screen is on top again."""
    for _ in range(5):
        if isinstance(pilot.app.screen, CaseScreen):
            break
        await pilot.press("escape")
        await pilot.pause()
    return await case_screen(pilot)


async def start_guide(pilot, step: int, guide_label: str | None = None) -> ConversationScreen:
    """On the case screen: the step's number, g, and (when the step has two guides) the guide."""
    await pilot.press(str(step), "g")
    if guide_label is not None:
        picker = await on_screen(pilot, GuidePicker)
        options = picker.query_one(OptionList)
        for _ in range(options.option_count):
            if guide_label in str(options.highlighted_option.prompt):
                break
            await pilot.press("down")
        assert guide_label in str(options.highlighted_option.prompt)
        await pilot.press("enter")
    screen = await on_screen(pilot, ConversationScreen)
    await wait_for(pilot, lambda: screen.conversation_id is not None and screen.query_one(Checklist).has_focus,
                   timeout=30)
    return screen


async def tick(pilot, screen, count: int) -> None:
    """Mark the next ``count`` items of the checklist done (d), one by one."""
    checklist = screen.query_one(Checklist)
    for _ in range(count):
        done = checklist.counts()["done"]
        await pilot.press("d")
        await wait_for(pilot, lambda: checklist.counts()["done"] == done + 1)


async def add_agreement(pilot, screen, who: str, text: str) -> None:
    """a: the agreement dialog; choose who (by name) and type the text in their words."""
    app = pilot.app
    await pilot.press("a")
    dialog = await on_screen(pilot, AgreementDialog)
    who_list = dialog.query_one("#agreement-who", OptionList)
    for _ in range(who_list.option_count):
        if who in str(who_list.highlighted_option.prompt):
            break
        await pilot.press("down")
    assert who in str(who_list.highlighted_option.prompt)
    await pilot.press("enter", *text, "ctrl+s")
    await wait_for(pilot, lambda: app.screen is screen and (who, text) in screen.agreements)



async def finish_conversation(pilot) -> str:
    """e, Enter in "Gesprek afronden?", read the overview, Escape back; its "Volgende stap" line."""
    await pilot.press("e")
    await on_screen(pilot, EndDialog)
    await pilot.press("enter")
    overview = await on_screen(pilot, ConversationSummaryScreen)
    await wait_for(pilot, lambda: "Het gesprek is afgerond en opgeslagen." in screen_text(pilot.app))
    next_step = overview.next_step
    await pilot.press("escape")
    return next_step


async def go_home(pilot, app) -> DueList:
    """Escape to the home screen, reload it (F5) for the new day, wait for its list."""
    for _ in range(5):
        if app.screen.id == "home":
            break
        await pilot.press("escape")
        await pilot.pause()
    await wait_for(pilot, lambda: app.screen.id == "home")
    due = app.screen.query_one(DueList)
    await pilot.press("f5")
    await wait_for(pilot, lambda: due.loaded and app.screen.loaded, timeout=30)
    no_english(app, "HomeScreen")
    return due


async def to_due_row(pilot, app, followup_id: int) -> None:
    """On the home screen: to the due list (Tab), down (arrow keys) to the follow-up's row."""
    due = await go_home(pilot, app)
    key = f"vervolg-{followup_id}"
    await wait_for(pilot, lambda: any(r.kind == "vervolg" and r.ref_id == followup_id for r in due.rows), timeout=30)
    table = due.query_one(DataTable)
    await tab_to(pilot, "#due-table")
    for _ in range(table.row_count):
        if table.cursor_row == table.get_row_index(key):
            break
        await pilot.press("down")
    await wait_for(pilot, lambda: table.cursor_row == table.get_row_index(key))


async def hold_followup_from_home(pilot, app, followup_id: int) -> None:
    """On the home screen: the follow-up's row in "te doen", g, and "gaat goed" (g)."""
    await to_due_row(pilot, app, followup_id)
    await pilot.press("g")
    dialog = await on_screen(pilot, FollowUpDialog)
    await wait_for(pilot, lambda: dialog.context is not None
                   and [v.agreement.text for v in dialog.context.agreements] == [DAAN_AGREEMENT])
    await wait_for(pilot, lambda: "Vervolggesprek" in screen_text(app) and "Daan Jansen" in screen_text(app))
    await pilot.press("g")  # "gaat goed": every agreement ticked, so kept
    await wait_for(pilot, lambda: not isinstance(app.screen, FollowUpDialog), timeout=30)


async def open_case_from_home(pilot, app, number: str) -> CaseScreen:
    """On the home screen: to the open cases (Tab), down to the case's row, Enter."""
    await go_home(pilot, app)
    table = app.screen.query_one("#open-cases", DataTable)
    await tab_to(pilot, "#open-cases")
    for _ in range(table.row_count):
        if number in " ".join(map(str, table.get_row_at(table.cursor_row))):
            break
        await pilot.press("down")
    assert number in " ".join(map(str, table.get_row_at(table.cursor_row)))
    await pilot.press("enter")
    screen = await case_screen(pilot)
    assert screen.detail.case.number == number
    return screen


async def open_case_from_due_list(pilot, app, followup_id: int) -> CaseScreen:
    """On the home screen: to the due list (Tab), down to the follow-up's row, Enter opens its case."""
    await to_due_row(pilot, app, followup_id)
    await pilot.press("enter")
    return await case_screen(pilot)


def open_followups(target, case_id: int) -> list:
    """The case's follow-ups still to hold, by date (read from what is committed)."""
    with committed(target) as store:
        rows = case_detail(store, case_id).followups
    return sorted((f for f in rows if f.done_on is None and f.cancelled_on is None), key=lambda f: f.due_on)


def pdf_text(path: Path) -> str:
    """The PDF's text as pypdf reads it, with all white space (table wraps too) as single spaces."""
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


# --- the story ---------------------------------------------------------------------------
async def report_the_case(pilot, app) -> CaseScreen:
    """Monday 30 November: Ctrl+N, the report in the form, Ctrl+S."""
    await wait_for(pilot, lambda: app.screen.id == "home")
    await pilot.press("ctrl+n")
    form = await on_screen(pilot, ReportFormScreen)
    await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "reporter")
    await pilot.press("enter")  # "Wie meldt het?" — de gepeste leerling zelf
    await add_new_pupil(pilot, "gepeste", "Sanne de Vries", "2B")
    await add_new_pupil(pilot, "pester", "Daan Jansen")  # the class comes from the victim
    await add_new_pupil(pilot, "meeloper", "Luuk Bakker")
    await add_new_pupil(pilot, "meeloper", "Mila de Boer")
    await add_new_pupil(pilot, "helper", "Fleur Visser")
    await tab_to(pilot, "#forms-woorden")
    await pilot.press("space")  # Iemand beledigen of uitschelden.
    await pilot.press(*["down"] * 6, "space")  # Op sociale media iemand uitschelden.
    await tab_to(pilot, "#online")
    await pilot.press("space")
    await tab_to(pilot, "#informing")
    await pilot.press("right", "enter")  # Na stap 3
    await tab_to(pilot, "#informing-reason")
    await pilot.press(*"Geen geweld, wel herhaald")
    await tab_to(pilot, "#location")
    await pilot.press(*"in de klas en in de WhatsApp-groep van 2B")
    await tab_to(pilot, "#mentor")
    await pilot.press(*MENTOR)
    await pilot.press("ctrl+s")
    # online bullying: the evidence log opens at once; the screenshots come later
    await wait_for(pilot, lambda: type(app.screen).__name__ == "EvidenceDialog", timeout=30)
    await pilot.press("escape")
    screen = await case_screen(pilot)
    assert form.saved_case_id == screen.case_id
    return screen


async def stap2_with_sanne_and_her_parents(pilot, app, clock: Clock) -> None:
    """Tuesday 1 December: bijlage 6 with Sanne (and Fleur); Sanne's parents told by phone."""
    clock.day = date(2026, 12, 1)
    screen = await back_to_case(pilot)
    talk = await start_guide(pilot, 2, "bijlage 6")
    await wait_for(pilot, lambda: "Sanne de Vries" in " ".join(talk.participant_labels))
    await tick(pilot, talk, 3)
    overview = await finish_conversation(pilot)
    assert "Volgende stap: stap 3" in overview
    screen = await case_screen(pilot)
    await wait_for(pilot, lambda: screen.detail.step(2).done_on == date(2026, 12, 1))
    # the informing of stap 2: its own line under stap 2, Enter opens the parent contact
    timeline = screen.query_one(Timeline)
    await pilot.press("2", "down")
    await wait_for(pilot, lambda: timeline.on_informing_row)
    await pilot.press("enter")
    dialog = await on_screen(pilot, ParentContactDialog)
    await tab_to(pilot, "#how")
    await choose(pilot, dialog.query_one("#how", Select), "telefoon")
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: app.screen is screen
                   and screen.query_one(Timeline).line_of(INFORMING_ROW).status == DONE, timeout=30)


async def stap3_with_daan_and_followers(pilot, app, clock: Clock) -> None:
    """Monday 7 December: bijlage 4 with Daan, Luuk and Mila."""
    clock.day = date(2026, 12, 7)
    await back_to_case(pilot)
    talk = await start_guide(pilot, 3, "bijlage 4")
    labels = " ".join(talk.participant_labels)
    assert "Daan Jansen" in labels and "Luuk Bakker" in labels and "Mila de Boer" in labels
    assert "Sanne" not in labels
    await tick(pilot, talk, 4)  # item 15 (the appointment in three days) is not reached
    await finish_conversation(pilot)
    screen = await case_screen(pilot)
    await wait_for(pilot, lambda: screen.detail.step(3).done_on == date(2026, 12, 7))


async def stap4_no_blame_meeting(pilot, app, clock: Clock) -> None:
    """Wednesday 9 December: bijlage 7 with everyone; Daan's agreement; ending plans stap 5."""
    clock.day = date(2026, 12, 9)
    await back_to_case(pilot)
    talk = await start_guide(pilot, 4)  # one guide: bijlage 7
    await tick(pilot, talk, 3)
    await add_agreement(pilot, talk, "Daan Jansen", DAAN_AGREEMENT)
    overview = await finish_conversation(pilot)
    assert overview.startswith("Volgende stap: stap 5, vervolggesprekken")
    screen = await case_screen(pilot)
    await wait_for(pilot, lambda: screen.detail.step(4).done_on == date(2026, 12, 9))


async def class_conversation(pilot, app) -> None:
    """The same day: k, the class conversation of 2B (bijlage 1), an agreement of the class."""
    await back_to_case(pilot)
    await pilot.press("k")
    talk = await on_screen(pilot, ClassConversationScreen)
    await wait_for(pilot, lambda: talk.conversation_id is not None and talk.query_one(Checklist).has_focus,
                   timeout=30)
    assert "Klassengesprek 2B" in screen_text(app)
    await pilot.press("d")  # "zeg geen vervelende of kwetsende dingen tegen elkaar": agreed
    await wait_for(pilot, lambda: talk.query_one(Checklist).state_of("b1.afspraken.01") == "done")
    await pilot.press("a")
    await on_screen(pilot, AgreementDialog)
    await pilot.press("enter", *CLASS_AGREEMENT, "ctrl+s")  # "Samen" -> the text
    await wait_for(pilot, lambda: app.screen is talk and ("De klas", CLASS_AGREEMENT) in talk.agreements)
    await pilot.press("e")
    await on_screen(pilot, EndDialog)
    await pilot.press("enter")
    await wait_for(pilot, lambda: "Het gesprek is afgerond en opgeslagen." in screen_text(app))
    await pilot.press("escape")
    screen = await case_screen(pilot)
    await wait_for(pilot, lambda: CLASS_AGREEMENT in str(screen.query_one("#case-sections").render()))


async def stap6_with_daans_father(pilot, app, clock: Clock) -> None:
    """Thursday 10 December: u adds Daan's father; bijlage 5 with him as the participant."""
    clock.day = date(2026, 12, 10)
    screen = await back_to_case(pilot)
    daan = next(p.person for p in screen.detail.people if p.person.first_name == "Daan")
    await pilot.press("u")
    dialog = await on_screen(pilot, ParentDialog)
    await wait_for(pilot, lambda: dialog.focused is dialog.query_one("#pupil", Select))
    await choose(pilot, dialog.query_one("#pupil", Select), daan.id)
    await pilot.press("tab", *"Peter", "tab", *"Jansen", "tab")
    await choose(pilot, dialog.query_one("#relation", Select), "vader")
    await pilot.press("tab", *"06-12345678", "ctrl+s")
    await wait_for(pilot, lambda: app.screen is screen and screen.detail.parents, timeout=30)
    talk = await start_guide(pilot, 6)  # one guide: bijlage 5
    await wait_for(pilot, lambda: talk.participant_labels == [FATHER])
    await tick(pilot, talk, 3)
    await finish_conversation(pilot)
    screen = await case_screen(pilot)
    await wait_for(pilot, lambda: screen.detail.step(6).done_on == date(2026, 12, 10))


async def close_with_monitoring(pilot, app, clock: Clock, on: date) -> None:
    """s: the close dialog; a reason; monitoring goes on (the default); Enter; j."""
    clock.day = on
    screen = await back_to_case(pilot)
    await pilot.press("s")
    form = await on_screen(pilot, CloseCaseDialog)
    await wait_for(pilot, lambda: app.focused is form.query_one("#reason", Input))
    await pilot.press(*"Het pesten is gestopt")
    assert form.query_one("#monitoring").pressed_button.id == "monitoring-on"
    await tab_to(pilot, "save")
    await pilot.press("enter")
    confirm = await on_screen(pilot, ConfirmClose)
    question = confirm.query_one("#confirm-question", Label)
    await wait_for(pilot, lambda: "De monitoring gaat door" in str(question.content))
    await pilot.press("j")
    await wait_for(pilot, lambda: app.screen is screen and screen.detail.case.status == "closed", timeout=30)
    await wait_for(pilot, lambda: "Monitoring gaat door (stap 5)" in screen_text(app))
    assert confirm is not app.screen


async def write_the_pdf(pilot, app, target: Path) -> None:
    """r on the case screen: the preview; p: the PDF, saved where the mentor says."""
    await back_to_case(pilot)
    await pilot.press("r")
    preview = await on_screen(pilot, SummaryPreviewScreen)
    await wait_for(pilot, lambda: preview.summary and preview.rendered, timeout=30)
    await pilot.press("p")
    dialog = await on_screen(pilot, SavePathDialog)
    field = dialog.query_one("#save-path", Input)
    await pilot.press("shift+tab")  # from "Opslaan" back to the path
    await wait_for(pilot, lambda: app.focused is field)
    await pilot.press("ctrl+u", *str(target))
    await wait_for(pilot, lambda: field.value == str(target))
    await pilot.press("enter")
    await wait_for(pilot, lambda: any(n.message == f"Opgeslagen: {target}" for n in app._notifications),
                   timeout=30)


async def test_a_whole_case_from_report_to_two_year_follow_up(story_app, target, clock, tmp_path, protocol):
    app = story_app
    pdf = tmp_path / "samenvatting.pdf"
    ENGLISH.clear()
    async with app.run_test(size=SMALL) as pilot:
        screen = await report_the_case(pilot, app)
        case_id, case_number = screen.case_id, screen.detail.case.number
        await stap2_with_sanne_and_her_parents(pilot, app, clock)
        await stap3_with_daan_and_followers(pilot, app, clock)
        await stap4_no_blame_meeting(pilot, app, clock)
        await class_conversation(pilot, app)
        await stap6_with_daans_father(pilot, app, clock)

        # stap 5: the follow-ups after two days, a week and a month, each on its own day, from the home screen
        held = []
        for label in ("na twee dagen", "na een week", "na een maand"):
            followup = open_followups(target, case_id)[0]
            assert followup.label == label
            clock.day = followup.due_on
            await hold_followup_from_home(pilot, app, followup.id)
            held.append(followup)

        # closed on the day of the last one held, the monitoring going on
        await open_case_from_home(pilot, app, case_number)
        await close_with_monitoring(pilot, app, clock, held[-1].due_on)
        remaining = open_followups(target, case_id)
        assert [f.label for f in remaining][:1] == ["na drie maanden"]
        assert remaining[-1].label == "na twee jaar"

        # the rest of the two years stays: on the agenda now, on the home screen when due
        due = await go_home(pilot, app)
        await pilot.press("a")
        agenda = await on_screen(pilot, AgendaScreen)
        await wait_for(pilot, lambda: agenda.loaded, timeout=30)
        await pilot.press("m")  # the month view; right goes to the next month, to the next follow-up
        for _ in range(6):
            if any(r.kind == "vervolg" and r.ref_id == remaining[0].id for r in agenda.rows):
                break
            shown = agenda.anchor
            await pilot.press("right")
            await wait_for(pilot, lambda: agenda.anchor != shown and agenda.loaded, timeout=30)
        await wait_for(pilot, lambda: any(r.kind == "vervolg" and r.ref_id == remaining[0].id for r in agenda.rows),
                       timeout=30)
        # at 80 columns the agenda shows the case number (the pupils' line may end in "…")
        await wait_for(pilot, lambda: any("Vervolggesprek na drie maanden" in line and case_number in line
                                          for line in screen_text(app).splitlines()))
        clock.day = remaining[0].due_on
        due = await go_home(pilot, app)
        await wait_for(pilot, lambda: any(r.kind == "vervolg" and r.ref_id == remaining[0].id for r in due.rows),
                       timeout=30)
        await wait_for(pilot, lambda: "Vervolggesprek na drie maanden" in screen_text(app))

        screen = await open_case_from_due_list(pilot, app, remaining[0].id)
        assert screen.case_id == case_id  # closed, its monitoring going on: found through its follow-up
        await write_the_pdf(pilot, app, pdf)

    assert not ENGLISH, "\n".join(ENGLISH)
    text = pdf_text(pdf)
    with committed(target) as store:
        (case,) = list_cases(store)
    assert case.number == case_number and (case.status, case.monitoring_ended_on) == ("closed", None)
    assert f"Samenvatting pestmelding {case.number}" in text
    assert f"Mentor {MENTOR} Gemeld op ma 30 nov 2026" in text
    assert "Gemeld door Sanne de Vries (de gepeste leerling zelf)" in text
    assert "Ouders inlichten Na stap 3 — Geen geweld, wel herhaald" in text
    assert "Online pesten ja Waar in de klas en in de WhatsApp-groep van 2B" in text
    # every step of the protocol, in its own words (data/protocol/steps.toml), done on the story's day
    done = {1: "ma 30 nov 2026", 2: "di 1 dec 2026", 3: "ma 7 dec 2026", 4: "wo 9 dec 2026", 6: "do 10 dec 2026"}
    for step in protocol.steps:
        assert f"{step.number} {step.title}" in text, step.title
        if step.number in done:
            row = text.split(f"{step.number} {step.title}", 1)[1][:40]
            assert done[step.number] in row and "op tijd" in row, (step.number, row)
    assert "5 Vervolggesprekken — — 3 van 9 vervolggesprekken gehouden" in text
    # the conversations: who held them and who was there
    assert text.count(f"Gevoerd door {MENTOR}") == 4  # bijlage 6, 4, 7 and 5
    assert f"Aanwezig {FATHER} Besproken" in text  # the father came to stap 6, not Daan
    assert "Aanwezig Daan Jansen (pester), Luuk Bakker (meeloper), Mila de Boer (meeloper)" in text
    # bijlage 4's letters read as the case's names, as they did on the screen
    assert "waarbij Daan (en Luuk en Mila) betrokken is" in text and "Weet Daan toevallig al" in text
    assert f"Ouder/verzorger {FATHER}" in text
    # the parents: informed by phone in stap 2, the conversation of stap 6 at school
    assert "di 1 dec 2026 ouders van Sanne de Vries Telefoon; ouders informeren (stap 2)" in text
    assert f"do 10 dec 2026 {FATHER} Gesprek op school; gesprek volgens de leidraad " \
           f"Gesprek volgens de leidraad (bijlage 5). {MENTOR}" in text
    assert "Sanne de Vries" in text and "Daan Jansen" in text and "Luuk Bakker" in text and "Mila de Boer" in text
    # the agreements, the class's among them, and the follow-ups
    assert DAAN_AGREEMENT in text
    assert "Afspraken met de klas (2B, schooljaar 2026-2027)" in text
    assert CLASS_AGREEMENT in text and "zeg geen vervelende of kwetsende dingen tegen elkaar" in text
    assert "Vervolggesprekken (stap 5)" in text
    for label, day in (("na twee dagen", "vr 11 dec 2026"), ("na een week", "wo 16 dec 2026"),
                       ("na een maand", "ma 11 jan 2027")):
        assert f"{label} {day} gehouden op {day} Het gaat goed" in text, label
        assert f"{label} {day} nagekomen" in text, label  # Daan's agreement kept
    assert "We laten elkaar uitpraten wo 9 dec 2026 nagekomen ma 11 jan 2027" in text
    assert "na drie maanden di 9 mrt 2027 gepland" in text
    assert "na twee jaar" in text.split("Vervolggesprekken (stap 5)")[1]
    # the close, and the monitoring going on
    assert "De melding is gesloten op ma 11 jan 2027: Het pesten is gestopt" in text
    assert "De monitoring (stap 5) gaat door na het sluiten." in text
    assert "Vervolggesprek na drie maanden: di 9 mrt 2027 (vandaag)" in text
