"""The dossier text on screen hides pupils outside the case too, and leaves usernames alone.

The real app on a copy of the demo database, at the design size: the mentor
opens the summary of 2026-0002, presses d and picks the pester; the notes
name a pupil of another case and the victim's username.
"""

from __future__ import annotations


import pytest
from ui_helpers import wait_for
from textual.widgets import OptionList, TextArea

from pestcli.screens.summary_dialogs import DossierScreen, PupilPicker
from pestcli.screens.summary_preview import SummaryPreviewScreen
from pestcli.store import get_case_by_number, open_store, update_case

DESIGN_SIZE = (80, 24)
NUMBER = "2026-0002"
DESCRIPTION = ("zoë habets zag het. yara werd op insta door @yara.bosman.loser uitgescholden "
               "(https://instagram.example/yara.bosman), zegt Zoë.")


@pytest.fixture
def app(demo_copy, db_path, make_app):
    """The app on a copy of the demo database, with a description that names a pupil of another case."""
    demo_copy(db_path)
    with open_store(db_path, daily_backup=False) as store:
        update_case(store, get_case_by_number(store, NUMBER).id, description=DESCRIPTION)
    return make_app()


async def test_the_dossier_on_screen_hides_a_pupil_of_another_case(app):
    async with app.run_test(size=DESIGN_SIZE) as pilot:
        await pilot.pause()
        app.push_screen(SummaryPreviewScreen(get_case_by_number(app.store, NUMBER).id))
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryPreviewScreen) and app.screen.summary)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, PupilPicker))
        assert app.screen.query_one("#pupil-list", OptionList).has_focus
        await pilot.press("down", "enter")                               # Thijs Ramakers, the pester
        await wait_for(pilot, lambda: isinstance(app.screen, DossierScreen))
        area = app.screen.query_one("#dossier-text", TextArea)
        assert area.has_focus and area.read_only
        line = next(x for x in area.text.splitlines() if x.startswith("Wat er gebeurde: "))
        assert line == ("Wat er gebeurde: Een leerling (Z.H.) zag het. De gepeste (Y.B.) werd op insta door "
                        "@yara.bosman.loser uitgescholden (https://instagram.example/yara.bosman), "
                        "zegt een leerling (Z.H.).")
        assert "Zoë" not in area.text and "Habets" not in area.text
