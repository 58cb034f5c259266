"""The report form (melding): from an empty database to the case screen, by keyboard.

The real app on a real SQLite file. Every test opens the form with Ctrl+N
from the home screen, fills it in with keys like a mentor, and checks the
database through a second, independent connection (so only committed data
counts) and what is on screen.
"""

from __future__ import annotations

from ui_helpers import SIZE, TODAY, screen_text, wait_for
from textual.widgets import Input, TextArea

from pestcli.screens.report_dialogs import LeaveReportDialog, NewPupilDialog
from pestcli.screens.report_form import ReportFormScreen
from pestcli.store import (
    StoreBusyError, add_person, case_forms, count_cases, find_people, list_cases, open_store, people_in_case,
    step_progress,
)
from pestcli.widgets.pupil_picker import PupilPicker


def committed(db_path):
    """A second connection to the file: only committed data is there."""
    return open_store(db_path, daily_backup=False)


async def open_form(pilot) -> ReportFormScreen:
    """From the home screen, Ctrl+N opens the form with "Wie meldt het?" focused."""
    app = pilot.app
    await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
    await pilot.press("ctrl+n")
    await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen) and app.focused is not None)
    assert app.focused.id == "reporter"
    return app.screen


async def focus(pilot, selector: str) -> None:
    """Put the focus on a field (as a mentor would by tabbing or clicking)."""
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    await wait_for(pilot, lambda: pilot.app.focused is widget)


async def add_new_pupil(pilot, role: str, name: str, class_name: str | None = None) -> None:
    """Type a name in a role's picker, Enter, and confirm the new-pupil dialog."""
    app = pilot.app
    await focus(pilot, f"#role-{role} .picker-query")
    await pilot.press(*name)
    picker = app.screen.query_one(f"#role-{role}", PupilPicker)
    await wait_for(pilot, lambda: picker.matches.display and picker.matches.option_count > 0)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, NewPupilDialog))
    if class_name is not None:
        await pilot.press("ctrl+u", *class_name)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen)
                   and any(p.name == name for p in picker.chosen))


async def choose_reporter_and_informing(pilot, informing_rights: int = 1, reason: str = "Plagerijen") -> None:
    """Wie meldt: the pupil; the parents: "right" presses from "Na stap 1" (1 = "Na stap 3"); a reason."""
    await focus(pilot, "#reporter")
    await pilot.press("enter")
    await focus(pilot, "#informing")
    await pilot.press(*(["right"] * informing_rights), "enter")
    await focus(pilot, "#informing-reason")
    await pilot.press(*reason)


# --- the whole way in ----------------------------------------------------------------
async def test_new_report_from_empty_database_to_case_screen(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await pilot.press("enter")  # "De gepeste leerling zelf"
        await pilot.press("tab")  # to the date: "vandaag" stays
        assert app.focused is form.query_one("#reported-on Input")
        await pilot.press("tab", *"Sanne de Vries", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, NewPupilDialog))
        assert app.focused.id == "new-pupil-class"  # the name came along from the picker
        await pilot.press(*"2B", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen))
        assert "Sanne de Vries (2B) — nieuw" in screen_text(app)
        assert form.query_one("#class-name", Input).value == "2B"  # from the victim
        await pilot.press("tab", "tab")  # past the chosen victims to "Wie pest er?"
        assert app.focused is form.query_one("#role-pester .picker-query")
        await pilot.press(*"Daan Hofstede", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, NewPupilDialog))
        assert app.screen.query_one("#new-pupil-class", Input).value == "2B"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen))
        await focus(pilot, "#forms-woorden")
        await pilot.press("space", "down", "enter")  # the first two forms with words
        assert "[x] Iemand beledigen of uitschelden." in screen_text(app)
        await focus(pilot, "#informing")
        await pilot.press("right", "enter")  # Na stap 3
        await pilot.press("tab", *"Herhaaldelijk, geen geweld")  # Waarom?
        assert app.focused is form.query_one("#informing-reason")
        await focus(pilot, "#location")
        await pilot.press(*"schoolplein")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CaseScreen")
        assert [type(s).__name__ for s in app.screen_stack][-2:] == ["HomeScreen", "CaseScreen"]

        with committed(db_path) as store:
            [case] = list_cases(store)
            assert (case.reported_on, case.reporter_kind, case.parents_informed_after, case.informing_reason) == (
                TODAY, "leerling", "na-stap-3", "Herhaaldelijk, geen geweld")
            assert (case.class_name, case.location, case.online) == ("2B", "schoolplein", False)
            roles = sorted((p.role, p.person.first_name, p.person.last_name, p.person.class_name)
                           for p in people_in_case(store, case.id))
            assert roles == [("gepeste", "Sanne", "de Vries", "2B"), ("pester", "Daan", "Hofstede", "2B")]
            assert sorted(case_forms(store, case.id)) == ["woorden.belachelijk-maken", "woorden.uitschelden"]
            due = {row.step: row.due_on for row in step_progress(store, case.id)}
            expected = app.rules.due_dates(TODAY, "na-stap-3", {1: TODAY})
            victim = next(p.person for p in people_in_case(store, case.id) if p.role == "gepeste")
            assert case.reporter_person_id == victim.id  # "de gepeste leerling zelf": the only victim
            assert due[2] == expected[2] and due[3] == expected[3] and due[6] == expected[6]
        await wait_for(pilot, lambda: case.number in screen_text(app) and "Sanne de Vries" in screen_text(app))


