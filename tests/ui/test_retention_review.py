"""Retention review: the home line, keep with a reason, erase with a serious confirmation; the audit screen."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input
from ui_helpers import SIZE, screen_text, wait_for

from pestcli.screens.audit import AuditScreen
from pestcli.screens.home import HomeScreen
from pestcli.screens.retention_dialogs import EraseDialog, KeepDialog
from pestcli.screens.retention_review import RetentionReviewScreen
from pestcli.store import add_person, close_case, create_case, get_case, list_cases, open_store
from pestcli.store.backend.files import sidecars


def seed(db_path) -> tuple[int, int]:
    """A case closed three years ago (with a pupil's name) and one closed last month."""
    with open_store(db_path, daily_backup=False) as store:
        pupil = add_person(store, "Zeynep", "Oosterbroek", class_name="2B")
        ids = []
        for reported, closed, mark in ((date(2023, 9, 4), date(2023, 10, 2), "Fietsenstalling"),
                                       (date(2026, 9, 7), date(2026, 10, 20), "Kantine")):
            case = create_case(store, reported_on=reported, reporter_kind="leerling", parents_informed_after="na-stap-3",
                               protocol_name="Anti-pestprotocol", protocol_version="2.3", class_name="2B",
                               description=f"Zeynep Oosterbroek wordt gepest in de {mark}.",
                               roles=[(pupil.id, "gepeste")])
            close_case(store, case.id, closed, "opgelost")
            ids.append(case.id)
    return ids[0], ids[1]


async def open_review(pilot) -> RetentionReviewScreen:
    """From the home screen, with its line, to the review screen (key b)."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.retention_waiting == 1)
    await wait_for(pilot, lambda: "1 gesloten melding wacht op een bewaarbesluit" in screen_text(app))
    await pilot.press("b")
    await wait_for(pilot, lambda: isinstance(app.screen, RetentionReviewScreen) and app.screen.loaded)
    return app.screen


async def test_keep_with_a_reason_removes_the_case_from_the_list(make_app, db_path):
    old, recent = seed(db_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(pilot)
        numbers = [str(review.query_one(DataTable).get_row_at(i)[0]) for i in range(review.query_one(DataTable).row_count)]
        assert numbers == ["2023-0001"]  # not the case closed last month
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, KeepDialog))
        await pilot.press("ctrl+s")  # no reason yet: refused, stays open
        await wait_for(pilot, lambda: "Vul een reden in." in screen_text(app))
        assert isinstance(app.screen, KeepDialog)
        for key in "klacht loopt":
            await pilot.press("space" if key == " " else key)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, RetentionReviewScreen) and not review.items
                       and review.loaded)
        await wait_for(pilot, lambda: "Er wachten geen meldingen op een bewaarbesluit." in screen_text(app))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.retention_waiting == 0)
        assert "bewaarbesluit" not in screen_text(app)
    with open_store(db_path, daily_backup=False) as again:
        kept = get_case(again, old)
        assert kept.keep_reason == "klacht loopt" and kept.keep_until == date(2027, 11, 23)
        assert get_case(again, recent).keep_until is None


async def test_erase_needs_the_case_number_and_leaves_no_name_in_the_file(make_app, db_path):
    old, recent = seed(db_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, EraseDialog))
        await wait_for(pilot, lambda: "Melding 2023-0001 definitief wissen?" in screen_text(app))
        assert "ongedaan" in screen_text(app)
        await pilot.press("escape")  # cancel: nothing erased
        await wait_for(pilot, lambda: isinstance(app.screen, RetentionReviewScreen))
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, EraseDialog))
        for key in "2023-0002":
            await pilot.press("minus" if key == "-" else key)
        await pilot.press("enter")  # wrong number: refused
        await wait_for(pilot, lambda: any("er is niets gewist" in n.message for n in app._notifications))
        assert isinstance(app.screen, EraseDialog)
        app.screen.query_one(Input).value = ""
        for key in "2023-0001":
            await pilot.press("minus" if key == "-" else key)
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("De laatste reservekopie met deze gegevens verdwijnt rond" in n.message
                                          for n in app._notifications), timeout=20)
        await wait_for(pilot, lambda: "Melding 2023-0001 is gewist." in screen_text(app))
    data = db_path.read_bytes() + b"".join(p.read_bytes() for p in sidecars(db_path) if p.exists())
    assert b"Fietsenstalling" not in data and b"Kantine" in data
    with open_store(db_path, daily_backup=False) as again:
        assert [c.id for c in list_cases(again)] == [recent]
        assert get_case(again, recent).description.endswith("Kantine.")
    assert old != recent


async def test_the_audit_screen_shows_actions_without_names(make_app, db_path):
    seed(db_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.push_screen(AuditScreen())
        await wait_for(pilot, lambda: isinstance(app.screen, AuditScreen) and app.screen.loaded)
        text = screen_text(app)
        assert "Logboek" in text and "aangemaakt" in text and "gewijzigd" in text
        assert "Zeynep" not in text and "Oosterbroek" not in text
        assert "Meer regels" in text and "Terug" in text
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
