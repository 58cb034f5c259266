"""Pilot tests: the class conversation (bijlage 1) in its own place, per class and school year."""

from __future__ import annotations

from datetime import date

from pestcli.screens.agreement_dialog import AgreementDialog
from pestcli.screens.case import CaseScreen
from pestcli.screens.class_conversation import ClassConversationScreen
from pestcli.screens.class_picker import ClassPicker
from pestcli.screens.conversation_summary import EndDialog
from pestcli.screens.followup_dialog import FollowUpDialog
from pestcli.store import (
    add_person,
    class_agreements,
    class_conversations,
    conversations_of_case,
    open_store,
    plan_followups,
)
from pestcli.store.workflow import Rules, register_case
from pestcli.widgets.checklist import Checklist
from ui_helpers import SIZE, TODAY, screen_text, wait_for

YEAR = "2026-2027"  # the school year of TODAY (23 November 2026)


def make_case(db_path, protocol, calendar, class_name: str = "2B", victim: str = "Sanne") -> int:
    """A case of ``class_name`` with a victim and a bully; its id."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(db_path)
    try:
        roles = [(add_person(store, victim, "de Vries", class_name=class_name).id, "gepeste"),
                 (add_person(store, "Tom", "Jansen", class_name=class_name).id, "pester")]
        return register_case(store, Rules(protocol, calendar), reported_on=TODAY, reporter_kind="leerling",
                             parents_informed_after="na-stap-3", class_name=class_name, roles=roles).id
    finally:
        store.close()


async def type_text(pilot, text: str) -> None:
    """Type like a mentor, one key at a time."""
    await pilot.press(*["space" if char == " " else char for char in text])


def highlighted_prompt(app) -> str:
    """The plain text of the palette's highlighted line ("" when none)."""
    from textual.command import CommandList

    option = app.screen.query_one(CommandList).highlighted_option
    return "" if option is None else str(getattr(option.prompt, "plain", option.prompt))


def sections(app) -> str:
    """The left column of the case screen as plain text (people, agreements, the class's, ...)."""
    return str(app.screen.query_one("#case-sections").render())


async def open_case(pilot, case_id: int) -> CaseScreen:
    app = pilot.app
    app.open_case(case_id)
    await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.detail is not None
                   and app.screen.detail.case.id == case_id)
    return app.screen


async def class_screen(pilot) -> ClassConversationScreen:
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, ClassConversationScreen)
                   and app.screen.conversation_id is not None and app.screen.query_one(Checklist).has_focus)
    return app.screen


async def test_from_a_case_the_class_holds_it_and_every_case_of_the_class_shows_the_agreements(
        make_app, db_path, protocol, calendar):
    first = make_case(db_path, protocol, calendar)
    second = make_case(db_path, protocol, calendar, victim="Noor")
    other_class = make_case(db_path, protocol, calendar, class_name="3C", victim="Ali")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot, first)
        await pilot.press("k")
        screen = await class_screen(pilot)
        text = screen_text(app)
        assert "Klassengesprek 2B" in text and "Klas 2B · 2026-2027 · deelnemers: de hele klas" in text
        await pilot.press("d")  # "zeg geen vervelende of kwetsende dingen tegen elkaar": the class agrees
        await wait_for(pilot, lambda: screen.query_one(Checklist).state_of("b1.afspraken.01") == "done")
        await pilot.press("s")  # skipped: no agreement
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementDialog))
        await pilot.press("enter")  # "Samen" -> the text
        await type_text(pilot, "We laten elkaar uitpraten")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen
                       and ("De klas", "We laten elkaar uitpraten") in screen.agreements)
        store = open_store(db_path)
        (talk,) = class_conversations(store, "2B", YEAR)
        assert (talk.case_id, talk.ended_at) == (first, None)
        assert [v.agreement.text for v in class_agreements(store, "2B", YEAR)] == [
            "zeg geen vervelende of kwetsende dingen tegen elkaar", "We laten elkaar uitpraten"]
        assert conversations_of_case(store, first) == []  # not inside the case any more
        store.close()
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen)
                       and "We laten elkaar uitpraten" in sections(app))
        assert "Afspraken met de klas\n• “zeg geen vervelende of kwetsende dingen tegen elkaar” — nog niet " \
               "nagevraagd\n• “We laten elkaar uitpraten” — nog niet nagevraagd" in sections(app)
        # another case of 2B shows them too; a case of 3C does not
        await open_case(pilot, second)
        await wait_for(pilot, lambda: "We laten elkaar uitpraten" in sections(app))
        await open_case(pilot, other_class)
        await wait_for(pilot, lambda: "Klas 3C heeft dit schooljaar nog geen afspraken" in sections(app))
        assert "We laten elkaar uitpraten" not in sections(app)