async def test_picking_an_existing_pupil_as_you_type(make_app, db_path):
    app = make_app()
    known = add_person(app.store, "Sanne", "Verbeek", class_name="2B")
    add_person(app.store, "Mila", "Verbeek", kind="ouder")  # a parent is not offered as a pupil
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        picker = form.query_one("#role-gepeste", PupilPicker)
        await focus(pilot, "#role-gepeste .picker-query")
        await pilot.press(*"verb")
        await wait_for(pilot, lambda: "Sanne Verbeek (2B)" in screen_text(app))
        assert "Mila" not in screen_text(app)
        assert "+ Nieuwe leerling toevoegen: “verb”" in screen_text(app)
        await pilot.press("enter")  # the first match is highlighted
        await wait_for(pilot, lambda: [p.person_id for p in picker.chosen] == [known.id])
        assert not picker.matches.display and picker.query_input.value == ""
        await choose_reporter_and_informing(pilot)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CaseScreen")
        with committed(db_path) as store:
            [case] = list_cases(store)
            assert [(p.role, p.person.id) for p in people_in_case(store, case.id)] == [("gepeste", known.id)]
            assert len(find_people(store, "Sanne")) == 1  # no duplicate pupil
            assert case.class_name == "2B"


# --- refusing what cannot be saved ----------------------------------------------------------
async def test_an_impossible_date_is_refused_beside_the_field(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await choose_reporter_and_informing(pilot)
        await add_new_pupil(pilot, "gepeste", "Sanne de Vries", "2B")
        await focus(pilot, "#reported-on Input")
        await pilot.press("ctrl+u", *"31-02")
        await pilot.press("ctrl+s")
        message = "31-02 bestaat niet: februari heeft geen 31 dagen."
        await wait_for(pilot, lambda: message in screen_text(app))
        assert isinstance(app.screen, ReportFormScreen)
        assert app.focused is form.query_one("#reported-on Input")
        assert form.query_one("#reported-on Input", Input).value == "31-02"  # nothing lost
        # a date in the future is no date of a report either
        await pilot.press("ctrl+u", *"1-12-2027", "ctrl+s")
        await wait_for(pilot, lambda: "ligt in de toekomst" in screen_text(app))
        with committed(db_path) as store:
            assert count_cases(store) == 0
            assert find_people(store, "Sanne") == []


async def test_an_empty_victim_is_refused(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await pilot.press("ctrl+s")  # nothing filled in: every required field says so
        await wait_for(pilot, lambda: "Kies wie de melding doet." in screen_text(app))
        assert app.focused is form.query_one("#reporter")
        assert "Vul in wie er gepest wordt" in screen_text(app)
        form.query_one("#err-informing-reason").scroll_visible(animate=False)
        await wait_for(pilot, lambda: "Kies wanneer de ouders worden ingelicht" in screen_text(app)
                       and "Schrijf kort op waarom" in screen_text(app))
        await choose_reporter_and_informing(pilot)
        await add_new_pupil(pilot, "pester", "Daan Hofstede", "2B")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Vul in wie er gepest wordt" in screen_text(app))
        assert app.focused is form.query_one("#role-gepeste .picker-query")
        # a name typed but not picked is not silently dropped
        await pilot.press(*"Sanne", "ctrl+s")
        await wait_for(pilot, lambda: "Druk op Enter om “Sanne” te kiezen" in screen_text(app))
        assert isinstance(app.screen, ReportFormScreen)
        with committed(db_path) as store:
            assert count_cases(store) == 0
            assert find_people(store, "Daan") == []
        assert [p.name for p in form.query_one("#role-pester", PupilPicker).chosen] == ["Daan Hofstede"]


async def test_a_new_pupil_needs_a_name_and_can_be_removed_again(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await focus(pilot, "#role-meeloper .picker-query")
        await pilot.press("ctrl+o")  # "Nieuwe leerling" with nothing typed
        await wait_for(pilot, lambda: isinstance(app.screen, NewPupilDialog))
        await pilot.press("enter", "enter")  # name -> class -> add
        await wait_for(pilot, lambda: "Vul een naam in." in screen_text(app))
        assert app.focused.id == "new-pupil-name"
        await pilot.press(*"Noor el Amrani", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen))
        picker = form.query_one("#role-meeloper", PupilPicker)
        assert [(p.first_name, p.last_name) for p in picker.chosen] == [("Noor", "el Amrani")]
        await pilot.press("tab")  # to the chosen list
        assert app.focused is picker.chosen_list
        await pilot.press("delete")
        await wait_for(pilot, lambda: picker.chosen == [])
        assert app.focused is picker.query_input


# --- leaving ------------------------------------------------------------------------------
async def test_escape_on_a_half_filled_form_asks_first(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await add_new_pupil(pilot, "gepeste", "Sanne de Vries", "2B")
        await focus(pilot, "#description")
        await pilot.press(*"Uitgescholden in de pauze")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LeaveReportDialog))
        assert "Melding niet opslaan?" in screen_text(app)
        await pilot.press("n")  # nee: back to the form, everything still there
        await wait_for(pilot, lambda: app.screen is form)
        assert form.query_one("#description", TextArea).text == "Uitgescholden in de pauze"
        assert [p.name for p in form.query_one("#role-gepeste", PupilPicker).chosen] == ["Sanne de Vries"]
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LeaveReportDialog))
        await pilot.press("j")  # ja: leave without saving
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        with committed(db_path) as store:
            assert count_cases(store) == 0 and find_people(store, "Sanne") == []


