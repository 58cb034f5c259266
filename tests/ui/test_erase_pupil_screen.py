"""Erasing one pupil on request from the app (issue 14): palette, search, grounds, typed name."""

from __future__ import annotations

from datetime import date

from sqlmodel import select
from textual.command import CommandList
from ui_helpers import screen_text, wait_for

from pestcli.screens.erase_pupil import ERASE_PUPIL, ErasePupilScreen
from pestcli.screens.home import HomeScreen
from pestcli.store import add_person, create_case, open_store
from pestcli.store.erasure_ledger import read_ledger
from pestcli.store.models import Person
from pestcli.store.parents import add_parent

SMALL = (80, 24)


def seed(db_path) -> None:
    """Fenna Kuipers (with her father) in one case, and a pupil whose name looks like markup."""
    with open_store(db_path, daily_backup=False) as store:
        fenna = add_person(store, "Fenna", "Kuipers", class_name="2B")
        odd = add_person(store, "Fenja", "[/]Klein", class_name="2B [havo]")
        case = create_case(store, reported_on=date(2026, 11, 2), reporter_kind="leerling",
                           parents_informed_after="na-stap-3", protocol_name="Anti-pestprotocol",
                           protocol_version="2.3", description="Fenna wordt uitgescholden.",
                           roles=[(fenna.id, "gepeste"), (odd.id, "pester")])
        add_parent(store, case.id, fenna.id, "Peter", "Kuipers", "vader")


def people(db_path) -> list[str]:
    """Everyone still in the database (read from a fresh connection)."""
    with open_store(db_path, daily_backup=False) as store, store.read() as session:
        return sorted(f"{p.first_name} {p.last_name}" for p in session.exec(select(Person)).all())


def prompts(app) -> list[str]:
    """The plain text of the palette's lines."""
    return [str(getattr(o.prompt, "plain", o.prompt)) for o in app.screen.query_one(CommandList).options]


async def open_screen(pilot) -> ErasePupilScreen:
    """From home through the palette ("wissen") to the erase screen."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded)
    await pilot.press("ctrl+p", *"wissen")
    await wait_for(pilot, lambda: any(ERASE_PUPIL in p for p in prompts(app)))
    while not prompts(app)[app.screen.query_one(CommandList).highlighted or 0].startswith(ERASE_PUPIL):
        await pilot.press("down")
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, ErasePupilScreen))
    return app.screen


async def test_erase_a_pupil_from_the_palette_after_typing_her_name(make_app, db_path):
    seed(db_path)
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_screen(pilot)
        await pilot.press(*"kuipers", "enter")  # one match: chosen at once
        await wait_for(pilot, lambda: screen.chosen is not None)
        assert "Typ Fenna Kuipers om te bevestigen" in " ".join(screen_text(app).split())
        await pilot.press(*"fenna kuiper", "enter")  # not the whole name: refused
        await wait_for(pilot, lambda: "er is niets gewist" in str(screen.query_one("#erase-pupil-result").content))
        assert "Fenna Kuipers" in people(db_path)
        await pilot.press("s", "enter")
        await wait_for(pilot, lambda: screen.done_message != "", timeout=30)
        assert "blijft dit gewist" in screen.done_message
    assert people(db_path) == ["Fenja [/]Klein"]  # her father went with her
    (entry,) = read_ledger(db_path)
    assert (entry.kind, entry.grounds) == ("leerling", "verzoek")


async def test_a_name_that_looks_like_markup_is_shown_as_it_is(make_app, db_path):
    seed(db_path)
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_screen(pilot)
        await pilot.press(*"klein")
        await wait_for(pilot, lambda: "Fenja [/]Klein (klas 2B [havo])" in screen_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.chosen is not None)
        assert "Typ Fenja [/]Klein om te bevestigen" in " ".join(screen_text(app).split())
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
    assert len(people(db_path)) == 3  # nothing erased
