"""Issue 13, "Focus and the current item": the mentor always knows where the keyboard is.

The real app on a real SQLite file, driven by keys: the home screen's filter
gets the focus only when the mentor puts it there (after start-up and after
Esc from the case, the agenda and the report form the keys act), Enter on a
case row opens it, ``g`` after finishing stap 2 offers stap 3's guides, the
highlighted step carries a ▶, a follow-up's agreements say "nagekomen" or
"gebroken" beside a sign, and a form of bullying ticked with Tab and Space is
on screen.
"""

from __future__ import annotations

import sys
import types

import pytest
from ui_helpers import TODAY, screen_text, wait_for
from textual.screen import Screen
from textual.widgets import DataTable, Input

from pestcli.screens.case import CaseScreen
from pestcli.screens.followup_dialog import FollowUpDialog
from pestcli.screens.guide_picker import GuidePicker
from pestcli.screens.home import HomeScreen
from pestcli.screens.report_checklist import FormChecklist
from pestcli.screens.report_form import ReportFormScreen
from pestcli.screens.step_done_dialog import StepDoneDialog
from pestcli.store import add_agreement, add_person, open_store, plan_followups
from pestcli.store.workflow import Rules, register_case
from pestcli.widgets.timeline import CURSOR_SIGN, Timeline

SIZES = [(80, 24), (120, 40)]
#: The thick bar left of a focused table on the home screen.
BAR = "█"


async def home_ready(pilot) -> HomeScreen:
    """Wait until the home screen shows the open cases (the demo) with the focus settled."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded
                   and app.focused is not None)
    return app.screen


def focus_is_on_the_cases(app) -> bool:
    """The open cases have the focus, not the filter."""
    return isinstance(app.focused, DataTable) and app.focused.id == "open-cases"


@pytest.mark.parametrize("size", SIZES)
async def test_home_focus_never_lands_in_the_filter_and_the_keys_act(make_app, size):
    app = make_app(demo=True)
    async with app.run_test(size=size) as pilot:
        home = await home_ready(pilot)
        assert focus_is_on_the_cases(app)  # after start-up
        # Esc from the agenda, the report form and a case: back on the cases, and keys act.
        await pilot.press("a")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "AgendaScreen")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is home and focus_is_on_the_cases(app))
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is home and focus_is_on_the_cases(app))
        # The mentor puts the focus in the filter, then opens a case from the palette's
        # list: back home, the focus is on the cases again, not in the filter.
        await pilot.press("slash")
        await wait_for(pilot, lambda: isinstance(app.focused, Input))
        await pilot.press(*"Kuipers")
        app.open_case(home.rows[0].case_id)
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is home and focus_is_on_the_cases(app))
        assert home.query_one("#home-filter", Input).value == "Kuipers"  # the filter is kept, not typed into
        await pilot.press("w")  # this week's list: the key acts, it is not typed
        await wait_for(pilot, lambda: not focus_is_on_the_cases(app))
        assert home.query_one("#home-filter", Input).value == "Kuipers"


@pytest.mark.parametrize("size", SIZES)
async def test_enter_on_a_row_of_the_home_table_opens_that_case(make_app, db_path, size):
    app = make_app(demo=True)
    async with app.run_test(size=size) as pilot:
        home = await home_ready(pilot)
        table = home.query_one("#open-cases", DataTable)
        await pilot.press("down")
        await wait_for(pilot, lambda: table.cursor_row == 1)
        number = str(table.get_row_at(1)[0])
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.detail is not None)
        assert app.screen.detail.case.number == number
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is home and focus_is_on_the_cases(app))
        assert table.cursor_row == 1  # the same row, ready for the next Enter
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.detail is not None)
        assert app.screen.detail.case.number == number


# --- the case screen: the step the keys act on -------------------------------------------
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


def new_case(db_path, protocol, calendar) -> int:
    """A case of class 1A, stap 1 done on the report (reported Friday 20 November 2026)."""
    from datetime import date

    store = open_store(db_path, daily_backup=False)
    try:
        fenna = add_person(store, "Fenna", "Kuipers", class_name="1A")
        jesse = add_person(store, "Jesse", "van Dongen", class_name="1A")
        case = register_case(store, Rules(protocol, calendar), reported_on=date(2026, 11, 20),
                             reporter_kind="leerling", parents_informed_after="na-stap-3", class_name="1A",
                             forms=["lichamelijk.duwen"], mentor="M. Jansen",
                             roles=[(fenna.id, "gepeste"), (jesse.id, "pester")])
        return case.id
    finally:
        store.close()


def timeline_rows(app) -> list[str]:
    """The timeline's rows as they read on screen."""
    timeline = app.screen.query_one(Timeline)
    lines = screen_text(app).splitlines()
    top = timeline.content_region.y
    return lines[top:top + len(timeline.numbers)]


