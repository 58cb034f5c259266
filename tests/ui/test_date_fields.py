"""Date fields as a mentor meets them: the date that will be saved is shown while typing.

The real app at 80x24 on a real SQLite file, on Tuesday 1 December 2026 (the
day of issue 12). A field that looks forward (moving a follow-up) reads
"3-12" as 3 December 2026; a field that looks back (a step done on) reads it
as 3 December 2025; the preview line says so before saving, and the saved
row (read through a second connection) holds exactly the date shown.
"""

from __future__ import annotations

from datetime import date

from ui_helpers import screen_text, wait_for
from textual.widgets import Input, Label

from pestcli.screens.case import CaseScreen
from pestcli.screens.move_followup_dialog import MoveFollowupDialog
from pestcli.screens.step_done_dialog import StepDoneDialog
from pestcli.store import add_person, followups_of_case, open_store, step_progress
from pestcli.store.workflow import Rules, register_case
from pestcli.widgets.date_field import DateField

DECEMBER_1 = date(2026, 12, 1)  # a Tuesday
SMALL = (80, 24)


def committed(db_path):
    """A second connection: only committed rows are visible."""
    return open_store(db_path, daily_backup=False)


def new_case(db_path, protocol, calendar) -> int:
    """A case reported on Friday 20 November 2026."""
    store = committed(db_path)
    try:
        fenna = add_person(store, "Fenna", "Kuipers", class_name="1A")
        jesse = add_person(store, "Jesse", "van Dongen", class_name="1A")
        case = register_case(store, Rules(protocol, calendar), reported_on=date(2026, 11, 20),
                             reporter_kind="leerling", parents_informed_after="na-stap-3", class_name="1A",
                             forms=["lichamelijk.duwen"],
                             mentor="M. Jansen", roles=[(fenna.id, "gepeste"), (jesse.id, "pester")])
        return case.id
    finally:
        store.close()


def preview_of(field: DateField) -> str:
    """The preview line under a date field, as plain text."""
    return str(field.query_one(".field-feedback", Label).render())


async def retype(pilot, text: str) -> None:
    """Empty the focused input and type ``text``."""
    await pilot.press("home", "ctrl+k", *text)


async def test_a_field_that_looks_back_shows_and_saves_the_date_it_reads(make_app, db_path, protocol,
                                                                         calendar):
    case_id = new_case(db_path, protocol, calendar)
    app = make_app(today=DECEMBER_1)
    async with app.run_test(size=SMALL) as pilot:
        app.open_case(case_id)
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.detail is not None)
        await pilot.press("2", "d")
        await wait_for(pilot, lambda: isinstance(app.screen, StepDoneDialog))
        dialog = app.screen
        field = dialog.query_one("#done-on", DateField)
        assert "Gedaan op (kijkt terug)" in screen_text(app)
        await wait_for(pilot, lambda: preview_of(field) == "→ di 1 dec 2026")
        assert "→ di 1 dec 2026" in screen_text(app)
        # Without a year a field that looks back takes the last 3 December: 2025.
        await retype(pilot, "3-12")
        await wait_for(pilot, lambda: preview_of(field) == "→ wo 3 dec 2025")
        assert "→ wo 3 dec 2025" in screen_text(app)
        await retype(pilot, "maandag vorige week")
        await wait_for(pilot, lambda: preview_of(field) == "→ ma 23 nov 2026")
        # Ambiguous: refused on the preview line, with what to type instead, in one line.
        await retype(pilot, "volgende vrijdag")
        refusal = "✗ Vr 4 dec of vr 11 dec? Typ 'aanstaande vr' of 'vr volgende week'."
        await wait_for(pilot, lambda: preview_of(field) == refusal)
        feedback = field.query_one(".field-feedback", Label)
        assert feedback.has_class("error") and feedback.size.height == 1
        assert refusal in screen_text(app)  # whole, on one line at 80 columns
        # What is shown is what is saved.
        await retype(pilot, "afgelopen vrijdag")
        await wait_for(pilot, lambda: preview_of(field) == "→ vr 27 nov 2026")
        assert dialog.query_one("#done-on Input", Input).value == "afgelopen vrijdag"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
    store = committed(db_path)
    try:
        assert {r.step: r.done_on for r in step_progress(store, case_id)}[2] == date(2026, 11, 27)
    finally:
        store.close()


async def test_a_followup_field_looks_forward_3_12_is_this_december(make_app, db_path):
    app = make_app(today=DECEMBER_1, demo=True)
    store = committed(db_path)
    try:
        from pestcli.store import get_case_by_number

        case_id = get_case_by_number(store, "2026-0005").id
        waiting = [f for f in followups_of_case(store, case_id) if f.done_on is None and f.cancelled_on is None]
    finally:
        store.close()
    followup = next(f for f in waiting if f.due_on != date(2026, 12, 3))
    async with app.run_test(size=SMALL) as pilot:
        app.push_screen(MoveFollowupDialog(followup.id))
        await wait_for(pilot, lambda: isinstance(app.screen, MoveFollowupDialog))
        dialog = app.screen
        field = dialog.query_one("#move-day", DateField)
        assert "Nieuwe datum (kijkt vooruit)" in screen_text(app)
        assert dialog.query_one("#move-day Input", Input).has_focus
        await pilot.press(*"3-12")
        await wait_for(pilot, lambda: preview_of(field) == "→ do 3 dec 2026")
        assert "→ do 3 dec 2026" in screen_text(app)
        # The school calendar of the app answers "na de kerstvakantie".
        await retype(pilot, "na de kerstvakantie")
        await wait_for(pilot, lambda: preview_of(field) == "→ ma 4 jan 2027")
        await retype(pilot, "3-12")
        await wait_for(pilot, lambda: preview_of(field) == "→ do 3 dec 2026")
        await pilot.press("enter", *"leerling ziek", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, MoveFollowupDialog))
    store = committed(db_path)
    try:
        moved = next(f for f in followups_of_case(store, case_id) if f.id == followup.id)
        assert moved.due_on == date(2026, 12, 3)
    finally:
        store.close()


async def test_an_empty_date_is_no_error_until_saved_and_then_said_once(make_app, db_path):
    """Opening the move dialog shows no error yet; Ctrl+S without a date says "Vul een datum in." once."""
    app = make_app(today=DECEMBER_1, demo=True)
    store = committed(db_path)
    try:
        from pestcli.store import get_case_by_number

        case_id = get_case_by_number(store, "2026-0005").id
        followup = next(f for f in followups_of_case(store, case_id) if f.done_on is None and f.cancelled_on is None)
    finally:
        store.close()
    async with app.run_test(size=SMALL) as pilot:
        app.push_screen(MoveFollowupDialog(followup.id))
        await wait_for(pilot, lambda: isinstance(app.screen, MoveFollowupDialog))
        dialog = app.screen
        field = dialog.query_one("#move-day", DateField)
        assert preview_of(field) == ""
        assert "Vul een datum in." not in screen_text(app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Vul een datum in." in screen_text(app))
        assert screen_text(app).count("Vul een datum in.") == 1