async def test_k_again_resumes_the_class_conversation_and_ending_keeps_the_agreements(make_app, db_path, protocol,
                                                                                       calendar):
    case_id = make_case(db_path, protocol, calendar)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_case(pilot, case_id)
        await pilot.press("k")
        screen = await class_screen(pilot)
        first_id = screen.conversation_id
        await pilot.press("d", "d")
        await wait_for(pilot, lambda: screen.query_one(Checklist).counts()["done"] == 2)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        await pilot.press("k")
        screen = await class_screen(pilot)
        assert screen.conversation_id == first_id
        assert screen.query_one(Checklist).current == 2  # where it stopped
        # un-ticking takes the agreement back
        screen.query_one(Checklist).current = 1
        await pilot.press("o")
        await wait_for(pilot, lambda: screen.query_one(Checklist).state_of("b1.afspraken.02") == "open")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, EndDialog))
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Het gesprek is afgerond en opgeslagen." in screen_text(app))
        assert "staan bij elke melding van deze klas" in " ".join(screen_text(app).split())
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen)
                       and "“zeg geen vervelende of kwetsende dingen tegen elkaar” — nog niet" in sections(app))
        assert "Afspraken met de klas" in screen_text(app)  # in view at 120x40
    store = open_store(db_path)
    (talk,) = class_conversations(store, "2B", YEAR)
    assert talk.ended_at is not None
    assert [v.agreement.item_id for v in class_agreements(store, "2B", YEAR)] == ["b1.afspraken.01"]
    store.close()


async def test_from_the_palette_for_a_class_without_a_case(make_app, db_path, protocol, calendar):
    make_case(db_path, protocol, calendar, class_name="2B")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: "Zoek een opdracht" in screen_text(app))
        await pilot.press(*"klassengesprek")
        await wait_for(pilot, lambda: highlighted_prompt(app).startswith("Klassengesprek…")
                       and "Klassengesprek klas 2B" in screen_text(app))
        await pilot.press("enter")  # the first hit: "Klassengesprek…" asks for the class
        await wait_for(pilot, lambda: isinstance(app.screen, ClassPicker))
        assert "2B" in screen_text(app)
        await pilot.press("tab")  # another class, typed; "[b]" is shown as typed
        await pilot.press(*"4[b]")
        await pilot.press("enter")
        screen = await class_screen(pilot)
        assert (screen.class_name, screen.case_id) == ("4[b]", None)
        assert "Klassengesprek 4[b]" in screen_text(app)
    store = open_store(db_path)
    (talk,) = class_conversations(store, "4[b]", YEAR)
    assert talk.case_id is None
    store.close()


async def test_a_case_without_a_class_asks_for_it(make_app, db_path, protocol, calendar):
    case_id = make_case(db_path, protocol, calendar, class_name="")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_case(pilot, case_id)
        assert "Deze melding noemt geen klas" in sections(app)
        await pilot.press("k")
        await wait_for(pilot, lambda: isinstance(app.screen, ClassPicker))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        await pilot.press("k")
        await wait_for(pilot, lambda: isinstance(app.screen, ClassPicker))
        await pilot.press("enter")  # no known class typed: the field says why
        await wait_for(pilot, lambda: "De klas mag niet leeg zijn." in screen_text(app))


async def test_a_followup_revisits_the_class_agreements(make_app, db_path, protocol, calendar):
    """The follow-up lists the class's agreements apart; unticked is broken, in the follow-up's transaction."""
    from pestcli.store import add_class_agreement, followups_of_case

    case_id = make_case(db_path, protocol, calendar)
    store = open_store(db_path)
    add_class_agreement(store, "2B", YEAR, "Help elkaar", TODAY)
    add_class_agreement(store, "2B", YEAR, "Niet na-apen", TODAY)
    (followup,) = plan_followups(store, case_id, [("na twee dagen", date(2026, 11, 25))])
    store.close()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(FollowUpDialog(followup.id))
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpDialog) and "Niet na-apen" in screen_text(app))
        assert "Afspraken met klas 2B (klassengesprek)" in screen_text(app)
        dialog = app.screen
        lists = dialog.query_one("#class-agreements")
        lists.focus()
        await pilot.press("down", "space")  # "Niet na-apen": not kept
        await wait_for(pilot, lambda: len(lists.selected) == 1)
        await pilot.press("g")  # the case's own follow-up went well
        await wait_for(pilot, lambda: not isinstance(app.screen, FollowUpDialog))
    store = open_store(db_path)
    views = {v.agreement.text: v.last_check for v in class_agreements(store, "2B", YEAR)}
    assert views["Help elkaar"].status == "kept" and views["Niet na-apen"].status == "broken"
    assert views["Niet na-apen"].followup_id == followup.id
    (row,) = followups_of_case(store, case_id)
    assert row.outcome == "goed"  # a broken class agreement does not move the case up the ladder
    store.close()