@pytest.mark.parametrize("size", SIZES)
async def test_g_after_stap_2_is_done_offers_stap_3_and_the_row_carries_a_marker(
        make_app, db_path, protocol, calendar, conversations_opened, size):
    case_id = new_case(db_path, protocol, calendar)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        app.open_case(case_id)
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.detail is not None)
        screen = app.screen
        timeline = screen.query_one(Timeline)
        assert timeline.selected_step == 2
        rows = timeline_rows(app)
        marked = [row for row in rows if CURSOR_SIGN in row]
        assert len(marked) == 1 and "Stap 2" in marked[0]  # one ▶, on the highlighted step
        # The focused steps have a heavy frame (┏━), not only a frame of another colour.
        assert app.focused is timeline
        assert screen_text(app).splitlines()[timeline.region.y][timeline.region.x] == "┏"
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, StepDoneDialog))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen and screen.detail.step(2).done_on == TODAY)
        # "Volgende" names stap 3, and the highlight (and so g) moved there.
        assert "(stap 3)" in screen_text(app)
        assert timeline.selected_step == 3
        marked = [row for row in timeline_rows(app) if CURSOR_SIGN in row]
        assert len(marked) == 1 and "Stap 3" in marked[0]
        await pilot.press("g")
        picker = await _dialog(pilot, GuidePicker)
        assert "Welk gesprek? (stap 3)" in screen_text(app)
        assert all(choice.step == 3 for _, choice in picker.choices)
        # The mentor may still choose a done step by hand: the highlight stays where put.
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("2")
        await wait_for(pilot, lambda: "Stap 2" in next(r for r in timeline_rows(app) if CURSOR_SIGN in r))
        assert timeline.selected_step == 2


async def _dialog(pilot, kind):
    """Wait for a dialog of ``kind`` on top."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, kind))
    return pilot.app.screen


# --- the follow-up: kept and broken in signs and words -----------------------------------
@pytest.mark.parametrize("size", SIZES)
async def test_followup_agreements_say_kept_or_broken_in_signs_and_words(make_app, db_path, protocol,
                                                                          calendar, size):
    from datetime import date

    case_id = new_case(db_path, protocol, calendar)
    store = open_store(db_path, daily_backup=False)
    add_agreement(store, case_id, "Jesse laat Fenna met rust.", date(2026, 11, 20))
    add_agreement(store, case_id, "Fenna zegt het als er iets is.", date(2026, 11, 20))
    (followup,) = plan_followups(store, case_id, [("na een week", date(2026, 11, 23))])
    store.close()
    app = make_app()
    async with app.run_test(size=size) as pilot:
        app.push_screen(FollowUpDialog(followup.id))
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpDialog)
                       and "Fenna zegt het" in screen_text(app))

        def line_of(text: str) -> str:
            return next(line for line in screen_text(app).splitlines() if text in line)

        assert "✔▌ nagekomen" in line_of("Jesse laat Fenna") and "✔▌ nagekomen" in line_of("Fenna zegt het")
        await pilot.press("space")  # the first agreement: broken
        await wait_for(pilot, lambda: "✗▌ gebroken" in line_of("Jesse laat Fenna"))
        assert "nagekomen" not in line_of("Jesse laat Fenna")
        assert "✔▌ nagekomen" in line_of("Fenna zegt het")
        assert app.screen.query_one("#agreements").selected != []


# --- the report form: what Space ticks is on screen --------------------------------------
def on_screen(app, checklist: FormChecklist) -> bool:
    """Whether the highlighted item of ``checklist`` lies inside the form's visible column."""
    body = app.screen.query_one("#report-body")
    top = checklist.content_region.y + checklist._index_to_line[checklist.highlighted] - checklist.scroll_offset.y
    height = checklist._heights[checklist.highlighted]
    return body.content_region.y <= top and top + height <= body.content_region.bottom


