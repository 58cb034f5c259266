"""Pilot tests: the guides' letters (x, X, A, y, z) read as the case's own first names."""

from __future__ import annotations


from pestcli.screens.conversation import ConversationScreen
from pestcli.store import add_person, open_store
from pestcli.store.workflow import Rules, register_case
from pestcli.widgets.checklist import Checklist
from pestcli.widgets.guidance_panel import GuidancePanel
from ui_helpers import SIZE, TODAY, screen_text, wait_for


def make_case(db_path, protocol, calendar, *, bully: str = "Tom", follower: str | None = None) -> int:
    """A case in class 2B: Sanne (gepeste), ``bully`` (pester), optionally a meeloper; its id."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(db_path)
    roles = [(add_person(store, "Sanne", "de Vries", class_name="2B").id, "gepeste"),
             (add_person(store, bully, "Jansen", class_name="2B").id, "pester")]
    if follower is not None:
        roles.append((add_person(store, follower, "Bakker", class_name="2B").id, "meeloper"))
    case = register_case(store, Rules(protocol, calendar), reported_on=TODAY, reporter_kind="leerling",
                         parents_informed_after="na-stap-3", class_name="2B", roles=roles)
    store.close()
    return case.id


async def open_bijlage_4(app, pilot, case_id: int) -> ConversationScreen:
    screen = ConversationScreen(case_id, 3, "bijlage-4")
    app.push_screen(screen)
    await wait_for(pilot, lambda: app.screen is screen and screen.conversation_id is not None
                   and screen.query_one(Checklist).has_focus)
    return screen


async def test_bijlage_4_reads_the_pesters_and_the_gepestes_names(make_app, db_path, protocol, calendar):
    """"waarbij x (en y en z)" reads "waarbij Tom (en Mo en z)"; "A zich erg onprettig" reads "Sanne …"."""
    case_id = make_case(db_path, protocol, calendar, follower="Mo")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_bijlage_4(app, pilot, case_id)
        rows = {row.item.id: row for row in screen.query_one(Checklist).rows}
        assert "waarbij Tom (en Mo en z) betrokken is" in rows["b4.stappen.02"].text
        assert rows["b4.stappen.06"].text == "Vragen naar Tom’s kant van het verhaal."
        assert "Ik weet alleen dat Sanne zich erg onprettig heeft gevonden." in rows["b4.stappen.10"].text
        assert "Weet Tom toevallig al waar je op doelt?" in screen_text(app)
        # the guidance beside the item says the names too
        screen.query_one(Checklist).current = 3  # b4.stappen.04 with its aside about X and A
        panel = screen.query_one(GuidancePanel)
        await wait_for(pilot, lambda: "Tom meteen begint te mopperen" in str(
            panel.query_one("#guidance-item").render()))
        assert "Ja, Sanne is zeker weer naar jou toegekomen" in str(panel.query_one("#guidance-item").render())
        # the note editor's title too
        screen.query_one(Checklist).current = 2
        await pilot.press("n")
        await wait_for(pilot, lambda: screen.query_one("#note-editor").display)
        title = str(screen.query_one(".note-title").render())
        assert title == "Notitie bij punt 3: Dat je graag wilt weten wat Tom van de gebeurtenissen vindt."
        assert "wat Tom van de gebeurtenissen" in screen_text(app)


async def test_a_letter_without_a_person_stays_and_a_name_is_never_markup(make_app, db_path, protocol, calendar):
    """No meeloper: y and z stay letters; a name with brackets shows exactly as typed."""
    case_id = make_case(db_path, protocol, calendar, bully="[b]Tom[/b]")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_bijlage_4(app, pilot, case_id)
        row = screen.query_one(Checklist).rows[1]
        assert "waarbij [b]Tom[/b] (en y en z) betrokken is" in row.text
        await wait_for(pilot, lambda: "waarbij [b]Tom[/b] (en y en z)" in screen_text(app).replace("\n", " "))
        screen.query_one(Checklist).current = 2
        await pilot.press("n")
        await wait_for(pilot, lambda: screen.query_one("#note-editor").display)
        assert "wat [b]Tom[/b] van de gebeurtenissen" in str(screen.query_one(".note-title").render())


# --- bijlage 4, punt 15: the follow-up appointment on the agenda ---------------------
async def _tick_item_15(app, pilot, screen) -> None:
    checklist = screen.query_one(Checklist)
    checklist.current = next(i for i, row in enumerate(checklist.rows) if row.item.id == "b4.stappen.15")
    await pilot.press("d")
    await wait_for(pilot, lambda: type(app.screen).__name__ == "AppointmentDialog")


async def test_item_15_plans_the_appointment_three_school_days_later(make_app, db_path, protocol, calendar):
    """Ticking "Maak een vervolgafspraak over 3 dagen" offers the date; Enter puts it on the agenda."""
    from pestcli.protocol.appointments import school_days_after
    from pestcli.screens.home import HomeScreen
    from pestcli.store import conversation_detail, followups_of_case

    case_id = make_case(db_path, protocol, calendar)
    due = school_days_after(calendar, TODAY, 3)
    assert due == TODAY.replace(day=26)  # Monday 23 November 2026 -> Thursday 26 November
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_bijlage_4(app, pilot, case_id)
        await _tick_item_15(app, pilot, screen)
        assert "Over 3 schooldagen is donderdag 26 november 2026." in screen_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen
                       and screen.query_one(Checklist).state_of("b4.stappen.15") == "done")
        second = open_store(db_path)
        (followup,) = followups_of_case(second, case_id)
        assert (followup.label, followup.due_on) == ("Vervolgafspraak (bijlage 4, punt 15)", due)
        assert conversation_detail(second, screen.conversation_id).items["b4.stappen.15"].state == "done"
        second.close()
        assert any("Vervolgafspraak gepland op do 26 nov 2026" in n.message for n in app._notifications)
        # ticking it again does not ask (nor plan) a second time
        screen.query_one(Checklist).current = 14
        await pilot.press("o", "d")
        await wait_for(pilot, lambda: screen.query_one(Checklist).state_of("b4.stappen.15") == "done")
        assert app.screen is screen
        # the home screen lists it
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen)
                       and "Vervolgafspraak" in screen_text(app))
    second = open_store(db_path)
    assert len(followups_of_case(second, case_id)) == 1
    second.close()


async def test_item_15_can_be_ticked_without_planning_and_escape_does_neither(make_app, db_path, protocol,
                                                                               calendar):
    from pestcli.store import followups_of_case

    case_id = make_case(db_path, protocol, calendar)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_bijlage_4(app, pilot, case_id)
        await _tick_item_15(app, pilot, screen)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.query_one(Checklist).state_of("b4.stappen.15") == "open"
        await _tick_item_15(app, pilot, screen)
        await pilot.press("down", "enter")  # "Alleen afvinken, niet plannen"
        await wait_for(pilot, lambda: app.screen is screen
                       and screen.query_one(Checklist).state_of("b4.stappen.15") == "done")
    second = open_store(db_path)
    assert followups_of_case(second, case_id) == []
    second.close()


async def test_the_end_overview_reads_the_names_too(make_app, db_path, protocol, calendar):
    """The "Gesprek afronden?" overview lists the open items with the names, as the checklist does."""
    from pestcli.screens.conversation_summary import EndDialog

    case_id = make_case(db_path, protocol, calendar)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_bijlage_4(app, pilot, case_id)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, EndDialog))
        text = " ".join(screen_text(app).split())
        assert "3. Dat je graag wilt weten wat Tom van de gebeurtenissen vindt." in text
        assert "wat x van" not in text
