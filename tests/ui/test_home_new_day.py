"""The home screen on a new day (the app left open overnight), and a footer whose dialog is gone.

Found while playing a whole case with a moving ``today`` (test_whole_case.py):
F5 "Vernieuwen" read the open cases again but left the title's day and the
"Wat staat er op de agenda?" list of the day the screen was last shown, so a
follow-up due today was not there; and the footer of a just-dismissed dialog
could still be asked for its keys, which crashed the app with NoScreen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.screen import ModalScreen
from ui_helpers import TODAY, screen_text, wait_for

from pestcli.app import PestApp
from pestcli.protocol.dates import format_date
from pestcli.store import add_person, open_store, plan_followups
from pestcli.store.workflow import Rules, register_case
from pestcli.widgets.due_list import DueList
from pestcli.widgets.keys_footer import KeysFooter

LATER = date(2026, 12, 2)  # a Wednesday, the week after TODAY


@dataclass
class Clock:
    day: date

    def __call__(self) -> date:
        return self.day


async def test_f5_on_a_new_day_shows_that_days_date_and_what_is_due(protocol, calendar, db_path):
    db_path.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(db_path)
    sanne = add_person(store, "Sanne", "de Vries", class_name="2B")
    case = register_case(store, Rules(protocol, calendar), reported_on=TODAY, reporter_kind="leerling",
                         parents_informed_after="na-stap-3", class_name="2B", roles=[(sanne.id, "gepeste")])
    (followup,) = plan_followups(store, case.id, [("na een week", LATER)])
    clock = Clock(TODAY)
    app = PestApp(protocol=protocol, store=store, calendar=calendar, today=clock)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: app.screen.id == "home" and app.screen.loaded)
            due = app.screen.query_one(DueList)
            await wait_for(pilot, lambda: due.loaded)
            assert not any(r.kind == "vervolg" for r in due.rows)  # next week: not in this week's list
            clock.day = LATER  # the app stayed open; the next morning the mentor presses F5
            await pilot.press("f5")
            await wait_for(pilot, lambda: any(r.kind == "vervolg" and r.ref_id == followup.id for r in due.rows))
            await wait_for(pilot, lambda: app.screen.sub_title == format_date(LATER))
            await wait_for(pilot, lambda: "1 vandaag" in screen_text(app) and "wo 2 dec 2026" in screen_text(app))
    finally:
        store.close()


async def test_a_footer_taken_off_the_screen_asks_for_no_keys(make_app):
    class Dialog(ModalScreen[None]):
        def compose(self):
            yield KeysFooter()

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = Dialog()
        await app.push_screen(dialog)
        footer = dialog.query_one(KeysFooter)
        await wait_for(pilot, lambda: footer.is_attached)
        app.pop_screen()
        await wait_for(pilot, lambda: not footer.is_attached)
        footer.update_keys()  # as a call_after_refresh queued before the dialog closed does
        await pilot.pause()
        assert app.screen is not dialog