@pytest.mark.parametrize("size", SIZES)
async def test_a_form_ticked_with_tab_and_space_is_in_view(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        app.action_new_report()
        form = await _dialog(pilot, ReportFormScreen)
        checklists = list(form.query(FormChecklist).results(FormChecklist))
        form.query_one("#reporter-person").focus()
        for _ in range(10):  # Tab on until the first list of forms has the focus
            if isinstance(app.focused, FormChecklist):
                break
            await pilot.press("tab")
        for checklist in checklists:
            # Tab into each list of forms, move down to its last item, tick it: always on screen.
            await wait_for(pilot, lambda checklist=checklist: app.focused is checklist)
            await pilot.press("space")
            await wait_for(pilot, lambda checklist=checklist: on_screen(app, checklist))
            assert checklist.selected
            await pilot.press(*["down"] * (checklist.option_count - 1), "space")
            await wait_for(pilot, lambda checklist=checklist: checklist.highlighted == checklist.option_count - 1
                           and len(checklist.selected) == 2 and on_screen(app, checklist))
            await pilot.press("tab")
        # Shift+Tab back into the last list: its highlighted item comes into view again.
        await pilot.press("shift+tab")
        await wait_for(pilot, lambda: app.focused is checklists[-1] and on_screen(app, checklists[-1]))
        # The column scrolled on (as by the mouse wheel) past the focused list's highlighted
        # item: the next arrow key brings the item back into view, before Space ticks it.
        last = checklists[-1]
        body = form.query_one("#report-body")
        await pilot.press("home")
        await wait_for(pilot, lambda: last.highlighted == 0 and on_screen(app, last))
        body.scroll_to(y=body.scroll_offset.y + (last.region.bottom - body.content_region.y), animate=False,
                       immediate=True)
        await wait_for(pilot, lambda: not on_screen(app, last))
        await pilot.press("down")
        await wait_for(pilot, lambda: last.highlighted == 1 and on_screen(app, last))
        await pilot.press("space")
        await wait_for(pilot, lambda: len(last.selected) == 3)


# --- who takes part: ticked and not ticked differ by a sign --------------------------------
async def test_participants_ticked_or_not_by_a_sign_not_by_colour(make_app, db_path, protocol, calendar):
    from pestcli.screens.participants_dialog import ParticipantsDialog
    from pestcli.store import case_detail

    case_id = new_case(db_path, protocol, calendar)
    app = make_app()
    detail = case_detail(app.store, case_id)
    fenna = next(p.person.id for p in detail.people if p.person.first_name == "Fenna")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ParticipantsDialog(detail.people, [fenna], {"gepeste": "gepeste", "pester": "pester"}))
        await wait_for(pilot, lambda: isinstance(app.screen, ParticipantsDialog) and "Jesse" in screen_text(app))

        def line_of(text: str) -> str:
            return next(line for line in screen_text(app).splitlines() if text in line)

        assert "▐✔▌ Fenna" in line_of("Fenna") and "▐ ▌ Jesse" in line_of("Jesse")
        await pilot.press("down", "space")  # Jesse takes part too
        await wait_for(pilot, lambda: "▐✔▌ Jesse" in line_of("Jesse"))
        await pilot.press("up", "space")  # Fenna does not
        await wait_for(pilot, lambda: "▐ ▌ Fenna" in line_of("Fenna"))


@pytest.mark.parametrize("size", SIZES)
async def test_the_focused_home_table_shows_a_bar_not_only_a_colour(make_app, size):
    app = make_app(demo=True)
    async with app.run_test(size=size) as pilot:
        home = await home_ready(pilot)
        cases = home.query_one("#open-cases", DataTable)
        due = home.query_one("#due-table", DataTable)

        def left_edge(table: DataTable) -> str:
            """The column left of the table's rows, top to bottom."""
            lines = screen_text(app).splitlines()
            x = table.region.x
            return "".join(lines[y][x] for y in range(table.region.y, table.region.bottom)
                           if app.screen.get_widget_at(x, y)[0] is table)  # where it is not covered

        await wait_for(pilot, lambda: set(left_edge(cases)) == {BAR} and BAR not in left_edge(due))
        await pilot.press("w")  # this week's list: the bar moves with the focus
        await wait_for(pilot, lambda: set(left_edge(due)) == {BAR} and BAR not in left_edge(cases))
        await pilot.press("slash")  # in the filter: no table shows the bar
        await wait_for(pilot, lambda: isinstance(app.focused, Input))
        await wait_for(pilot, lambda: BAR not in left_edge(cases) + left_edge(due))


async def test_the_focused_protocol_text_shows_a_bar(make_app):
    from pestcli.screens.protocol_reader import ProtocolReaderScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_read_protocol()
        await wait_for(pilot, lambda: isinstance(app.screen, ProtocolReaderScreen))
        text = app.screen.query_one("#reader-text")

        def left_edge() -> str:
            lines = screen_text(app).splitlines()
            return "".join(lines[y][text.region.x] for y in range(text.region.y, text.region.bottom))

        assert app.focused is not text and BAR not in left_edge()
        text.focus()
        await wait_for(pilot, lambda: app.focused is text and set(left_edge()) == {BAR})