async def test_escape_on_an_untouched_form_just_goes_back(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await pilot.press("ctrl+n")  # no second form on top of this one
        await wait_for(pilot, lambda: any("al een nieuwe melding" in n.message for n in app._notifications))
        assert app.screen is form and sum(isinstance(s, ReportFormScreen) for s in app.screen_stack) == 1
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")


# --- online bullying and a failing store ---------------------------------------------------------
async def test_online_bullying_reminds_and_opens_the_evidence_log(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await choose_reporter_and_informing(pilot, informing_rights=0, reason="Bedreiging online")  # Na stap 1
        await add_new_pupil(pilot, "gepeste", "Sanne de Vries", "2B")
        assert "ongewenste contacten te blokkeren" not in screen_text(app)
        await focus(pilot, "#online")
        await pilot.press("space")
        blocking = "Help het slachtoffer ongewenste contacten te blokkeren en bij het verzamelen van bewijzen."
        await wait_for(pilot, lambda: blocking in screen_text(app))
        assert "dient de wijkagent of de contactpersoon bij de politie" in screen_text(app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "EvidenceDialog")
        assert [type(s).__name__ for s in app.screen_stack][-2] == "CaseScreen"
        messages = " ".join(n.message for n in app._notifications)
        assert blocking in messages and "wijkagent" in messages and "Opgeslagen: melding" in messages
        with committed(db_path) as store:
            [case] = list_cases(store)
            assert case.online and case.parents_informed_after == "na-stap-1"
        assert form.saved_case_id == case.id


async def test_a_store_error_is_shown_in_dutch_and_the_form_is_kept(make_app, db_path, monkeypatch):
    def busy(*args, **kwargs):
        raise StoreBusyError()

    monkeypatch.setattr("pestcli.screens.report_form.register_report", busy)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await choose_reporter_and_informing(pilot)
        await add_new_pupil(pilot, "gepeste", "Sanne de Vries", "2B")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("bezet" in n.message for n in app._notifications))
        assert app.screen is form
        assert not any(n.message.startswith("Opgeslagen") for n in app._notifications)
        assert [p.name for p in form.query_one("#role-gepeste", PupilPicker).chosen] == ["Sanne de Vries"]
        with committed(db_path) as store:
            assert count_cases(store) == 0


# --- when the parents are told, and who reported -------------------------------------------
async def test_na_stap_1_with_a_reason_and_a_staff_member_by_name(make_app, db_path):
    from textual.widgets import RadioSet

    from pestcli.screens.summary_preview import SummaryPreviewScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await pilot.press("down", "down", "down", "enter")  # Een medewerker van school
        assert form.query_one("#reporter", RadioSet).pressed_button.name == "medewerker"
        await add_new_pupil(pilot, "gepeste", "Sanne de Vries", "2B")
        # Tab goes from the last pupil field straight to the staff member's name: nothing hidden on the way
        await focus(pilot, "#role-stille-getuige .picker-query")
        await pilot.press("tab")
        assert app.focused is form.query_one("#reporter-name", Input)
        assert not form.query_one("#reporter-pupil").display and not form.query_one("#reporter-relation").display
        await pilot.press(*"Karin Smeets")
        await wait_for(pilot, lambda: "Karin Smeets" in screen_text(app) and "Naam van de medewerker." in screen_text(app))
        await focus(pilot, "#informing")
        await wait_for(pilot, lambda: "Afhankelijk van de ernst doet de school dit na stap 1 of na stap 3."
                       in screen_text(app))
        await pilot.press("enter")  # Na stap 1
        # the choice shows as a dot, not by colour alone
        await wait_for(pilot, lambda: "▐●▌ Na stap 1" in screen_text(app) and "▐ ▌ Na stap 3" in screen_text(app))
        await pilot.press("tab")
        assert app.focused is form.query_one("#informing-reason", Input)
        await pilot.press(*"Bedreiging; durft niet naar school")
        await wait_for(pilot, lambda: "Bedreiging; durft niet naar school" in screen_text(app))  # in view
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CaseScreen")
        await wait_for(pilot, lambda: "Gemeld door: Karin Smeets (een medewerker van school)" in screen_text(app))
        assert "Ouders inlichten: Na stap 1 (Bedreiging; durft niet naar school)" in screen_text(app)

        with committed(db_path) as store:
            [case] = list_cases(store)
            assert (case.reporter_kind, case.reporter_name, case.reporter_relation, case.reporter_person_id) == (
                "medewerker", "Karin Smeets", "", None)
            assert (case.parents_informed_after, case.informing_reason) == (
                "na-stap-1", "Bedreiging; durft niet naar school")
            due = {row.step: row.due_on for row in step_progress(store, case.id)}
            assert due[6] == app.rules.due_dates(TODAY, "na-stap-1", {1: TODAY})[6]
            assert due[6] < app.rules.due_dates(TODAY, "na-stap-3", {1: TODAY})[6]  # sooner than after stap 3

        await pilot.press("r")  # the summary shows both too
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryPreviewScreen) and app.screen.summary)
        summary = app.screen.summary
        assert summary.reported_by == "Karin Smeets (een medewerker van school)"
        assert summary.parents_informed == "Na stap 1 — Bedreiging; durft niet naar school"
        await wait_for(pilot, lambda: "Gemeld door:" in screen_text(app) and "Karin Smeets" in screen_text(app))
        assert "Ouders inlichten:" in screen_text(app)


