"""A new person whose name is already known: "Bedoelt u Sanne de Vries (2B)?"; names get Dutch capitals.

The real app on a real SQLite file, keys only, at the design size 80×24.
The report form's new-pupil dialog and the case screen's parent dialog both
ask; ``j`` uses the known person, ``n`` adds a second one, Esc goes back.
What is saved is read through a second connection.
"""

from __future__ import annotations

from textual.widgets import Input
from ui_helpers import TODAY, screen_text, wait_for

from pestcli.screens.case import CaseScreen
from pestcli.screens.parent_dialog import ParentDialog
from pestcli.screens.report_dialogs import NewPupilDialog
from pestcli.screens.report_form import ReportFormScreen
from pestcli.screens.same_name_dialog import SameNameDialog
from pestcli.store import add_parent, add_person, open_store, people_in_case
from pestcli.store.workflow import Rules, register_case
from pestcli.widgets.pupil_picker import PupilPicker

SMALL = (80, 24)


def committed(db_path):
    """A second connection to the file: only committed data is there."""
    return open_store(db_path, daily_backup=False)


def known_sanne(db_path) -> int:
    """The store knows "Sanne de Vries (2B)"."""
    store = committed(db_path)
    try:
        return add_person(store, "Sanne", "de Vries", class_name="2B").id
    finally:
        store.close()


async def new_pupil_dialog(pilot, typed: str, class_name: str = "") -> PupilPicker:
    """Ctrl+N, type ``typed`` in the victim's picker, Ctrl+O (new pupil), the class, Enter."""
    app = pilot.app
    await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
    await pilot.press("ctrl+n")
    await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen) and app.focused is not None)
    picker = app.screen.query_one("#role-gepeste", PupilPicker)
    picker.query_input.focus()
    await wait_for(pilot, lambda: app.focused is picker.query_input)
    await pilot.press(*typed)
    await wait_for(pilot, lambda: picker.matches.display)
    await pilot.press("ctrl+o")
    await wait_for(pilot, lambda: isinstance(app.screen, NewPupilDialog))
    if class_name:
        await pilot.press(*class_name)
    await pilot.press("enter")
    return picker


async def test_a_known_name_without_a_class_asks_and_j_takes_the_known_pupil(make_app, db_path):
    sanne = known_sanne(db_path)
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        picker = await new_pupil_dialog(pilot, "sanne  de vries")
        await wait_for(pilot, lambda: isinstance(app.screen, SameNameDialog))
        text = screen_text(app)
        assert "Bedoelt u Sanne de Vries (2B)?" in text
        assert "Ja: Sanne de Vries (2B)" in text and "toch toevoegen" in text  # both answers in view at 80×24
        assert not isinstance(app.focused, Input)
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen) and picker.chosen)
        [chosen] = picker.chosen
        assert chosen.person_id == sanne
        assert "Sanne de Vries (2B)" in screen_text(app) and "— nieuw" not in screen_text(app)


async def test_n_adds_a_different_pupil_with_the_same_name(make_app, db_path):
    known_sanne(db_path)
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        picker = await new_pupil_dialog(pilot, "sanne de vries", "3a")
        await wait_for(pilot, lambda: isinstance(app.screen, SameNameDialog))
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen) and picker.chosen)
        [chosen] = picker.chosen
        assert chosen.person_id is None
        assert (chosen.first_name, chosen.last_name, chosen.class_name) == ("Sanne", "de Vries", "3a")


async def test_escape_goes_back_to_the_name(make_app, db_path):
    known_sanne(db_path)
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        picker = await new_pupil_dialog(pilot, "Sanne de Vries")
        await wait_for(pilot, lambda: isinstance(app.screen, SameNameDialog))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, NewPupilDialog))
        assert app.screen.query_one("#new-pupil-name", Input).value == "Sanne de Vries"  # typed text kept
        assert picker.chosen == []


async def test_a_new_name_gets_dutch_capitals_without_a_question(make_app, db_path):
    known_sanne(db_path)
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        picker = await new_pupil_dialog(pilot, "lotte van der berg", "2B")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen) and picker.chosen)
        [chosen] = picker.chosen
        assert (chosen.person_id, chosen.name) == (None, "Lotte van der Berg")
        assert "Lotte van der Berg (2B) — nieuw" in screen_text(app)


