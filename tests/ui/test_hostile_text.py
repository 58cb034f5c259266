"""Issue 14: hostile text in the app is shown as text, and never takes the app down.

The real app on a real SQLite file: markup typed into the report form's
pupil search; pupils named ``[/]``, ``[link=…]Klik[/link]`` and
``Jansen\\x1b[2J\\x1b]0;PWNED\\x07`` on the home screen, the case screen, the
summary preview, the agenda and the agreement dialog; and the demo database
with the whole hostile corpus in every free-text field, visited screen by
screen. Every screen shows the markup literally and no control character.
"""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from hostile_corpus import FORBIDDEN, HOSTILE_CLASS, poison
from textual.widgets import Input
from ui_helpers import SIZE, screen_text, wait_for

from pestcli.screens.agreement_dialog import AgreementDialog
from pestcli.screens.case import CaseScreen
from pestcli.screens.conversation import ConversationScreen
from pestcli.screens.conversation_summary import EndDialog
from pestcli.screens.report_form import ReportFormScreen
from pestcli.screens.summary_preview import SummaryPreviewScreen
from pestcli.store import add_person, list_cases, open_store
from pestcli.store.workflow import Rules, complete_step, register_case
from pestcli.widgets.checklist import Checklist
from pestcli.widgets.pupil_picker import PupilPicker

#: Keys for the characters Pilot cannot press by themselves.
KEYS = {" ": "space", "[": "left_square_bracket", "]": "right_square_bracket", "/": "slash",
        "=": "equals_sign", ".": "full_stop", ":": "colon", "$": "dollar_sign"}


async def type_text(pilot, text: str) -> None:
    """Type ``text`` one key at a time, like a mentor."""
    await pilot.press(*[KEYS.get(char, char) for char in text])


def paste(app, text: str) -> None:
    """Paste ``text`` as the terminal's bracketed paste does: the app hands it to the focused field."""
    from textual import events

    app.post_message(events.Paste(text))


def assert_shown_literally(app) -> str:
    """The screen's text, checked: no control character on it; returned for more checks."""
    text = screen_text(app)
    bad = [line.strip() for line in text.splitlines() if FORBIDDEN.search(line)]
    assert not bad, f"{type(app.screen).__name__} shows control characters: {bad!r}"
    return text


