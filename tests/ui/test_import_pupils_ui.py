"""Imported pupils in the report form (issue 18): picked by number, the mentor filled in from the class.

The real app on a real SQLite file into which the pupil export of the
school's administration was imported first (``services.pupil_import``, as
``pestcli import-leerlingen`` does); then the form is filled in by keys.
"""

from __future__ import annotations

from ui_helpers import SIZE, TODAY, wait_for
from textual.widgets import Input

from pestcli.screens.report_form import ReportFormScreen
from pestcli.services.pupil_import import import_pupils, read_export
from pestcli.store import open_store
from pestcli.widgets.pupil_picker import PupilPicker

EXPORT = (
    "Stamnr;Roepnaam;Tussenv.;Achternaam;Klas;Mentor\r\n"
    "10001;Sanne;de;Verbeek;2B;J. de Vries\r\n"
    "10002;Sander;;Veenstra;2B;J. de Vries\r\n"
    "10003;Zoë;;Kuipers;1A;P. Bakker\r\n"
)


def imported(db_path, leaver: bool = False) -> None:
    """Import the export into the test's file (and, with ``leaver``, again without 10002: he left)."""
    with open_store(db_path, daily_backup=False) as store:
        import_pupils(store, read_export(EXPORT.encode("utf-8-sig")), TODAY)
        if leaver:
            without = "".join(line for line in EXPORT.splitlines(keepends=True) if not line.startswith("10002"))
            import_pupils(store, read_export(without.encode()), TODAY)


async def open_form(pilot) -> ReportFormScreen:
    """Ctrl+N from the home screen."""
    app = pilot.app
    await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
    await pilot.press("ctrl+n")
    await wait_for(pilot, lambda: isinstance(app.screen, ReportFormScreen) and app.focused is not None)
    return app.screen


async def focus(pilot, selector: str) -> None:
    """Put the focus on a field."""
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    await wait_for(pilot, lambda: pilot.app.focused is widget)


async def test_typing_the_class_fills_in_its_mentor(make_app, db_path):
    imported(db_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await focus(pilot, "#class-name")
        await pilot.press(*"1A")
        mentor = form.query_one("#mentor", Input)
        await wait_for(pilot, lambda: mentor.value == "P. Bakker")
        await pilot.press("backspace", "backspace", *"2b")  # another class: its mentor instead
        await wait_for(pilot, lambda: mentor.value == "J. de Vries")
        await pilot.press("backspace", "backspace", *"4Z")  # a class the import does not know: cleared
        await wait_for(pilot, lambda: mentor.value == "")


async def test_a_typed_mentor_is_never_overwritten(make_app, db_path):
    imported(db_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await focus(pilot, "#mentor")
        await pilot.press(*"K. Eigen")
        await focus(pilot, "#class-name")
        await pilot.press(*"2B")
        await wait_for(pilot, lambda: not any(w.group == "class-mentor" and not w.is_finished for w in app.workers))
        await focus(pilot, "#location")
        await pilot.press(*"Gang")
        await wait_for(pilot, lambda: form.query_one("#location", Input).value == "Gang")
        assert form.query_one("#mentor", Input).value == "K. Eigen"


async def test_a_pupil_picked_by_number_brings_class_and_mentor(make_app, db_path):
    imported(db_path, leaver=True)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await focus(pilot, "#role-gepeste .picker-query")
        picker = form.query_one("#role-gepeste", PupilPicker)
        await pilot.press(*"1000")
        await wait_for(pilot, lambda: picker.matches.display and picker.matches.option_count == 4)
        prompts = [str(picker.matches.get_option_at_index(i).prompt) for i in range(picker.matches.option_count)]
        assert prompts == ["Zoë Kuipers (1A, 10003)", "Sanne de Verbeek (2B, 10001)",
                           "Sander Veenstra (2B, 10002) (van school)", "+ Nieuwe leerling toevoegen: “1000”"]
        await pilot.press("ctrl+u", *"10001")
        await wait_for(pilot, lambda: picker.matches.display and picker.matches.option_count == 2)
        await pilot.press("enter")
        await wait_for(pilot, lambda: [p.label for p in picker.chosen] == ["Sanne de Verbeek (2B, 10001)"])
        await wait_for(pilot, lambda: form.query_one("#class-name", Input).value == "2B")
        await wait_for(pilot, lambda: form.query_one("#mentor", Input).value == "J. de Vries")