def case_with_a_known_mother(db_path, protocol, calendar) -> tuple[int, int, int]:
    """Case 1 of Sanne with her mother Marieke de Vries; case 2 of Sanne's brother Tim, without parents."""
    store = committed(db_path)
    try:
        rules = Rules(protocol, calendar)
        sanne = add_person(store, "Sanne", "de Vries", class_name="2B")
        tim = add_person(store, "Tim", "de Vries", class_name="1C")
        first = register_case(store, rules, reported_on=TODAY, reporter_kind="leerling", class_name="2B",
                              parents_informed_after="na-stap-3",
                              forms=["lichamelijk.duwen"], roles=[(sanne.id, "gepeste")])
        mother = add_parent(store, first.id, sanne.id, "Marieke", "de Vries", "moeder", phone="06-12345678")
        second = register_case(store, rules, reported_on=TODAY, reporter_kind="leerling", class_name="1C",
                               parents_informed_after="na-stap-3",
                               forms=["lichamelijk.duwen"], roles=[(tim.id, "gepeste")])
        return second.id, tim.id, mother.id
    finally:
        store.close()


async def parent_form(pilot, case_id: int, first: str, last: str) -> ParentDialog:
    """The case screen, u, the pupil, the names and the relation "moeder"; then Ctrl+S."""
    app = pilot.app
    app.open_case(case_id)
    await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.detail is not None)
    await pilot.press("u")
    await wait_for(pilot, lambda: isinstance(app.screen, ParentDialog))
    dialog = app.screen
    dialog.query_one("#first-name", Input).value = first
    dialog.query_one("#last-name", Input).value = last
    from textual.widgets import Select

    dialog.query_one("#relation", Select).value = "moeder"
    await pilot.pause()
    await pilot.press("ctrl+s")
    return dialog


async def test_a_known_parent_is_linked_not_added_twice(make_app, db_path, protocol, calendar):
    case_id, tim, mother = case_with_a_known_mother(db_path, protocol, calendar)
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await parent_form(pilot, case_id, "marieke", "De Vries")
        await wait_for(pilot, lambda: isinstance(app.screen, SameNameDialog))
        assert "Bedoelt u Marieke de Vries" in screen_text(app)
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        assert [e.person.id for e in app.screen.detail.people if e.role == "ouder"] == [mother]  # shown at once
        assert any("Opgeslagen: Marieke de Vries (moeder)." in n.message for n in app._notifications)
    store = committed(db_path)
    try:
        parents = [entry.person for entry in people_in_case(store, case_id) if entry.role == "ouder"]
    finally:
        store.close()
    assert [p.id for p in parents] == [mother]
    assert parents[0].phone == "06-12345678"


async def test_n_adds_a_second_parent_with_dutch_capitals(make_app, db_path, protocol, calendar):
    case_id, tim, mother = case_with_a_known_mother(db_path, protocol, calendar)
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await parent_form(pilot, case_id, "marieke", "de vries")
        await wait_for(pilot, lambda: isinstance(app.screen, SameNameDialog))
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
    store = committed(db_path)
    try:
        parents = [entry.person for entry in people_in_case(store, case_id) if entry.role == "ouder"]
    finally:
        store.close()
    assert len(parents) == 1 and parents[0].id != mother
    assert (parents[0].first_name, parents[0].last_name) == ("Marieke", "de Vries")


async def test_with_two_known_pupils_the_marked_one_is_taken(make_app, db_path):
    known_sanne(db_path)
    store = committed(db_path)
    try:
        other = add_person(store, "Sanne", "de Vries", class_name="3A").id
    finally:
        store.close()
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        picker = await new_pupil_dialog(pilot, "sanne de vries")
        await wait_for(pilot, lambda: isinstance(app.screen, SameNameDialog))
        assert "Bedoelt u een van deze 2 mensen met dezelfde naam?" in screen_text(app)
        assert "▶ Ja: Sanne de Vries (2B)" in screen_text(app)  # the highlight is a sign, not colour alone
        await pilot.press("down")
        await wait_for(pilot, lambda: "▶ Ja: Sanne de Vries (3A)" in screen_text(app))
        assert "▶ Ja: Sanne de Vries (2B)" not in screen_text(app)
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen) and picker.chosen)
        assert [p.person_id for p in picker.chosen] == [other]