@pytest.fixture
def hostile_case(db_path, protocol, calendar):
    """A case in class ``2B [/]`` whose pupils are named with markup and escape sequences."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(db_path)
    rules = Rules(protocol, calendar)
    victim = add_person(store, "Sanne", "Jansen\x1b[2J\x1b]0;PWNED\x07", class_name=HOSTILE_CLASS)
    bully = add_person(store, "[/]", "[link=https://example.com]Klik[/link]", class_name="2B [havo]")
    case = register_case(store, rules, reported_on=date(2026, 11, 16), reporter_kind="leerling",
                         parents_informed_after="na-stap-3", class_name=HOSTILE_CLASS,
                         description="[bold]vet[/bold] \x00 [/]", location="[@click=app.quit]hier[/]",
                         roles=[(victim.id, "gepeste"), (bully.id, "pester")])
    complete_step(store, rules, case.id, 2, done_on=date(2026, 11, 17))
    complete_step(store, rules, case.id, 3, done_on=date(2026, 11, 20))
    store.close()
    return case.id


async def test_markup_typed_in_the_pupil_search_keeps_the_app_and_the_form(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen) and app.focused is not None)
        form = app.screen
        picker = form.query_one("#role-gepeste", PupilPicker)
        picker.query_one(".picker-query", Input).focus()
        await wait_for(pilot, lambda: app.focused is picker.query_one(".picker-query", Input))
        await type_text(pilot, "x[/]")  # was a MarkupError that closed the app
        await wait_for(pilot, lambda: "Nieuwe leerling toevoegen: “x[/]”" in screen_text(app))
        await type_text(pilot, " [b]y [link=x]z")
        await wait_for(pilot, lambda: "x[/] [b]y [link=x]z" in screen_text(app))
        assert app.is_running and app.screen is form
        assert picker.query_one(".picker-query", Input).value == "x[/] [b]y [link=x]z"
        assert_shown_literally(app)


async def test_a_hostile_case_opens_with_its_summary_agenda_and_agreement_dialog(make_app, hostile_case):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        home = assert_shown_literally(app)
        assert "PWNED" in home or "J." in home  # the due list names the case
        app.push_screen(CaseScreen(hostile_case))
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and "PWNED" in screen_text(app))
        text = assert_shown_literally(app)
        assert "Jansen[2J]0;PWNED" in text and "[link=https://example.com]Klik[/link]" in text
        assert HOSTILE_CLASS in text
        case_screen = app.screen
        await pilot.press("r")  # the summary preview (was a MarkupError)
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryPreviewScreen) and app.screen.rendered)
        text = assert_shown_literally(app)
        assert "PWNED" in text
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is case_screen)
        screen = ConversationScreen(hostile_case, 4, "bijlage-7")
        app.push_screen(screen)
        await wait_for(pilot, lambda: app.screen is screen and screen.conversation_id is not None
                       and screen.query_one(Checklist).has_focus)
        assert_shown_literally(app)
        await pilot.press("a")  # the agreement dialog (was a MarkupError)
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementDialog) and app.screen.is_mounted
                       and "PWNED" in screen_text(app))
        text = assert_shown_literally(app)
        assert "[link=https://example.com]Klik[/link]" in text
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert app.is_running


async def test_the_agenda_screen_shows_hostile_names_as_text(make_app, hostile_case):
    from pestcli.screens.agenda import AgendaScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        app.push_screen(AgendaScreen())
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen) and HOSTILE_CLASS in screen_text(app))
        assert_shown_literally(app)
        assert app.is_running


@pytest.fixture
def hostile_demo(demo_copy, db_path):
    """The demo database with the hostile corpus in every free-text field."""
    demo_copy(db_path)
    poison(db_path)
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE audit_events SET summary = ?, os_user = ?",
                       ("Jansen\x1b[2J\x1b]0;PWNED\x07 [/] [link=x]Klik[/link]", "juf\x00[b]"))
    connection.commit()
    connection.close()
    return db_path


async def test_every_case_of_the_hostile_demo_opens_as_text(make_app, hostile_demo):
    """Home, every case screen, the agenda and one summary preview (the Markdown view is slow to render)."""
    from pestcli.screens.agenda import AgendaScreen
    from pestcli.screens.audit import AuditScreen

    with open_store(hostile_demo, daily_backup=False) as store:
        case_ids = [case.id for case in list_cases(store)]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        assert_shown_literally(app)
        for case_id in case_ids:
            screen = CaseScreen(case_id)
            app.push_screen(screen)
            await wait_for(pilot, lambda: app.screen is screen and HOSTILE_CLASS in screen_text(app))
            assert_shown_literally(app)
            if case_id == case_ids[0]:
                await pilot.press("r")
                await wait_for(pilot, lambda: isinstance(app.screen, SummaryPreviewScreen) and app.screen.rendered)
                text = assert_shown_literally(app)
                assert "[link=https://example.com]Klik[/link]" in text
                await pilot.press("escape")
                await wait_for(pilot, lambda: app.screen is screen)
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is not screen)
        app.push_screen(AgendaScreen())
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen) and HOSTILE_CLASS in screen_text(app))
        assert_shown_literally(app)
        app.push_screen(AuditScreen())
        await wait_for(pilot, lambda: isinstance(app.screen, AuditScreen) and "PWNED" in screen_text(app))
        assert "[link=x]Klik[/link]" in assert_shown_literally(app)
        assert app.is_running


async def test_the_case_dialogs_show_hostile_names_as_text(make_app, hostile_case, db_path):
    from pestcli.screens.close_case_dialog import CloseCaseDialog
    from pestcli.screens.followup_dialog import FollowUpDialog
    from pestcli.screens.parent_contact_dialog import ParentContactDialog
    from pestcli.screens.parent_dialog import ParentDialog
    from pestcli.store import followups_of_case

    with open_store(db_path, daily_backup=False) as store:
        followup = followups_of_case(store, hostile_case)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        case_screen = CaseScreen(hostile_case)
        app.push_screen(case_screen)
        await wait_for(pilot, lambda: app.screen is case_screen and "PWNED" in screen_text(app))
        dialogs = [ParentContactDialog(hostile_case), ParentDialog(hostile_case), CloseCaseDialog(hostile_case)]
        if followup:
            dialogs.append(FollowUpDialog(followup[0].id))
        for dialog in dialogs:
            app.push_screen(dialog)
            await wait_for(pilot, lambda: app.screen is dialog and dialog.is_mounted)
            assert_shown_literally(app)
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is case_screen)
        assert app.is_running


async def test_pasted_control_characters_are_left_out_and_markup_is_saved_as_typed(make_app, hostile_case, db_path):
    from pestcli.store import agreements_of_case

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen) and app.focused is not None)
        query = app.screen.query_one("#role-gepeste .picker-query", Input)
        query.focus()
        await wait_for(pilot, lambda: app.focused is query)
        paste(app, "Jansen\x1b[2J\x1b]0;PWNED\x07 [/]")
        await wait_for(pilot, lambda: query.value == "Jansen[2J]0;PWNED [/]")
        assert_shown_literally(app)
        app.pop_screen()
        screen = ConversationScreen(hostile_case, 4, "bijlage-7")
        app.push_screen(screen)
        await wait_for(pilot, lambda: app.screen is screen and screen.conversation_id is not None
                       and screen.query_one(Checklist).has_focus)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementDialog) and app.screen.is_mounted)
        await pilot.press("enter")  # "Samen"
        await wait_for(pilot, lambda: app.focused is not None and type(app.focused).__name__ == "PlainTextArea")
        paste(app, "Ik laat \x1b[31mSanne\x00 met rust\x9b [/]\tnu\n😀 سارة")
        await wait_for(pilot, lambda: "met rust [/]" in screen_text(app))
        assert_shown_literally(app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen and "met rust [/]" in screen_text(app))
        await pilot.press("e")  # the end dialog's overview: participants, agreements
        await wait_for(pilot, lambda: isinstance(app.screen, EndDialog) and "met rust [/]" in screen_text(app))
        assert "PWNED" in assert_shown_literally(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
    with open_store(db_path, daily_backup=False) as store:
        texts = [view.agreement.text for view in agreements_of_case(store, hostile_case)]
    assert texts == ["Ik laat [31mSanne met rust [/]\tnu\n😀 سارة"]


async def test_a_report_typed_with_markup_is_saved_and_shown_as_typed(make_app, db_path):
    from pestcli.screens.report_dialogs import NewPupilDialog
    from pestcli.store import people_in_case

    # Names already in Dutch capitals (the form capitalises each part of a name).
    victim, bully, where = "Zoë [B]X[/B] [/]", "[Link=X]Klik[/link]", "plein [on red] $accent"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen) and app.focused is not None)
        form = app.screen
        await pilot.press("enter")  # "De gepeste leerling zelf"
        await pilot.press("tab", "tab")
        await type_text(pilot, victim)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, NewPupilDialog))
        await type_text(pilot, "2B")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is form and f"{victim} (2B) — nieuw" in screen_text(app))
        form.query_one("#role-pester .picker-query", Input).focus()
        await type_text(pilot, bully)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, NewPupilDialog))
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is form and bully in screen_text(app))
        form.query_one("#informing").focus()
        await pilot.press("right", "enter")  # Na stap 3
        form.query_one("#informing-reason").focus()
        await type_text(pilot, "[/] ernstig")
        form.query_one("#location", Input).focus()
        await type_text(pilot, where)
        assert_shown_literally(app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and "Klik" in screen_text(app))
        text = assert_shown_literally(app)
        assert victim in text and bully in text
    with open_store(db_path, daily_backup=False) as store:
        [case] = list_cases(store)
        names = sorted(f"{p.person.first_name} {p.person.last_name}".strip() for p in people_in_case(store, case.id))
        assert (case.location, case.informing_reason) == (where, "[/] ernstig")
    assert names == sorted([victim, bully])


async def test_a_paste_into_any_field_loses_its_control_characters(make_app):
    """Not only the note editor and the pupil search: every input and text area of the report form."""
    from textual.widgets import TextArea

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.id == "home")
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen))
        form = app.screen
        for selector, widget_type in (("#location", Input), ("#informing-reason", Input), ("#description", TextArea)):
            field = form.query_one(selector, widget_type)
            field.focus()
            await wait_for(pilot, lambda: app.focused is field)
            paste(app, "WhatsApp\x1b[2J\x1b]0;PWNED\x07 [b]groep[/b]\x00 🙂")
            value = lambda: field.value if isinstance(field, Input) else field.text  # noqa: E731
            await wait_for(pilot, lambda: "groep" in value())
            assert not FORBIDDEN.search(value()), repr(value())
            assert "[b]groep[/b]" in value() and "🙂" in value()
        assert_shown_literally(app)