async def test_a_classmate_who_reported_is_picked_from_the_pupils_entered(make_app, db_path):
    from textual.widgets import Select

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await pilot.press("down", "enter")  # Een medeleerling
        await add_new_pupil(pilot, "gepeste", "Sanne de Vries", "2B")
        await add_new_pupil(pilot, "stille-getuige", "Noor el Amrani", "2B")
        await focus(pilot, "#informing")
        await pilot.press("right", "enter", "tab", *"Plagerijen")
        await pilot.press("ctrl+s")  # which classmate is not said yet
        message = "Kies welke leerling het meldde"
        await wait_for(pilot, lambda: message in screen_text(app))
        select = form.query_one("#reporter-pupil", Select)
        assert app.focused is select and isinstance(app.screen, ReportFormScreen)
        await pilot.press("enter")  # open the list: Sanne, then Noor
        await wait_for(pilot, lambda: "Noor el Amrani (2B) — nieuw" in screen_text(app))
        await pilot.press("down", "down", "enter")
        await wait_for(pilot, lambda: select.value != Select.NULL and select.value.name == "Noor el Amrani")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CaseScreen")
        await wait_for(pilot, lambda: "Gemeld door: Noor el Amrani (een medeleerling)" in screen_text(app))
        with committed(db_path) as store:
            [case] = list_cases(store)
            noor = next(p.person for p in people_in_case(store, case.id) if p.role == "stille-getuige")
            assert (case.reporter_person_id, case.reporter_name) == (noor.id, "")


async def test_an_anonymous_report_keeps_no_name(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await pilot.press("down", "down", "down", "down", "enter")  # Anoniem
        await add_new_pupil(pilot, "gepeste", "Sanne de Vries", "2B")
        await focus(pilot, "#role-stille-getuige .picker-query")
        await pilot.press("tab")  # no name field: on to the forms of bullying
        assert app.focused is not form.query_one("#reporter-name") and not form.query_one("#reporter-name").display
        form.query_one("#reporter-prompt").scroll_visible(animate=False)
        await wait_for(pilot, lambda: "Anoniem: er wordt geen naam bewaard." in screen_text(app))
        await focus(pilot, "#informing")
        await pilot.press("right", "enter", "tab", *"Plagerijen", "ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CaseScreen")
        await wait_for(pilot, lambda: "Gemeld door: Anoniem (geen naam bewaard)" in screen_text(app))
        with committed(db_path) as store:
            [case] = list_cases(store)
            assert (case.reporter_kind, case.reporter_name, case.reporter_person_id) == ("anoniem", "", None)
